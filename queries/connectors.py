"""Key connectors: who holds the collaboration network together.

* betweenness centrality: exact up to :data:`EXACT_UP_TO` nodes, else sampled
  from :data:`DEFAULT_SAMPLE` source nodes (the sample size is stated in the result);
* articulation points and bridges, with what their removal would cut off;
* Gould–Fernandez brokerage across the domestic/overseas boundary (groups:
  domestic, or the overseas country; see :mod:`queries.network` and
  :mod:`queries.brokerage`).

It runs on the collaboration network (:func:`queries.network.collaboration_graph`),
relationships taken as undirected ties. With igraph (from
:data:`queries.algorithms.IGRAPH_FROM` nodes on) everything is computed on one igraph
graph made from the projection's edge arrays (:mod:`queries.fastgraph`; brokerage with
numpy), and the detailed rows only for what is reported: at 100k nodes that costs
about igraph's own betweenness plus well under a second. :func:`connectors_reference`
is the plain networkx-copy version the tests hold it to, row for row.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_nodes_from([("s", {"label": "Station", "name_en": "S"}), ("o", {"label": "Organization",
...     "overseas": True, "country": "Japan", "name_en": "O"}), ("h", {"label": "Organization", "name_en": "H"})])
>>> g.add_edges_from([("h", "s"), ("s", "o")])
>>> res = connectors_from_graph(g)
>>> res.top[0].id, res.top[0].cut_off, res.top[0].links
('s', 1, ['Japan', 'domestic'])
>>> res.brokerage[0].representative, res.brokerage[0].gatekeeper
(1, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from . import algorithms as alg
from .brokerage import brokerage
from .cuts import articulation_parts, bridge_cut_off, bridge_sides, cut_off_pieces
from .network import collaboration_graph, group, name, undirected

EXACT_UP_TO = 5000
DEFAULT_SAMPLE = 256
EXAMPLES = 5


@dataclass
class ConnectorRow:
    """A top connector by betweenness, with what it links and what hangs on it."""

    rank: int
    id: str
    label: str
    name_zh: str
    name_en: str
    group: str
    betweenness: float
    degree: int
    articulation: bool
    cut_off: int
    cut_off_examples: list[str]
    links: list[str]
    boundary_brokerage: int
    reason: str


@dataclass
class CutRow:
    """An articulation point: removing it splits its part of the network."""

    rank: int
    id: str
    label: str
    name_zh: str
    name_en: str
    parts: list[int]
    cut_off: int
    cut_off_ids: list[str]
    cut_off_examples: list[str]
    reason: str


@dataclass
class BridgeRow:
    """A bridge: the only tie between two parts of the network."""

    rank: int
    src: str
    dst: str
    src_name: str
    dst_name: str
    types: list[str]
    cut_off: int
    cut_side: str
    cut_off_ids: list[str]
    reason: str


@dataclass
class BrokerRow:
    """Gould–Fernandez brokerage counts of one node (ordered open two-paths)."""

    rank: int
    id: str
    label: str
    name_zh: str
    name_en: str
    group: str
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int
    boundary: int
    links: list[str]
    reason: str


@dataclass
class ConnectorsResult:
    top: list[ConnectorRow]
    articulation: list[CutRow]
    bridges: list[BridgeRow]
    brokerage: list[BrokerRow]
    method: str
    engine: str
    nodes: int
    edges: int
    sample: int | None
    articulation_total: int = 0
    bridges_total: int = 0
    notes: list[str] = field(default_factory=list)


def find_connectors(store: Any, top: int | None = 20, sample: int | None = None, engine: str = "auto",
                    seed: int = 0) -> ConnectorsResult:
    """Key connectors of the network in ``store`` (see :func:`connectors_from_graph`).

    >>> find_connectors(store, top=5).top[0].name_zh        # doctest: +SKIP
    '重庆市科协'
    """
    return connectors_from_graph(collaboration_graph(store), top=top, sample=sample, engine=engine, seed=seed)


def _names(g: nx.Graph, ids: list[Any], n: int = EXAMPLES) -> list[str]:
    ranked = sorted(ids, key=lambda v: (-g.degree(v), str(v)))
    return [name(g.nodes[v], "zh") for v in ranked[:n]]


def _links(g: nx.Graph, v: Any, groups: dict[Any, str]) -> list[str]:
    counts = Counter(groups[u] for u in g[v] if u != v)
    return [grp for grp, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _more(examples: list[str], total: int) -> str:
    text = "、".join(examples)
    return text + (f" … (+{total - len(examples)})" if total > len(examples) else "")


def _links_text(own: str, links: list[str]) -> str:
    others = [x for x in links if x != own]
    if not others:
        return f"links {own} entities only"
    return f"links {own} with {'; '.join(others)}"


def resolve_sample(n: int, sample: int | None) -> int | None:
    """Source sample for ``n`` nodes: ``None`` (exact) or a count. ``sample=None``: automatic; ``<= 0``: exact.

    >>> resolve_sample(100, None), resolve_sample(10_000, None), resolve_sample(10_000, 0), resolve_sample(50, 80)
    (None, 256, None, None)
    """
    if sample is None:
        return None if n <= EXACT_UP_TO else DEFAULT_SAMPLE
    if sample <= 0 or sample >= n:
        return None
    return sample


class _ByName:
    """``values[index[v]]`` as a mapping by node name (``convert`` makes plain Python values)."""

    def __init__(self, values: Any, index: dict[Any, int], convert: Any = None) -> None:
        self.values, self.index, self.convert = values, index, convert

    def __getitem__(self, v: Any) -> Any:
        x = self.values[self.index[v]]
        return self.convert(x) if self.convert else x

    def get(self, v: Any, default: Any = None) -> Any:
        return self[v] if v in self.index else default


def _method(n: int, k: int | None, seed: int, eng: str) -> str:
    if k is None:
        return f"exact betweenness over all {n} nodes ({eng})"
    return (f"sampled betweenness: shortest paths from {k} of {n} nodes (seed {seed}), "
            f"scaled by {n}/{k} ({eng})")


def connectors_from_graph(g: nx.Graph | nx.MultiDiGraph, top: int | None = 20, sample: int | None = None,
                          engine: str = "auto", seed: int = 0) -> ConnectorsResult:
    """Betweenness, articulation points, bridges and brokerage of ``g`` (rows limited to ``top``).

    With the igraph engine (``auto`` picks it from :data:`queries.algorithms.IGRAPH_FROM` nodes on) it
    runs on one igraph graph built from ``g``'s edge arrays (:mod:`queries.fastgraph`) and computes the
    full rows only for what is reported; the result is the same as :func:`connectors_reference`'s
    with the same engine (tests check it row for row).

    >>> res = connectors_from_graph(nx.path_graph(["a", "b", "c"]), engine="igraph")
    >>> [(r.id, r.betweenness, r.cut_off) for r in res.top], res.bridges_total, res.engine
    ([('b', 1.0, 1)], 2, 'igraph')
    """
    eng = alg.pick_engine(g, engine)
    if eng != "igraph" or (g.is_directed() and not g.is_multigraph()):
        return connectors_reference(g, top=top, sample=sample, engine=eng, seed=seed)
    from . import fastgraph as fast
    from .brokerage import RolesArrays, brokerage_arrays

    u = fast.fast_graph(g)
    n, m = u.number_of_nodes(), u.number_of_edges()
    k = resolve_sample(n, sample)
    bc_arr = fast.betweenness(u, sample=k, seed=seed)
    bc = _ByName(bc_arr, u.index, float)
    group_list = [group(a) for _, a in g.nodes(data=True)]
    groups = _ByName(group_list, u.index)
    codes_of: dict[str, int] = {}
    codes = np.fromiter((codes_of.setdefault(x, len(codes_of)) for x in group_list), np.int64, n)
    arrays = brokerage_arrays(n, u.lo, u.hi, codes, fast.triangles(u))
    roles = RolesArrays(arrays, u.index)
    sizes = fast.component_sizes(u)
    parts = fast.articulation_parts(u, sizes)
    sides = fast.bridge_sides(u, sizes)
    limit = top if top is not None else n + m
    names = u.names

    pos = np.nonzero(bc_arr > 0)[0]
    pos = pos[fast.top_candidates(bc_arr[pos], limit)]
    ranked = sorted((names[i] for i in pos.tolist()), key=lambda v: (-bc[v], str(v)))[:limit]
    ap_ids = list(parts)
    cut_size = np.array([sum(parts[v]) - parts[v][0] for v in ap_ids], dtype=np.int64)
    aps = sorted((ap_ids[i] for i in fast.top_candidates(cut_size, limit).tolist()),
                 key=lambda v: (-(sum(parts[v]) - parts[v][0]), -bc.get(v, 0.0), str(v)))[:limit]
    br_ids = list(sides)
    small = np.array([sides[e][1] for e in br_ids], dtype=np.int64)
    brs = sorted((br_ids[i] for i in fast.top_candidates(small, limit).tolist()),
                 key=lambda e: (-sides[e][1], sorted(map(str, e))))[:limit]
    boundary = arrays["boundary"]
    pos = np.nonzero(boundary > 0)[0]
    pos = pos[fast.top_candidates(boundary[pos], limit)]
    brokers = sorted((names[i] for i in pos.tolist()),
                     key=lambda v: (-roles[v].boundary, -roles[v].coordinator, str(v)))[:limit]
    return _result(u, bc, groups, roles, parts, sides, ranked, aps, brs, brokers, u.rels,
                   method=_method(n, k, seed, "igraph"), engine="igraph", n=n, m=m, k=k)


def connectors_reference(g: nx.Graph | nx.MultiDiGraph, top: int | None = 20, sample: int | None = None,
                         engine: str = "auto", seed: int = 0) -> ConnectorsResult:
    """:func:`connectors_from_graph` the straightforward way: a networkx undirected copy, every metric for
    every node, full sorts (the reference the fast path is tested against; networkx or igraph metrics).

    >>> connectors_reference(nx.path_graph(["a", "b", "c"]), engine="networkx").top[0].id
    'b'
    """
    u = undirected(g) if g.is_multigraph() or g.is_directed() else g
    n, m = u.number_of_nodes(), u.number_of_edges()
    eng = alg.pick_engine(u, engine)
    k = resolve_sample(n, sample)
    bc = alg.betweenness(u, sample=k, seed=seed, engine=eng)
    groups = {v: group(a) for v, a in u.nodes(data=True)}
    roles = brokerage(u, groups)
    parts = articulation_parts(u, eng)
    sides = bridge_sides(u, eng)
    limit = top if top is not None else n + m
    ranked = sorted((v for v in u if bc[v] > 0), key=lambda v: (-bc[v], str(v)))[:limit]
    aps = sorted(parts, key=lambda v: (-(sum(parts[v]) - parts[v][0]), -bc.get(v, 0.0), str(v)))[:limit]
    brs = sorted(sides, key=lambda e: (-sides[e][1], sorted(map(str, e))))[:limit]
    brokers = sorted((v for v in u if roles[v].boundary > 0),
                     key=lambda v: (-roles[v].boundary, -roles[v].coordinator, str(v)))[:limit]
    return _result(u, bc, groups, roles, parts, sides, ranked, aps, brs, brokers,
                   lambda a, b: u.edges[a, b].get("rels", []),
                   method=_method(n, k, seed, eng), engine=eng, n=n, m=m, k=k)


def _result(u: Any, bc: Any, groups: Any, roles: Any, parts: dict[Any, list[int]],
            sides: dict[frozenset[Any], tuple[int, int]], ranked: list[Any], aps: list[Any],
            brs: list[frozenset[Any]], brokers: list[Any], rels_of: Any, *, method: str, engine: str,
            n: int, m: int, k: int | None) -> ConnectorsResult:
    """The rows of the ranked nodes and bridges (``u``: a networkx ``Graph`` or a ``FastGraph``)."""
    # -- top connectors ----------------------------------------------------------
    top_rows = []
    for i, v in enumerate(ranked, 1):
        a = u.nodes[v]
        pieces = cut_off_pieces(u, v, parts[v]) if v in parts else []
        cut = [x for p in pieces for x in p]
        links = _links(u, v, groups)
        why = f"on {bc[v]:.1%} of the shortest paths between other entities"
        if cut:
            why += f"; without it {len(cut)} cut off ({_more(_names(u, cut), len(cut))})"
        why += "; " + _links_text(groups[v], links)
        top_rows.append(ConnectorRow(
            rank=i, id=v, label=a.get("label", ""), name_zh=a.get("name_zh", ""), name_en=a.get("name_en", ""),
            group=groups[v], betweenness=bc[v], degree=u.degree(v), articulation=v in parts,
            cut_off=len(cut), cut_off_examples=_names(u, cut), links=links,
            boundary_brokerage=roles[v].boundary, reason=why))

    # -- articulation points -------------------------------------------------------
    cut_rows = []
    for i, v in enumerate(aps, 1):
        a = u.nodes[v]
        pieces = cut_off_pieces(u, v, parts[v])
        cut = [x for p in pieces for x in p]
        why = (f"removing it splits its part of the network into {len(parts[v])} pieces "
               f"({'+'.join(map(str, parts[v]))}); cut off: {_more(_names(u, cut), len(cut))}")
        cut_rows.append(CutRow(
            rank=i, id=v, label=a.get("label", ""), name_zh=a.get("name_zh", ""), name_en=a.get("name_en", ""),
            parts=parts[v], cut_off=len(cut), cut_off_ids=sorted(cut, key=str), cut_off_examples=_names(u, cut),
            reason=why))

    # -- bridges -------------------------------------------------------------------------
    bridge_rows = []
    for i, e in enumerate(brs, 1):
        small = sides[e][1]
        end, side_nodes = bridge_cut_off(u, e, small)
        other = next(x for x in e if x != end)
        rels = rels_of(*tuple(e))
        types = sorted({r[3].get("type", "") for r in rels})
        src, dst = (rels[0][0], rels[0][1]) if rels else (other, end)
        why = (f"the only tie between {name(u.nodes[other], 'zh')} and {name(u.nodes[end], 'zh')}"
               f"{' (' + ', '.join(types) + ')' if types else ''}; without it {small} cut off: "
               f"{_more(_names(u, side_nodes), small)}")
        bridge_rows.append(BridgeRow(
            rank=i, src=src, dst=dst, src_name=name(u.nodes[src], "zh"), dst_name=name(u.nodes[dst], "zh"),
            types=types, cut_off=small, cut_side=end, cut_off_ids=side_nodes, reason=why))

    # -- brokerage ---------------------------------------------------------------------------
    broker_rows = []
    for i, v in enumerate(brokers, 1):
        a, r = u.nodes[v], roles[v]
        links = _links(u, v, groups)
        parts_txt = [f"{x} {getattr(r, x)}" for x in ("gatekeeper", "representative", "liaison", "itinerant",
                                                     "coordinator") if getattr(r, x)]
        why = f"{groups[v]} entity brokering {', '.join(parts_txt)}; " + _links_text(groups[v], links)
        broker_rows.append(BrokerRow(
            rank=i, id=v, label=a.get("label", ""), name_zh=a.get("name_zh", ""), name_en=a.get("name_en", ""),
            group=groups[v], coordinator=r.coordinator, gatekeeper=r.gatekeeper, representative=r.representative,
            itinerant=r.itinerant, liaison=r.liaison, boundary=r.boundary, links=links, reason=why))

    return ConnectorsResult(
        top=top_rows, articulation=cut_rows, bridges=bridge_rows, brokerage=broker_rows, method=method,
        engine=engine, nodes=n, edges=m, sample=k, articulation_total=len(parts), bridges_total=len(sides),
        notes=["relationships are taken as undirected ties; places, fields, sources and metrics are left out",
               "brokerage counts ordered open two-paths (a-b-c with a, c not tied), relationships as mutual ties"])
