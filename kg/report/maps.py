"""The report's network maps: self-contained HTML pages (:mod:`visualize`)
written next to the report, which embeds them in iframes and links them.

Maps draw the report's own rows, so map and page agree: the whole network,
the gap rows, the connectors, the first path example's station with its
partners and candidates, and that path itself. A map with nothing to draw, or
too large for one page, is left out with a note saying why.

>>> MapLink("whole", "整体网络", "Whole network", "report-maps/whole.html", 3, 2).href
'report-maps/whole.html'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.report.collect import PartnerBlock, PathExample, ReportData

PATH_CONTEXT_HOPS = 1  # what the path map shows around the path
MAP_KINDS = ("whole", "gaps", "connectors", "partners", "path")


@dataclass
class MapLink:
    kind: str
    title_zh: str
    title_en: str
    href: str      # relative to the report
    nodes: int
    edges: int


def map_subjects(data: ReportData) -> tuple[PathExample | None, PartnerBlock | None]:
    """The path example and the station whose maps are drawn: the first example with a path
    (else the first station with candidates).

    >>> from types import SimpleNamespace as NS
    >>> map_subjects(NS(paths=[], partners=[NS(station=NS(id="s"), candidates=[])]))
    (None, None)
    """
    path = next((ex for ex in data.paths if ex.path is not None), None)
    block = None
    if path is not None:
        block = next((b for b in data.partners if b.station.id == path.a.id), None)
    if block is None:
        block = next((b for b in data.partners if b.candidates), None)
    return path, block


def write_maps(store: Any, folder: Path, href_prefix: str, lang: str, data: ReportData,
               top: int = 10) -> tuple[list[MapLink], list[tuple[str, str]]]:
    """Write the maps into ``folder``; return their links (``href_prefix`` + file name) and notes
    ``(zh, en)`` about maps left out."""
    from visualize.maps import MAX_EDGES, MAX_NODES, MapPlan, check_size, partners_map, path_map, whole_map
    from visualize.page import write_page
    from visualize.query_maps import NothingToDraw, connectors_plan, gaps_plan
    from visualize.render import load_graph, render_map

    if data.graph is not None:  # the projection the report's questions ran on: maps and tables agree
        g = data.graph
        sources = load_graph(store, labels=[], types=[])[1]
    else:
        g, sources = load_graph(store)
    ex, block = map_subjects(data)
    gap_rows = [r for grp in data.gaps for r in grp.rows]
    makers: list[tuple[str, str, str, Callable[[], MapPlan]]] = [
        ("whole", "整体网络", "Whole network", lambda: whole_map(g)),
        ("gaps", "缺口", "Gaps", lambda: gaps_plan(g, gap_rows)),
        ("connectors", "关键连接者", "Key connectors", lambda: connectors_plan(g, top=top)),
    ]
    if block is not None:
        makers.append(("partners", "合作伙伴与候选", "Partners and candidates", lambda: partners_map(
            g, block.station.id, [(c.id, float(c.score)) for c in block.candidates],
            reasons={c.id: [c.reason] for c in block.candidates})))
    if ex is not None and ex.path is not None:
        p = ex.path
        makers.append(("path", "合作路径", "Collaboration path", lambda: path_map(
            g, [[e.id for e in p.nodes]], edge_keys=[[h.rel_id for h in p.hops]], context_hops=PATH_CONTEXT_HOPS,
            texts=[(f"路径（{p.length} 跳）：{p.text_zh}", f"Path ({p.length} hops): {p.text_en}")])))
    links: list[MapLink] = []
    notes: list[tuple[str, str]] = []
    folder.mkdir(parents=True, exist_ok=True)
    for kind, zh, en, make in makers:
        try:
            plan = make()
        except NothingToDraw as e:
            notes.append((f"未生成“{zh}”地图：{e}", f"No {en.lower()} map: {e}"))
            continue
        problem = check_size(plan.graph, MAX_NODES, MAX_EDGES)
        if problem:
            notes.append((f"未生成“{zh}”地图：{problem}（请用 kg map --ego 画局部网络）",
                          f"No {en.lower()} map: {problem} (draw part of it with kg map --ego)"))
            continue
        name = f"{kind}.html"
        write_page(folder / name, render_map(plan, lang=lang, sources=sources))
        links.append(MapLink(kind, zh, en, href_prefix + name, plan.graph.number_of_nodes(),
                             plan.graph.number_of_edges() + len(plan.extra_edges)))
    for kind in MAP_KINDS:  # a map an earlier report wrote but this one does not: not left to mislead
        if kind not in {m.kind for m in links}:
            (folder / f"{kind}.html").unlink(missing_ok=True)
    return links, notes
