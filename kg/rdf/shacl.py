"""SHACL shapes generated from the schema, and a readable pyshacl run.

One node shape per label (``sh:targetClass hz:Station``): the established
class is present, the id has the label's prefix, each property has its
datatype (language-tagged names, ``sh:in`` for enums, min/max for numbers),
required ones ``sh:minCount 1``, single-valued ones ``sh:maxCount 1``, the
source is a ``hz:Source``. One node shape per relationship type
(``sh:targetClass hz:Hosts``): ``rdf:subject``/``rdf:object`` are nodes of the
allowed labels, ``rdf:predicate`` is the mapped predicate, the direct (and
inverse) triple exists, plus the relationship's properties and provenance.

>>> from kg.rdf.mapping import load_mapping
>>> from rdflib.namespace import SH
>>> shapes = shapes_graph()
>>> m = load_mapping()
>>> len(set(shapes.subjects(SH.targetClass, None))) == len(m.labels) + len(m.rels)
True
>>> from ingest.dataset import load_dataset
>>> report = check_dataset(load_dataset("tests/fixtures/mini"))
>>> report.conforms, report.violations
(True, [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS, XSD

from kg.rdf.mapping import DATE_TYPES, DATATYPES, Mapping, PropMap, load_mapping

Shape = BNode | URIRef


class _Builder:
    def __init__(self, mapping: Mapping):
        self.m = mapping
        self.g = Graph(bind_namespaces="none")
        self._n = 0
        for p, ns in mapping.prefixes.items():
            self.g.bind(p, ns, override=True, replace=True)

    def bnode(self) -> BNode:
        """Numbered blank nodes, so the same schema gives the same shapes file."""
        self._n += 1
        return BNode(f"s{self._n}")

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.g.add((s, p, o))

    def rdf_list(self, items: list[Any]) -> BNode:
        head = self.bnode()
        Collection(self.g, head, items)
        return head

    def or_of(self, alternatives: list[dict[URIRef, Any]]) -> BNode:
        nodes = []
        for alt in alternatives:
            b = self.bnode()
            for p, o in alt.items():
                self.add(b, p, o)
            nodes.append(b)
        return self.rdf_list(nodes)

    def prop_shape(self, node_shape: Shape, path: URIRef, name: str) -> BNode:
        ps = self.bnode()
        self.add(node_shape, SH.property, ps)
        self.add(ps, SH.path, path)
        self.add(ps, SH.name, Literal(name))
        return ps

    def value_constraints(self, ps: BNode, pm: PropMap) -> None:
        """Datatype, language, enum and range of one property's values."""
        p = pm.prop
        if pm.ref:
            self.add(ps, SH.nodeKind, SH.IRI)
            self.add(ps, SH["class"], self.m.label(pm.ref).cls)
            return
        if pm.lang:
            self.add(ps, SH.datatype, RDF.langString)
            langs = ["zh", "en"] if pm.lang == "auto" else [pm.lang]
            self.add(ps, SH.languageIn, self.rdf_list([Literal(x) for x in langs]))
            return
        if p.type == "date":
            self.add(ps, SH["or"], self.or_of([{SH.datatype: dt} for dt in DATE_TYPES]))
        else:
            self.add(ps, SH.datatype, DATATYPES[p.type])
        if p.type == "enum":
            self.add(ps, SH["in"], self.rdf_list([Literal(v) for v in p.values]))
        if p.type in ("int", "float"):
            dt = XSD.integer if p.type == "int" else XSD.decimal
            if p.min is not None:
                self.add(ps, SH.minInclusive, Literal(p.min, datatype=dt) if p.type == "int"
                         else Literal(str(p.min), datatype=dt))
            if p.max is not None:
                self.add(ps, SH.maxInclusive, Literal(p.max, datatype=dt) if p.type == "int"
                         else Literal(str(p.max), datatype=dt))

    def counts(self, ps: BNode, pm: PropMap, qualified: bool = False) -> None:
        lo, hi = (SH.qualifiedMinCount, SH.qualifiedMaxCount) if qualified else (SH.minCount, SH.maxCount)
        if pm.prop.required:
            self.add(ps, lo, Literal(1))
        if not pm.many:
            self.add(ps, hi, Literal(1))

    def properties(self, shape: Shape, props: dict[str, PropMap], id_pattern: str | None = None) -> None:
        by_pred: dict[URIRef, list[PropMap]] = {}
        for pm in props.values():
            by_pred.setdefault(pm.predicate, []).append(pm)
        for pred, pms in by_pred.items():
            if len(pms) == 1:
                pm = pms[0]
                ps = self.prop_shape(shape, pred, pm.name)
                self.value_constraints(ps, pm)
                self.counts(ps, pm)
                if pm.predicate == self.m.identifier and id_pattern:
                    self.add(ps, SH.pattern, Literal(id_pattern))
                continue
            # several properties on one predicate, told apart by language (name_zh, name_en)
            ps = self.prop_shape(shape, pred, "/".join(pm.name for pm in pms))
            self.add(ps, SH.datatype, RDF.langString)
            self.add(ps, SH.languageIn, self.rdf_list([Literal(pm.lang) for pm in pms]))
            self.add(ps, SH.uniqueLang, Literal(True))
            for pm in pms:
                q = self.prop_shape(shape, pred, pm.name)
                inner = self.bnode()
                self.add(inner, SH.languageIn, self.rdf_list([Literal(pm.lang)]))
                self.add(q, SH.qualifiedValueShape, inner)
                self.counts(q, pm, qualified=True)
                need = "exactly one" if pm.prop.required else "at most one"
                self.add(q, SH.message, Literal(f"needs {need} {pred.n3(self.g.namespace_manager)} "
                                                f"with language @{pm.lang}"))

    def has_value(self, shape: Shape, path: URIRef, value: URIRef, name: str) -> None:
        ps = self.prop_shape(shape, path, name)
        self.add(ps, SH.hasValue, value)

    def sparql(self, shape: Shape, message: str, select: str) -> None:
        c = self.bnode()
        self.add(shape, SH.sparql, c)
        self.add(c, SH.message, Literal(message))
        self.add(c, SH.select, Literal(select))


def _ends(b: _Builder, shape: Shape, path: URIRef, name: str, labels: tuple[str, ...]) -> None:
    ps = b.prop_shape(shape, path, name)
    b.add(ps, SH.minCount, Literal(1))
    b.add(ps, SH.maxCount, Literal(1))
    b.add(ps, SH.nodeKind, SH.IRI)
    classes = [b.m.label(lab).cls for lab in labels]
    if len(classes) == 1:
        b.add(ps, SH["class"], classes[0])
    else:
        b.add(ps, SH["or"], b.or_of([{SH["class"]: c} for c in classes]))


def shapes_graph(mapping: Mapping | None = None) -> Graph:
    """The SHACL shapes of the schema, as an rdflib graph (Turtle via ``.serialize()``)."""
    m = mapping or load_mapping()
    b = _Builder(m)
    b.g.bind("sh", str(SH), override=True, replace=True)
    for name, lm in m.labels.items():
        shape = m.vocab[f"{name}Shape"]
        b.add(shape, RDF.type, SH.NodeShape)
        b.add(shape, SH.targetClass, lm.cls)
        b.add(shape, SH.name, Literal(name))
        for c in lm.classes:
            b.has_value(shape, RDF.type, c, "class")
        if lm.scheme is not None:
            b.has_value(shape, SKOS.inScheme, lm.scheme, "concept scheme")
        b.properties(shape, lm.props, id_pattern=f"^{lm.label.id_prefix}:[^\\s|]+$")
    for name, rm in m.rels.items():
        shape = m.vocab[f"{rm.cls.split('#')[-1].split('/')[-1]}Shape"]
        b.add(shape, RDF.type, SH.NodeShape)
        b.add(shape, SH.targetClass, rm.cls)
        b.add(shape, SH.name, Literal(name))
        b.has_value(shape, RDF.type, RDF.Statement, "class")
        for c in rm.classes:
            b.has_value(shape, RDF.type, c, "class")
        _ends(b, shape, RDF.subject, "src", rm.rel.sources)
        _ends(b, shape, RDF.object, "dst", rm.rel.targets)
        ps = b.prop_shape(shape, RDF.predicate, "predicate")
        b.add(ps, SH.hasValue, rm.predicate)
        b.add(ps, SH.maxCount, Literal(1))
        ps = b.prop_shape(shape, m.identifier, "id")
        b.add(ps, SH.minCount, Literal(1))
        b.add(ps, SH.maxCount, Literal(1))
        b.add(ps, SH.datatype, XSD.string)
        b.add(ps, SH.pattern, Literal(f"^{name}:"))
        ps = b.prop_shape(shape, m.rel_key, "key")
        b.add(ps, SH.maxCount, Literal(1))
        b.add(ps, SH.datatype, XSD.string)
        for role, end in ((rm.src_role, RDF.subject), (rm.dst_role, RDF.object)):
            if role is not None:
                ps = b.prop_shape(shape, role, "src" if end == RDF.subject else "dst")
                b.add(ps, SH.equals, end)
        b.properties(shape, rm.props)
        b.sparql(shape, f"the direct triple <{{?s}}> {rm.predicate.n3(b.g.namespace_manager)} <{{?o}}> is missing",
                 f"SELECT $this ?s ?o WHERE {{ $this <{RDF.subject}> ?s ; <{RDF.object}> ?o . "
                 f"FILTER NOT EXISTS {{ ?s <{rm.predicate}> ?o }} }}")
        if rm.inverse is not None:
            b.sparql(shape, f"the inverse triple <{{?o}}> {rm.inverse.n3(b.g.namespace_manager)} <{{?s}}> is missing",
                     f"SELECT $this ?s ?o WHERE {{ $this <{RDF.subject}> ?s ; <{RDF.object}> ?o . "
                     f"FILTER NOT EXISTS {{ ?o <{rm.inverse}> ?s }} }}")
    return b.g


@dataclass(frozen=True)
class Violation:
    focus: str        # node or relationship id (the IRI when it has none)
    kind: str         # its label or relationship type
    property: str     # the column (sh:name of the property shape) or the path
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        s = f"{self.focus} ({self.kind}) {self.property}: {self.message}"
        return s + (f" [value: {self.value}]" if self.value else "")


@dataclass
class ShaclReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def lines(self) -> list[str]:
        head = (f"SHACL: conforms ({self.triples} triples checked)" if self.conforms
                else f"SHACL: {len(self.violations)} violation(s) in {self.triples} triples")
        return [head, *(f"  {v}" for v in self.violations)]


def _short(term: Any, g: Graph, m: Mapping) -> str:
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef) and str(term).startswith(m.namespace):
        return m.short(term)
    try:
        return term.n3(g.namespace_manager)
    except Exception:  # pragma: no cover - unusual terms
        return str(term)


def _readable(text: str, m: Mapping) -> str:
    """Project IRIs in a message replaced by the ids they stand for."""
    return re.sub("<?(" + re.escape(m.namespace) + r"[^\s>]+)>?", lambda mo: m.short(mo.group(1)), text)


def validate(data: Graph, shapes: Graph | None = None, mapping: Mapping | None = None) -> ShaclReport:
    """Run pyshacl on ``data`` with the schema's shapes; violations in readable form."""
    import pyshacl

    m = mapping or load_mapping()
    shapes = shapes if shapes is not None else shapes_graph(m)
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                allow_warnings=True, advanced=False)
    kinds = {lm.cls: name for name, lm in m.labels.items()} | {rm.cls: name for name, rm in m.rels.items()}
    out: list[Violation] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        ident = data.value(focus, m.identifier)
        kind = next((kinds[t] for t in data.objects(focus, RDF.type) if t in kinds), "?")
        src_shape = results.value(r, SH.sourceShape)
        prop = shapes.value(src_shape, SH.name) if src_shape is not None else None
        if prop is None or shapes.value(src_shape, SH.targetClass) is not None:
            path = results.value(r, SH.resultPath)
            sparql = results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
            prop = _short(path, data, m) if path is not None else ("triple" if sparql else "-")
        msgs = sorted(_readable(str(x), m) for x in results.objects(r, SH.resultMessage))
        value = results.value(r, SH.value)
        if value == focus:
            value = None
        sev = results.value(r, SH.resultSeverity)
        out.append(Violation(
            focus=str(ident) if ident is not None else _short(focus, data, m),
            kind=kind,
            property=str(prop),
            message="; ".join(msgs) or "constraint not met",
            value=_short(value, data, m) if value is not None else "",
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
        ))
    out.sort(key=lambda v: (v.focus, v.property, v.message))
    return ShaclReport(conforms=bool(conforms), violations=out, triples=len(data))


def check_dataset(ds: Any, mapping: Mapping | None = None) -> ShaclReport:
    """Export a loaded dataset (``ingest.dataset.Dataset``) to RDF and validate it
    against the generated shapes: what ``kg validate --shacl`` runs."""
    from kg.rdf.export import graph_to_rdf
    from kg.rdf.graph_source import graph_from_dataset

    m = mapping or load_mapping()
    return validate(graph_to_rdf(graph_from_dataset(ds), m), mapping=m)
