"""The analyst's questions at 100k nodes, each against a baseline timed in the same run.

    python bench/bench_queries.py                    # the 100k-node synthetic set, 3 runs
    python bench/bench_queries.py --nx-full          # networkx's sampled betweenness with all 256 sources (~15 min)

The set is built once into a local engine (not timed). Then, medians of ``--runs``:

* connectors: ``queries.connectors.connectors_from_graph`` (256-source sampled betweenness, articulation points,
  bridges, brokerage and the rows) on the collaboration projection, vs igraph called directly on the same
  edge list (graph construction + the same sampled betweenness + articulation points + bridges). Target <= 1.5x.
  Also ``find_connectors(store)`` end to end (with the projection), and networkx's time for the same sampled
  betweenness (16 sources timed and scaled to 256 - the cost is linear in sources; ``--nx-full`` times all 256).
* partners: ``rank_partners(store, station, top=10)`` for one hub and one ordinary station. Target <= 1 s.
  Baseline: one 2-hop Cypher query on the engine (organisations partnering the station's co-partners).
* paths: ``find_paths(store, a, b, k=3, max_hops=6)`` between seeded random pairs of stations, organisations
  and talents. Target median <= 200 ms. Baseline: one ``networkx.shortest_path`` on the prebuilt undirected
  projection; ``paths_from_graph`` on the prebuilt projection is shown too.
* gaps: ``find_gaps(store, years=3)``. Target <= 5 s. Baseline: one Cypher count of stations without an
  overseas partner.
* cli: the commands an analyst types (``kg query partners|paths|gaps|connectors``), each a fresh process on
  the 100k store (engine start and snapshot load included), vs ``kg stats`` (the same start, a trivial query).

``--only a,b`` runs some of them and updates only their entries in ``bench/results/queries.json``.
The 1M-node set: ``--scale 787 --rels-per-node 5 --only partners,paths,gaps,cli --cli partners,paths,gaps --no-reference --runs 1 --results queries-1m``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SCALE_100K, fmt_s, interleaved, median, synth_dataset, write_result  # noqa: E402

import networkx as nx  # noqa: E402

from ingest.dataset import load_dataset  # noqa: E402
from kg.build import build  # noqa: E402
from kg.stores.falkor import FalkorStore  # noqa: E402

SAMPLE = 256

PARTNER_BASELINE = (
    "MATCH (s:Station {id: $id})-[:PARTNERS_WITH]->(o:Organization)<-[:PARTNERS_WITH]-(t:Station)"
    "-[:PARTNERS_WITH]->(c:Organization) WHERE t <> s AND c.overseas = true AND NOT (s)-[:PARTNERS_WITH]->(c) "
    "RETURN c.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 10"
)
GAP_BASELINE = "MATCH (s:Station) WHERE NOT (s)-[:PARTNERS_WITH]->(:Organization) RETURN count(s) AS n"


def igraph_direct(edges: list[tuple[int, int]], n: int, sources: list[int]) -> None:
    import igraph as ig

    h = ig.Graph(n=n, edges=edges, directed=False)
    h.betweenness(directed=False, sources=sources)
    h.articulation_points()
    h.bridges()


def row(name: str, ours: list[float], base: list[float], target: str, met: bool | None) -> dict:
    mo, mb = median(ours), median(base)
    verdict = "" if met is None else ("met" if met else "NOT met")
    print(f"| {name} | {fmt_s(mo)} | {fmt_s(mb)} | {mo / mb:.1f}x | {target} | {verdict} |")
    return {"median_s": round(mo, 4), "baseline_median_s": round(mb, 4), "ratio": round(mo / mb, 2),
            "runs_s": [round(x, 4) for x in ours], "baseline_runs_s": [round(x, 4) for x in base],
            "target": target, "target_met": met}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=20, help="random pairs for paths")
    ap.add_argument("--nx-full", action="store_true")
    ap.add_argument("--only", default="connectors,partners,paths,gaps,cli")
    ap.add_argument("--rels-per-node", type=float, default=3.0, help="of the synthetic set (5 for the 1M set)")
    ap.add_argument("--results", default="queries", help="bench/results/NAME.json to write")
    ap.add_argument("--cli", default="partners,paths,gaps,connectors", help="which `kg query` commands the cli part times")
    ap.add_argument("--no-reference", action="store_true",
                    help="paths: skip the whole-projection reference (slow at 1M); baseline = an id look-up")
    args = ap.parse_args()
    only = set(args.only.split(","))

    from queries import algorithms as alg
    from queries.connectors import connectors_from_graph, find_connectors
    from queries.gaps import find_gaps
    from queries.network import collaboration_graph, graph_of, network_labels, undirected
    from queries.partners import rank_partners
    from queries.paths import find_paths, paths_from_graph

    path = synth_dataset(args.scale, rels_per_node=args.rels_per_node)
    home = Path(tempfile.mkdtemp(prefix="kg-bench-q-"))
    store = FalkorStore.local(home)
    out: dict = {"dataset": {"path": str(path), "scale": args.scale}, "runs": args.runs,
                 "load_average_start": [round(x, 2) for x in os.getloadavg()]}
    try:
        t = time.perf_counter()
        res = build(load_dataset(path), store)
        n_nodes, n_rels = sum(res.nodes.values()), sum(res.relationships.values())
        print(f"built {n_nodes:,} nodes / {n_rels:,} relationships in {time.perf_counter() - t:.1f} s (not timed)")
        out["dataset"].update(nodes=n_nodes, relationships=n_rels)
        print("\n| question | ours (median) | baseline (median) | ratio | target | |\n|---|---|---|---|---|---|")

        if "connectors" in only:
            t = time.perf_counter()
            g = collaboration_graph(store)
            t_proj = time.perf_counter() - t
            u = undirected(g)
            names = list(u.nodes)
            index = {v: i for i, v in enumerate(names)}
            edges = [(index[a], index[b]) for a, b in u.edges() if a != b]
            sources = [index[s] for s in alg.sample_sources(u, SAMPLE, 0)]
            times = interleaved({
                "ours": lambda: connectors_from_graph(g, top=20, sample=SAMPLE, engine="igraph"),
                "igraph": lambda: igraph_direct(edges, len(names), sources),
            }, args.runs)
            out["connectors"] = row(f"connectors ({u.number_of_nodes():,} nodes, {u.number_of_edges():,} edges)",
                                    times["ours"], times["igraph"], "<= 1.5x igraph",
                                    median(times["ours"]) <= 1.5 * median(times["igraph"]))
            e2e = [0.0]
            t = time.perf_counter()
            find_connectors(store, top=20, sample=SAMPLE)
            e2e[0] = time.perf_counter() - t
            out["connectors"]["find_connectors_store_s"] = round(e2e[0], 2)
            out["connectors"]["projection_s"] = round(t_proj, 2)
            k = SAMPLE if args.nx_full else 16
            src = alg.sample_sources(u, k, 0)
            t = time.perf_counter()
            nx.betweenness_centrality_subset(u, src, list(u.nodes), normalized=False)
            nx_s = (time.perf_counter() - t) * SAMPLE / k
            out["connectors"]["networkx_sampled_betweenness_s"] = round(nx_s, 1)
            out["connectors"]["networkx_sources_timed"] = k
            print(f"|  find_connectors(store), with the projection ({fmt_s(t_proj)}) | {fmt_s(e2e[0])} | | | | |")
            print(f"|  networkx, same sampled betweenness ({'timed' if k == SAMPLE else f'{k} sources timed, x{SAMPLE // k}'})"
                  f" | {fmt_s(nx_s)} | | {nx_s / median(times['igraph']):.0f}x igraph | | |")

        station_ids = sorted(store.run("MATCH (s:Station) RETURN s.id AS id"), key=lambda r: r["id"])
        if "partners" in only:
            rng = random.Random(1)
            picks = {"hub station": station_ids[0]["id"], "ordinary station": rng.choice(station_ids)["id"]}
            out["partners"] = {}
            for what, sid in picks.items():
                times = interleaved({
                    "ours": lambda s=sid: rank_partners(store, s, top=10),
                    "cypher": lambda s=sid: store.run(PARTNER_BASELINE, {"id": s}),
                }, args.runs)
                out["partners"][what] = dict(row(f"partners, {what} ({sid})", times["ours"], times["cypher"],
                                                 "<= 1 s", median(times["ours"]) <= 1.0), id=sid)

        if "paths" in only:
            rng = random.Random(7)
            pool = [r["id"] for r in store.run(
                "MATCH (n) WHERE n:Station OR n:Organization OR n:Talent RETURN n.id AS id ORDER BY id")]
            pairs = [tuple(rng.sample(pool, 2)) for _ in range(args.pairs)]
            gp = None if args.no_reference else graph_of(store, network_labels())
            up = None if gp is None else undirected(gp)
            ours, base, pre = [], [], []
            found = 0
            for a, b in pairs:
                t = time.perf_counter()
                res = find_paths(store, a, b, k=3, max_hops=6)
                ours.append(time.perf_counter() - t)
                found += bool(res)
                if gp is None:
                    t = time.perf_counter()
                    store.run("MATCH (n:Station) WHERE n.id = $id RETURN n.id AS id", {"id": a})
                    base.append(time.perf_counter() - t)
                    continue
                t = time.perf_counter()
                paths_from_graph(gp, a, b, k=3, max_hops=6)
                pre.append(time.perf_counter() - t)
                t = time.perf_counter()
                try:
                    nx.shortest_path(up, a, b)
                except nx.NetworkXNoPath:
                    pass
                base.append(time.perf_counter() - t)
            out["paths"] = row(f"paths, {len(pairs)} random pairs ({found} connected)", ours, base,
                               "median <= 200 ms", median(ours) <= 0.2)
            if pre:
                out["paths"]["paths_from_graph_prebuilt_median_s"] = round(median(pre), 4)
                print(f"|  paths_from_graph on a prebuilt projection | {fmt_s(median(pre))} | | | | |")

        if "gaps" in only:
            times = interleaved({"ours": lambda: find_gaps(store, years=3),
                                 "cypher": lambda: store.run(GAP_BASELINE)}, args.runs)
            n_gaps = len(find_gaps(store, years=3))
            out["gaps"] = dict(row(f"gaps ({n_gaps:,} rows)", times["ours"], times["cypher"], "<= 5 s",
                                   median(times["ours"]) <= 5.0), rows=n_gaps)
        if "cli" in only:
            sid = station_ids[0]["id"]
            pool = [r["id"] for r in store.run("MATCH (o:Organization) RETURN o.id AS id ORDER BY id LIMIT 1")]
            store.close()  # the commands start their own engine on the same data
            commands = {
                "kg stats": ["stats"],
                "kg query partners": ["query", "partners", sid, "--top", "10"],
                "kg query paths": ["query", "paths", sid, pool[0]],
                "kg query gaps": ["query", "gaps"],
                "kg query connectors": ["query", "connectors", "--sample", str(SAMPLE)],
            }
            wanted = {"kg stats"} | {f"kg query {c}" for c in args.cli.split(",")}
            commands = {k: v for k, v in commands.items() if k in wanted}
            times = interleaved({k: (lambda a=a: kg_command(a, home)) for k, a in commands.items()}, args.runs)
            out["cli"] = {}
            for k in commands:
                if k == "kg stats":
                    continue
                out["cli"][k] = row(f"`{k}` (fresh process)", times[k], times["kg stats"], "", None)
            out["cli"]["kg stats_median_s"] = round(median(times["kg stats"]), 3)
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    out["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"\nwrote {write_result(args.results, merged(out, only, args.results))}")


def kg_command(args: list[str], home: Path) -> None:
    """Run ``kg ARGS`` with ``KG_HOME=home`` (a fresh process, as an analyst runs it)."""
    env = dict(os.environ, KG_HOME=str(home))
    subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def merged(out: dict, only: set[str], name: str = "queries") -> dict:
    """``out`` over the previous results file: parts not run this time keep their last figures."""
    from common import RESULTS

    try:
        old = json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return out
    keep = {k: v for k, v in old.items() if k in ("connectors", "partners", "paths", "gaps", "cli") and k not in only}
    return {**keep, **out}


if __name__ == "__main__":
    _ = statistics
    main()
