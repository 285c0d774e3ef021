"""Validation throughput: ``ingest.load_dataset`` (every check ``kg validate`` and
``kg build`` make) on a synthetic set in CSV and in XLSX, in rows per second,
against the bare reading of the same files (``csv.reader`` / openpyxl
``iter_rows``) timed interleaved in the same run.

    python bench/bench_ingest.py                       # 100k nodes / 310k relationships, CSV and XLSX
    python bench/bench_ingest.py --against 594f822     # also the ingest package of an older commit

``--against REV`` copies ``ingest/*.py`` of that commit into a temporary folder
and times both versions in fresh processes, alternating (before/after figures
for a speed-up).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SCALE_100K, dataset_rows, fmt_s, interleaved, median, synth_dataset, write_result  # noqa: E402

from ingest.dataset import load_dataset  # noqa: E402


def to_xlsx(src: Path) -> Path:
    """The same dataset with every table as an .xlsx workbook (made once)."""
    from openpyxl import Workbook

    dst = src.parent / (src.name + "-xlsx")
    if (dst / ".complete").exists():
        return dst
    for sub in ("nodes", "relationships"):
        (dst / sub).mkdir(parents=True, exist_ok=True)
        for p in sorted((src / sub).glob("*.csv")):
            wb = Workbook(write_only=True)
            ws = wb.create_sheet()
            with open(p, encoding="utf-8", newline="") as fh:
                for row in csv.reader(fh):
                    ws.append(row)
            wb.save(dst / sub / (p.stem + ".xlsx"))
    for extra in ("dataset.yaml",):
        (dst / extra).write_bytes((src / extra).read_bytes())
    (dst / "sources").mkdir(exist_ok=True)
    for p in (src / "sources").glob("*.txt"):
        (dst / "sources" / p.name).write_bytes(p.read_bytes())
    (dst / ".complete").write_text("ok")
    return dst


def parse_csv(path: Path) -> int:
    n = 0
    for p in sorted(path.glob("*/*.csv")):
        text = p.read_bytes().decode("utf-8")
        n += sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    return n


def parse_xlsx(path: Path) -> int:
    from openpyxl import load_workbook

    n = 0
    for p in sorted(path.glob("*/*.xlsx")):
        wb = load_workbook(p, read_only=True, data_only=True)
        n += sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) - 1
        wb.close()
    return n


CHILD = ("import sys, time; sys.path.insert(0, sys.argv[1]) if sys.argv[1] else None; "
         "import ingest.dataset as d; t = time.perf_counter(); d.load_dataset(sys.argv[2]); "
         "print(time.perf_counter() - t)")


def ingest_at(rev: str) -> Path:
    """``ingest/*.py`` of git revision ``rev`` in a temporary folder (importable as ``ingest``)."""
    out = Path(tempfile.mkdtemp(prefix=f"kg-ingest-{rev}-"))
    pkg = out / "ingest"
    pkg.mkdir()
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{rev}:ingest/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        if name.endswith(".py"):
            text = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:ingest/{name}"], check=True,
                                  capture_output=True).stdout
            (pkg / name).write_bytes(text)
    return out


def child_seconds(path: Path, pythonpath: str) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, pythonpath, str(path)], check=True, capture_output=True,
                         text=True, cwd=tempfile.gettempdir(), env=dict(os.environ, PYTHONPATH=""))
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-xlsx", action="store_true")
    ap.add_argument("--against", metavar="REV", help="also time the ingest package of this git revision")
    args = ap.parse_args()
    path = synth_dataset(args.scale)
    rows = dataset_rows(path)
    result: dict = {"dataset": {"path": str(path), "scale": args.scale, "rows": rows}, "runs": args.runs}
    formats = {"csv": (path, parse_csv)}
    if not args.no_xlsx:
        formats["xlsx"] = (to_xlsx(path), parse_xlsx)
    load = os.getloadavg()
    result["load_average_before"] = [round(x, 2) for x in load]
    print(f"dataset {path}: {rows:,} rows; {args.runs} runs, interleaved; load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}\n")
    print("| format | validate (load_dataset) | rows/s | bare read | rows/s | ratio |\n|---|---|---|---|---|---|")
    for fmt, (folder, parse) in formats.items():
        times = interleaved({"validate": lambda f=folder: load_dataset(f), "read": lambda f=folder, p=parse: p(f)},
                            args.runs)
        v, r = median(times["validate"]), median(times["read"])
        result[fmt] = {"validate_s": [round(t, 3) for t in times["validate"]],
                       "read_s": [round(t, 3) for t in times["read"]],
                       "validate_median_s": round(v, 3), "read_median_s": round(r, 3),
                       "validate_rows_per_s": round(rows / v), "read_rows_per_s": round(rows / r),
                       "ratio_validate_to_read": round(v / r, 2)}
        print(f"| {fmt} | {fmt_s(v)} | {rows / v:,.0f} | {fmt_s(r)} | {rows / r:,.0f} | {v / r:.2f}x |")
    if args.against:
        old = ingest_at(args.against)
        a, b = [], []
        for _ in range(args.runs):  # alternate; each child reports its own load_dataset time
            a.append(child_seconds(path, str(old)))
            b.append(child_seconds(path, ""))
        shutil.rmtree(old, ignore_errors=True)
        ma, mb = median(a), median(b)
        result["against"] = {"rev": args.against, "old_s": [round(t, 3) for t in a], "new_s": [round(t, 3) for t in b],
                             "old_median_s": round(ma, 3), "new_median_s": round(mb, 3), "speedup": round(ma / mb, 2)}
        print(f"\nCSV validation, ingest at {args.against}: {fmt_s(ma)} ({rows / ma:,.0f} rows/s); "
              f"now: {fmt_s(mb)} ({rows / mb:,.0f} rows/s); {ma / mb:.2f}x faster")
    load = os.getloadavg()
    result["load_average_after"] = [round(x, 2) for x in load]
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"\nwrote {write_result('ingest', result)}")


if __name__ == "__main__":
    main()
