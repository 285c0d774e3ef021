"""The collaboration network the graph algorithms run on, and what "overseas" means.

The projection (:func:`kg.projection.project`) reads nodes and relationships
from the store into a networkx ``MultiDiGraph``. The *collaboration network*
leaves out the nodes that describe rather than act: provenance and reported
figures (``kg.projection.NON_NETWORK_LABELS``) and the context labels
(:data:`CONTEXT_LABELS`: places and fields). Otherwise "Chongqing" or
"graphene" would be the top connector of every network. Relationships are
taken as undirected ties for centrality, paths and proximity.

Overseas (one definition, used by every query):

* an Organization is overseas when ``overseas`` is true;
* a Talent when ``overseas`` or ``returnee`` is true;
* a Consulate always (it represents a foreign country);
* everything else (stations, projects, events, programmes) is domestic.

>>> side({"label": "Organization", "overseas": True}), side({"label": "Talent", "returnee": True})
('overseas', 'overseas')
>>> side({"label": "Station"}), group({"label": "Consulate", "country": "Hungary"})
('domestic', 'Hungary')
>>> group({"label": "Organization", "overseas": True}), group({"label": "Project"})
('overseas', 'domestic')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.projection import NON_NETWORK_LABELS, project
from kg.schema import Schema, load_schema

from .projection import project_light

# Labels that describe where and in which field, not who collaborates.
CONTEXT_LABELS = ("Place", "Field")

DOMESTIC = "domestic"
OVERSEAS = "overseas"


def network_labels(schema: Schema | None = None) -> list[str]:
    """Schema labels that are actors or ties in the collaboration network.

    >>> network_labels()[:3]
    ['Station', 'Organization', 'Talent']
    """
    schema = schema or load_schema()
    return [lab for lab in schema.labels if lab not in NON_NETWORK_LABELS and lab not in CONTEXT_LABELS]


def analysis_labels(schema: Schema | None = None) -> list[str]:
    """Network labels plus the context labels (everything but provenance and metrics)."""
    schema = schema or load_schema()
    return [lab for lab in schema.labels if lab not in NON_NETWORK_LABELS]


def types_between(labels: Iterable[str], schema: Schema | None = None) -> list[str]:
    """Relationship types that can join two of ``labels`` (by the schema's allowed ends).

    >>> "HOSTS" in types_between(["Organization", "Station"]), "IN_FIELD" in types_between(["Station"])
    (True, False)
    """
    schema = schema or load_schema()
    labs = set(labels)
    return [t for t, r in schema.relationships.items() if labs & set(r.sources) and labs & set(r.targets)]


def context_types(schema: Schema | None = None) -> list[str]:
    """Types that only lead to context nodes (LOCATED_IN, REPRESENTS, IN_FIELD ...).

    >>> sorted(context_types())
    ['IN_FIELD', 'LOCATED_IN', 'REPRESENTS']
    """
    schema = schema or load_schema()
    return [t for t, r in schema.relationships.items()
            if set(r.targets) <= set(CONTEXT_LABELS) and not set(r.sources) <= set(NON_NETWORK_LABELS)]


def collaboration_graph(store: Any, full: bool = False) -> nx.MultiDiGraph:
    """Project the collaboration network (no places, fields, sources, metrics) from ``store``.

    Only the properties the queries read (:data:`queries.projection.NETWORK_NODE_PROPS`)
    unless ``full`` (every property, :func:`kg.projection.project`).
    """
    labels = network_labels()
    if full:
        return project(store, labels=labels, types=types_between(labels))
    return project_light(store, labels, types_between(labels), rel_props=("confidence",))


def analysis_graph(store: Any, full: bool = False) -> nx.MultiDiGraph:
    """Project every node but sources and metrics (fields and places included); see
    :func:`collaboration_graph` for ``full``."""
    labels = analysis_labels()
    if full:
        return project(store, labels=labels, types=types_between(labels))
    return project_light(store, labels, types_between(labels), rel_props=("confidence",))


def graph_of(store: Any, labels: Iterable[str], types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """A light projection of ``labels`` and the ``types`` among them (all that can join them by default).

    >>> graph_of(store, network_labels() + ["Field"]).number_of_nodes()      # doctest: +SKIP
    24
    """
    labels = list(labels)
    allowed = types_between(labels)
    types = allowed if types is None else [t for t in types if t in allowed]
    return project_light(store, labels, types, rel_props=("confidence",))


def network_view(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The collaboration network inside a larger projection (drops context and meta nodes)."""
    keep = [n for n, a in g.nodes(data=True) if a.get("label") not in CONTEXT_LABELS + NON_NETWORK_LABELS]
    return g.subgraph(keep)


def undirected(g: nx.MultiDiGraph, types: Iterable[str] | None = None) -> nx.Graph:
    """A simple undirected graph of ``g``: one edge per connected pair, self-loops dropped.

    Node attributes are shared with ``g``; each edge carries ``rels``, the list of
    ``(src, dst, key, attrs)`` of every relationship between the pair (of ``types``
    when given).

    >>> m = nx.MultiDiGraph()
    >>> m.add_edge("a", "b", key="R1", type="HOSTS"); m.add_edge("b", "a", key="R2", type="FUNDED")
    'R1'
    'R2'
    >>> u = undirected(m)
    >>> u.number_of_edges(), sorted(r[2] for r in u.edges["a", "b"]["rels"])
    (1, ['R1', 'R2'])
    """
    allowed = set(types) if types is not None else None
    u = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    for s, d, k, a in g.edges(keys=True, data=True):
        if s == d or (allowed is not None and a.get("type") not in allowed):
            continue
        if u.has_edge(s, d):
            u.edges[s, d]["rels"].append((s, d, k, a))
        else:
            u.add_edge(s, d, rels=[(s, d, k, a)])
    return u


def side(attrs: dict[str, Any]) -> str:
    """``"overseas"`` or ``"domestic"`` for a node's attributes (see the module doc)."""
    label = attrs.get("label")
    if label == "Organization":
        return OVERSEAS if attrs.get("overseas") is True else DOMESTIC
    if label == "Talent":
        return OVERSEAS if attrs.get("overseas") is True or attrs.get("returnee") is True else DOMESTIC
    if label == "Consulate":
        return OVERSEAS
    return DOMESTIC


def group(attrs: dict[str, Any]) -> str:
    """Brokerage group: ``"domestic"``, or an overseas node's country (``"overseas"`` if unknown)."""
    if side(attrs) == DOMESTIC:
        return DOMESTIC
    country = attrs.get("country")
    return str(country) if country else OVERSEAS


def name(attrs: dict[str, Any], lang: str = "en") -> str:
    """Display name in ``lang`` ("zh" or "en"), falling back to the other language, then the id.

    >>> name({"id": "org:x", "name_zh": "甲", "name_en": ""}, "en")
    '甲'
    """
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    return attrs.get(first) or attrs.get(second) or str(attrs.get("id", ""))


def both_names(attrs: dict[str, Any]) -> str:
    """``"name_zh (name_en)"`` or whichever exists.

    >>> both_names({"name_zh": "甲公司", "name_en": "Alpha Co."})
    '甲公司 (Alpha Co.)'
    """
    zh, en = attrs.get("name_zh") or "", attrs.get("name_en") or ""
    if zh and en and zh != en:
        return f"{zh} ({en})"
    return zh or en or str(attrs.get("id", ""))
