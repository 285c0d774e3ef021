"""The extractor end to end: text -> mentions -> entities (linked to the graph)
-> relationships, as an :class:`~.model.Extraction`. Nothing is written here.

>>> x = extract_text("2022年,重庆市科协审批同意在西南大学设立重庆海智工作站。")
>>> x.names("Station"), x.triples("APPROVED_BY")
(['西南大学海智工作站'], [('APPROVED_BY', '西南大学海智工作站', '重庆市科协')])
"""

from __future__ import annotations

from kg.schema import load_schema

from .dates import year_of
from .doc import Doc
from .graph import Graph
from .known import known_mentions
from .model import Extraction, Mention, Relation
from .orgs import find_orgs
from .persons import find_persons
from .programmes import find_programmes
from .relations import find_relations
from .resolve import resolve
from .stations import find_consulates, find_stations


def find_mentions(doc: Doc) -> list[Mention]:
    """Every entity mention the rules find (stations last: they need the organisations)."""
    orgs = find_orgs(doc)
    persons = find_persons(doc)
    progs = find_programmes(doc)
    cons = find_consulates(doc)
    containers = [(m.start, m.end) for m in orgs + cons if m.rule != "org-coordinated"]
    containers += [(t.start, t.end) for t in doc.tokens if len(t.word) >= 4 and t.flag in ("nt", "ns")]
    known = known_mentions(doc, containers)
    person_spans = [(p.start, p.end) for p in persons]
    known = [k for k in known if not any(a <= k.start and k.end <= b for a, b in person_spans)]
    known_orgs = [k for k in known if k.label == "Organization"]
    stations = find_stations(doc, orgs + known_orgs)
    return orgs + persons + progs + cons + known + stations


def _relations(cands, where, schema) -> list[Relation]:  # type: ignore[no-untyped-def]
    out: dict[tuple[str, str, str], Relation] = {}
    for c in cands:
        src, dst = where.get(id(c.src)), where.get(id(c.dst))
        if src is None or dst is None or src is dst:
            continue
        rt = schema.rel(c.type)
        if src.label not in rt.sources or dst.label not in rt.targets:
            continue
        conf = round(min(c.confidence, src.confidence, dst.confidence), 3)
        span = (min(c.src.start, c.dst.start), max(c.src.end, c.dst.end))
        key = (c.type, src.id, dst.id)
        old = out.get(key)
        if old is None or conf > old.confidence:
            props = {**(old.props if old else {}), **c.props}
            out[key] = Relation(c.type, src, dst, props, c.rule, conf, c.start, c.end, span, c.note)
        elif old is not None:
            for k, v in c.props.items():
                old.props.setdefault(k, v)
    return list(out.values())


def extract_text(text: str, graph: Graph | None = None, source_date: str | None = None) -> Extraction:
    """Candidate entities and relationships in ``text``, linked to ``graph`` (if given).

    ``source_date`` (ISO) dates 今年 and undated months."""
    schema = load_schema()
    doc = Doc.prepare(text, graph, year_of(source_date))
    mentions = find_mentions(doc)
    new, cands = find_relations(doc, mentions)
    entities, where = resolve(mentions + new, graph, doc)
    relations = _relations(cands, where, schema)
    for r in relations:  # the station's year of approval, from its APPROVED_BY
        if r.type == "APPROVED_BY" and r.props.get("year"):
            r.src.props.setdefault("approved_year", r.props["year"])
    entities.sort(key=lambda e: (list(schema.labels).index(e.label), e.first.start))
    relations.sort(key=lambda r: (list(schema.relationships).index(r.type), r.start, r.src.name, r.dst.name))
    return Extraction(text, entities, relations, source_date)
