"""Project the stored graph into networkx, the way Neo4j GDS projects a graph
into memory: read nodes and relationships with Cypher, build a MultiDiGraph.

Node attributes: ``label`` and every stored property (``id``, ``name_zh`` ...).
Edge attributes: ``type``, ``key`` (the relationship id) and its properties.

>>> g = graph_from_rows(
...     [{"id": "org:a", "label": "Organization", "props": {"id": "org:a", "name_zh": "甲"}},
...      {"id": "station:a", "label": "Station", "props": {"id": "station:a", "name_zh": "甲站"}}],
...     [{"src": "org:a", "dst": "station:a", "type": "HOSTS", "props": {"id": "HOSTS:org:a->station:a"}}])
>>> g.nodes["station:a"]["label"], list(g.edges(keys=True))
('Station', [('org:a', 'station:a', 'HOSTS:org:a->station:a')])
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Any

import networkx as nx

from kg import cypher_files as cq
from kg.schema import load_schema

NODES_BY_LABEL = "MATCH (n:{label}) RETURN n.id AS id, properties(n) AS props"
RELS_BY_TYPE = "MATCH (a)-[r:{type}]->(b) RETURN a.id AS src, b.id AS dst, properties(r) AS props"

# Queries a projection reads at once (kg.projection.read_columns; 1 = one after the other).
READ_WORKERS = 2

# Labels left out of the analysis network by default: provenance and reported
# figures are facts *about* the network, not part of it.
NON_NETWORK_LABELS = ("Source", "Metric")


def graph_from_rows(nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """The graph of ``nodes`` (``id``, ``label``, ``props``) and ``rels`` (``src``, ``dst``,
    ``type``, ``props``; key = ``props["id"]``); relationships whose ends are not among the
    nodes are left out. Same graph as ``add_node``/``add_edge`` one by one (see the module doc)."""
    g = nx.MultiDiGraph()
    add_nodes(g, ((n["id"], n["label"], {k: v for k, v in n["props"].items() if k != "label"}) for n in nodes))
    add_edges(g, ((r["src"], r["dst"], r["props"].get("id"), r["type"],
                   {k: v for k, v in r["props"].items() if k not in ("type", "key")}) for r in rels))
    return g


def add_nodes(g: nx.MultiDiGraph, nodes: Iterable[tuple[Any, str, dict[str, Any]]]) -> None:
    """Add ``(id, label, props)`` nodes: what ``g.add_node(id, label=label, **props)`` does
    (attributes ``label`` then ``props``; an existing node's attributes are updated),
    written straight into networkx's dicts (``props`` must not hold ``label``).

    >>> g = nx.MultiDiGraph()
    >>> add_nodes(g, [("org:a", "Organization", {"id": "org:a"})]); g.nodes["org:a"]
    {'label': 'Organization', 'id': 'org:a'}
    """
    nodes = list(nodes)
    add_node_attrs(g, [n[0] for n in nodes], [{"label": label, **props} for _, label, props in nodes])


def add_node_attrs(g: nx.MultiDiGraph, ids: Iterable[Any], attrs: Iterable[dict[str, Any]]) -> None:
    """Add nodes ``ids`` with their attribute dicts ``attrs`` (used as they are, not copied:
    one new dict per node): ``g.add_node(id, **attrs)``, an existing node's attributes updated."""
    node, succ, pred = g._node, g._succ, g._pred
    for nid, a in zip(ids, attrs):
        try:
            d = node.get(nid)
        except TypeError:  # unhashable: networkx's own error
            g.add_node(nid, **a)
        if d is None:
            if nid is None:  # networkx's own error
                g.add_node(nid, **a)
            succ[nid] = {}
            pred[nid] = {}
            node[nid] = a
        else:
            d.update(a)
    nx._clear_cache(g)


def add_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[Any, Any, Any, str, dict[str, Any]]]) -> None:
    """Add ``(src, dst, key, type, props)`` edges whose two ends are nodes of ``g`` (others are
    skipped): what ``g.add_edge(src, dst, key=key, type=type, **props)`` does (a ``None`` key
    gets networkx's next free key; an existing key's attributes are updated), written straight
    into networkx's dicts (``props`` must not hold ``type`` or ``key``).

    >>> g = nx.MultiDiGraph(); g.add_nodes_from(["a", "b"])
    >>> add_edges(g, [("a", "b", "R1", "HOSTS", {"id": "R1"}), ("a", "x", "R2", "HOSTS", {})])
    >>> list(g.edges(keys=True, data=True))
    [('a', 'b', 'R1', {'type': 'HOSTS', 'id': 'R1'})]
    """
    edges = list(edges)
    add_edge_attrs(g, [e[0] for e in edges], [e[1] for e in edges], [e[2] for e in edges],
                   [{"type": rtype, **props} for _, _, _, rtype, props in edges])


def add_edge_attrs(g: nx.MultiDiGraph, src: Iterable[Any], dst: Iterable[Any], keys: Iterable[Any],
                   attrs: Iterable[dict[str, Any]]) -> None:
    """Add edges ``src[i] -> dst[i]`` with key ``keys[i]`` and the attribute dict ``attrs[i]``
    (used as it is, not copied: one new dict per edge) when both ends are nodes of ``g``:
    ``g.add_edge(src, dst, key=key, **attrs)``."""
    succ, pred = g._succ, g._pred
    for u, v, key, a in zip(src, dst, keys, attrs):
        try:
            su = succ.get(u)
            if su is None or v not in succ:
                continue
        except TypeError:  # an unhashable end is not in the graph
            continue
        if key is None:
            g.add_edge(u, v, key=None, **a)
            continue
        keydict = su.get(v)
        if keydict is None:
            su[v] = keydict = {}
            pred[v][u] = keydict
        d = keydict.get(key)
        if d is None:
            keydict[key] = a
        else:
            d.update(a)
    nx._clear_cache(g)


def attr_dicts(first: str, value: Any, names: list[str], columns: list[list[Any]]) -> Iterable[dict[str, Any]]:
    """Per row ``{first: value, name: cell, ...}`` of the columns, None cells left out.

    >>> list(attr_dicts("type", "HOSTS", ["id", "w"], [["R1", "R2"], [None, 0.5]]))
    [{'type': 'HOSTS', 'id': 'R1'}, {'type': 'HOSTS', 'id': 'R2', 'w': 0.5}]
    """
    if not names:
        return ({first: value} for _ in repeat(None))  # as many as the ids zipped with it
    if len(names) == 1:
        k = names[0]
        return [{first: value, k: x} if x is not None else {first: value} for x in columns[0]]
    if len(names) == 2:
        k1, k2 = names
        return [({first: value, k1: x, k2: y} if y is not None else {first: value, k1: x}) if x is not None
                else ({first: value, k2: y} if y is not None else {first: value})
                for x, y in zip(*columns)]
    return _attr_rows(first, value, names, columns)


def _attr_rows(first: str, value: Any, names: list[str], columns: list[list[Any]]) -> Iterable[dict[str, Any]]:
    for row in zip(*columns):
        d = {first: value}
        for k, x in zip(names, row):
            if x is not None:
                d[k] = x
        yield d


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (back on after, if it was on).

    A projection makes millions of containers and no cycles; at 100k nodes the collector's
    passes over them took about half of the building time.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _default_labels_types(labels: Iterable[str] | None, types: Iterable[str] | None,
                          include_meta: bool) -> tuple[list[str], list[str]]:
    schema = load_schema()
    if labels is None:
        labels = [lab for lab in schema.labels if include_meta or lab not in NON_NETWORK_LABELS]
    if types is None:
        types = [t for t in schema.relationships]
    return list(labels), list(types)


def project(store: Any, labels: Iterable[str] | None = None, types: Iterable[str] | None = None,
            include_meta: bool = False) -> nx.MultiDiGraph:
    """Read the graph (or the given labels/types) from ``store`` into networkx.

    By default Source and Metric nodes are left out (``include_meta=True`` keeps them).
    One query per label and per type, read as columns (``store.run_columns``, two at a time:
    see :func:`read_columns`); the same graph as :func:`project_reference`.

    >>> project(store, labels=["Station"], types=[]).number_of_nodes()      # doctest: +SKIP
    17
    """
    schema = load_schema()
    labels, types = _default_labels_types(labels, types, include_meta)
    node_qs = [NODES_BY_LABEL.format(label=schema.checked_label(lab)) for lab in labels]
    rel_qs = [RELS_BY_TYPE.format(type=schema.checked_type(t)) for t in types]
    with gc_paused():
        return _graph_of_columns(labels, types, read_columns(store, node_qs + rel_qs))


def _graph_of_columns(labels: list[str], types: list[str], results: list[dict[str, list[Any]]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for lab, cols in zip(labels, results):
        add_node_attrs(g, cols.get("id", ()), [{"label": lab, **_without(p, ("label",))} for p in cols.get("props", ())])
    for t, cols in zip(types, results[len(labels):]):
        props = cols.get("props", [])
        add_edge_attrs(g, cols.get("src", ()), cols.get("dst", ()), [p.get("id") for p in props],
                       [{"type": t, **_without(p, ("type", "key"))} for p in props])
    return g


def _without(p: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    for k in keys:
        if k in p:
            return {k2: v for k2, v in p.items() if k2 not in keys}
    return p


def read_columns(store: Any, queries: list[str], workers: int | None = None) -> list[dict[str, list[Any]]]:
    """``store.run_columns(q)`` of each query, in order; ``workers`` queries at a time when
    the store reads in parallel (FalkorDB: one connection per thread, so the engine runs
    one query while this process decodes the reply of another).

    >>> [sorted(c) for c in read_columns(store, ["MATCH (s:Station) RETURN s.id AS id"])]   # doctest: +SKIP
    [['id']]
    """
    workers = READ_WORKERS if workers is None else workers
    run = getattr(store, "run_columns", None)
    if run is None:  # a store of an older interface: rows turned into columns
        return [_columns_of(store.run(q)) for q in queries]
    if workers <= 1 or len(queries) <= 1 or not getattr(store, "parallel_reads", False):
        return [run(q) for q in queries]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, queries))


def _columns_of(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    if not rows:
        return {}
    return {k: [r[k] for r in rows] for k in rows[0]}


def project_reference(store: Any, labels: Iterable[str] | None = None, types: Iterable[str] | None = None,
                      include_meta: bool = False) -> nx.MultiDiGraph:
    """:func:`project` as it was first written (``store.run`` rows, ``add_node``/``add_edge``
    one at a time): kept as the reference the tests and ``bench/bench_projection.py`` compare with."""
    schema = load_schema()
    labels, types = _default_labels_types(labels, types, include_meta)
    g = nx.MultiDiGraph()
    for lab in labels:
        q = NODES_BY_LABEL.format(label=schema.checked_label(lab))
        for r in store.run(q):
            g.add_node(r["id"], label=lab, **{k: v for k, v in r["props"].items() if k != "label"})
    for t in types:
        q = RELS_BY_TYPE.format(type=schema.checked_type(t))
        for r in store.run(q):
            if r["src"] in g and r["dst"] in g:
                props = {k: v for k, v in r["props"].items() if k not in ("type", "key")}
                g.add_edge(r["src"], r["dst"], key=r["props"].get("id"), type=t, **props)
    return g


def project_all(store: Any) -> nx.MultiDiGraph:
    """Every node and relationship, via the two generic ``.cypher`` files (read as columns;
    the same graph as ``graph_from_rows(store.run(nodes), store.run(relationships))``).

    >>> project_all(store).number_of_nodes()      # doctest: +SKIP
    11
    """
    with gc_paused():
        nodes, rels = read_columns(store, [cq.cypher("all_nodes"), cq.cypher("all_relationships")])
        g = nx.MultiDiGraph()
        add_nodes(g, zip(nodes.get("id", ()), nodes.get("label", ()),
                         ({k: v for k, v in p.items() if k != "label"} for p in nodes.get("props", ()))))
        props = rels.get("props", [])
        add_edges(g, zip(rels.get("src", ()), rels.get("dst", ()), [p.get("id") for p in props], rels.get("type", ()),
                         ({k: v for k, v in p.items() if k not in ("type", "key")} for p in props)))
        return g
