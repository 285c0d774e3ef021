"""The project's own RDF terms, described from the schema: a class per label
(a subclass of its established class), a class per relationship type (a
subclass of ``rdf:Statement``), the ``hz:`` properties, all with ``rdfs:label``
in Chinese and English, and the SKOS concept schemes.

>>> from kg.rdf.mapping import load_mapping
>>> from rdflib import Graph, Literal, RDFS
>>> m = load_mapping()
>>> g = Graph()
>>> for t in vocabulary_triples(m):
...     _ = g.add(t)
>>> (m.label("Station").cls, RDFS.label, Literal("海智工作站", lang="zh")) in g
True
>>> sorted(str(o) for o in g.objects(m.label("Station").cls, RDFS.subClassOf))
['http://www.w3.org/ns/org#OrganizationalUnit']
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.rdf.mapping import DATATYPES, Mapping

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _labels(subject: URIRef, zh: str, en: str) -> Iterator[Triple]:
    if zh:
        yield subject, RDFS.label, Literal(zh, lang="zh")
    if en:
        yield subject, RDFS.label, Literal(en, lang="en")


def vocabulary_triples(mapping: Mapping) -> Iterator[Triple]:
    """The triples that describe the project's classes, properties and concept schemes."""
    ontology = URIRef(str(mapping.vocab).rstrip("#/"))
    yield ontology, RDF.type, OWL.Ontology
    yield from _labels(ontology, "海智知识图谱词汇", "haizhi-kg vocabulary")
    own = str(mapping.vocab)
    described: set[URIRef] = set()

    def prop_terms(pm, zh: str, en: str) -> Iterator[Triple]:  # type: ignore[no-untyped-def]
        if not str(pm.predicate).startswith(own) or pm.predicate in described:
            return
        described.add(pm.predicate)
        yield pm.predicate, RDF.type, OWL.ObjectProperty if pm.ref else OWL.DatatypeProperty
        yield from _labels(pm.predicate, zh, en)

    for lm in mapping.labels.values():
        yield lm.cls, RDF.type, OWL.Class
        for c in lm.classes:
            yield lm.cls, RDFS.subClassOf, c
        yield from _labels(lm.cls, lm.label.zh, lm.label.en)
        if lm.scheme is not None:
            yield lm.scheme, RDF.type, SKOS.ConceptScheme
            yield lm.scheme, SKOS.prefLabel, Literal(lm.label.zh, lang="zh")
            yield lm.scheme, SKOS.prefLabel, Literal(lm.label.en, lang="en")
        for pm in lm.props.values():
            yield from prop_terms(pm, pm.prop.zh, pm.prop.en)
    for rm in mapping.rels.values():
        yield rm.cls, RDF.type, OWL.Class
        yield rm.cls, RDFS.subClassOf, RDF.Statement
        for c in rm.classes:
            yield rm.cls, RDFS.subClassOf, c
        yield from _labels(rm.cls, rm.rel.zh, rm.rel.en)
        if str(rm.predicate).startswith(own) and rm.predicate not in described:
            described.add(rm.predicate)
            yield rm.predicate, RDF.type, OWL.ObjectProperty
            yield from _labels(rm.predicate, rm.rel.zh, rm.rel.en)
        for pm in rm.props.values():
            yield from prop_terms(pm, pm.prop.zh, pm.prop.en)
    if mapping.rel_key not in described:
        yield mapping.rel_key, RDF.type, OWL.DatatypeProperty
        yield from _labels(mapping.rel_key, "关系键", "relationship key")


COMMON = ("id", "name_zh", "name_en", "aliases", "source_id", "evidence", "confidence", "note")


def _term(mapping: Mapping, t: URIRef) -> str:
    return t.n3(mapping.namespace_manager())


def _prop_cell(mapping: Mapping, pms) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{pm.name} `{_term(mapping, pm.predicate)}`" for pm in pms) or "–"


def markdown_tables(mapping: Mapping) -> str:
    """The vocabularies used per label, property and relationship type, as Markdown
    tables (docs/sparql.md holds this text; a test keeps the two equal).

    >>> from kg.rdf.mapping import load_mapping
    >>> "| Station | `hz:Station`, `org:OrganizationalUnit` |" in markdown_tables(load_mapping())
    True
    """
    out = ["| label | classes | own properties |", "|---|---|---|"]
    for name, lm in mapping.labels.items():
        classes = ", ".join(f"`{_term(mapping, c)}`" for c in (lm.cls, *lm.classes))
        if lm.scheme is not None:
            classes += f"; `skos:inScheme` `{lm.scheme}`"
        own = [pm for pm in lm.props.values() if pm.name not in COMMON]
        out.append(f"| {name} | {classes} | {_prop_cell(mapping, own)} |")
    out += ["", "| property (every node / relationship) | predicate | object |", "|---|---|---|"]
    any_label = next(iter(mapping.labels.values()))
    for name in COMMON:
        pm = any_label.props[name]
        if pm.ref:
            obj = f"IRI of a {pm.ref}"
        elif pm.lang:
            obj = {"zh": "literal @zh", "en": "literal @en"}.get(pm.lang, "literal @zh or @en")
        else:
            obj = f"`{_term(mapping, DATATYPES[pm.prop.type])}`"
        out.append(f"| {name} | `{_term(mapping, pm.predicate)}` | {obj} |")
    out += ["", "| type | direct triple (src → dst) | inverse (dst → src) | statement node | own properties |",
            "|---|---|---|---|---|"]
    for name, rm in mapping.rels.items():
        st = ", ".join(f"`{_term(mapping, c)}`" for c in (rm.cls, *rm.classes))
        roles = [f"`{_term(mapping, r)}` {end}" for r, end in ((rm.src_role, "src"), (rm.dst_role, "dst")) if r]
        if roles:
            st += " (" + ", ".join(roles) + ")"
        own = [pm for pm in rm.props.values() if pm.name not in COMMON]
        inv = f"`{_term(mapping, rm.inverse)}`" if rm.inverse is not None else "–"
        out.append(f"| {name} | `{_term(mapping, rm.predicate)}` | {inv} | {st} | {_prop_cell(mapping, own)} |")
    return "\n".join(out) + "\n"
