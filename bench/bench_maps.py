"""How long a map takes to write and to draw, at 500, 2,000 and 10,000 nodes.

    python bench/bench_maps.py                     # all sizes, 3 runs each (about 3-4 minutes)
    python bench/bench_maps.py --sizes 500 2000 --runs 5

For each size, on a synthetic heavy-tailed graph (Barabási–Albert, about
``--edges-per-node`` relationships per node, schema labels and types, Chinese
and English names, provenance on everything):

* generation: ``kg map``'s pipeline (layout + pyvis assembly + page + write),
  against the baseline of plain pyvis (``Network.from_nx`` + ``generate_html``,
  in_line resources) measured in the same run (skipped at 10,000 nodes:
  ``from_nx`` is quadratic, about 430 s there);
* first draw: headless Chromium (network blocked) opens the file; time from
  navigation start to vis-network's first ``afterDrawing``; against the
  baseline of pyvis's own page for the same nodes, positions and edges with
  physics off (its CDN Bootstrap requests fail at once, being blocked).

Medians of ``--runs`` runs; the ratio is ours / baseline (below 1 = faster).
Targets (issue 4): 2,000 nodes ≤ 3 s and 10,000 ≤ 8 s to first draw.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.schema import load_schema  # noqa: E402
from tests.browser import Browser  # noqa: E402
from visualize.assemble import assemble  # noqa: E402
from visualize.layout import positions  # noqa: E402
from visualize.maps import whole_map  # noqa: E402
from visualize.page import render_page, write_page  # noqa: E402

LABEL_WEIGHTS = {"Organization": 5, "Talent": 4, "Station": 2, "Project": 2, "Event": 1, "Field": 1, "Place": 1,
                 "Programme": 1, "Consulate": 0.3}
HANZI = "海智工作站重庆科技大学研究院国际合作中心创新人才项目领域材料医药智能制造新能源"


def synthetic(n: int, per_node: int, seed: int = 1) -> nx.MultiDiGraph:
    """A heavy-tailed graph shaped like the knowledge graph."""
    import igraph as ig

    rng = random.Random(seed)
    schema = load_schema()
    labels = list(LABEL_WEIGHTS)
    weights = [LABEL_WEIGHTS[x] for x in labels]
    types = list(schema.relationships)
    ba = ig.Graph.Barabasi(n, per_node, directed=False)
    g = nx.MultiDiGraph()
    for i in range(n):
        lab = rng.choices(labels, weights)[0]
        nid = f"{schema.label(lab).id_prefix}:n{i}"
        zh = "".join(rng.choice(HANZI) for _ in range(rng.randint(3, 9)))
        g.add_node(nid, label=lab, id=nid, name_zh=zh, name_en=f"{schema.label(lab).en} {i}",
                   source_id="source:bench", evidence=f"{zh}与合作伙伴签署了协议。")
    ids = list(g)
    for k, (a, b) in enumerate(ba.get_edgelist()):
        t = rng.choice(types)
        u, v = ids[a], ids[b]
        g.add_edge(u, v, key=f"{t}:{u}->{v}#{k}", type=t, source_id="source:bench", evidence="双方建立合作关系。")
    return g


def ours(g: nx.MultiDiGraph, out: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    pos = positions(g)
    t1 = time.perf_counter()
    m = assemble(whole_map(g), load_schema(), "both", {"source:bench": {"title": "基准"}}, pos=pos)
    t2 = time.perf_counter()
    write_page(out, render_page(m))
    t3 = time.perf_counter()
    return {"total": t3 - t0, "layout": t1 - t0, "assemble": t2 - t1, "page": t3 - t2}


def pyvis_from_nx(g: nx.MultiDiGraph, out: Path) -> float:
    from pyvis.network import Network

    t0 = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(nx.DiGraph(g))  # from_nx cannot take a multigraph's keys
    out.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - t0


def pyvis_page(g: nx.MultiDiGraph, out: Path) -> None:
    """pyvis's own page for the same nodes (same positions) and edges, physics off."""
    from pyvis.network import Network

    pos = positions(g)
    schema = load_schema()
    net = Network(directed=True, cdn_resources="in_line")
    ids = list(g)
    net.add_nodes(ids, label=[g.nodes[n]["name_zh"] for n in ids], x=[pos[n][0] for n in ids],
                  y=[pos[n][1] for n in ids], color=[schema.label(g.nodes[n]["label"]).color for n in ids],
                  shape=[schema.label(g.nodes[n]["label"]).shape for n in ids])
    net.edges.extend({"from": u, "to": v, "arrows": "to"} for u, v in g.edges())
    net.toggle_physics(False)
    out.write_text(net.generate_html(), encoding="utf-8")


# Runs before the page's scripts: when vis-network defines vis.Network, wrap its
# emit so the first "afterDrawing" of any network records performance.now()
# (time since navigation start). The same probe for both pages, unchanged files.
FIRST_DRAW_PROBE = """(() => {
  let visObj;
  Object.defineProperty(window, 'vis', {configurable: true, get() { return visObj; }, set(v) {
    visObj = v;
    let N;
    Object.defineProperty(v, 'Network', {configurable: true, enumerable: true, get() { return N; }, set(x) {
      N = x;
      const emit = x.prototype.emit;
      x.prototype.emit = function (name) {
        if (name === 'afterDrawing' && !window.__firstDraw) window.__firstDraw = performance.now();
        return emit.apply(this, arguments);
      };
    }});
  }});
})();"""


def first_draw_s(browser: Browser, path: Path, timeout: float) -> float:
    page = browser.open(path, wait_for="window.__firstDraw > 0", timeout=timeout, init_script=FIRST_DRAW_PROBE)
    try:
        return float(page.evaluate("window.__firstDraw")) / 1000
    finally:
        page.close()


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--edges-per-node", type=int, default=3)
    ap.add_argument("--baseline-gen-max", type=int, default=2000, help="largest size for the from_nx baseline")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-maps-"))
    rows = []
    with Browser() as browser:
        for n in args.sizes:
            g = synthetic(n, args.edges_per_node)
            ours_runs = [ours(g, tmp / f"ours-{n}.html") for _ in range(args.runs)]
            gen = med([r["total"] for r in ours_runs])
            base_gen = (med([pyvis_from_nx(g, tmp / f"fromnx-{n}.html") for _ in range(args.runs)])
                        if n <= args.baseline_gen_max else None)
            pyvis_page(g, tmp / f"pyvis-{n}.html")
            draw = med([first_draw_s(browser, tmp / f"ours-{n}.html", 120) for _ in range(args.runs)])
            base_draw = med([first_draw_s(browser, tmp / f"pyvis-{n}.html", 180) for _ in range(args.runs)])
            size_mb = (tmp / f"ours-{n}.html").stat().st_size / 1e6
            rows.append((n, g.number_of_edges(), gen, med([r["layout"] for r in ours_runs]), base_gen, draw,
                         base_draw, size_mb))
            print(f"  {n} nodes done", file=sys.stderr, flush=True)
    print(f"kg map, medians of {args.runs} runs; baseline = plain pyvis in the same run; ratio = ours / baseline")
    print(f"{'nodes':>6} {'edges':>6} | {'generate s':>10} {'(layout)':>8} {'pyvis from_nx s':>15} {'ratio':>6} | "
          f"{'first draw s':>12} {'pyvis page s':>12} {'ratio':>6} | {'file MB':>7}")
    for n, m, gen, lay, bgen, draw, bdraw, mb in rows:
        bg = f"{bgen:15.2f}" if bgen is not None else f"{'skipped':>15}"
        rg = f"{gen / bgen:6.2f}" if bgen else f"{'-':>6}"
        print(f"{n:6d} {m:6d} | {gen:10.2f} {lay:8.2f} {bg} {rg} | {draw:12.2f} {bdraw:12.2f} "
              f"{draw / bdraw:6.2f} | {mb:7.1f}")
    print("targets: first draw <= 3 s at 2,000 nodes, <= 8 s at 10,000")


if __name__ == "__main__":
    main()
