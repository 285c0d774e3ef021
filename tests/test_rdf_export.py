"""The RDF export: exact triples for nodes and relationships, worked out by hand
from the fixture rows and the `rdf:` keys of kg/schema.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, Literal, URIRef

from ingest.dataset import load_dataset
from kg.rdf.export import graph_to_rdf, serialize
from kg.rdf.graph_source import graph_from_dataset
from kg.rdf.mapping import MappingError, load_mapping, mapping_from_schema
from kg.schema import parse_schema, schema_path
from tests.conftest import MINI

RICH = Path(__file__).resolve().parent / "fixtures" / "rdf"
ID = "https://w3id.org/haizhi-kg/id/"


@pytest.fixture(scope="module")
def m():
    return load_mapping()


@pytest.fixture(scope="module")
def mini_rdf():
    return graph_to_rdf(graph_from_dataset(load_dataset(MINI)), vocabulary=False)


@pytest.fixture(scope="module")
def rich_rdf():
    return graph_to_rdf(graph_from_dataset(load_dataset(RICH)), vocabulary=False)


def po(g: Graph, iri: URIRef, m) -> set[tuple[str, str]]:
    """(predicate, object) of one subject as short Turtle terms."""
    nm = m.namespace_manager()
    return {(p.n3(nm), o.n3(nm)) for p, o in g.predicate_objects(iri)}


def test_node_triples_of_a_station(mini_rdf, m):
    s = URIRef(ID + "station/host-a")
    assert m.node_iri("station:host-a") == s
    assert po(mini_rdf, s, m) == {
        ("rdf:type", "hz:Station"),
        ("rdf:type", "org:OrganizationalUnit"),
        ("dcterms:identifier", '"station:host-a"'),
        ("skos:prefLabel", '"示例公司海智工作站"@zh'),
        ("skos:prefLabel", '"Example Company Haizhi Workstation"@en'),
        ("hz:approved_year", '"2022"^^xsd:integer'),
        ("hz:state", '"active"'),
        ("prov:wasDerivedFrom", f"<{ID}source/mini>"),
        ("hz:evidence", '"示例公司设立了示例公司海智工作站。"@zh'),
        # direct triples of its relationships: HOSTS inverse, PARTNERS_WITH
        ("org:unitOf", f"<{ID}org/host-a>"),
        ("org:linkedTo", f"<{ID}org/asu>"),
        ("org:linkedTo", f"<{ID}org/ntu>"),
    }


def test_person_org_and_aliases(mini_rdf, m):
    talent = po(mini_rdf, m.node_iri("talent:zhang-san"), m)
    assert {("rdf:type", "foaf:Person"), ("rdf:type", "schema:Person"), ("rdf:type", "hz:Talent"),
            ("schema:jobTitle", '"总经理"'), ("org:headOf", f"<{ID}station/host-a>"),
            ("schema:worksFor", f"<{ID}org/host-a>")} <= talent
    asu = po(mini_rdf, m.node_iri("org:asu"), m)
    assert {("rdf:type", "org:FormalOrganization"), ("skos:altLabel", '"ASU"@en'),
            ("hz:overseas", '"true"^^xsd:boolean'), ("hz:confidence", '"1.0"^^xsd:decimal'), ("hz:kind", '"university"')} <= asu
    host = po(mini_rdf, m.node_iri("org:host-a"), m)
    assert ("skos:altLabel", '"示例"@zh') in host and ("org:hasUnit", f"<{ID}station/host-a>") in host


def test_relationship_statement_with_provenance(mini_rdf, m):
    rid = "HEADS:talent:zhang-san->station:host-a"
    st = URIRef(ID + "rel/HEADS:talent:zhang-san-%3Estation:host-a")
    assert m.rel_iri(rid) == st
    assert po(mini_rdf, st, m) == {
        ("rdf:type", "rdf:Statement"),
        ("rdf:type", "hz:Heads"),
        ("rdf:subject", f"<{ID}talent/zhang-san>"),
        ("rdf:predicate", "org:headOf"),
        ("rdf:object", f"<{ID}station/host-a>"),
        ("dcterms:identifier", f'"{rid}"'),
        ("hz:role", '"站长"'),
        ("prov:wasDerivedFrom", f"<{ID}source/mini>"),
        ("hz:evidence", '"张三担任示例公司海智工作站站长，他是示例公司总经理。"@zh'),
    }
    # WORKS_AT is an org:Membership tying the person and the organisation
    works = po(mini_rdf, m.rel_iri("WORKS_AT:talent:zhang-san->org:host-a"), m)
    assert {("rdf:type", "org:Membership"), ("org:member", f"<{ID}talent/zhang-san>"),
            ("org:organization", f"<{ID}org/host-a>"), ("hz:title", '"总经理"')} <= works


def test_mini_triple_count_by_hand(mini_rdf, m):
    # nodes: consulate 9, org:host-a 12 (one alias), host-b 11, asu 12, ntu 12, two places 8+8,
    # source 9 (three classes, title, date, synthetic), two stations 9+9, talent 9 (three classes) = 108;
    # relationships: 8 per statement + 1 direct triple, HOSTS +1 inverse, HEADS +role,
    # WORKS_AT +org:Membership +member +organization +title: 10 + 2*10 + 9 + 2*9 + 9 + 13 = 79
    assert len(mini_rdf) == 108 + 79
    assert len(set(mini_rdf.subjects(RDF.type, RDF.Statement))) == 8
    assert len(list(mini_rdf.triples((None, m.rel("HOSTS").inverse, None)))) == 2


def test_membership_with_key_grant_concept_event_metric(rich_rdf, m):
    rid = "MEMBER_OF:station:host-a->programme:western-mechanism#renewed"
    st = URIRef(ID + "rel/MEMBER_OF:station:host-a-%3Eprogramme:western-mechanism%23renewed")
    assert m.rel_iri(rid) == st
    assert po(rich_rdf, st, m) == {
        ("rdf:type", "rdf:Statement"), ("rdf:type", "hz:MemberOf"), ("rdf:type", "org:Membership"),
        ("rdf:subject", f"<{ID}station/host-a>"), ("rdf:predicate", "org:memberOf"),
        ("rdf:object", f"<{ID}programme/western-mechanism>"),
        ("org:member", f"<{ID}station/host-a>"), ("org:organization", f"<{ID}programme/western-mechanism>"),
        ("dcterms:identifier", f'"{rid}"'), ("hz:relationshipKey", '"renewed"'),
        ("hz:since", '"2023"^^xsd:integer'), ("hz:role", '"member station"'),
        ("prov:wasDerivedFrom", f"<{ID}source/mini>"), ("hz:evidence", '"先后两次续签"@zh'),
        ("hz:confidence", '"0.8"^^xsd:decimal'), ("skos:note", '"the renewal year is inferred"'),
    }
    # two memberships with the same ends, told apart by their keys; one direct triple
    mem = [s for s in rich_rdf.subjects(RDF.type, m.rel("MEMBER_OF").cls)]
    assert sorted(str(rich_rdf.value(s, m.rel_key)) for s in mem) == ["joined", "renewed"]
    assert len(list(rich_rdf.triples((m.node_iri("station:host-a"), m.rel("MEMBER_OF").predicate, None)))) == 1
    assert ("rdf:type", "org:OrganizationalCollaboration") in po(rich_rdf, m.node_iri("programme:western-mechanism"), m)

    grant = po(rich_rdf, m.rel_iri("FUNDED:org:host-a->project:graphene-sensor"), m)
    assert {("rdf:type", "vivo:Grant"), ("vivo:totalAwardAmount", '"500000.0"^^xsd:decimal'),
            ("vivo:assignedBy", f"<{ID}org/host-a>"), ("vivo:relates", f"<{ID}project/graphene-sensor>"),
            ("hz:year", '"2023"^^xsd:integer'), ("rdf:predicate", "hz:funded")} <= grant
    project = po(rich_rdf, m.node_iri("project:graphene-sensor"), m)
    assert {("rdf:type", "vivo:Project"), ("vivo:hasResearchArea", f"<{ID}field/graphene>"),
            ("schema:funder", f"<{ID}org/host-a>"), ("hz:amount_cny", '"500000.0"^^xsd:decimal')} <= project

    assert po(rich_rdf, m.node_iri("field:graphene"), m) == {
        ("rdf:type", "hz:Field"), ("rdf:type", "skos:Concept"),
        ("skos:inScheme", f"<{ID}scheme/field>"),
        ("dcterms:identifier", '"field:graphene"'),
        ("skos:prefLabel", '"石墨烯"@zh'), ("skos:prefLabel", '"Graphene"@en'),
        ("skos:altLabel", '"graphene materials"@en'),
        ("prov:wasDerivedFrom", f"<{ID}source/mini>"), ("hz:evidence", '"该项目属于石墨烯领域"@zh'),
    }
    event = po(rich_rdf, m.node_iri("event:signing"), m)
    assert {("schema:startDate", '"2023-02-20"^^xsd:date'), ("schema:endDate", '"2023-02-23"^^xsd:date'),
            ("schema:attendee", f"<{ID}station/host-a>"), ("schema:location", f"<{ID}place/chongqing>")} <= event
    metric = po(rich_rdf, m.node_iri("metric:stations-total"), m)
    assert {("rdf:type", "schema:Observation"), ("schema:value", '"2.0"^^xsd:decimal'),
            ("schema:unitText", '"stations"'), ("schema:observationDate", '"2023-02"^^xsd:gYearMonth'),
            ("schema:observationAbout", f"<{ID}programme/western-mechanism>"), ("hz:key", '"stations_total"')} <= metric
    source = po(rich_rdf, m.node_iri("source:mini"), m)
    assert {("rdf:type", "prov:Entity"), ("dcterms:title", '"测试小图"@zh'), ("dc:publisher", '"示例报社"'),
            ("dcterms:date", '"2023-01-01"^^xsd:date'), ("hz:synthetic", '"true"^^xsd:boolean')} <= source


def test_every_fact_is_derived_from_its_source_with_evidence(rich_rdf, m):
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    ev = m.vocab["evidence"]
    facts = [s for lm in m.labels.values() if lm.label.provenance for s in rich_rdf.subjects(RDF.type, lm.cls)]
    facts += list(rich_rdf.subjects(RDF.type, RDF.Statement))
    assert len(facts) == 15 + 16  # every node but the Source, every relationship
    for f in facts:
        assert rich_rdf.value(f, prov) == URIRef(ID + "source/mini"), f
        assert isinstance(rich_rdf.value(f, ev), Literal), f


def test_iris_and_files_are_stable_across_runs():
    a = graph_to_rdf(graph_from_dataset(load_dataset(RICH)))
    b = graph_to_rdf(graph_from_dataset(load_dataset(RICH)))
    for fmt in ("turtle", "nt", "jsonld"):
        assert serialize(a, fmt) == serialize(b, fmt)
    assert f"<{ID}rel/HOSTS:org:host-a-%3Estation:host-a>" in serialize(a, "nt")


def test_each_serialization_parses_back_to_the_same_graph(rich_rdf):
    from rdflib.compare import isomorphic

    for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
        assert isomorphic(Graph().parse(data=serialize(rich_rdf, fmt), format=parser), rich_rdf), fmt


def test_vocabulary_describes_the_project_terms(m):
    from rdflib import OWL, RDFS

    g = graph_to_rdf(graph_from_dataset(load_dataset(MINI)))
    assert (m.label("Station").cls, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#OrganizationalUnit")) in g
    assert (m.rel("HOSTS").cls, RDFS.subClassOf, RDF.Statement) in g
    assert (m.vocab["approved_year"], RDFS.label, Literal("获批年份", lang="zh")) in g
    assert (m.vocab["approvedBy"], RDF.type, OWL.ObjectProperty) in g
    assert (URIRef(ID + "scheme/field"), RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")) in g


def test_mapping_is_derived_from_the_schema_yaml():
    doc = yaml.safe_load(schema_path().read_text(encoding="utf-8"))
    doc["relationships"]["APPROVED_BY"]["rdf"] = {"predicate": "org:approvedBy2"}
    doc["labels"]["Station"]["rdf"]["classes"] = ["schema:Organization"]
    m2 = mapping_from_schema(parse_schema(doc))
    assert str(m2.rel("APPROVED_BY").predicate) == "http://www.w3.org/ns/org#approvedBy2"
    assert [str(c) for c in m2.label("Station").classes] == ["http://www.w3.org/ns/org#OrganizationalUnit",
                                                             "https://schema.org/Organization"]
    doc["labels"]["Station"]["rdf"]["class"] = "nope:Thing"
    with pytest.raises(MappingError, match="unknown prefix"):
        mapping_from_schema(parse_schema(doc))
