"""``kg merge``: add the accepted rows of a review folder (``kg extract`` +
``kg accept``, or rows an analyst marked by hand) to a dataset folder.

Building a review folder alone replaces the graph with that one article; an
analyst wants the article's new entities and ties *added* to the programme's
dataset. The merge:

* reads both folders with :func:`ingest.dataset.load_dataset` (the review's
  accepted rows only; both must be valid);
* adds every accepted node and relationship whose id the dataset does not have
  yet (entities the extraction linked to the graph keep the dataset's row: the
  dataset is the curated truth), drops the review columns (``status``,
  offsets, rule, link), copies the article's text into ``sources/`` and adds
  its id to ``dataset.yaml``;
* writes into a copy of the dataset folder, validates the copy as a whole
  (dangling ends, evidence found in its source ...) and only then swaps it in:
  an invalid merge leaves the dataset untouched. Files that gain rows are
  rewritten as UTF-8 CSV (with a BOM, so Excel opens them); the others are not
  touched, and merging the same review again changes nothing (ids are stable).

>>> MergeResult(nodes={"Organization": 2}, rels={"PARTNERS_WITH": 1}, kept=3).summary()
'added 2 nodes (Organization 2) and 1 relationships (PARTNERS_WITH 1); 3 already in the dataset'
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.dataset import REVIEW_COLUMNS, Dataset, load_dataset
from ingest.readers import read_table
from kg.schema import Schema, load_schema


class MergeError(ValueError):
    """A merge that cannot be done; the message is one line."""


@dataclass
class MergeResult:
    nodes: dict[str, int] = field(default_factory=dict)  # rows added per label
    rels: dict[str, int] = field(default_factory=dict)  # rows added per type
    kept: int = 0  # accepted rows whose id the dataset already had
    skipped: int = 0  # review rows not accepted
    files: list[str] = field(default_factory=list)  # files written (relative to the dataset)

    @property
    def added(self) -> int:
        return sum(self.nodes.values()) + sum(self.rels.values())

    def summary(self) -> str:
        def part(d: dict[str, int]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(d.items()))

        n, r = sum(self.nodes.values()), sum(self.rels.values())
        text = f"added {n} nodes" + (f" ({part(self.nodes)})" if n else "")
        text += f" and {r} relationships" + (f" ({part(self.rels)})" if r else "")
        return text + f"; {self.kept} already in the dataset"


def _table_file(folder: Path, stem: str) -> Path | None:
    for p in sorted(folder.glob(f"{stem}.*")) if folder.is_dir() else []:
        if p.suffix.lower() in (".csv", ".xlsx", ".yaml", ".yml", ".json") and not p.name.startswith((".", "~$")):
            return p
    return None


def _raw_rows(path: Path, wanted: set[int]) -> list[dict[str, Any]]:
    """The rows of ``path`` with those spreadsheet row numbers, as read (strings)."""
    return [row for i, row in read_table(path).rows if i in wanted]


def _write_csv(path: Path, header: list[str], rows: Iterable[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})


def _add_rows(target: Path, new: list[dict[str, Any]], schema_cols: list[str], rel_name: str) -> None:
    """Append ``new`` rows to the CSV ``target`` (made if missing), widening its header."""
    if target.exists():
        if target.suffix.lower() != ".csv":
            raise MergeError(f"{rel_name}: the dataset keeps these rows in {target.suffix} and merge writes CSV only; "
                             "save it as CSV first")
        table = read_table(target)
        header, rows = list(table.header), [r for _, r in table.rows]
    else:
        header, rows = [], []
    for r in new:
        for k in r:
            if k not in header and k not in REVIEW_COLUMNS:
                header.append(k)
    header.sort(key=lambda c: schema_cols.index(c) if c in schema_cols else len(schema_cols))
    _write_csv(target, header, rows + [{k: v for k, v in r.items() if k not in REVIEW_COLUMNS} for r in new])


def plan_merge(review: Dataset, dataset: Dataset) -> tuple[dict[str, list[Any]], dict[str, list[Any]], int]:
    """The review's accepted node and relationship rows the dataset lacks (by id), per label/type,
    and how many accepted rows it already has.

    >>> from ingest.dataset import Dataset, NodeRow
    >>> a, b = NodeRow("Field", {"id": "field:a"}, "f", 2), NodeRow("Field", {"id": "field:b"}, "f", 3)
    >>> rev = Dataset(Path("r"), {}, nodes={"Field": [a, b]})
    >>> have = Dataset(Path("d"), {}, nodes={"Field": [a]})
    >>> nodes, rels, kept = plan_merge(rev, have)
    >>> [r.id for r in nodes["Field"]], rels, kept
    (['field:b'], {}, 1)
    """
    have_nodes = {r.id for rows in dataset.nodes.values() for r in rows}
    have_rels = {r.id for rows in dataset.rels.values() for r in rows}
    nodes: dict[str, list[Any]] = {}
    rels: dict[str, list[Any]] = {}
    kept = 0
    for label, rows in review.nodes.items():
        for r in rows:
            if r.id in have_nodes:
                kept += 1
            else:
                nodes.setdefault(label, []).append(r)
    for rtype, rows in review.rels.items():
        for r in rows:
            if r.id in have_rels:
                kept += 1
            else:
                rels.setdefault(rtype, []).append(r)
    return nodes, rels, kept


def merge_review(review_dir: Path | str, into: Path | str, dry_run: bool = False,
                 schema: Schema | None = None) -> MergeResult:
    """Add the accepted rows of ``review_dir`` that ``into`` lacks; all or nothing.

    Raises :class:`ingest.dataset.DatasetInvalid` when either folder, or the merged
    result, is invalid (file names refer to the folders given), and
    :class:`MergeError` for what cannot be merged (a non-CSV target file, a
    conflicting source text).
    """
    schema = schema or load_schema()
    review_dir, into = Path(review_dir), Path(into)
    review = load_dataset(review_dir, schema)
    dataset = load_dataset(into, schema)
    nodes, rels, kept = plan_merge(review, dataset)
    res = MergeResult(nodes={k: len(v) for k, v in nodes.items()}, rels={k: len(v) for k, v in rels.items()},
                      kept=kept, skipped=review.skipped)
    texts: list[Path] = []
    for p in sorted((review_dir / "sources").glob("*.txt")) if (review_dir / "sources").is_dir() else []:
        mine = into / "sources" / p.name
        if not mine.exists():
            texts.append(p)
        elif mine.read_bytes() != p.read_bytes():
            raise MergeError(f"sources/{p.name} differs between {review_dir} and {into}: "
                             "two different texts under one source name; rename one")
    meta = dict(dataset.meta)
    new_sources = [s for s in review.meta.get("sources") or [] if s not in (meta.get("sources") or [])]
    if dry_run or (not res.added and not texts and not new_sources):
        return res

    staged = Path(tempfile.mkdtemp(prefix=f".{into.name}.merge-", dir=into.parent))
    try:
        work = staged / into.name
        shutil.copytree(into, work)
        for kind, groups in (("nodes", nodes), ("relationships", rels)):
            for name, rows in groups.items():
                cols = (list(schema.label(name).properties) if kind == "nodes"
                        else ["src", "dst", "key", *schema.rel(name).properties])
                src = _table_file(review_dir / kind, name)
                assert src is not None, (kind, name)
                raw = _raw_rows(src, {r.row for r in rows})
                existing = _table_file(work / kind, name)
                target = existing or (work / kind / f"{name}.csv")
                target.parent.mkdir(parents=True, exist_ok=True)
                _add_rows(target, raw, cols, f"{kind}/{target.name}")
                res.files.append(f"{kind}/{target.name}")
        for p in texts:
            (work / "sources").mkdir(exist_ok=True)
            shutil.copyfile(p, work / "sources" / p.name)
            res.files.append(f"sources/{p.name}")
        if new_sources:
            meta["sources"] = list(meta.get("sources") or []) + new_sources
            (work / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
            res.files.append("dataset.yaml")
        load_dataset(work, schema)  # the copy has the dataset's folder name: problems name its files
        # swap: the old folder aside, the merged one in, then the old one away
        old = staged / (into.name + ".old")
        os.replace(into, old)
        os.replace(work, into)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    res.files.sort()
    return res
