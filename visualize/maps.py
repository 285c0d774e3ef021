"""What each kind of map shows: plain inputs (a networkx graph from
:func:`kg.projection.project` plus highlight sets or scores) in, a
:class:`MapPlan` out. How it looks is decided later (:mod:`visualize.assemble`).

Kinds: ``whole``, ``ego``, ``path``, ``gaps``, ``connectors``, ``partners``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:a", label="Organization"); g.add_node("station:a", label="Station")
>>> g.add_node("talent:z", label="Talent"); g.add_node("org:far", label="Organization")
>>> _ = g.add_edge("org:a", "station:a", key="HOSTS:org:a->station:a", type="HOSTS")
>>> _ = g.add_edge("talent:z", "station:a", key="HEADS:talent:z->station:a", type="HEADS")
>>> _ = g.add_edge("org:far", "talent:z", key="X", type="WORKS_AT")
>>> plan = ego_map(g, "org:a", hops=2)
>>> sorted(plan.graph), plan.marked
(['org:a', 'station:a', 'talent:z'], {'org:a'})
>>> check_size(plan.graph, max_nodes=2) is not None
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from visualize.limits import MAX_EDGES, MAX_NODES  # noqa: F401  (re-exported)

KINDS = ("whole", "ego", "path", "gaps", "connectors", "partners")

# A fact shown in a tooltip: (Chinese key, English key, value).
Fact = tuple[str, str, Any]


@dataclass
class ExtraEdge:
    """An edge drawn on the map that is not in the data (a candidate partnership)."""

    src: str
    dst: str
    type: str
    label: str = ""
    dashed: bool = True
    facts: list[Fact] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.type}:{self.src}->{self.dst}"


@dataclass
class MapPlan:
    """What to draw. ``focus_nodes``/``focus_edges`` ``None`` means nothing is
    emphasised; otherwise the rest of the drawing is faded."""

    kind: str
    graph: nx.MultiDiGraph
    title: tuple[str, str]
    focus_nodes: set[Hashable] | None = None
    focus_edges: set[Hashable] | None = None
    sizes: dict[Hashable, float] = field(default_factory=dict)  # 0..1, relative
    marked: set[Hashable] = field(default_factory=set)
    node_facts: dict[Hashable, list[Fact]] = field(default_factory=dict)
    extra_edges: list[ExtraEdge] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    marks_legend: list[dict[str, str]] = field(default_factory=list)
    center: Hashable | None = None


class MapTooLarge(ValueError):
    """The map would not be usable as one page."""


def check_size(g: nx.Graph, max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> str | None:
    """``None`` if ``g`` fits on one page, else a one-line explanation.

    >>> check_size(nx.path_graph(5), max_nodes=3)
    '5 nodes is above the limit of 3 for one map'
    """
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n > max_nodes:
        return f"{n:,} nodes is above the limit of {max_nodes:,} for one map"
    if m > max_edges:
        return f"{m:,} edges is above the limit of {max_edges:,} for one map"
    return None


def _name(g: nx.Graph, n: Hashable) -> str:
    a = g.nodes[n]
    return str(a.get("name_zh") or a.get("name_en") or n)


def hop_distances(g: nx.MultiDiGraph, center: Hashable, hops: int) -> dict[Hashable, int]:
    """Distance (ignoring direction) of every node within ``hops`` of ``center``.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> hop_distances(g, "a", 2)
    {'a': 0, 'b': 1, 'c': 2}
    """
    if center not in g:
        raise KeyError(center)
    dist = {center: 0}
    todo = deque([center])
    while todo:
        u = todo.popleft()
        if dist[u] >= hops:
            continue
        for v in (*g.successors(u), *g.predecessors(u)):
            if v not in dist:
                dist[v] = dist[u] + 1
                todo.append(v)
    return dist


def induced(g: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> nx.MultiDiGraph:
    """A copy of the part of ``g`` on ``nodes`` (every edge between two of them)."""
    return g.subgraph(list(nodes)).copy()


def whole_map(g: nx.MultiDiGraph, title: tuple[str, str] = ("整体网络", "Whole network")) -> MapPlan:
    """Everything in ``g`` (filter it first with ``project(store, labels, types)``)."""
    return MapPlan("whole", g, title)


def ego_map(g: nx.MultiDiGraph, center: Hashable, hops: int = 2) -> MapPlan:
    """``center`` and everything within ``hops`` of it (direction ignored); the
    centre is emphasised and each node says its distance."""
    if hops < 1:
        raise ValueError("hops must be at least 1")
    dist = hop_distances(g, center, hops)
    sub = induced(g, dist)
    name = _name(g, center)
    facts = {n: [("距中心跳数", "Hops from the centre", d)] for n, d in dist.items()}
    sizes = {n: 1.0 - d / (hops + 1) for n, d in dist.items()}
    return MapPlan("ego", sub, (f"{name} 的 {hops} 跳关系网络", f"{hops}-hop network of {_name_en(g, center)}"),
                   sizes=sizes, node_facts=facts, center=center,
                   marked={center},
                   marks_legend=[{"style": "marked", "zh": "中心", "en": "Centre"}],
                   notes=[(f"{len(sub)} 个节点，{sub.number_of_edges()} 条关系",
                           f"{len(sub)} nodes, {sub.number_of_edges()} relationships")])


def _name_en(g: nx.Graph, n: Hashable) -> str:
    a = g.nodes[n]
    return str(a.get("name_en") or a.get("name_zh") or n)


def _edges_between(g: nx.MultiDiGraph, u: Hashable, v: Hashable) -> list[Hashable]:
    keys = list((g.get_edge_data(u, v) or {}).keys())
    keys += list((g.get_edge_data(v, u) or {}).keys())
    return keys


def _context(g: nx.MultiDiGraph, core: Iterable[Hashable], context_hops: int | None) -> nx.MultiDiGraph:
    core = list(core)
    if context_hops is None:
        return g
    keep: set[Hashable] = set()
    for c in core:
        keep.update(hop_distances(g, c, context_hops))
    return induced(g, keep)


def path_map(g: nx.MultiDiGraph, paths: Sequence[Sequence[Hashable]],
             edge_keys: Sequence[Sequence[Hashable]] | None = None,
             context_hops: int | None = None,
             texts: Sequence[tuple[str, str]] | None = None) -> MapPlan:
    """The ``paths`` (each a list of node ids) highlighted, the rest faded.

    ``edge_keys``, if given, names the relationship taken at each step of each
    path; otherwise every relationship between consecutive nodes is highlighted.
    ``context_hops`` ``None`` keeps the whole graph as faded context, else only
    what lies within that many hops of a path node. ``texts`` ((zh, en) per
    path) replaces the notes that list each path's names.

    >>> g = nx.MultiDiGraph()
    >>> for n in "abcd": g.add_node(n, label="Organization")
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "d")]: _ = g.add_edge(u, v, key=f"{u}{v}", type="PART_OF")
    >>> p = path_map(g, [["a", "b", "c"]])
    >>> sorted(p.focus_nodes), sorted(p.focus_edges), len(p.graph)
    (['a', 'b', 'c'], ['ab', 'bc'], 4)
    """
    if not paths:
        raise ValueError("no path to draw")
    focus_nodes: set[Hashable] = set()
    focus_edges: set[Hashable] = set()
    facts: dict[Hashable, list[Fact]] = {}
    notes: list[tuple[str, str]] = []
    for i, p in enumerate(paths, 1):
        for n in p:
            if n not in g:
                raise KeyError(n)
        focus_nodes.update(p)
        if edge_keys is not None:
            focus_edges.update(edge_keys[i - 1])
        else:
            for u, v in zip(p, p[1:]):
                focus_edges.update(_edges_between(g, u, v))
        for step, n in enumerate(p):
            facts.setdefault(n, []).append(("路径", "Path", f"{i} / {step}"))
        if texts is None:
            notes.append((f"路径 {i}（{len(p) - 1} 跳）：" + " → ".join(_name(g, n) for n in p),
                          f"Path {i} ({len(p) - 1} hops): " + " → ".join(_name_en(g, n) for n in p)))
    if texts is not None:
        notes = list(texts)
    sub = _context(g, focus_nodes, context_hops)
    a, b = paths[0][0], paths[0][-1]
    ends = {a, b}
    return MapPlan("path", sub, (f"{_name(g, a)} 与 {_name(g, b)} 之间的路径",
                                 f"Paths between {_name_en(g, a)} and {_name_en(g, b)}"),
                   focus_nodes=focus_nodes, focus_edges=focus_edges, node_facts=facts, marked=ends,
                   sizes={n: (1.0 if n in ends else 0.7 if n in focus_nodes else 0.3) for n in sub},
                   notes=notes,
                   marks_legend=[{"style": "focus", "zh": "路径", "en": "Path"},
                                 {"style": "marked", "zh": "起点与终点", "en": "Start and end"},
                                 {"style": "faded", "zh": "其余网络", "en": "Rest of the network"}])


def gaps_map(g: nx.MultiDiGraph, gaps: Mapping[Hashable, Sequence[Any]],
             context_hops: int | None = 1,
             related: Mapping[Hashable, Iterable[Hashable]] | None = None) -> MapPlan:
    """Nodes with gaps (node id → reasons: text or :data:`Fact`) marked, their
    neighbours and ``related`` nodes shown, the rest faded (``context_hops``
    ``None`` keeps the whole graph).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> p = gaps_map(g, {"a": ["no partner"]})
    >>> sorted(p.graph), sorted(p.focus_nodes), p.node_facts["a"]
    (['a', 'b'], ['a', 'b'], [('缺口', 'Gap', 'no partner')])
    """
    for n in gaps:
        if n not in g:
            raise KeyError(n)
    rel = {n: [r for r in (related or {}).get(n, ()) if r in g] for n in gaps}
    core = set(gaps) | {r for rs in rel.values() for r in rs}
    sub = _context(g, core, context_hops) if gaps else induced(g, [])
    focus = set(core)
    for n in gaps:
        focus.update(v for v in (*sub.successors(n), *sub.predecessors(n)))
    facts = {n: [r if isinstance(r, tuple) else ("缺口", "Gap", r) for r in reasons] for n, reasons in gaps.items()}
    return MapPlan("gaps", sub, ("缺口", "Gaps"), focus_nodes=focus,
                   focus_edges={k for u, v, k in sub.edges(keys=True) if u in gaps or v in gaps},
                   marked=set(gaps), node_facts=facts,
                   sizes={n: (1.0 if n in gaps else 0.5) for n in sub},
                   notes=[(f"{len(gaps)} 个节点存在缺口", f"{len(gaps)} nodes with gaps")],
                   marks_legend=[{"style": "marked", "zh": "存在缺口", "en": "Has a gap"},
                                 {"style": "faded", "zh": "其余网络", "en": "Rest of the network"}])


def connectors_map(g: nx.MultiDiGraph, scores: Mapping[Hashable, float],
                   articulation: Iterable[Hashable] = (), top: int | None = None,
                   reasons: Mapping[Hashable, str] | None = None) -> MapPlan:
    """Node size by ``scores`` (betweenness), articulation points marked; the
    ``top`` highest-scoring nodes (all scored nodes if ``None``) say their rank
    (and their ``reasons``).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> p = connectors_map(g, {"b": 1.0, "a": 0.0}, articulation=["b"])
    >>> p.sizes["b"], p.sizes["c"], p.marked
    (1.0, 0.0, {'b'})
    """
    art = set(articulation)
    hi = max((float(v) for v in scores.values()), default=0.0) or 1.0
    ranked = sorted(scores, key=lambda n: (-float(scores[n]), str(n)))
    if top is not None:
        ranked = ranked[:top]
    facts: dict[Hashable, list[Fact]] = {}
    for r, n in enumerate(ranked, 1):
        facts.setdefault(n, []).append(("中介中心性", "Betweenness", float(scores[n])))
        facts[n].append(("排名", "Rank", r))
        if reasons and reasons.get(n):
            facts[n].append(("说明", "Why", reasons[n]))
    for n in art:
        facts.setdefault(n, []).append(("割点（移除后网络断开）", "Articulation point (removing it splits the network)",
                                        True))
    return MapPlan("connectors", g, ("关键连接者", "Connectors"),
                   sizes={n: float(scores.get(n, 0.0)) / hi for n in g}, marked=art & set(g), node_facts=facts,
                   notes=[(f"节点大小表示中介中心性；{len(art & set(g))} 个割点",
                           f"Node size shows betweenness; {len(art & set(g))} articulation points")],
                   marks_legend=[{"style": "marked", "zh": "割点", "en": "Articulation point"},
                                 {"style": "size", "zh": "大小 = 中介中心性", "en": "Size = betweenness"}])


def partners_map(g: nx.MultiDiGraph, entity: Hashable, candidates: Sequence[tuple[Hashable, float]],
                 partner_type: str = "PARTNERS_WITH",
                 reasons: Mapping[Hashable, Sequence[Any]] | None = None,
                 context: bool = True) -> MapPlan:
    """``entity``, its existing partners (solid ``partner_type`` edges) and its
    candidate partners (dashed edges labelled with their score). With
    ``context`` the neighbours a candidate shares with ``entity`` are drawn
    faded, with their edges: why the candidate was suggested.

    >>> g = nx.MultiDiGraph()
    >>> for n in ("s", "p", "c", "m"): g.add_node(n, label="Organization")
    >>> _ = g.add_edge("s", "p", key="PW", type="PARTNERS_WITH")
    >>> _ = g.add_edge("s", "m", key="SM", type="MEMBER_OF"); _ = g.add_edge("c", "m", key="CM", type="MEMBER_OF")
    >>> p = partners_map(g, "s", [("c", 0.5)])
    >>> sorted(p.graph), [(e.src, e.dst, e.label) for e in p.extra_edges], sorted(p.focus_edges)
    (['c', 'm', 'p', 's'], [('s', 'c', '0.5')], ['PW'])
    """
    if entity not in g:
        raise KeyError(entity)
    existing: set[Hashable] = set()
    existing_keys: set[Hashable] = set()
    for u, v, k, d in (*g.out_edges(entity, keys=True, data=True), *g.in_edges(entity, keys=True, data=True)):
        if d.get("type") == partner_type:
            existing.add(v if u == entity else u)
            existing_keys.add(k)
    cand_ids = []
    for c, _score in candidates:
        if c not in g:
            raise KeyError(c)
        cand_ids.append(c)
    nodes: list[Hashable] = [entity, *sorted(existing, key=str)]
    nodes += [c for c in cand_ids if c not in nodes]
    shared: set[Hashable] = set()
    if context:
        mine = set(g.successors(entity)) | set(g.predecessors(entity))
        for c in cand_ids:
            shared |= (set(g.successors(c)) | set(g.predecessors(c))) & mine
        nodes += [n for n in sorted(shared, key=str) if n not in nodes]
    sub = induced(g, nodes)
    focus = {entity, *existing, *cand_ids}
    extra = []
    facts: dict[Hashable, list[Fact]] = {}
    for rank, (c, score) in enumerate(candidates, 1):
        why = list((reasons or {}).get(c, []))
        ef: list[Fact] = [("候选合作评分", "Candidate score", float(score)), ("排名", "Rank", rank)]
        ef += [r if isinstance(r, tuple) else ("依据", "Why", r) for r in why]
        extra.append(ExtraEdge(entity, c, "CANDIDATE", label=f"{float(score):.3g}", facts=ef))
        facts[c] = list(ef)
    for p in existing:
        facts.setdefault(p, []).append(("已有合作", "Existing partner", True))
    name = _name(g, entity)
    return MapPlan("partners", sub, (f"{name} 的合作伙伴与候选伙伴", f"Partners and candidates of {_name_en(g, entity)}"),
                   focus_nodes=focus, focus_edges=existing_keys, extra_edges=extra, node_facts=facts,
                   marked={entity}, center=entity,
                   sizes={n: (1.0 if n == entity else 0.7 if n in focus else 0.3) for n in sub},
                   notes=[(f"已有合作 {len(existing)} 个，候选 {len(cand_ids)} 个",
                           f"{len(existing)} existing partners, {len(cand_ids)} candidates")],
                   marks_legend=[{"style": "solid", "zh": "已有合作", "en": "Existing partnership"},
                                 {"style": "dashed", "zh": "候选合作（评分）", "en": "Candidate (score)"},
                                 {"style": "faded", "zh": "共同关联", "en": "Shared connections"}])
