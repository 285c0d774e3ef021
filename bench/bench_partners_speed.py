"""``rank_partners(store, station)`` at 100k nodes: speed, and agreement with the reference on the projection.

    python bench/bench_partners_speed.py                         # 10 stations, 3 runs, the default budget
    python bench/bench_partners_speed.py --budgets 5000,7500,10000 --store-dir /tmp/my-100k-store

The store path (:mod:`queries.partner_data`) computes proximity on the entity's neighbourhood (a ball of
``ball_edges`` degree sum) instead of the whole network. For each station (the hub and the ordinary one
``bench/bench_queries.py`` times, plus seeded random ones) this compares its ranking with
``PartnerIndex.rank`` on the full projection (``graph_of(store, network_labels() + ["Field"])``):

* top-10 overlap (out of 10) and whether the top 10 are in the same order;
* Spearman rank correlation of the scores over every candidate (``top=None`` on both) and over the
  reference's top 100;

and times ``rank_partners(store, station, top=10)`` (medians of ``--runs``, interleaved with a 2-hop Cypher
baseline as in ``bench_queries.py``), with the Python and engine CPU seconds per call (less sensitive to
the shared machine's load than wall time). Writes ``bench/results/partners_speed.json``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SCALE_100K, median, synth_dataset, write_result  # noqa: E402

PARTNER_BASELINE = (
    "MATCH (s:Station {id: $id})-[:PARTNERS_WITH]->(o:Organization)<-[:PARTNERS_WITH]-(t:Station)"
    "-[:PARTNERS_WITH]->(c:Organization) WHERE t <> s AND c.overseas = true AND NOT (s)-[:PARTNERS_WITH]->(c) "
    "RETURN c.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 10"
)


def engine_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        f = Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def spearman(a: list[float], b: list[float]) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).correlation)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=SCALE_100K)
    ap.add_argument("--stations", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--budgets", default="", help="ball_edges values to compare (default: the module's)")
    ap.add_argument("--store-dir", default="", help="reuse (or make) the built store here instead of a temp dir")
    args = ap.parse_args()

    from ingest.dataset import load_dataset
    from kg.build import build
    from kg.stores.falkor import FalkorStore
    from queries.network import graph_of, network_labels
    from queries.partner_data import BALL_EDGES
    from queries.partners import PartnerIndex, rank_partners

    budgets = [int(x) for x in args.budgets.split(",")] if args.budgets else [BALL_EDGES]
    path = synth_dataset(args.scale)
    home = Path(args.store_dir) if args.store_dir else Path(tempfile.mkdtemp(prefix="kg-bench-p-"))
    store = FalkorStore.local(home)
    pid = store.server.proc.pid if store.server is not None and store.server.proc is not None else None
    out: dict = {"dataset": {"path": str(path), "scale": args.scale}, "runs": args.runs, "budgets": {}}
    try:
        if not (args.store_dir and store.has_graph()):
            t = time.perf_counter()
            build(load_dataset(path), store)
            print(f"built in {time.perf_counter() - t:.1f} s (not timed)")
        t = time.perf_counter()
        g = graph_of(store, network_labels() + ["Field"])
        t_proj = time.perf_counter() - t
        t = time.perf_counter()
        index = PartnerIndex(g)
        t_index = time.perf_counter() - t
        print(f"reference: projection {t_proj:.1f} s, PartnerIndex {t_index:.1f} s "
              f"({g.number_of_nodes():,} nodes)")
        out["reference"] = {"projection_s": round(t_proj, 2), "index_s": round(t_index, 2)}
        station_ids = sorted(r["id"] for r in store.run("MATCH (s:Station) RETURN s.id AS id"))
        picks = [station_ids[0], random.Random(1).choice(station_ids)]
        picks += [s for s in random.Random(2024).sample(station_ids, args.stations + 2) if s not in picks]
        picks = picks[:args.stations]
        ref, ref_s = {}, []
        for sid in picks:
            t = time.perf_counter()
            ref[sid] = index.rank(sid, top=None)
            ref_s.append(time.perf_counter() - t)
        out["reference"]["rank_median_s"] = round(median(ref_s), 3)
        rank_partners(store, picks[0], top=10)  # warm up (imports, first queries)
        for budget in budgets:
            per = []
            print(f"\nball_edges={budget}\n| station | top-10 overlap | same order | Spearman all | Spearman ref top 100 "
                  f"| wall median | python CPU | engine CPU | 2-hop Cypher |\n|---|---|---|---|---|---|---|---|---|")
            for sid in picks:
                wall, cpu, eng, base = [], [], [], []
                for _ in range(args.runs):
                    e0, c0, w0 = engine_cpu(pid), time.process_time(), time.perf_counter()
                    top10 = rank_partners(store, sid, top=10, ball_edges=budget)
                    wall.append(time.perf_counter() - w0)
                    cpu.append(time.process_time() - c0)
                    eng.append(engine_cpu(pid) - e0)
                    t = time.perf_counter()
                    store.run(PARTNER_BASELINE, {"id": sid})
                    base.append(time.perf_counter() - t)
                every = {c.id: c.score for c in rank_partners(store, sid, top=None, ball_edges=budget)}
                r = ref[sid]
                rs = {c.id: c.score for c in r}
                ids = sorted(rs)
                top100 = [c.id for c in r[:100]]
                row = {
                    "station": sid,
                    "overlap10": len({c.id for c in top10} & {c.id for c in r[:10]}),
                    "same_order10": [c.id for c in top10] == [c.id for c in r[:10]],
                    "spearman_all": round(spearman([rs[i] for i in ids], [every[i] for i in ids]), 4),
                    "spearman_ref_top100": round(spearman([rs[i] for i in top100], [every[i] for i in top100]), 4),
                    "candidates": len(ids), "wall_median_s": round(median(wall), 3),
                    "python_cpu_median_s": round(median(cpu), 3), "engine_cpu_median_s": round(median(eng), 3),
                    "baseline_median_s": round(median(base), 4), "wall_runs_s": [round(x, 3) for x in wall],
                }
                per.append(row)
                print(f"| {sid} | {row['overlap10']} | {row['same_order10']} | {row['spearman_all']} | "
                      f"{row['spearman_ref_top100']} | {row['wall_median_s']:.3f} s | {row['python_cpu_median_s']:.3f} s "
                      f"| {row['engine_cpu_median_s']:.3f} s | {row['baseline_median_s'] * 1000:.1f} ms |")
            summary = {
                "overlap10_mean": round(statistics.mean(r["overlap10"] for r in per), 2),
                "overlap10_min": min(r["overlap10"] for r in per),
                "same_order10": sum(r["same_order10"] for r in per),
                "spearman_all_mean": round(statistics.mean(r["spearman_all"] for r in per), 4),
                "spearman_all_min": min(r["spearman_all"] for r in per),
                "spearman_top100_mean": round(statistics.mean(r["spearman_ref_top100"] for r in per), 4),
                "spearman_top100_min": min(r["spearman_ref_top100"] for r in per),
                "wall_median_s": round(median([r["wall_median_s"] for r in per]), 3),
                "wall_max_s": max(r["wall_median_s"] for r in per),
                "python_cpu_median_s": round(median([r["python_cpu_median_s"] for r in per]), 3),
                "engine_cpu_median_s": round(median([r["engine_cpu_median_s"] for r in per]), 3),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
            print(f"\nball_edges={budget}: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
            out["budgets"][str(budget)] = {"summary": summary, "stations": per}
    finally:
        store.close()
        if not args.store_dir:
            shutil.rmtree(home, ignore_errors=True)
    print(f"\nwrote {write_result('partners_speed', out)}")


if __name__ == "__main__":
    main()
