"""Collaboration paths between two entities, each hop told as a sentence in
Chinese and English (the schema's ``sentence`` templates) with its evidence.

Relationships are undirected ties: the shortest path and the next shortest
simple paths (Yen's algorithm, ``networkx.shortest_simple_paths``; networkx was
10-130x faster than igraph for this here), up to ``max_hops`` hops.
:func:`paths_from_graph` answers on a projection (the reference);
:func:`find_paths` answers from the store with work local to the two ends
(:mod:`queries.path_search`: a bidirectional search, one Cypher query per
level, then Yen on the few nodes that can lie on a short enough path), the
same paths but for the choice among equal-length ones. By default the context relationships
(``LOCATED_IN``, ``REPRESENTS``, ``IN_FIELD``: see :mod:`queries.network`) are
left out, so "both are in Chongqing" is not a collaboration path (unless an
end is itself a field or a place); ``types`` chooses the relationship types
explicitly, ``avoid`` removes entities.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:h", label="Organization", name_zh="甲公司", name_en="Alpha Co.")
>>> g.add_node("station:s", label="Station", name_zh="甲海智工作站", name_en="Alpha Haizhi Workstation")
>>> g.add_edge("org:h", "station:s", key="HOSTS:org:h->station:s", type="HOSTS", evidence="甲公司设立甲海智工作站")
'HOSTS:org:h->station:s'
>>> p = paths_from_graph(g, "station:s", "org:h")[0]
>>> p.length, p.hops[0].sentence_zh, p.hops[0].sentence_en
(1, '甲公司设立甲海智工作站', 'Alpha Co. hosts Alpha Haizhi Workstation')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx

from kg.schema import load_schema

from .network import CONTEXT_LABELS, analysis_labels, context_types, name, network_labels, types_between, undirected
from .resolve import Entity, resolve_entity

DEFAULT_K = 3
DEFAULT_MAX_HOPS = 6


@dataclass
class Hop:
    """One relationship on a path, in its stored direction (``src`` -> ``dst``)."""

    src: str
    dst: str
    type: str
    rel_id: str
    sentence_zh: str
    sentence_en: str
    evidence: str
    source_id: str
    confidence: float | None
    also: list[str] = field(default_factory=list)


@dataclass
class PathResult:
    rank: int
    length: int
    nodes: list[Entity]
    hops: list[Hop]
    text_zh: str
    text_en: str


def check_types(types: Iterable[str] | None) -> list[str] | None:
    """Relationship types checked against the schema (``None``: the default set).

    >>> check_types(["HOSTS", "PARTNERS_WITH"])
    ['HOSTS', 'PARTNERS_WITH']
    >>> check_types(["HOST"])
    Traceback (most recent call last):
    ...
    ValueError: unknown relationship type 'HOST'; the schema has AFFILIATED_WITH, APPROVED_BY, FOUNDED, FUNDED, HEADS, HELD_AT, HOSTED_BY, HOSTS, IN_FIELD, ISSUED, LEADS, LOCATED_IN, MEASURES, MEMBER_OF, ORGANIZED, PARTICIPATED_IN, PARTNERS_WITH, PARTNER_IN, PART_OF, REPRESENTS, WORKS_AT
    """
    if types is None:
        return None
    schema = load_schema()
    out = []
    for t in types:
        if t not in schema.relationships:
            raise ValueError(f"unknown relationship type {t!r}; the schema has {', '.join(sorted(schema.relationships))}")
        out.append(t)
    return out


def default_types() -> list[str]:
    """Every relationship type but the context ones.

    >>> "IN_FIELD" in default_types(), "PARTNERS_WITH" in default_types()
    (False, True)
    """
    ctx = set(context_types())
    return [t for t in load_schema().relationships if t not in ctx]


def _entity(g: nx.Graph, v: str) -> Entity:
    a = g.nodes[v]
    return Entity(v, a.get("label", ""), a.get("name_zh") or "", a.get("name_en") or "")


def _hop(g: nx.Graph, rels: list[tuple[Any, Any, Any, dict[str, Any]]]) -> Hop:
    schema = load_schema()
    order = {t: i for i, t in enumerate(schema.relationships)}

    def rank(r: tuple[Any, Any, Any, dict[str, Any]]) -> tuple[float, int, str]:
        conf = r[3].get("confidence")
        return (-(conf if conf is not None else 1.0), order.get(r[3].get("type"), 99), str(r[2]))

    best, *rest = sorted(rels, key=rank)
    s, d, key, a = best
    rt = schema.rel(a["type"])
    sa, da = g.nodes[s], g.nodes[d]
    return Hop(
        src=s, dst=d, type=a["type"], rel_id=str(key),
        sentence_zh=rt.sentence_zh.format(src=name(sa, "zh"), dst=name(da, "zh")),
        sentence_en=rt.sentence_en.format(src=name(sa, "en"), dst=name(da, "en")),
        evidence=a.get("evidence") or "", source_id=a.get("source_id") or "", confidence=a.get("confidence"),
        also=sorted({r[3]["type"] for r in rest} - {a["type"]}))


def paths_from_graph(g: nx.MultiDiGraph, a: str, b: str, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS,
                     types: Iterable[str] | None = None, avoid: Iterable[str] = ()) -> list[PathResult]:
    """Up to ``k`` shortest simple paths from node ``a`` to node ``b`` of a projection (ids).

    An empty list means no path within ``max_hops`` with these types and avoided entities.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if max_hops < 1:
        raise ValueError(f"max_hops must be at least 1, got {max_hops}")
    for v in (a, b):
        if v not in g:
            raise ValueError(f"{v} is not in the network")
    if a == b:
        raise ValueError(f"both ends are the same entity ({a})")
    avoid = set(avoid)
    for v in (a, b):
        if v in avoid:
            raise ValueError(f"cannot avoid {v}: it is an end of the path")
    allowed = check_types(types)
    if allowed is None:
        # a field or a place asked for by name: its context relationships are the point
        ends_ctx = any(g.nodes[v].get("label") in CONTEXT_LABELS for v in (a, b))
        allowed = list(load_schema().relationships) if ends_ctx else default_types()
    h = undirected(g, allowed)
    h.remove_nodes_from(avoid)
    if not nx.has_path(h, a, b):
        return []
    out: list[PathResult] = []
    for path in islice(nx.shortest_simple_paths(h, a, b), k):
        if len(path) - 1 > max_hops:
            break
        hops = [_hop(h, h.edges[x, y]["rels"]) for x, y in zip(path, path[1:])]
        out.append(PathResult(
            rank=len(out) + 1, length=len(hops), nodes=[_entity(h, v) for v in path], hops=hops,
            text_zh="；".join(x.sentence_zh for x in hops), text_en="; ".join(x.sentence_en for x in hops)))
    return out


def path_scope(ends: Iterable[str], allowed: list[str] | None) -> tuple[list[str], list[str]]:
    """The labels and relationship types paths may use, as :func:`find_paths` projects them.

    Fields and places (and the context types) only when an end is one, or a context type is asked for.

    >>> labels, types = path_scope(["Station", "Organization"], None)
    >>> "Place" in labels, "HOSTS" in types, "IN_FIELD" in types, "MEASURES" in types
    (False, True, False, False)
    >>> labels, types = path_scope(["Field", "Station"], None)
    >>> "Field" in labels, "IN_FIELD" in types
    (True, True)
    """
    ends = list(ends)
    ends_ctx = any(lab in CONTEXT_LABELS for lab in ends)
    if ends_ctx or (allowed is not None and set(context_types()) & set(allowed)):
        labels = analysis_labels()
    else:  # places and fields cannot be on the paths
        labels = network_labels()
    if allowed is None:
        allowed = list(load_schema().relationships) if ends_ctx else default_types()
    between = set(types_between(labels))
    return labels, [t for t in allowed if t in between]


def find_paths(store: Any, a: str, b: str, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS,
               types: Iterable[str] | None = None, avoid: Iterable[str] = ()) -> list[PathResult]:
    """Paths between ``a`` and ``b`` (ids or names, resolved by :func:`queries.resolve.resolve_entity`).

    The same answer as :func:`paths_from_graph` on the projection, found with work local to the two
    ends (:mod:`queries.path_search`: a bidirectional search in the store, then Yen's algorithm on the
    nodes that can lie on a short enough path). Among paths of equal length the choice may differ.

    >>> [p.text_en for p in find_paths(store, "王芳", "Melbourne")]        # doctest: +SKIP
    ['Wang Fang heads Gamma Haizhi Workstation; ...']
    """
    from .path_search import BallSearch, hop_relationships, node_names, simple_paths

    allowed = check_types(types)
    ea, eb = resolve_entity(store, a), resolve_entity(store, b)
    avoid_ids = {resolve_entity(store, x).id for x in avoid}
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if max_hops < 1:
        raise ValueError(f"max_hops must be at least 1, got {max_hops}")
    if ea.id == eb.id:
        raise ValueError(f"both ends are the same entity ({ea.id})")
    for e in (ea, eb):
        if e.id in avoid_ids:
            raise ValueError(f"cannot avoid {e.id}: it is an end of the path")
    labels, rtypes = path_scope([ea.label, eb.label], allowed)
    if not rtypes:
        return []
    search = BallSearch(store, ea.id, eb.id, set(labels), rtypes, avoid_ids)
    d = search.distance(max_hops)
    if d is None:
        return []
    node_paths = list(simple_paths(search, d, k, max_hops))
    g = nx.Graph()
    names = node_names(store, {v for p in node_paths for v in p}, labels)
    g.add_nodes_from(names.items())
    rels = hop_relationships(store, {(x, y) for p in node_paths for x, y in zip(p, p[1:])}, rtypes, labels)
    out: list[PathResult] = []
    for path in node_paths:
        hops = [_hop(g, rels[frozenset((x, y))]) for x, y in zip(path, path[1:])]
        out.append(PathResult(
            rank=len(out) + 1, length=len(hops), nodes=[_entity(g, v) for v in path], hops=hops,
            text_zh="；".join(x.sentence_zh for x in hops), text_en="; ".join(x.sentence_en for x in hops)))
    return out
