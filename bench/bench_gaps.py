"""Each gap kind of ``find_gaps`` at 100k nodes: this tree against an older revision, in the same run.

    python bench/bench_gaps.py                          # against HEAD (the committed gap queries)
    python bench/bench_gaps.py --against 09deec3        # against an older revision
    python bench/bench_gaps.py --home /tmp/gaps-helper  # reuse a store that already holds the set

The set is ``kg synth --scale 79`` (bench/common.py), built once into a local engine (not timed) unless
``--home`` already holds a graph. The baseline is ``queries/gaps.py`` and its ``gaps_*.cypher`` files as
they were at ``--against``, loaded from git and run on the same store. For every kind, and for the whole
``find_gaps(store, years=3)``, the two are timed interleaved (A B A B ...) and their medians printed with
the ratio; the rows of both must be equal (the benchmark stops otherwise). ``--json PATH`` writes every run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SCALE_100K, fmt_s, interleaved, machine, median, synth_dataset  # noqa: E402

from kg.stores.falkor import FalkorStore  # noqa: E402


def git_show(rev: str, path: str) -> str | None:
    proc = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def old_gaps_module(rev: str) -> types.ModuleType:
    """``queries.gaps`` as it was at ``rev``, reading its Cypher files from ``rev`` too."""
    from kg.cypher_files import cypher as current

    def cypher(name: str) -> str:
        for folder in ("queries/cypher", "kg/cypher"):
            text = git_show(rev, f"{folder}/{name}.cypher")
            if text is not None:
                return text
        return current(name)

    source = git_show(rev, "queries/gaps.py")
    if source is None:
        raise SystemExit(f"queries/gaps.py does not exist at {rev}")
    mod = types.ModuleType("gaps_at_" + rev)
    mod.__dict__["__name__"] = mod.__name__
    sys.modules[mod.__name__] = mod  # dataclasses look their module up
    exec(compile(source, f"{rev}:queries/gaps.py", "exec"), mod.__dict__)
    mod.cypher = cypher
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--as-of", type=int, default=None, help="evaluation year (default: this year)")
    ap.add_argument("--against", default="HEAD", help="git revision of the baseline (default HEAD)")
    ap.add_argument("--home", type=Path, default=None, help="a KG home to reuse (built there if empty)")
    ap.add_argument("--kinds", default=None, help="comma-separated gap kinds (default: all)")
    ap.add_argument("--json", type=Path, default=None, help="write the runs to this file")
    args = ap.parse_args()

    from ingest.dataset import load_dataset
    from kg.build import build
    from queries import gaps as new

    old = old_gaps_module(args.against)
    kinds = new.check_kinds(args.kinds.split(",") if args.kinds else None)
    home = args.home or Path(tempfile.mkdtemp(prefix="kg-bench-gaps-"))
    store = FalkorStore.local(home)
    out: dict = {"benchmark": "gaps", "machine": machine(), "against": args.against, "runs": args.runs,
                 "years": args.years, "as_of": args.as_of, "kinds": {}}
    try:
        if not store.has_graph():
            path = synth_dataset(args.scale)
            t = time.perf_counter()
            build(load_dataset(path), store)
            print(f"built {path.name} in {time.perf_counter() - t:.1f} s (not timed)")
        kw = {"years": args.years, "as_of": args.as_of}
        print(f"load average before: {machine()['load_average']}")
        print(f"\n| gap kind | rows | this tree (median) | {args.against} (median) | ratio |\n|---|---|---|---|---|")
        cases = [(k, [k]) for k in kinds] + ([("find_gaps (all kinds)", None)] if len(kinds) > 1 else [])
        for name, ks in cases:
            rows_new = [dataclasses.asdict(r) for r in new.find_gaps(store, kinds=ks, **kw)]
            rows_old = [dataclasses.asdict(r) for r in old.find_gaps(store, kinds=ks, **kw)]
            if rows_new != rows_old:
                raise SystemExit(f"{name}: the rows differ from {args.against}'s")
            times = interleaved({"new": lambda: new.find_gaps(store, kinds=ks, **kw),
                                 "old": lambda: old.find_gaps(store, kinds=ks, **kw)}, args.runs)
            mn, mo = median(times["new"]), median(times["old"])
            print(f"| {name} | {len(rows_new):,} | {fmt_s(mn)} | {fmt_s(mo)} | {mn / mo:.2f}x |", flush=True)
            out["kinds"][name] = {"rows": len(rows_new), "median_s": round(mn, 4), "baseline_median_s": round(mo, 4),
                                  "runs_s": [round(x, 4) for x in times["new"]],
                                  "baseline_runs_s": [round(x, 4) for x in times["old"]]}
        out["load_average_after"] = machine()["load_average"]
        print(f"\nload average after: {out['load_average_after']}")
    finally:
        store.close()
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
