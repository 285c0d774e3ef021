"""Light projections: read only the properties a query uses.

:func:`kg.projection.project` reads every property (``properties(n)``), evidence
texts included. The algorithms read a handful, and on 100k nodes the
full read costs about twice as much, so the queries project with the property
names they need (checked against the schema before they go into Cypher text)
and fetch the details of the few relationships they show afterwards
(:func:`relationship_details`).

>>> node_query("Talent", ["name_zh", "country", "kind"])
'MATCH (n:Talent) RETURN n.id AS id, n.name_zh AS name_zh, n.country AS country'
>>> rel_query("HOSTS", ["confidence"])
'MATCH (a)-[r:HOSTS]->(b) RETURN a.id AS src, b.id AS dst, r.id AS id, r.confidence AS confidence'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import networkx as nx

from kg.projection import add_edge_attrs, add_node_attrs, attr_dicts, gc_paused, read_columns
from kg.schema import load_schema

# What the network algorithms, brokerage groups, partner ranking and hop sentences read.
NETWORK_NODE_PROPS = ("name_zh", "name_en", "overseas", "returnee", "country")
REL_DETAILS = "MATCH ()-[r:{type}]->() WHERE r.id IN $ids RETURN r.id AS id, properties(r) AS props"


def node_query(label: str, props: Iterable[str]) -> str:
    """Cypher reading ``id`` and those of ``props`` the label has (schema-checked names)."""
    schema = load_schema()
    lab = schema.label(schema.checked_label(label))
    cols = [p for p in props if p in lab.properties and p != "id"]
    return f"MATCH (n:{lab.name}) RETURN n.id AS id" + "".join(f", n.{p} AS {p}" for p in cols)


def rel_query(rtype: str, props: Iterable[str]) -> str:
    """Cypher reading the ends, ``id`` and those of ``props`` the type has."""
    schema = load_schema()
    rt = schema.rel(schema.checked_type(rtype))
    cols = [p for p in props if p in rt.properties]
    return (f"MATCH (a)-[r:{rt.name}]->(b) RETURN a.id AS src, b.id AS dst, r.id AS id"
            + "".join(f", r.{p} AS {p}" for p in cols))


def project_light(store: Any, labels: Iterable[str], types: Iterable[str],
                  node_props: Iterable[str] = NETWORK_NODE_PROPS, rel_props: Iterable[str] = ()) -> nx.MultiDiGraph:
    """A :func:`kg.projection.graph_from_rows` graph with only the given properties (None left out).

    Node attributes: ``label``, ``id`` and the properties in ``node_props`` order; edge key the
    relationship id, attributes ``type``, ``id`` and ``rel_props``. The queries are read as
    columns, two at a time (:func:`kg.projection.read_columns`); the graph is the same as
    :func:`project_light_reference` builds.

    >>> g = project_light(store, ["Station", "Organization"], ["HOSTS"])       # doctest: +SKIP
    >>> g.nodes["station:chongqing-xx"]["label"]                                # doctest: +SKIP
    'Station'
    """
    node_props, rel_props = list(node_props), list(rel_props)
    labels, types = list(labels), list(types)
    qs = [node_query(lab, node_props) for lab in labels] + [rel_query(t, rel_props) for t in types]
    with gc_paused():
        return _graph_of_columns(labels, types, read_columns(store, qs))


def _graph_of_columns(labels: list[str], types: list[str], results: list[dict[str, list[Any]]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for lab, cols in zip(labels, results):
        names = [k for k in cols if k != "label"]
        add_node_attrs(g, cols.get("id", ()), attr_dicts("label", lab, names, [cols[k] for k in names]))
    for t, cols in zip(types, results[len(labels):]):
        names = [k for k in cols if k not in ("src", "dst", "type", "key")]
        add_edge_attrs(g, cols.get("src", ()), cols.get("dst", ()), cols.get("id") or repeat(None),
                       attr_dicts("type", t, names, [cols[k] for k in names]))
    return g


def project_light_reference(store: Any, labels: Iterable[str], types: Iterable[str],
                            node_props: Iterable[str] = NETWORK_NODE_PROPS,
                            rel_props: Iterable[str] = ()) -> nx.MultiDiGraph:
    """:func:`project_light` as it was first written (``store.run`` rows, ``add_node`` and
    ``add_edge`` one at a time): the reference the tests and the benchmark compare with."""
    node_props, rel_props = list(node_props), list(rel_props)
    g = nx.MultiDiGraph()
    for lab in labels:
        for r in store.run(node_query(lab, node_props)):
            g.add_node(r["id"], label=lab, **{k: v for k, v in r.items() if v is not None and k != "label"})
    for t in types:
        for r in store.run(rel_query(t, rel_props)):
            props = {k: v for k, v in r.items() if k not in ("src", "dst") and v is not None}
            if r["src"] in g and r["dst"] in g:
                g.add_edge(r["src"], r["dst"], key=props.get("id"), type=t,
                           **{k: v for k, v in props.items() if k not in ("type", "key")})
    return g


def relationship_details(store: Any, rels: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """Every property of the relationships given as ``(type, id)``, by id."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for rtype, rid in rels:
        by_type[rtype].append(rid)
    schema = load_schema()
    out: dict[str, dict[str, Any]] = {}
    for rtype, ids in by_type.items():
        q = REL_DETAILS.format(type=schema.checked_type(rtype))
        for r in store.run(q, {"ids": sorted(set(ids))}):
            out[r["id"]] = r["props"]
    return out
