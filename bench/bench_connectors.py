"""The connectors question alone, at 100k nodes: ours vs igraph direct, interleaved, with the stages.

    python bench/bench_connectors.py                      # build the 100k set into a local engine, project once
    python bench/bench_connectors.py --pickle FILE        # reuse a pickled collaboration projection (made if missing)

Times (medians of ``--runs``, A B A B): ``connectors_from_graph(g, top=20, sample=256, engine="igraph")``
(the fast path), igraph called directly on the same edge list (graph construction + the same sampled
betweenness + articulation points + bridges: ``igraph_direct`` of bench_queries.py), and with ``--reference``
the networkx-copy reference path (``connectors_reference``) too. Then one run of each stage of the fast path.
Target: ours <= 1.5x igraph direct. Writes ``bench/results/connectors.json``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SCALE_100K, fmt_s, interleaved, median, synth_dataset, write_result  # noqa: E402

SAMPLE = 256


def igraph_direct(edges: list[tuple[int, int]], n: int, sources: list[int]) -> None:
    import igraph as ig

    h = ig.Graph(n=n, edges=edges, directed=False)
    h.betweenness(directed=False, sources=sources)
    h.articulation_points()
    h.bridges()


def projection(scale: float, pickle_path: str | None):
    if pickle_path and Path(pickle_path).exists():
        with open(pickle_path, "rb") as fh:
            return pickle.load(fh)
    from ingest.dataset import load_dataset
    from kg.build import build
    from kg.stores.falkor import FalkorStore
    from queries.network import collaboration_graph

    home = Path(tempfile.mkdtemp(prefix="kg-bench-conn-"))
    store = FalkorStore.local(home)
    try:
        build(load_dataset(synth_dataset(scale)), store)
        g = collaboration_graph(store)
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    if pickle_path:
        Path(pickle_path).parent.mkdir(parents=True, exist_ok=True)
        with open(pickle_path, "wb") as fh:
            pickle.dump(g, fh, protocol=5)
    return g


def stages(g) -> dict[str, float]:
    """One run of each stage of the fast path (seconds)."""
    import numpy as np

    from queries import fastgraph as fast
    from queries.brokerage import brokerage_arrays
    from queries.network import group

    out: dict[str, float] = {}

    def timed(name, fn):
        t = time.perf_counter()
        r = fn()
        out[name] = time.perf_counter() - t
        return r

    u = timed("fast_graph (edge arrays + igraph graph)", lambda: fast.fast_graph(g))
    timed("betweenness (igraph, 256 sources)", lambda: fast.betweenness(u, SAMPLE, 0))
    groups = timed("groups", lambda: [group(a) for _, a in g.nodes(data=True)])
    codes_of: dict[str, int] = {}
    codes = np.array([codes_of.setdefault(x, len(codes_of)) for x in groups])
    tri = timed("triangles", lambda: fast.triangles(u))
    timed("brokerage (numpy)", lambda: brokerage_arrays(len(u), u.lo, u.hi, codes, tri))
    sizes = timed("component sizes", lambda: fast.component_sizes(u))
    timed("articulation parts (block-cut tree)", lambda: fast.articulation_parts(u, sizes))
    timed("bridge sides (bridge forest)", lambda: fast.bridge_sides(u, sizes))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pickle", default=None, help="projection pickle to reuse (made if missing)")
    ap.add_argument("--reference", action="store_true", help="also time connectors_reference (networkx copy)")
    args = ap.parse_args()

    from queries import algorithms as alg
    from queries.connectors import connectors_from_graph, connectors_reference
    from queries.network import undirected

    g = projection(args.scale, args.pickle)
    u = undirected(g)
    names = list(u.nodes)
    index = {v: i for i, v in enumerate(names)}
    edges = [(index[a], index[b]) for a, b in u.edges() if a != b]
    sources = [index[s] for s in alg.sample_sources(u, SAMPLE, 0)]
    del u
    cases = {
        "ours": lambda: connectors_from_graph(g, top=20, sample=SAMPLE, engine="igraph"),
        "igraph": lambda: igraph_direct(edges, len(names), sources),
    }
    if args.reference:
        cases["reference"] = lambda: connectors_reference(g, top=20, sample=SAMPLE, engine="igraph")
    load_before = os.getloadavg()
    times = interleaved(cases, args.runs)
    load_after = os.getloadavg()
    mo, mb = median(times["ours"]), median(times["igraph"])
    print(f"connectors, {len(names):,} nodes, {len(edges):,} edges; load average before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f} (1 min)")
    print(f"ours {fmt_s(mo)}  igraph direct {fmt_s(mb)}  ratio {mo / mb:.2f}x  (target <= 1.5x: "
          f"{'met' if mo <= 1.5 * mb else 'NOT met'})")
    print("  ours runs:   " + ", ".join(f"{x:.2f}" for x in times["ours"]))
    print("  igraph runs: " + ", ".join(f"{x:.2f}" for x in times["igraph"]))
    out = {"nodes": len(names), "edges": len(edges), "runs": args.runs, "ours_median_s": round(mo, 3),
           "igraph_median_s": round(mb, 3), "ratio": round(mo / mb, 3),
           "ours_runs_s": [round(x, 3) for x in times["ours"]],
           "igraph_runs_s": [round(x, 3) for x in times["igraph"]],
           "loadavg_before": load_before, "loadavg_after": load_after}
    if args.reference:
        mr = median(times["reference"])
        print(f"reference path (networkx copy) {fmt_s(mr)}  ratio {mr / mb:.2f}x")
        out["reference_median_s"] = round(mr, 3)
    st = stages(g)
    print("stages of the fast path (one run):")
    for k, v in st.items():
        print(f"  {k:45s} {v:7.3f} s")
    out["stages_s"] = {k: round(v, 3) for k, v in st.items()}
    print(f"wrote {write_result('connectors', out)}")


if __name__ == "__main__":
    main()
