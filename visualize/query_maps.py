"""The analyst's questions (:mod:`queries`) drawn as maps: each function turns
a question's rows into the plain highlight inputs of :mod:`visualize.maps`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:h", label="Organization", name_zh="甲公司", name_en="Alpha Co.")
>>> g.add_node("station:s", label="Station", name_zh="甲站", name_en="Alpha Station")
>>> _ = g.add_edge("org:h", "station:s", key="HOSTS:org:h->station:s", type="HOSTS")
>>> plan = path_plan(g, "甲公司", "station:s")
>>> sorted(plan.focus_edges), plan.notes[0][1]
(['HOSTS:org:h->station:s'], 'Path 1 (1 hop): Alpha Co. hosts Alpha Station')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from visualize.maps import MapPlan, connectors_map, gaps_map, induced, partners_map, path_map


class NothingToDraw(LookupError):
    """The question has no answer to draw (no path, no gap ...); the message says why."""


def resolve(g: nx.MultiDiGraph, text: str) -> str:
    """The id of the node ``text`` names (id, name, alias or a clear fuzzy name);
    raises ``queries.resolve.AmbiguousEntity`` / ``EntityNotFound`` otherwise."""
    from queries.resolve import resolve_in_graph

    return resolve_in_graph(g, text).id


def path_plan(g: nx.MultiDiGraph, a: str, b: str, k: int = 3, max_hops: int = 6,
              types: Iterable[str] | None = None, avoid: Iterable[str] = (),
              context_hops: int | None = None) -> MapPlan:
    """``kg query paths`` as a map: the paths highlighted, each hop's sentence in the notes."""
    from queries.paths import paths_from_graph

    ia, ib = resolve(g, a), resolve(g, b)
    avoid_ids = [resolve(g, x) for x in avoid]
    found = paths_from_graph(g, ia, ib, k=k, max_hops=max_hops, types=types, avoid=avoid_ids)
    if not found:
        raise NothingToDraw(f"no path between {ia} and {ib} within {max_hops} hops")
    texts = [(f"路径 {p.rank}（{p.length} 跳）：{p.text_zh}",
              f"Path {p.rank} ({p.length} hop{'s' if p.length != 1 else ''}): {p.text_en}") for p in found]
    return path_map(g, [[e.id for e in p.nodes] for p in found], edge_keys=[[h.rel_id for h in p.hops] for p in found],
                    context_hops=context_hops, texts=texts)


def gaps_plan(g: nx.MultiDiGraph, rows: Iterable[Any], context_hops: int | None = 1) -> MapPlan:
    """``kg query gaps`` rows (``queries.gaps.GapRow``) as a map: each entity
    with a gap marked, with its reasons; related entities shown."""
    gaps: dict[str, list[Any]] = {}
    related: dict[str, list[str]] = {}
    missing: list[str] = []
    for r in rows:
        rel = [x for x in (getattr(r, "related", None) or []) if x in g]
        carrier, prefix = r.id, ""
        if carrier not in g:  # a gap of something that is not a node (a country): shown on its first related node
            if not rel:
                missing.append(r.id)
                continue
            carrier, rel, prefix = rel[0], rel[1:], f"{r.id}: "
        gaps.setdefault(carrier, []).append(
            ("缺口", "Gap", {"zh": prefix + (r.reason_zh or r.reason), "en": prefix + (r.reason or r.reason_zh)}))
        related.setdefault(carrier, []).extend(rel)
    if not gaps:
        raise NothingToDraw("no gap found" + (f" on the map's nodes ({len(missing)} elsewhere)" if missing else ""))
    return gaps_map(g, gaps, context_hops=context_hops, related=related)


def connectors_plan(g: nx.MultiDiGraph, top: int = 20, sample: int | None = None) -> MapPlan:
    """``kg query connectors`` as a map of the collaboration network: size by
    betweenness, articulation points marked, the ``top`` connectors ranked."""
    from queries.connectors import connectors_from_graph
    from queries.network import network_view

    net = induced(g, network_view(g))
    res = connectors_from_graph(net, top=None, sample=sample)
    scores = {r.id: r.betweenness for r in res.top}
    reasons = {r.id: r.reason for r in res.top[:top]}
    plan = connectors_map(net, scores, [c.id for c in res.articulation], top=top, reasons=reasons)
    plan.notes.append((f"计算方法：{res.method}", f"Method: {res.method}"))
    return plan


def partners_plan(g: nx.MultiDiGraph, entity: str, top: int = 10) -> MapPlan:
    """``kg query partners`` as a map: existing partnerships solid, candidates dashed with their score."""
    from queries.partners import rank_partners_from_graph

    eid = resolve(g, entity)
    cands = rank_partners_from_graph(g, eid, top=top)
    reasons = {c.id: [getattr(c, "reason", "")] if getattr(c, "reason", "") else [] for c in cands}
    return partners_map(g, eid, [(c.id, float(c.score)) for c in cands], reasons=reasons)
