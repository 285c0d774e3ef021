"""Quality and speed of ``kg extract`` (prints figures; not a test).

Quality: precision / recall / F1 per label and relationship type on every gold
set in tests/gold/, for the extractor without a graph ("cold": every entity
is new, no gazetteer of known names), with the bundled Chongqing graph, and
for the two baselines (jieba POS tags; suffix regex + jieba tags).

Speed: seconds to extract the seed article (tokenizer built and cached, then
warm), and characters per second on a long text (the seed repeated).

    python bench/bench_extract.py [--details] [--repeat 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.dataset import load_dataset  # noqa: E402
from ingest.extract.baselines import BASELINES  # noqa: E402
from ingest.extract.evaluate import evaluate, load_gold  # noqa: E402
from ingest.extract.graph import Graph  # noqa: E402
from ingest.extract.pipeline import extract_text  # noqa: E402

ENTITY_ORDER = ["Organization", "Talent", "Place", "ORG+PER+LOC", "Station", "Consulate", "Programme", "Event",
                "all entities"]


def table(title: str, reports: dict[str, object]) -> None:
    names = list(reports)
    print(f"\n## {title}\n")
    print("| type | gold | " + " | ".join(f"{n} P / R / F1" for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    rows: dict[str, dict[str, dict]] = {}
    for n, rep in reports.items():
        for r in rep.rows():  # type: ignore[attr-defined]
            rows.setdefault(r["type"], {})[n] = r
    order = [t for t in ENTITY_ORDER if t in rows] + [t for t in rows if t not in ENTITY_ORDER]
    for t in order:
        cells = []
        gold_n = next(iter(rows[t].values()))["gold_n"]
        for n in names:
            r = rows[t].get(n)
            cells.append("" if r is None else f"{r['precision']:.2f} / {r['recall']:.2f} / {r['f1']:.2f}")
        print(f"| {t} | {gold_n} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list false positives and negatives")
    ap.add_argument("--repeat", type=int, default=10, help="copies of the seed in the long text")
    args = ap.parse_args()
    graph = Graph.from_dataset(load_dataset(ROOT / "data" / "chongqing"))
    for path in sorted((ROOT / "tests" / "gold").glob("*.yaml")):
        gold = load_gold(path)
        runs = {"cold": lambda t, d: extract_text(t, None, d),
                "graph": lambda t, d: extract_text(t, graph, d)}
        reports = {n: evaluate(gold, f) for n, f in runs.items()}
        base = {n: evaluate(gold, f) for n, f in BASELINES.items()}
        for rep in base.values():
            rep.entities = {k: v for k, v in rep.entities.items() if k in ("Organization", "Talent", "Place")}
            rep.relations = {}
        table(f"{gold.name} ({len(gold.text)} characters)", {**reports, **base})
        if args.details:
            for n, rep in reports.items():
                for s in rep.false_positives:
                    print(f"  [{n}] false positive: {s}")
                for s in rep.false_negatives:
                    print(f"  [{n}] missed: {s}")
                for s in rep.property_mismatches:
                    print(f"  [{n}] property: {s}")
    seed = (ROOT / "data" / "chongqing" / "sources" / "chongqing-haizhi-article.txt").read_text(encoding="utf-8")
    print("\n## speed\n")
    for name, g in (("cold", None), ("graph", graph)):
        t0 = time.perf_counter()
        extract_text(seed, g, "2023")
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        extract_text(seed, g, "2023")
        warm = time.perf_counter() - t0
        print(f"- seed article ({len(seed)} chars), {name}: first call {first:.2f} s (builds the jieba "
              f"tokenizer), warm {warm:.2f} s")
    long = "\n".join([seed] * args.repeat)
    t0 = time.perf_counter()
    x = extract_text(long, graph, "2023")
    dt = time.perf_counter() - t0
    print(f"- long text ({len(long):,} chars, seed x{args.repeat}), graph: {dt:.1f} s, "
          f"{len(long) / dt:,.0f} chars/s, {len(x.entities)} entities, {len(x.relations)} relationships")


if __name__ == "__main__":
    main()
