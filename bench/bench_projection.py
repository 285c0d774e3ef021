"""Reading the analysis projection out of the store at 100k nodes: new vs old, same run.

    python bench/bench_projection.py                    # light projection, 3 interleaved runs
    python bench/bench_projection.py --full --connectors --runs 3
    python bench/bench_projection.py --home /tmp/proj-helper/store100k   # reuse a built engine

Cases, interleaved (old, new, old, new ...), wall seconds, medians:

* ``light``: the collaboration network as ``find_connectors`` projects it
  (``collaboration_graph(store)``: network labels and the types between them, the few
  properties the algorithms read). Old = ``project_light_reference`` (``store.run`` rows, through
  the falkordb client and redis-py's parser, then ``add_node``/``add_edge`` one at a time);
  new = ``project_light`` (``store.run_columns``, two queries at a time, bulk building, collector
  paused). ``light-1conn`` is the new reading with one query at a time.
* ``full`` (``--full``): ``kg.projection.project(store)`` (every property, what maps and the
  report read) vs ``project_reference``.
* ``connectors`` (``--connectors``): ``find_connectors(store)`` end to end vs the same algorithms on
  the old projection (``connectors_from_graph(project_light_reference(...))``).

The first run of each pair also checks that new and old graphs are identical (nodes, attributes,
edge keys and attributes, in the same order). The 100k set is built once (not timed) into a
temporary engine, or reused from ``--home`` when that engine already holds a graph.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SCALE_100K, fmt_s, median, synth_dataset, write_result  # noqa: E402

import networkx as nx  # noqa: E402

import kg.projection as kp  # noqa: E402
from ingest.dataset import load_dataset  # noqa: E402
from kg.build import build  # noqa: E402
from kg.stores.falkor import FalkorStore  # noqa: E402


def identical(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    if list(a.nodes) != list(b.nodes):
        return False
    if any(a.nodes[n] != b.nodes[n] or list(a.nodes[n]) != list(b.nodes[n]) for n in a.nodes):
        return False
    ea, eb = list(a.edges(keys=True, data=True)), list(b.edges(keys=True, data=True))
    return ea == eb and [list(d) for *_, d in ea] == [list(d) for *_, d in eb]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="also kg.projection.project (every property)")
    ap.add_argument("--connectors", action="store_true", help="also find_connectors(store) end to end")
    ap.add_argument("--home", type=Path, help="engine data folder to reuse (built there if empty)")
    args = ap.parse_args()

    from queries.connectors import connectors_from_graph, find_connectors
    from queries.network import collaboration_graph, network_labels, types_between
    from queries.projection import project_light_reference

    load_start = os.getloadavg()
    path = synth_dataset(args.scale)
    home = args.home or Path(tempfile.mkdtemp(prefix="kg-bench-projection-"))
    store = FalkorStore.local(home)
    out: dict[str, Any] = {"dataset": {"path": str(path), "scale": args.scale}, "runs": args.runs}
    try:
        if not store.has_graph():
            t = time.perf_counter()
            build(load_dataset(path), store)
            print(f"built in {time.perf_counter() - t:.1f} s (not timed)")
        stats = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"], store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        print(f"store: {stats[0]:,} nodes / {stats[1]:,} relationships")
        labels = network_labels()
        types = types_between(labels)

        def light_old() -> nx.MultiDiGraph:
            return project_light_reference(store, labels, types, rel_props=("confidence",))

        def light_new_1conn() -> nx.MultiDiGraph:
            kp.READ_WORKERS = 1
            try:
                return collaboration_graph(store)
            finally:
                kp.READ_WORKERS = 2

        pairs: dict[str, tuple[Any, ...]] = {
            "light": (light_old, lambda: collaboration_graph(store), light_new_1conn),
        }
        if args.full:
            pairs["full"] = (lambda: kp.project_reference(store), lambda: kp.project(store))
        if args.connectors:
            pairs["connectors"] = (lambda: connectors_from_graph(light_old()), lambda: find_connectors(store))

        times: dict[str, list[float]] = {}
        same: dict[str, bool] = {}
        sizes: dict[str, list[int]] = {}
        for run in range(args.runs):
            for name, fns in pairs.items():
                results = []
                for tag, fn in zip(("old", "new", "new-1conn"), fns):
                    t = time.perf_counter()
                    res = fn()
                    dt = time.perf_counter() - t
                    times.setdefault(f"{name} {tag}", []).append(dt)
                    print(f"run {run + 1} {name:10} {tag:9} {fmt_s(dt)}", flush=True)
                    results.append(res)
                if run == 0:
                    if name == "connectors":
                        a, b = results
                        same[name] = [(r.id, r.betweenness) for r in a.top] == [(r.id, r.betweenness) for r in b.top]
                    else:
                        same[name] = all(identical(results[0], r) for r in results[1:])
                        sizes[name] = [results[0].number_of_nodes(), results[0].number_of_edges()]
                del results, res
        print()
        summary: dict[str, Any] = {}
        for name in pairs:
            old = median(times[f"{name} old"])
            new = median(times[f"{name} new"])
            row = {"old_median_s": round(old, 3), "new_median_s": round(new, 3), "ratio_new_old": round(new / old, 3),
                   "identical": same.get(name), "nodes_edges": sizes.get(name)}
            line = (f"{name:10}: new {fmt_s(new)} vs old {fmt_s(old)} = {new / old:.3f}x "
                    f"({old / new:.1f} times faster); identical: {same.get(name)}")
            if f"{name} new-1conn" in times:
                one = median(times[f"{name} new-1conn"])
                row["new_one_connection_median_s"] = round(one, 3)
                line += f"; one query at a time {fmt_s(one)}"
            if sizes.get(name):
                line += f"; {sizes[name][0]:,} nodes / {sizes[name][1]:,} edges"
            print(line)
            summary[name] = row
        load_end = os.getloadavg()
        print(f"load average at start {tuple(round(x, 2) for x in load_start)}, at end {tuple(round(x, 2) for x in load_end)}")
        out.update(summary=summary, times={k: [round(x, 3) for x in v] for k, v in times.items()},
                   store={"nodes": stats[0], "relationships": stats[1]},
                   load_average_start=[round(x, 2) for x in load_start],
                   load_average_end=[round(x, 2) for x in load_end])
    finally:
        store.close()
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    print(f"wrote {write_result('projection', out)}")


if __name__ == "__main__":
    main()
