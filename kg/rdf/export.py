"""The whole graph as RDF, through the mapping derived from the schema.

A node becomes ``<node> a hz:<Label>, <schema class>`` with one triple per
property (names as ``skos:prefLabel``/``skos:altLabel`` with ``@zh``/``@en``,
provenance as ``prov:wasDerivedFrom <source>`` + ``hz:evidence``).

A relationship becomes two things:

* the **direct triple** ``<src> <predicate> <dst>`` (and ``<dst> <inverse> <src>``
  when the schema names an inverse), for querying;
* a **statement node** with an IRI derived from the relationship id:
  ``a rdf:Statement, hz:<Type>`` (+ ``org:Membership``/``vivo:Grant`` where the
  schema says so), ``rdf:subject``/``rdf:predicate``/``rdf:object``, the id,
  the key, the relationship's properties and its provenance.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:a", label="Organization", id="org:a", name_zh="甲", name_en="A", kind="company",
...            overseas=False, source_id="source:s", evidence="甲设立甲站")
>>> g.add_node("station:a", label="Station", id="station:a", name_zh="甲站", name_en="A station",
...            source_id="source:s", evidence="甲设立甲站")
>>> _ = g.add_edge("org:a", "station:a", key="HOSTS:org:a->station:a", type="HOSTS",
...                id="HOSTS:org:a->station:a", source_id="source:s", evidence="甲设立甲站")
>>> rdf = graph_to_rdf(g, vocabulary=False)
>>> len(rdf)  # org 9 + station 7 + direct and inverse 2 + statement 8
26
>>> m = load_mapping()
>>> (m.node_iri("station:a"), m.rel("HOSTS").inverse, m.node_iri("org:a")) in rdf
True
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg.rdf.graph_source import rel_key
from kg.rdf.mapping import DATE_TYPES, Mapping, PropMap, detect_lang, load_mapping

# command-line format name → rdflib serializer
FORMATS = {"rdf": "turtle", "turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld",
           "nt": "nt", "ntriples": "nt"}


class ExportError(ValueError):
    """A value the mapping cannot write (the message names the node or relationship)."""


def decimal_text(value: float | int) -> str:
    """A float as an ``xsd:decimal`` lexical form (no exponent).

    >>> decimal_text(0.9), decimal_text(12500000.0), decimal_text(1e-05)
    ('0.9', '12500000.0', '0.00001')
    """
    return format(Decimal(repr(float(value))), "f")


def date_datatype(text: str) -> URIRef:
    """``2022`` → xsd:gYear, ``2022-07`` → xsd:gYearMonth, ``2022-07-20`` → xsd:date."""
    return {4: DATE_TYPES[0], 7: DATE_TYPES[1]}.get(len(text), DATE_TYPES[2])


def to_literal(pm: PropMap, value: Any, mapping: Mapping) -> URIRef | Literal:
    """One property value as an RDF term (a node IRI for ``ref`` properties)."""
    if pm.ref:
        return mapping.node_iri(str(value))
    if pm.lang:
        text = str(value)
        return Literal(text, lang=detect_lang(text) if pm.lang == "auto" else pm.lang)
    t = pm.prop.type
    if t == "int":
        return Literal(int(value), datatype=XSD.integer)
    if t == "float":
        return Literal(decimal_text(value), datatype=XSD.decimal)
    if t == "bool":
        return Literal(bool(value), datatype=XSD.boolean)
    if t == "date":
        return Literal(str(value), datatype=date_datatype(str(value)))
    return Literal(str(value))


def _props(out: Graph, subject: URIRef, props: dict[str, PropMap], data: dict[str, Any], mapping: Mapping,
           skip: tuple[str, ...] = ()) -> None:
    for name, pm in props.items():
        if name in skip:
            continue
        value = data.get(name)
        if value is None or value == "" or value == []:
            continue
        for v in value if (pm.many and isinstance(value, (list, tuple))) else [value]:
            out.add((subject, pm.predicate, to_literal(pm, v, mapping)))


def new_graph(mapping: Mapping) -> Graph:
    """An empty rdflib graph with the mapping's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for p, ns in mapping.prefixes.items():
        g.bind(p, ns, override=True, replace=True)
    g.bind("hzid", mapping.namespace, override=True, replace=True)
    return g


def node_triples(out: Graph, node_id: str, data: dict[str, Any], mapping: Mapping) -> None:
    label = data.get("label")
    if label not in mapping.labels:
        raise ExportError(f"node {node_id!r} has label {label!r}, which is not in the schema")
    lm = mapping.labels[label]
    s = mapping.node_iri(node_id)
    out.add((s, RDF.type, lm.cls))
    for c in lm.classes:
        out.add((s, RDF.type, c))
    if lm.scheme is not None:
        out.add((s, SKOS.inScheme, lm.scheme))
    _props(out, s, lm.props, {**data, "id": node_id}, mapping)


def rel_triples(out: Graph, src: str, dst: str, rid: str, data: dict[str, Any], mapping: Mapping) -> None:
    rtype = data.get("type")
    if rtype not in mapping.rels:
        raise ExportError(f"relationship {rid!r} has type {rtype!r}, which is not in the schema")
    rm = mapping.rels[rtype]
    s, o = mapping.node_iri(src), mapping.node_iri(dst)
    out.add((s, rm.predicate, o))
    if rm.inverse is not None:
        out.add((o, rm.inverse, s))
    st = mapping.rel_iri(rid)
    out.add((st, RDF.type, RDF.Statement))
    out.add((st, RDF.type, rm.cls))
    for c in rm.classes:
        out.add((st, RDF.type, c))
    out.add((st, RDF.subject, s))
    out.add((st, RDF.predicate, rm.predicate))
    out.add((st, RDF.object, o))
    if rm.src_role is not None:
        out.add((st, rm.src_role, s))
    if rm.dst_role is not None:
        out.add((st, rm.dst_role, o))
    out.add((st, mapping.identifier, Literal(rid)))
    key = rel_key(rid, rtype, src, dst)
    if key:
        out.add((st, mapping.rel_key, Literal(key)))
    _props(out, st, rm.props, data, mapping)


def graph_to_rdf(g: nx.MultiDiGraph, mapping: Mapping | None = None, vocabulary: bool = True) -> Graph:
    """Every node and relationship of ``g`` (see :mod:`kg.rdf.graph_source`) as RDF.

    With ``vocabulary=True`` the project's own terms (classes and properties
    with their zh/en labels, the SKOS concept schemes) are included, so the file
    describes itself.
    """
    mapping = mapping or load_mapping()
    out = new_graph(mapping)
    if vocabulary:
        from kg.rdf.vocabulary import vocabulary_triples

        for t in vocabulary_triples(mapping):
            out.add(t)
    for node_id, data in g.nodes(data=True):
        node_triples(out, str(node_id), data, mapping)
    for src, dst, rid, data in g.edges(keys=True, data=True):
        rel_triples(out, str(src), str(dst), str(data.get("id") or rid), data, mapping)
    return out


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def stable_jsonld(text: str) -> str:
    """JSON-LD with ``@graph`` sorted by ``@id`` and each property's values sorted,
    so the same graph gives the same file (the export has no ordered lists).

    >>> stable_jsonld('{"@graph": [{"@id": "b", "p": [2, 1]}, {"@id": "a"}]}').split()
    ['{', '"@graph":', '[', '{', '"@id":', '"a"', '},', '{', '"@id":', '"b",', '"p":', '[', '1,', '2', ']', '}', ']', '}']
    """
    doc = json.loads(text)
    nodes = doc.get("@graph") if isinstance(doc, dict) else None
    if isinstance(nodes, list):
        for node in nodes:
            for k, v in node.items():
                if isinstance(v, list) and k != "@list":
                    node[k] = sorted(v, key=_key)
        doc["@graph"] = sorted(nodes, key=lambda n: (str(n.get("@id", "")), _key(n)))
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def serialize(rdf: Graph, fmt: str, mapping: Mapping | None = None) -> str:
    """The graph as Turtle, JSON-LD (compacted with the schema's prefixes) or
    N-Triples (lines sorted, so the same graph gives the same file)."""
    try:
        name = FORMATS[fmt.lower()]
    except KeyError:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of {', '.join(sorted(FORMATS))}") from None
    if name == "nt":
        lines = sorted(line for line in rdf.serialize(format="nt", encoding=None).splitlines() if line.strip())
        return "\n".join(lines) + "\n"
    if name == "json-ld":
        mapping = mapping or load_mapping()
        context = {**mapping.prefixes, "hzid": mapping.namespace}
        text = rdf.serialize(format="json-ld", context=context, auto_compact=True, indent=2, encoding=None)
        return stable_jsonld(text)
    return rdf.serialize(format=name, encoding=None)
