"""``find_paths`` at 100k nodes: speed, and agreement with the reference on the whole projection.

    python bench/bench_paths_speed.py                 # 50 random pairs (seed 11), k=3, max_hops=6
    python bench/bench_paths_speed.py --pairs 20 --seed 7 --hubs 6

The 100k synthetic set is built once into a local engine (not timed), and the reference projection
(``graph_of(store, network_labels())``, what ``find_paths`` projected on every call before) is built
once. For each random pair of stations, organisations and talents (the pool and draw of
``bench_queries.py``): ``find_paths(store, a, b, k=3, max_hops=6)`` (timed), then, interleaved, the
baseline ``networkx.shortest_path`` on the prebuilt undirected projection (timed), and the reference
``paths_from_graph`` on the projection (timed, for agreement). ``--hubs N`` adds pairs from each of
the N highest-degree nodes to a random node.

Agreement, per pair: the same number of paths and the same lengths; the same first path (node
ids; among equal-length shortest paths the choice may differ, so this is reported, not required);
every path ours gives is a simple path of the reference graph and each hop is the relationship the
reference would pick for that pair (best confidence, then schema order).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SCALE_100K, fmt_s, median, synth_dataset, write_result  # noqa: E402

import networkx as nx  # noqa: E402

from ingest.dataset import load_dataset  # noqa: E402
from kg.build import build  # noqa: E402
from kg.stores.falkor import FalkorStore  # noqa: E402


def check(ours, ref, u, hop_of) -> dict:
    """Agreement of one pair (see the module doc)."""
    valid = True
    for p in ours:
        ids = [n.id for n in p.nodes]
        if len(set(ids)) != len(ids) or not all(u.has_edge(x, y) for x, y in zip(ids, ids[1:])):
            valid = False
            continue
        if [h.rel_id for h in p.hops] != [hop_of(x, y) for x, y in zip(ids, ids[1:])]:
            valid = False
    first = bool(ours) and bool(ref) and [n.id for n in ours[0].nodes] == [n.id for n in ref[0].nodes]
    return {"same_count": len(ours) == len(ref),
            "same_lengths": [p.length for p in ours] == [p.length for p in ref],
            "same_first_path": first or (not ours and not ref), "valid": valid}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--hubs", type=int, default=0, help="also pairs from the N highest-degree nodes")
    args = ap.parse_args()

    from queries.network import graph_of, network_labels, undirected
    from queries.paths import _hop, default_types, find_paths, paths_from_graph

    load_start = os.getloadavg()
    path = synth_dataset(args.scale)
    home = Path(tempfile.mkdtemp(prefix="kg-bench-paths-"))
    store = FalkorStore.local(home)
    out: dict = {"dataset": {"path": str(path), "scale": args.scale}, "k": 3, "max_hops": 6}
    try:
        t = time.perf_counter()
        res = build(load_dataset(path), store)
        print(f"built {sum(res.nodes.values()):,} nodes / {sum(res.relationships.values()):,} relationships "
              f"in {time.perf_counter() - t:.1f} s (not timed)")
        t = time.perf_counter()
        gp = graph_of(store, network_labels())
        u = undirected(gp, default_types())
        print(f"reference projection in {time.perf_counter() - t:.1f} s (once, not timed)")

        def hop_of(x: str, y: str) -> str:
            return _hop(u, u.edges[x, y]["rels"]).rel_id

        rng = random.Random(args.seed)
        pool = [r["id"] for r in store.run(
            "MATCH (n) WHERE n:Station OR n:Organization OR n:Talent RETURN n.id AS id ORDER BY id")]
        pairs = [tuple(rng.sample(pool, 2)) for _ in range(args.pairs)]
        hubs = [v for v, _ in sorted(u.degree(), key=lambda x: (-x[1], x[0]))[:args.hubs]]
        hub_pairs = [(h, rng.choice(pool)) for h in hubs]
        rows = []
        for kind, batch in (("random", pairs), ("hub", hub_pairs)):
            for a, b in batch:
                t = time.perf_counter()
                ours = find_paths(store, a, b, k=3, max_hops=6)
                t_ours = time.perf_counter() - t
                t = time.perf_counter()
                try:
                    nx.shortest_path(u, a, b)
                except nx.NetworkXNoPath:
                    pass
                t_base = time.perf_counter() - t
                t = time.perf_counter()
                ref = paths_from_graph(gp, a, b, k=3, max_hops=6)
                t_ref = time.perf_counter() - t
                r = {"kind": kind, "a": a, "b": b, "ours_s": round(t_ours, 4), "shortest_path_s": round(t_base, 5),
                     "reference_s": round(t_ref, 3), "lengths": [p.length for p in ours],
                     "reference_lengths": [p.length for p in ref], **check(ours, ref, u, hop_of)}
                rows.append(r)
                print(f"{kind:6} {a} -> {b}: {t_ours * 1000:.0f} ms {r['lengths']} ref {r['reference_lengths']}"
                      f" ({t_ref:.2f} s){'' if r['same_lengths'] and r['valid'] else '  DIFFERENT'}", flush=True)
        for kind in ("random", "hub"):
            rs = [r for r in rows if r["kind"] == kind]
            if not rs:
                continue
            ts = sorted(r["ours_s"] for r in rs)
            summary = {
                "pairs": len(rs), "connected": sum(bool(r["lengths"]) for r in rs),
                "median_s": round(median(ts), 4), "p90_s": round(ts[int(0.9 * (len(ts) - 1))], 4),
                "max_s": round(ts[-1], 4),
                "shortest_path_median_s": round(median([r["shortest_path_s"] for r in rs]), 5),
                "reference_median_s": round(median([r["reference_s"] for r in rs]), 3),
                **{c: sum(r[c] for r in rs) for c in ("same_count", "same_lengths", "same_first_path", "valid")},
            }
            out[kind] = summary
            print(f"\n{kind} pairs: {summary['pairs']} ({summary['connected']} connected); find_paths median "
                  f"{fmt_s(summary['median_s'])}, p90 {fmt_s(summary['p90_s'])}, max {fmt_s(summary['max_s'])}; "
                  f"nx.shortest_path on the prebuilt projection {summary['shortest_path_median_s'] * 1000:.2f} ms; "
                  f"reference paths_from_graph {fmt_s(summary['reference_median_s'])}")
            print(f"agreement: same count {summary['same_count']}/{len(rs)}, same lengths {summary['same_lengths']}/"
                  f"{len(rs)}, valid paths and hops {summary['valid']}/{len(rs)}, same first path "
                  f"{summary['same_first_path']}/{len(rs)}")
        out["rows"] = rows
        out["load_average_start"] = [round(x, 2) for x in load_start]
        print(f"load average at start {load_start}, at end {os.getloadavg()}")
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    print(f"wrote {write_result('paths_speed', out)}")


if __name__ == "__main__":
    main()
