"""Build speed: ``kg build`` of a synthetic set on the local engine vs the raw
engine speed (a bare batched ``UNWIND ... MERGE`` of the same rows through the
same ``falkordb`` client), timed interleaved in the same run.

    python bench/bench_build.py                 # 100k nodes / 310k relationships, 3 runs
    python bench/bench_build.py --against 09deec3 --cases raw,"kg build"   # and the command at an older commit
    python bench/bench_build.py --big           # and once at 1M nodes / 5M relationships (minutes)

Cases (medians of ``--runs``):

* ``raw``       fresh graph, an id index per label, then 5,000-row ``UNWIND $rows AS r MERGE (n:L {id: r.id})
                SET n = r.props`` and ``UNWIND ... MATCH (a) MATCH (b) MERGE (a)-[e:T {id: r.id}]->(b) SET e =
                r.props`` batches, one after the other; rows built beforehand (not timed).
* ``build``     in one process on the same engine: ``load_dataset`` (all validation) + ``kg.build.build``
                (constraints, name and relationship indexes, writes, switch, snapshot).
* ``write``     ``kg.build.build`` alone on the already validated dataset (the engine side of ``build``).
* ``build_path`` in one process: ``kg.build.build_path``, validation and loading overlapped (each file is
                sent to the engine while the next is checked); what ``kg build`` would take if it called it.
* ``kg build``  the command, end to end, as a user runs it: a fresh ``KG_HOME`` each run, so it also
                starts and stops the engine and imports Python. Since 8ba9bac it validates and loads
                overlapped (``build_path``) on FalkorDB stores.
* ``kg build @REV`` (``--against REV``) the same command with the code of git revision ``REV`` (``git
                archive`` into a temporary folder put first on ``PYTHONPATH``): before/after in one run.

Target (issue 7): ``kg build`` <= 1.5x ``raw``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    SCALE_100K,
    SCALE_1M,
    dataset_rows,
    fmt_s,
    interleaved,
    median,
    run_measured,
    synth_dataset,
    write_result,
)

from ingest.dataset import load_dataset  # noqa: E402
from kg import cypher_files as cq  # noqa: E402
from kg.build import BATCH_SIZE, build, build_path  # noqa: E402
from kg.schema import load_schema  # noqa: E402
from kg.stores.base import batched  # noqa: E402
from kg.stores.falkor import FalkorStore  # noqa: E402

TARGET = 1.5


def raw_batches(ds, schema) -> list[tuple[str, list[dict]]]:
    """The rows as a bare loader would send them: MERGE per label, per (type, end labels)."""
    out = []
    for label in schema.labels:
        rows = [{"id": r.id, "props": r.props} for r in ds.nodes.get(label) or []]
        out += [(cq.node_merge(label), b) for b in batched(rows, BATCH_SIZE)]
    for rtype in schema.relationships:
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in ds.rels.get(rtype) or []:
            groups.setdefault((r.src_label, r.dst_label), []).append(
                {"src": r.src, "dst": r.dst, "id": r.id, "props": {"id": r.id, **r.props}})
        for (src, dst), rows in sorted(groups.items()):
            out += [(cq.rel_merge(rtype, src, dst), b) for b in batched(rows, BATCH_SIZE)]
    return out


def raw_load(store: FalkorStore, schema, batches, name: str) -> None:
    g = store.db.select_graph(name)
    for label in schema.labels:
        g.query(f"CREATE INDEX FOR (n:{schema.checked_label(label)}) ON (n.id)")
    for q, rows in batches:
        g.query(q, {"rows": rows})
    g.delete()


def kg_build_cmd(path: Path) -> list[str]:
    exe = shutil.which("kg")
    return [exe, "build", str(path), "-q"] if exe else [sys.executable, "-m", "kg.cli", "build", str(path), "-q"]


def code_at(rev: str) -> Path:
    """The project's files at git revision ``rev`` in a temporary folder (put it first on PYTHONPATH)."""
    import subprocess

    out = Path(tempfile.mkdtemp(prefix=f"kg-code-{rev}-"))
    root = Path(__file__).resolve().parent.parent
    repo = root if (root / ".git").exists() else Path.cwd()  # a copy of the code: the repository we run in
    archive = subprocess.run(["git", "-C", str(repo), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def cli_build(path: Path, pythonpath: str | None = None) -> dict:
    home = Path(tempfile.mkdtemp(prefix="kg-bench-home-"))
    pidfile = home / "falkordb" / "server.pid"

    def engine() -> dict[str, int]:
        try:
            return {"engine": int(pidfile.read_text().split()[0])}
        except (OSError, ValueError, IndexError):
            return {}

    try:
        env = dict(os.environ, KG_HOME=str(home))
        if pythonpath:
            env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
        r = run_measured(kg_build_cmd(path), env=env, extra_pids=engine)
        if r["returncode"] != 0:
            raise SystemExit(f"kg build failed:\n{r['stderr'][-2000:]}")
        return r
    finally:
        shutil.rmtree(home, ignore_errors=True)


def bench_100k(scale: float, runs: int, cases: list[str] | None = None, against: str | None = None) -> dict:
    path = synth_dataset(scale)
    rows = dataset_rows(path)
    schema = load_schema()
    ds = load_dataset(path)
    n_nodes, n_rels = sum(ds.node_counts().values()), sum(ds.rel_counts().values())
    batches = raw_batches(ds, schema)
    home = Path(tempfile.mkdtemp(prefix="kg-bench-engine-"))
    store = FalkorStore.local(home)
    cli_runs: list[dict] = []
    k = [0]

    def raw() -> None:
        k[0] += 1
        raw_load(store, schema, batches, f"bench-raw-{k[0]}")

    def inproc() -> None:
        build(load_dataset(path), store)

    def write_only() -> None:
        build(ds, store)

    def pipelined() -> None:
        build_path(path, store)

    def cli() -> None:
        cli_runs.append(cli_build(path))

    old = code_at(against) if against else None

    def cli_old() -> None:
        cli_build(path, str(old))

    every = {"raw": raw, "build": inproc, "write": write_only, "build_path": pipelined, "kg build": cli}
    if against:
        every[f"kg build @{against}"] = cli_old
    chosen = {k: v for k, v in every.items() if not cases or k in cases or k.startswith("kg build @")}
    load = os.getloadavg()
    try:
        print(f"dataset {path}: {n_nodes:,} nodes, {n_rels:,} relationships ({rows:,} rows); {runs} runs, interleaved;"
              f" load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        times = interleaved(chosen, runs)
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    med = {k: median(v) for k, v in times.items()}
    ratios = {k: med[k] / med["raw"] for k in med}
    print(f"\n| case | median | runs | ratio to raw |\n|---|---|---|---|")
    for name in times:
        print(f"| {name} | {fmt_s(med[name])} | {', '.join(f'{t:.2f}' for t in times[name])} | {ratios[name]:.2f}x |")
    met = ratios["kg build"] <= TARGET
    print(f"\ntarget kg build <= {TARGET}x raw: {'met' if met else 'NOT met'} ({ratios['kg build']:.2f}x); "
          f"kg build peak RSS: python {max(r['peak_mb'].get('process', 0) for r in cli_runs)} MB, "
          f"engine {max(r['peak_mb'].get('engine', 0) for r in cli_runs)} MB")
    if against:
        print(f"kg build now vs at {against}: {med['kg build']:.2f} s vs {med[f'kg build @{against}']:.2f} s "
              f"({med[f'kg build @{against}'] / med['kg build']:.2f}x faster)")
    return {
        "dataset": {"path": str(path), "scale": scale, "nodes": n_nodes, "relationships": n_rels, "rows": rows},
        "runs": runs,
        "seconds": {k: [round(t, 3) for t in v] for k, v in times.items()},
        "median_s": {k: round(v, 3) for k, v in med.items()},
        "ratio_to_raw": {k: round(v, 3) for k, v in ratios.items()},
        "target": f"kg build <= {TARGET}x raw",
        "target_met": met,
        "against": against,
        "load_average": {"before": [round(x, 2) for x in load], "after": [round(x, 2) for x in load_after]},
        "kg_build_peak_mb": {"python": max(r["peak_mb"].get("process", 0) for r in cli_runs),
                             "engine": max(r["peak_mb"].get("engine", 0) for r in cli_runs)},
    }


def bench_big(scale: float, rels_per_node: float, with_raw: bool) -> dict:
    t = time.perf_counter()
    path = synth_dataset(scale, rels_per_node=rels_per_node)
    print(f"\n1M set: {path} (generated or reused in {time.perf_counter() - t:.0f} s)")
    rows = dataset_rows(path)
    r = cli_build(path)
    line = [ln for ln in r["stdout"].splitlines() if ln.startswith("built ")]
    print(f"kg build of {rows:,} rows: {fmt_s(r['seconds'])}, peak RSS python {r['peak_mb'].get('process')} MB, "
          f"engine {r['peak_mb'].get('engine')} MB; {line[-1] if line else ''}")
    out = {"dataset": {"path": str(path), "scale": scale, "rels_per_node": rels_per_node, "rows": rows},
           "kg_build_s": round(r["seconds"], 1), "peak_mb": r["peak_mb"], "summary": line[-1] if line else ""}
    if with_raw:
        schema = load_schema()
        t = time.perf_counter()
        ds = load_dataset(path)
        t_validate = time.perf_counter() - t
        batches = raw_batches(ds, schema)
        del ds
        home = Path(tempfile.mkdtemp(prefix="kg-bench-engine-"))
        store = FalkorStore.local(home)
        try:
            t = time.perf_counter()
            raw_load(store, schema, batches, "bench-raw-big")
            t_raw = time.perf_counter() - t
        finally:
            store.close()
            shutil.rmtree(home, ignore_errors=True)
        out.update(raw_s=round(t_raw, 1), validate_s=round(t_validate, 1),
                   ratio_to_raw=round(r["seconds"] / t_raw, 2))
        print(f"raw UNWIND MERGE of the same rows: {fmt_s(t_raw)} -> kg build {r['seconds'] / t_raw:.2f}x raw; "
              f"load_dataset alone {fmt_s(t_validate)}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also build the 1M-node / 5M-relationship set once")
    ap.add_argument("--big-only", action="store_true", help="only the 1M / 5M build")
    ap.add_argument("--big-raw", action="store_true", help="with --big/--big-only: also the raw load of the 1M set")
    ap.add_argument("--against", metavar="REV", help="also time `kg build` with the code of this git revision")
    ap.add_argument("--cases", help="comma-separated cases to run (default all; raw and kg build are always run)")
    args = ap.parse_args()
    result: dict = {}
    cases = ["raw", "kg build", *args.cases.split(",")] if args.cases else None
    if not args.big_only:
        result["build_100k"] = bench_100k(args.scale, args.runs, cases, args.against)
    if args.big or args.big_only:
        result["build_1m"] = bench_big(SCALE_1M, 5.0, args.big_raw)
    name = "build" if not args.big_only else "build_1m"
    print(f"\nwrote {write_result(name, result)}")


if __name__ == "__main__":
    main()
