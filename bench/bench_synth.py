"""The generator: time and peak memory of ``kg synth`` from 100k to 1M nodes.

    python bench/bench_synth.py            # scale 79 (100k nodes / 310k rels) and 787 at 5/node (1M / 5M)

Each size runs in a fresh process (peak RSS read from /proc). Memory should
stay flat: the generator streams rows to the CSV files and keeps no graph. The
baseline is the smallest size of the same run (ratio of time and of peak).
The datasets stay under ``$KG_BENCH_DATA`` for bench_build/bench_queries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, SCALE_100K, SCALE_1M, dataset_rows, median, run_measured, write_result  # noqa: E402

CHILD = ("import sys; sys.path.insert(0, {bench!r}); from common import synth_dataset; "
         "p = synth_dataset({scale}, rels_per_node={rpn}); print(p)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1, help="runs per size (the 1M one takes minutes)")
    ap.add_argument("--sizes", default=f"{SCALE_100K}:3,{SCALE_1M}:5", help="scale:rels_per_node,...")
    args = ap.parse_args()
    bench = str(Path(__file__).resolve().parent)
    out = {}
    print("| scale | rels/node | nodes + rels (rows) | seconds (median) | rows/s | peak RSS |\n|---|---|---|---|---|---|")
    for spec in args.sizes.split(","):
        scale, rpn = (float(x) for x in spec.split(":"))
        secs, peaks, path = [], [], None
        for _ in range(args.runs):
            marker = DATA / f"synth-s{scale:g}-seed42-r{rpn:g}" / ".complete"
            marker.unlink(missing_ok=True)  # force a fresh generation
            r = run_measured([sys.executable, "-c", CHILD.format(bench=bench, scale=scale, rpn=rpn)])
            if r["returncode"] != 0:
                raise SystemExit(r["stderr"][-2000:])
            secs.append(r["seconds"])
            peaks.append(r["peak_mb"]["process"])
            path = Path(r["stdout"].strip().splitlines()[-1])
        rows = dataset_rows(path)
        size_mb = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6
        out[spec] = {"scale": scale, "rels_per_node": rpn, "rows": rows, "seconds": [round(s, 2) for s in secs],
                     "median_s": round(median(secs), 2), "peak_mb": max(peaks), "disk_mb": round(size_mb)}
        print(f"| {scale:g} | {rpn:g} | {rows:,} | {median(secs):.1f} s | {rows / median(secs):,.0f} | {max(peaks)} MB |")
    specs = list(out)
    base, top = out[specs[0]], out[specs[-1]]
    ratio = {"rows": round(top["rows"] / base["rows"], 1), "time": round(top["median_s"] / base["median_s"], 1),
             "peak_memory": round(top["peak_mb"] / base["peak_mb"], 2)}
    print(f"\n{specs[-1]} vs {specs[0]}: {ratio['rows']}x the rows, {ratio['time']}x the time, "
          f"{ratio['peak_memory']}x the peak memory")
    print(f"wrote {write_result('synth', {'sizes': out, 'ratio_largest_to_smallest': ratio})}")


if __name__ == "__main__":
    main()
