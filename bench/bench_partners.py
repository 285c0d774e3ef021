"""How well ``kg query partners`` ranks: hide known partnerships, rank, see where they come back.

For each dataset folder given (the bundled Chongqing data, a ``kg synth`` output ...):

1. read it (``ingest.load_dataset``) into the same networkx projection the query uses;
2. the known partnerships are PARTNERS_WITH ties from a station or domestic organisation to an
   overseas organisation; each round hides a fraction of them (at least one), seeded;
3. for every source entity with a hidden partner, rank all its candidates
   (``queries.partners.PartnerIndex.rank``) on the graph without the hidden ties;
4. report precision@5, precision@10 and AUC (the chance that a hidden partner is ranked above a
   candidate that is not a partner; ties count half) for the model, each of its four components
   alone, a degree-only baseline and a random baseline, all on the same candidate lists in the same
   run, with the model's ratio to each baseline.

    python bench/bench_partners.py data/chongqing [/tmp/syn ...] [--hide 0.2] [--rounds 20] [--seed 0]

Prints medians over rounds (and means over all queries); ``--json FILE`` also writes them.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from ingest.dataset import load_dataset  # noqa: E402
from kg.projection import NON_NETWORK_LABELS, graph_from_rows  # noqa: E402
from queries.partners import ENTITY_LABELS, PartnerIndex  # noqa: E402

METHODS = ("model", "field", "proximity", "introducers", "diversity", "popularity", "degree", "random")
KS = (5, 10)


def dataset_graph(path: Path) -> nx.MultiDiGraph:
    """The analysis projection (everything but sources and metrics) of a dataset folder."""
    ds = load_dataset(path)
    nodes = [{"id": r.id, "label": label, "props": r.props}
             for label, rows in ds.nodes.items() if label not in NON_NETWORK_LABELS for r in rows]
    rels = [{"src": r.src, "dst": r.dst, "type": t, "props": {"id": r.id, **r.props}}
            for t, rows in ds.rels.items() for r in rows]
    return graph_from_rows(nodes, rels)


def known_partnerships(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(source, overseas organisation, relationship key) of every partnership that can be hidden."""
    out = []
    for s, d, k, a in g.edges(keys=True, data=True):
        if a.get("type") != "PARTNERS_WITH":
            continue
        sa, da = g.nodes[s], g.nodes[d]
        src_ok = sa.get("label") == "Station" or (sa.get("label") == "Organization" and sa.get("overseas") is not True)
        if src_ok and da.get("label") == "Organization" and da.get("overseas") is True:
            out.append((s, d, k))
    return sorted(out)


def auc(scores: dict[str, float], positives: set[str]) -> float | None:
    """P(score of a positive > score of a negative), ties half (Mann–Whitney)."""
    pos = [scores[c] for c in scores if c in positives]
    neg = [scores[c] for c in scores if c not in positives]
    if not pos or not neg:
        return None
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))


def precision_at(order: list[str], positives: set[str], k: int) -> float:
    return sum(1 for c in order[:k] if c in positives) / k


def evaluate(g: nx.MultiDiGraph, hide: float, rounds: int, seed: int, max_sources: int) -> dict[str, Any]:
    known = known_partnerships(g)
    if not known:
        return {"error": "no PARTNERS_WITH from a station or domestic organisation to an overseas organisation"}
    n_hide = max(1, round(hide * len(known)))
    per_round: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    all_q: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    queries = skipped = 0
    n_cands: list[int] = []
    t0 = time.perf_counter()
    for rnd in range(rounds):
        rng = random.Random(seed * 1000 + rnd)
        hidden = rng.sample(known, n_hide)
        h = g.copy()
        for s, d, k in hidden:
            h.remove_edge(s, d, key=k)
        index = PartnerIndex(h)
        by_source: dict[str, set[str]] = defaultdict(set)
        for s, d, _ in hidden:
            by_source[s].add(d)
        sources = sorted(by_source)
        if len(sources) > max_sources:
            sources = sorted(rng.sample(sources, max_sources))
        round_vals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for s in sources:
            if h.nodes[s].get("label") not in ENTITY_LABELS:
                continue
            ranked = index.rank(s, top=None)
            cands = [r.id for r in ranked]
            positives = by_source[s] & set(cands)
            if not positives:
                skipped += 1  # still partnered through the circle (e.g. the host partners it too)
                continue
            queries += 1
            n_cands.append(len(cands))
            scores = {
                "model": {r.id: r.score for r in ranked},
                "field": {r.id: r.field for r in ranked},
                "proximity": {r.id: r.proximity for r in ranked},
                "introducers": {r.id: r.introducers for r in ranked},
                "diversity": {r.id: r.diversity for r in ranked},
                "popularity": {r.id: r.popularity for r in ranked},
                "degree": {c: float(index.net.degree(c)) if c in index.net else 0.0 for c in cands},
                "random": {c: rng.random() for c in cands},
            }
            for m in METHODS:
                sc = scores[m]
                order = sorted(cands, key=lambda c: (-sc[c], c)) if m != "model" else cands
                vals = {f"p@{k}": precision_at(order, positives, k) for k in KS}
                a = auc(sc, positives)
                if a is not None:
                    vals["auc"] = a
                for name, v in vals.items():
                    round_vals[m][name].append(v)
                    all_q[m][name].append(v)
        for m, d in round_vals.items():
            for name, vs in d.items():
                per_round[m][name].append(statistics.fmean(vs))
    seconds = time.perf_counter() - t0
    summary = {m: {name: {"median_of_rounds": statistics.median(vs), "mean_of_queries": statistics.fmean(all_q[m][name])}
                   for name, vs in per_round[m].items()} for m in METHODS if m in per_round}
    return {"known": len(known), "hidden_per_round": n_hide, "rounds": rounds, "queries": queries,
            "skipped": skipped, "seconds": round(seconds, 2), "metrics": summary,
            "candidates_per_query": round(statistics.fmean(n_cands), 1) if n_cands else 0,
            "nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}


def report(name: str, res: dict[str, Any]) -> str:
    if "error" in res:
        return f"{name}: {res['error']}"
    lines = [f"== {name}: {res['nodes']} nodes, {res['relationships']} relationships; {res['known']} known "
             f"partnerships, {res['hidden_per_round']} hidden per round x {res['rounds']} rounds; "
             f"{res['queries']} ranked queries ({res['skipped']} skipped), {res['candidates_per_query']} candidates "
             f"per query on average; {res['seconds']} s",
             f"{'method':<12} {'p@5':>7} {'p@10':>7} {'AUC':>7}   (median over rounds; mean over queries in brackets)"]
    met = res["metrics"]
    for m in METHODS:
        if m not in met:
            continue
        cells = []
        for name in ("p@5", "p@10", "auc"):
            v = met[m].get(name)
            cells.append(f"{v['median_of_rounds']:.3f} ({v['mean_of_queries']:.3f})" if v else "   -   ")
        lines.append(f"{m:<12} " + "  ".join(f"{c:>15}" for c in cells))
    for base in ("random", "degree"):
        if base in met and "model" in met:
            ratios = []
            for name in ("p@5", "p@10", "auc"):
                b, v = met[base].get(name), met["model"].get(name)
                if b and v and b["mean_of_queries"] > 0:
                    ratios.append(f"{name} x{v['mean_of_queries'] / b['mean_of_queries']:.2f}")
                elif b and v:
                    ratios.append(f"{name} {v['mean_of_queries']:.3f} vs 0")
            lines.append(f"model / {base}: " + ", ".join(ratios) + " (means over queries)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("datasets", nargs="*", type=Path, default=[ROOT / "data" / "chongqing"])
    ap.add_argument("--hide", type=float, default=0.2, help="Fraction of known partnerships hidden per round")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-sources", type=int, default=100, help="Sources ranked per round at most")
    ap.add_argument("--json", type=Path, default=None, help="Also write the results here")
    args = ap.parse_args(argv)
    out = {}
    for path in args.datasets:
        res = evaluate(dataset_graph(path), args.hide, args.rounds, args.seed, args.max_sources)
        out[str(path)] = res
        print(report(str(path), res), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
