"""``kg accept``: promote the candidate rows of a review folder whose confidence
reaches a threshold to ``accepted`` (rows an analyst already accepted or
rejected are left alone). A relationship is accepted only when both of its
ends are accepted nodes, so the accepted rows always build.

>>> parse_confidence("0.85"), parse_confidence("")
(0.85, 0.0)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DEFAULT_THRESHOLD = 0.7


class AcceptError(ValueError):
    """A review folder that cannot be updated; the message is one line."""


@dataclass
class Accepted:
    nodes: int = 0
    relationships: int = 0
    left: int = 0  # candidates left for the analyst
    rejected: int = 0


def parse_confidence(cell: str) -> float:
    cell = (cell or "").strip()
    if not cell:
        return 0.0
    return float(cell)


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            r = csv.DictReader(fh)
            rows = list(r)
            return list(r.fieldnames or []), rows
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise AcceptError(f"{path}: cannot be read ({e})") from None


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def _promote(path: Path, rows: list[dict[str, str]], threshold: float, ok_ends: set[str] | None,
             res: Accepted, kind: str) -> None:
    for i, row in enumerate(rows, start=2):
        status = (row.get("status") or "").strip().lower()
        if status == "rejected":
            res.rejected += 1
        if status != "candidate":
            continue
        try:
            conf = parse_confidence(row.get("confidence", ""))
        except ValueError:
            raise AcceptError(f"{path}, row {i}: confidence {row.get('confidence')!r} is not a number") from None
        ends_ok = ok_ends is None or (row.get("src") in ok_ends and row.get("dst") in ok_ends)
        if conf >= threshold and ends_ok:
            row["status"] = "accepted"
            setattr(res, kind, getattr(res, kind) + 1)
        else:
            res.left += 1


def accept_folder(folder: Path | str, threshold: float = DEFAULT_THRESHOLD) -> Accepted:
    """Accept every candidate with ``confidence >= threshold`` (see the module doc)."""
    folder = Path(folder)
    if not (folder / "nodes").is_dir():
        raise AcceptError(f"{folder}: not a review folder (no nodes/ folder; write one with kg extract)")
    if not 0.0 <= threshold <= 1.0:
        raise AcceptError(f"--min-confidence {threshold} is outside 0..1")
    others = [p.name for sub in ("nodes", "relationships") for p in (folder / sub).glob("*")
              if p.suffix.lower() in (".xlsx", ".json", ".yaml", ".yml")]
    if others:
        raise AcceptError(f"{folder}: kg accept edits the CSV files kg extract wrote; found {others[0]} "
                          "(set its status column by hand)")
    res = Accepted()
    accepted_ids: set[str] = set()
    for p in sorted((folder / "nodes").glob("*.csv")):
        header, rows = _read(p)
        if "status" in header:
            _promote(p, rows, threshold, None, res, "nodes")
            _write(p, header, rows)
        accepted_ids |= {r.get("id", "") for r in rows if (r.get("status") or "").strip().lower() in ("", "accepted")}
    for p in sorted((folder / "relationships").glob("*.csv")):
        header, rows = _read(p)
        if "status" not in header:
            continue
        _promote(p, rows, threshold, accepted_ids, res, "relationships")
        _write(p, header, rows)
    return res
