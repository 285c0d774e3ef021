"""Graph files for desktop tools: GraphML (Cytoscape, yEd, Gephi), GEXF (Gephi)
and node-link JSON (networkx, d3), written with networkx's own writers.

Input is the export graph (:mod:`kg.rdf.graph_source`: node attribute
``label`` + properties, edges keyed by relationship id with ``type``).

GraphML and GEXF hold only scalars, so :func:`desktop_graph` flattens it:

* node ``label`` is the display name (``name_zh``, as Gephi shows ``label``),
  ``kg_label`` the schema label, ``label_zh``/``label_en`` its names,
  ``color`` the schema colour (GEXF also gets ``viz`` colour);
* edge ``label`` and ``rel_type`` are the relationship type, ``type_zh``/
  ``type_en`` its names, the edge id is the relationship id;
* lists (``aliases``) are joined with ``|``; empty values are left out;
* in GEXF the Metric property ``key`` is called ``kg_key`` (networkx would
  write it as ``networkx_key``);
* every property, with the provenance (``source_id``, ``evidence``,
  ``confidence``, ``note``), is an attribute.

JSON keeps the export graph as it is (``label`` = schema label, lists as
lists): ``networkx.node_link_graph(json.load(f), edges="edges")`` reads it.

>>> from ingest.dataset import load_dataset
>>> from kg.rdf.graph_source import graph_from_dataset
>>> g = graph_from_dataset(load_dataset("tests/fixtures/mini"))
>>> d = desktop_graph(g)
>>> d.nodes["org:asu"]["label"], d.nodes["org:asu"]["kg_label"], d.nodes["org:asu"]["aliases"]
('美国亚利桑那州立大学', 'Organization', 'ASU')
>>> "<graphml" in graph_text(g, "graphml") and "<gexf" in graph_text(g, "gexf")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.schema import Schema, load_schema

FORMATS = ("graphml", "gexf", "json")


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _rgb(color: str) -> dict[str, int]:
    h = color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1}


def desktop_graph(g: nx.MultiDiGraph, schema: Schema | None = None, viz: bool = False) -> nx.MultiDiGraph:
    """A copy of ``g`` with scalar attributes named for desktop tools (see above);
    ``viz=True`` adds GEXF ``viz`` colours."""
    schema = schema or load_schema()
    out = nx.MultiDiGraph(**{k: v for k, v in g.graph.items() if not _empty(v)})
    for n, data in g.nodes(data=True):
        kg_label = data.get("label", "")
        lab = schema.labels.get(kg_label)
        attrs = {k: _scalar(v) for k, v in data.items() if k != "label" and not _empty(v)}
        attrs["label"] = data.get("name_zh") or data.get("name_en") or str(n)
        attrs["kg_label"] = kg_label
        if lab is not None:
            attrs["label_zh"], attrs["label_en"], attrs["color"] = lab.zh, lab.en, lab.color
            if viz:
                attrs["viz"] = {"color": _rgb(lab.color)}
        out.add_node(n, **attrs)
    for u, v, key, data in g.edges(keys=True, data=True):
        rtype = data.get("type", "")
        rel = schema.relationships.get(rtype)
        attrs = {k: _scalar(val) for k, val in data.items() if k not in ("type", "id") and not _empty(val)}
        attrs["label"] = rtype
        attrs["rel_type"] = rtype
        if rel is not None:
            attrs["type_zh"], attrs["type_en"] = rel.zh, rel.en
        out.add_edge(u, v, key=key, **attrs)
    return out


def to_graphml(g: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    """GraphML text; edge ids are the relationship ids."""
    return "\n".join(nx.generate_graphml(desktop_graph(g, schema))) + "\n"


def to_gexf(g: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    """GEXF 1.2 text with the schema colours; edge ids are the relationship ids; ``key`` → ``kg_key``."""
    d = desktop_graph(g, schema, viz=True)
    for _n, data in d.nodes(data=True):
        if "key" in data:  # networkx's GEXF writer would rename it "networkx_key"
            data["kg_key"] = data.pop("key")
    for _u, _v, key, data in d.edges(keys=True, data=True):
        data["id"] = key  # GEXF takes the edge id from the "id" attribute
    return "\n".join(nx.generate_gexf(d, version="1.2draft")) + "\n"


def to_json(g: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes``, ``edges`` with ``source``, ``target``, ``key``)."""
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def graph_text(g: nx.MultiDiGraph, fmt: str, schema: Schema | None = None) -> str:
    """The graph as ``graphml``, ``gexf`` or ``json`` text."""
    if fmt == "graphml":
        return to_graphml(g, schema)
    if fmt == "gexf":
        return to_gexf(g, schema)
    if fmt == "json":
        return to_json(g)
    raise ValueError(f"unknown graph file format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_graph_file(g: nx.MultiDiGraph, path: Path | str, fmt: str, schema: Schema | None = None) -> Path:
    """Write the graph file (UTF-8) and return its path."""
    p = Path(path)
    p.write_text(graph_text(g, fmt, schema), encoding="utf-8")
    return p


def read_graph_file(path: Path | str, fmt: str) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graph_file` back with networkx."""
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        with open(path, encoding="utf-8") as fh:
            return nx.node_link_graph(json.load(fh), directed=True, multigraph=True, edges="edges")
    raise ValueError(f"unknown graph file format {fmt!r}; use one of {', '.join(FORMATS)}")
