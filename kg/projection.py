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

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg import cypher_files as cq
from kg.schema import load_schema

NODES_BY_LABEL = "MATCH (n:{label}) RETURN n.id AS id, properties(n) AS props"
RELS_BY_TYPE = "MATCH (a)-[r:{type}]->(b) RETURN a.id AS src, b.id AS dst, properties(r) AS props"

# Labels left out of the analysis network by default: provenance and reported
# figures are facts *about* the network, not part of it.
NON_NETWORK_LABELS = ("Source", "Metric")


def graph_from_rows(nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], label=n["label"], **{k: v for k, v in n["props"].items() if k != "label"})
    for r in rels:
        if r["src"] in g and r["dst"] in g:
            props = {k: v for k, v in r["props"].items() if k not in ("type", "key")}
            g.add_edge(r["src"], r["dst"], key=r["props"].get("id"), type=r["type"], **props)
    return g


def project(store: Any, labels: Iterable[str] | None = None, types: Iterable[str] | None = None,
            include_meta: bool = False) -> nx.MultiDiGraph:
    """Read the graph (or the given labels/types) from ``store`` into networkx.

    By default Source and Metric nodes are left out (``include_meta=True`` keeps them).
    """
    schema = load_schema()
    if labels is None:
        labels = [lab for lab in schema.labels if include_meta or lab not in NON_NETWORK_LABELS]
    if types is None:
        types = [t for t in schema.relationships]
    node_rows: list[dict[str, Any]] = []
    for lab in labels:
        q = NODES_BY_LABEL.format(label=schema.checked_label(lab))
        node_rows.extend({"id": r["id"], "label": lab, "props": r["props"]} for r in store.run(q))
    rel_rows: list[dict[str, Any]] = []
    for t in types:
        q = RELS_BY_TYPE.format(type=schema.checked_type(t))
        rel_rows.extend({"src": r["src"], "dst": r["dst"], "type": t, "props": r["props"]} for r in store.run(q))
    return graph_from_rows(node_rows, rel_rows)


def project_all(store: Any) -> nx.MultiDiGraph:
    """Every node and relationship, via the two generic ``.cypher`` files."""
    return graph_from_rows(store.run(cq.cypher("all_nodes")), store.run(cq.cypher("all_relationships")))
