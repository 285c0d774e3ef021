"""The graph every export starts from: a networkx ``MultiDiGraph`` shaped like
:func:`kg.projection.project` with ``include_meta=True`` (node attributes
``label`` + properties; edges keyed by relationship id with ``type``, ``id``
and the properties), read from a store or straight from a dataset folder.

>>> from ingest.dataset import load_dataset
>>> g = graph_from_dataset(load_dataset("tests/fixtures/mini"))
>>> g.number_of_nodes(), g.number_of_edges()
(11, 8)
>>> g.nodes["station:host-a"]["label"], g.nodes["station:host-a"]["approved_year"]
('Station', 2022)
>>> rel_key("HOSTS:org:a->station:a#2", "HOSTS", "org:a", "station:a")
'2'
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ingest.dataset import Dataset


def graph_from_dataset(ds: Dataset) -> nx.MultiDiGraph:
    """Every node (Source and Metric included) and relationship of a loaded dataset."""
    g = nx.MultiDiGraph()
    for label, rows in ds.nodes.items():
        for r in rows:
            g.add_node(r.id, label=label, **r.props)
    for rtype, rels in ds.rels.items():
        for r in rels:
            g.add_edge(r.src, r.dst, key=r.id, type=rtype, id=r.id, **r.props)
    return g


def graph_from_store(store: Any) -> nx.MultiDiGraph:
    """Every node (Source and Metric included) and relationship in the store."""
    from kg.projection import project

    return project(store, include_meta=True)


def rel_key(rel_id: str, rtype: str, src: str, dst: str) -> str | None:
    """The ``key`` inside a relationship id: ``""`` when there is none, ``None``
    when the id was shortened to a hash (ids over 400 characters)."""
    base = f"{rtype}:{src}->{dst}"
    if rel_id == base:
        return ""
    if rel_id.startswith(base + "#"):
        return rel_id[len(base) + 1:]
    return None
