"""SHACL shapes generated from the schema; pyshacl finds exactly the faults we put in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS, XSD

from ingest.dataset import load_dataset
from kg.rdf.export import graph_to_rdf, serialize
from kg.rdf.graph_source import graph_from_dataset
from kg.rdf.mapping import load_mapping, mapping_from_schema
from kg.rdf.shacl import check_dataset, shapes_graph, validate
from kg.schema import load_schema, parse_schema, schema_path
from tests.conftest import CHONGQING, MINI, run_kg

RICH = Path(__file__).resolve().parent / "fixtures" / "rdf"


@pytest.fixture(scope="module")
def shapes():
    return shapes_graph()


def prop_shape(shapes, node_shape: URIRef, name: str):
    found = [ps for ps in shapes.objects(node_shape, SH.property) if shapes.value(ps, SH.name) == Literal(name)]
    assert len(found) == 1, name
    return found[0]


def test_one_shape_per_label_and_type_from_the_schema(shapes):
    s, m = load_schema(), load_mapping()
    targets = {shapes.value(sh, SH.targetClass) for sh in shapes.subjects(RDF.type, SH.NodeShape)}
    assert targets == {lm.cls for lm in m.labels.values()} | {rm.cls for rm in m.rels.values()}
    assert len(targets) == len(s.labels) + len(s.relationships) == 11 + 21

    year = prop_shape(shapes, m.vocab["StationShape"], "approved_year")
    assert shapes.value(year, SH.path) == m.vocab["approved_year"]
    assert shapes.value(year, SH.datatype) == XSD.integer
    assert (shapes.value(year, SH.minInclusive).toPython(), shapes.value(year, SH.maxInclusive).toPython()) == (1990, 2100)
    assert shapes.value(year, SH.maxCount).toPython() == 1 and shapes.value(year, SH.minCount) is None

    kind = prop_shape(shapes, m.vocab["OrganizationShape"], "kind")
    assert [str(v) for v in Collection(shapes, shapes.value(kind, SH["in"]))] == list(
        s.label("Organization").properties["kind"].values)
    assert shapes.value(kind, SH.minCount).toPython() == 1

    src = prop_shape(shapes, m.vocab["HostsShape"], "src")
    assert shapes.value(src, SH["class"]) == m.label("Organization").cls
    source = prop_shape(shapes, m.vocab["HostsShape"], "source_id")
    assert shapes.value(source, SH.path) == URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert shapes.value(source, SH["class"]) == m.label("Source").cls
    # a Source is its own provenance: no source required
    assert shapes.value(prop_shape(shapes, m.vocab["SourceShape"], "source_id"), SH.minCount) is None


def test_shapes_follow_schema_changes():
    doc = yaml.safe_load(schema_path().read_text(encoding="utf-8"))
    doc["labels"]["Station"]["properties"]["state"]["values"].append("suspended")
    m2 = mapping_from_schema(parse_schema(doc))
    g = shapes_graph(m2)
    state = prop_shape(g, m2.vocab["StationShape"], "state")
    assert [str(v) for v in Collection(g, g.value(state, SH["in"]))] == ["active", "dropped", "unknown", "suspended"]


def test_fixtures_and_chongqing_conform():
    for path in (MINI, RICH, CHONGQING):
        report = check_dataset(load_dataset(path))
        assert report.conforms, (path, report.lines())
        assert report.violations == []


def tampered():
    """The mini export with seven faults put in by hand."""
    m = load_mapping()
    g = graph_to_rdf(graph_from_dataset(load_dataset(MINI)))
    hz = m.vocab
    st = m.node_iri("station:host-a")
    g.remove((st, SKOS.prefLabel, Literal("示例公司海智工作站", lang="zh")))   # 1 no Chinese name
    g.set((st, hz.approved_year, Literal(1800)))                               # 2 year out of range
    g.set((m.node_iri("org:asu"), hz.kind, Literal("castle")))                 # 3 not an allowed kind
    g.remove((m.node_iri("talent:zhang-san"), hz.evidence, None))              # 4 no evidence
    g.remove((m.node_iri("org:host-a"), m.rel("HOSTS").predicate, st))         # 5 direct triple gone
    g.set((m.rel_iri("HEADS:talent:zhang-san->station:host-a"), RDF.subject,
           m.node_iri("org:asu")))                                              # 6 wrong source label (+ 7 its
    return g                                                                    #   direct triple is missing)


def test_violations_are_found_and_readable():
    report = validate(tampered())
    assert not report.conforms
    found = {(v.focus, v.kind, v.property) for v in report.violations}
    assert found == {
        ("station:host-a", "Station", "name_zh"),
        ("station:host-a", "Station", "approved_year"),
        ("org:asu", "Organization", "kind"),
        ("talent:zhang-san", "Talent", "evidence"),
        ("HOSTS:org:host-a->station:host-a", "HOSTS", "triple"),
        ("HEADS:talent:zhang-san->station:host-a", "HEADS", "src"),
        ("HEADS:talent:zhang-san->station:host-a", "HEADS", "triple"),
    }
    text = {str(v) for v in report.violations}
    assert "station:host-a (Station) name_zh: needs exactly one skos:prefLabel with language @zh" in text
    assert "HOSTS:org:host-a->station:host-a (HOSTS) triple: the direct triple org:host-a org:hasUnit " \
           "station:host-a is missing" in text
    heads_src = next(v for v in report.violations if v.property == "src")
    assert heads_src.value == "org:asu" and "hz:Talent" in heads_src.message
    year = next(v for v in report.violations if v.property == "approved_year")
    assert year.value == "1800"
    assert report.lines()[0] == f"SHACL: 7 violation(s) in {report.triples} triples"


def test_cli_shacl(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(serialize(tampered(), "turtle"), encoding="utf-8")
    res = run_kg("shacl", str(bad), check=False)
    assert res.returncode == 1
    assert "  org:asu (Organization) kind: " in res.stdout and "Traceback" not in res.stderr
    res = run_kg("shacl", str(bad), "--format", "json", check=False)
    out = json.loads(res.stdout)
    assert out["conforms"] is False and len(out["violations"]) == 7
    ok = run_kg("shacl", str(RICH))
    assert ok.stdout.startswith(f"{RICH}: SHACL: conforms (")
    run_kg("export", "shapes", "-o", str(tmp_path / "shapes.ttl"))
    from rdflib import Graph

    assert len(Graph().parse(tmp_path / "shapes.ttl")) == len(shapes_graph())
