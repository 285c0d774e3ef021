"""The RDF mapping, derived from ``kg/schema.yaml`` (never a second list).

Every label gets a project class (``hz:Station``) plus the established class
named in its ``rdf: {class: ...}`` (and ``classes``); every property a
predicate (its ``rdf: {predicate: ...}`` or ``hz:<name>``) and an XSD datatype
from its schema type; every relationship type a direct predicate
(``rdf: {predicate: ...}`` or ``hz:<lowerCamelCase type>``), an optional
inverse, and a project class for its statement node (``hz:Hosts``) that
carries the relationship's properties and provenance.

IRIs: nodes ``<namespace><prefix>/<slug>`` from the node id, relationships
``<namespace>rel/<relationship id>`` (percent-encoded), so they are the same
on every run.

>>> m = load_mapping()
>>> m.label("Station").cls.n3(m.namespace_manager())
'hz:Station'
>>> [c.n3(m.namespace_manager()) for c in m.label("Talent").classes]
['foaf:Person', 'schema:Person']
>>> m.label("Station").props["name_zh"].predicate.n3(m.namespace_manager())
'skos:prefLabel'
>>> m.rel("HOSTS").predicate.n3(m.namespace_manager()), m.rel("HOSTS").inverse.n3(m.namespace_manager())
('org:hasUnit', 'org:unitOf')
>>> m.rel("APPROVED_BY").predicate.n3(m.namespace_manager())
'hz:approvedBy'
>>> str(m.rel_iri("HOSTS:org:a->station:a#2"))
'https://w3id.org/haizhi-kg/id/rel/HOSTS:org:a-%3Estation:a%232'
>>> m.id_of_node_iri(m.node_iri("org:重庆 x"))
'org:重庆 x'
>>> m.short(m.rel_iri("HOSTS:org:a->station:a#2"))
'HOSTS:org:a->station:a#2'
>>> detect_lang("示例公司"), detect_lang("ASU")
('zh', 'en')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import OWL, SH, NamespaceManager
from rdflib import Graph

from kg.schema import Label, Property, RelType, Schema, load_schema

# XSD datatype of each schema property type (dates are chosen by their length).
DATATYPES = {
    "string": XSD.string,
    "text": XSD.string,
    "enum": XSD.string,
    "list": XSD.string,
    "int": XSD.integer,
    "float": XSD.decimal,
    "bool": XSD.boolean,
}
DATE_TYPES = (XSD.gYear, XSD.gYearMonth, XSD.date)
LANGS = ("zh", "en", "auto")
# RDF's own vocabularies, always bound (the established ones come from the schema).
STANDARD_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL), "sh": str(SH)}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def detect_lang(text: str) -> str:
    """``zh`` when the text has Chinese characters, else ``en``."""
    return "zh" if _CJK.search(text) else "en"


def camel(type_name: str, upper: bool = False) -> str:
    """``APPROVED_BY`` → ``approvedBy`` (``ApprovedBy`` with ``upper=True``).

    >>> camel("APPROVED_BY"), camel("PART_OF", upper=True)
    ('approvedBy', 'PartOf')
    """
    parts = [p.capitalize() for p in type_name.lower().split("_") if p]
    s = "".join(parts)
    return s if upper else s[:1].lower() + s[1:]


@dataclass(frozen=True)
class PropMap:
    """How one property becomes triples: ``<subject> predicate value``."""

    name: str
    prop: Property
    predicate: URIRef
    lang: str | None = None  # zh / en / auto: a language-tagged literal
    ref: str | None = None   # the value is the id of a node of this label: written as its IRI

    @property
    def many(self) -> bool:
        return self.prop.type == "list"


@dataclass(frozen=True)
class LabelMap:
    name: str
    label: Label
    cls: URIRef                  # the project class, hz:<Label>
    classes: tuple[URIRef, ...]  # the established classes from the schema
    props: dict[str, PropMap]
    scheme: URIRef | None = None  # SKOS concept scheme (labels with concept_scheme: true)


@dataclass(frozen=True)
class RelMap:
    name: str
    rel: RelType
    cls: URIRef                  # the project class of its statement nodes, hz:<CamelType>
    predicate: URIRef            # the direct triple src → dst
    inverse: URIRef | None       # also written dst → src
    classes: tuple[URIRef, ...]  # extra classes of the statement node (org:Membership, vivo:Grant)
    src_role: URIRef | None      # statement → src (org:member)
    dst_role: URIRef | None      # statement → dst (org:organization)
    props: dict[str, PropMap]


@dataclass(frozen=True)
class Mapping:
    namespace: str
    vocab: Namespace
    prefixes: dict[str, str]
    labels: dict[str, LabelMap]
    rels: dict[str, RelMap]
    identifier: URIRef     # the predicate of node and relationship ids
    rel_key: URIRef        # the relationship key (tells apart parallel relationships)

    def label(self, name: str) -> LabelMap:
        return self.labels[name]

    def rel(self, name: str) -> RelMap:
        return self.rels[name]

    def node_iri(self, node_id: str) -> URIRef:
        """``station:host-a`` → ``<namespace>station/host-a``."""
        prefix, _, slug = node_id.partition(":")
        return URIRef(f"{self.namespace}{prefix}/{quote(slug, safe='-._~')}")

    def id_of_node_iri(self, iri: URIRef | str) -> str | None:
        """The node id of a node IRI (``None`` for other IRIs)."""
        s = str(iri)
        if not s.startswith(self.namespace):
            return None
        prefix, sep, slug = s[len(self.namespace):].partition("/")
        if not sep or prefix in ("rel", "scheme"):
            return None
        return f"{prefix}:{unquote(slug)}"

    def rel_iri(self, rel_id: str) -> URIRef:
        """``HOSTS:org:a->station:a`` → ``<namespace>rel/HOSTS:org:a-%3Estation:a``."""
        return URIRef(f"{self.namespace}rel/{quote(rel_id, safe=':-._~')}")

    def id_of_rel_iri(self, iri: URIRef | str) -> str | None:
        """The relationship id of a relationship IRI (``None`` for other IRIs)."""
        s, base = str(iri), f"{self.namespace}rel/"
        return unquote(s[len(base):]) if s.startswith(base) else None

    def short(self, iri: URIRef | str) -> str:
        """The node or relationship id of one of the project's IRIs, else the IRI."""
        return self.id_of_rel_iri(iri) or self.id_of_node_iri(iri) or str(iri)

    def scheme_iri(self, label: Label) -> URIRef:
        return URIRef(f"{self.namespace}scheme/{label.id_prefix}")

    def namespace_manager(self) -> NamespaceManager:
        nm = NamespaceManager(Graph(bind_namespaces="none"))
        for p, ns in self.prefixes.items():
            nm.bind(p, ns, override=True, replace=True)
        nm.bind("hzid", self.namespace, override=True, replace=True)
        return nm


class MappingError(ValueError):
    """The ``rdf:`` keys of the schema do not make a usable mapping."""


def _expand(curie: str, prefixes: dict[str, str], where: str) -> URIRef:
    if curie.startswith(("http://", "https://")):
        return URIRef(curie)
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in prefixes:
        raise MappingError(f"{where}: {curie!r} uses an unknown prefix; known: {', '.join(sorted(prefixes))}")
    return URIRef(prefixes[prefix] + local)


def _prop_maps(props: dict[str, Property], vocab: Namespace, prefixes: dict[str, str],
               where: str, labels: Iterable[str]) -> dict[str, PropMap]:
    out: dict[str, PropMap] = {}
    for name, p in props.items():
        spec = p.rdf
        pred = _expand(spec["predicate"], prefixes, f"{where}.{name}") if spec.get("predicate") else vocab[name]
        lang = spec.get("lang")
        if lang is not None and lang not in LANGS:
            raise MappingError(f"{where}.{name}: lang must be one of {LANGS}, not {lang!r}")
        if lang and p.type not in ("string", "text", "list"):
            raise MappingError(f"{where}.{name}: only text properties can carry a language")
        ref = spec.get("ref")
        if ref is not None and ref not in labels:
            raise MappingError(f"{where}.{name}: ref must name a label, not {ref!r}")
        out[name] = PropMap(name, p, pred, lang, ref)
    # two properties may share a predicate only when their languages tell them apart
    by_pred: dict[URIRef, list[PropMap]] = {}
    for pm in out.values():
        by_pred.setdefault(pm.predicate, []).append(pm)
    for pred, pms in by_pred.items():
        langs = [pm.lang for pm in pms]
        if len(pms) > 1 and (None in langs or "auto" in langs or len(set(langs)) != len(langs)):
            raise MappingError(f"{where}: {', '.join(pm.name for pm in pms)} share {pred} "
                               "without distinct fixed languages")
    return out


def mapping_from_schema(schema: Schema) -> Mapping:
    """Derive the RDF mapping from the schema (raises :class:`MappingError`)."""
    cfg = schema.rdf or {}
    vocab_ns = cfg.get("vocab") or schema.namespace.rstrip("/").rsplit("/", 1)[0] + "/vocab#"
    prefixes = {**STANDARD_PREFIXES, "hz": vocab_ns, **(cfg.get("prefixes") or {})}
    vocab = Namespace(vocab_ns)
    labels: dict[str, LabelMap] = {}
    for name, lab in schema.labels.items():
        spec = lab.rdf or {}
        classes = [spec["class"]] if spec.get("class") else []
        classes += list(spec.get("classes") or [])
        labels[name] = LabelMap(
            name=name,
            label=lab,
            cls=vocab[name],
            classes=tuple(_expand(c, prefixes, f"labels.{name}.rdf") for c in classes),
            props=_prop_maps(lab.properties, vocab, prefixes, f"labels.{name}", schema.labels),
            scheme=URIRef(f"{schema.namespace}scheme/{lab.id_prefix}") if spec.get("concept_scheme") else None,
        )
    rels: dict[str, RelMap] = {}
    for name, rel in schema.relationships.items():
        spec = rel.rdf or {}
        where = f"relationships.{name}.rdf"
        q = spec.get("qualified") or {}
        cls = vocab[camel(name, upper=True)]
        if cls in {lm.cls for lm in labels.values()}:
            raise MappingError(f"relationships.{name}: its class {cls} is also a label's class")
        rels[name] = RelMap(
            name=name,
            rel=rel,
            cls=cls,
            predicate=_expand(spec["predicate"], prefixes, where) if spec.get("predicate") else vocab[camel(name)],
            inverse=_expand(spec["inverse"], prefixes, where) if spec.get("inverse") else None,
            classes=tuple(_expand(c, prefixes, where) for c in ([q["class"]] if q.get("class") else [])),
            src_role=_expand(q["src"], prefixes, where) if q.get("src") else None,
            dst_role=_expand(q["dst"], prefixes, where) if q.get("dst") else None,
            props=_prop_maps(rel.properties, vocab, prefixes, f"relationships.{name}", schema.labels),
        )
    ident = next((pm.predicate for pm in labels[next(iter(labels))].props.values() if pm.name == "id"), None)
    return Mapping(
        namespace=schema.namespace,
        vocab=vocab,
        prefixes=prefixes,
        labels=labels,
        rels=rels,
        identifier=ident or vocab["id"],
        rel_key=vocab["relationshipKey"],
    )


@lru_cache(maxsize=None)
def load_mapping(path: str | None = None) -> Mapping:
    """The mapping of the project schema (or of the schema file at ``path``)."""
    return mapping_from_schema(load_schema(path))
