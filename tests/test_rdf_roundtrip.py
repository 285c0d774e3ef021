"""export → import → export gives an isomorphic graph (rdflib.compare.isomorphic),
through the real store and through the `kg` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from ingest.dataset import load_dataset
from kg.build import build
from kg.rdf.export import graph_to_rdf, serialize
from kg.rdf.graph_source import graph_from_dataset, graph_from_store
from kg.rdf.importer import RdfImportError, import_rdf, rows_from_rdf
from tests.conftest import CHONGQING, MINI, run_kg

RICH = Path(__file__).resolve().parent / "fixtures" / "rdf"
SUFFIX = {"turtle": "ttl", "jsonld": "jsonld", "nt": "nt"}


def dataset_rows(ds):
    """Every node and relationship with its properties (lists as sorted sets: RDF has no order)."""
    def norm(props):
        return {k: sorted(set(v)) if isinstance(v, list) else v for k, v in props.items()}

    nodes = {r.id: (r.label, norm(r.props)) for rows in ds.nodes.values() for r in rows}
    rels = {r.id: (r.type, r.src, r.dst, r.key, norm(r.props)) for rows in ds.rels.values() for r in rows}
    return nodes, rels


def test_store_export_equals_dataset_export(local_store):
    ds = load_dataset(RICH)
    build(ds, local_store)
    from_store = graph_to_rdf(graph_from_store(local_store))
    assert isomorphic(from_store, graph_to_rdf(graph_from_dataset(ds)))
    assert len(set(from_store.subjects(RDF.type, RDF.Statement))) == 16


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt"])
def test_export_import_build_export_is_isomorphic(local_store, tmp_path, fmt):
    ds = load_dataset(RICH)
    build(ds, local_store)
    first = graph_to_rdf(graph_from_store(local_store))
    f = tmp_path / f"graph.{SUFFIX[fmt]}"
    f.write_text(serialize(first, fmt), encoding="utf-8")

    rows = import_rdf(f, tmp_path / "imported")
    assert rows.counts() == (16, 16)
    back = load_dataset(tmp_path / "imported")
    assert back.name == "imported"
    assert dataset_rows(back) == dataset_rows(ds)  # every property, keys included
    assert {r.key for r in back.rels["MEMBER_OF"]} == {"joined", "renewed"}

    build(back, local_store)
    second = graph_to_rdf(graph_from_store(local_store))
    assert isomorphic(first, second)


def test_imported_csv_is_what_an_analyst_would_write(tmp_path):
    rdf = graph_to_rdf(graph_from_dataset(load_dataset(RICH)))
    f = tmp_path / "g.ttl"
    f.write_text(serialize(rdf, "turtle"), encoding="utf-8")
    import_rdf(f, tmp_path / "ds", name="copy")
    text = (tmp_path / "ds" / "relationships" / "MEMBER_OF.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text == [
        "src,dst,key,since,role,source_id,evidence,confidence,note",
        "station:host-a,programme:western-mechanism,joined,2021,member station,source:mini,"
        "示例公司海智工作站加入西部地区海智计划协作机制,,",
        "station:host-a,programme:western-mechanism,renewed,2023,member station,source:mini,先后两次续签,0.8,"
        "the renewal year is inferred",
    ]
    org = (tmp_path / "ds" / "nodes" / "Organization.csv").read_text(encoding="utf-8-sig").splitlines()
    assert org[0] == "id,name_zh,name_en,aliases,kind,overseas,country,url,source_id,evidence,confidence,note"
    assert org[2] == ("org:host-a,示例公司,Example Company,Example Co.|示例,company,false,China,https://example.org/a,"
                      "source:mini,示例公司设立了示例公司海智工作站。,1.0,")
    assert sorted(p.name for p in (tmp_path / "ds" / "nodes").iterdir()) == [
        "Consulate.csv", "Event.csv", "Field.csv", "Metric.csv", "Organization.csv", "Place.csv", "Programme.csv",
        "Project.csv", "Source.csv", "Station.csv", "Talent.csv"]
    assert "name: copy" in (tmp_path / "ds" / "dataset.yaml").read_text(encoding="utf-8")


def test_chongqing_round_trip_without_a_store(tmp_path):
    ds = load_dataset(CHONGQING)
    first = graph_to_rdf(graph_from_dataset(ds))
    f = tmp_path / "cq.nt"
    f.write_text(serialize(first, "nt"), encoding="utf-8")
    import_rdf(f, tmp_path / "cq")
    back = load_dataset(tmp_path / "cq")
    assert dataset_rows(back) == dataset_rows(ds)
    assert isomorphic(first, graph_to_rdf(graph_from_dataset(back)))


def test_import_refuses_what_it_cannot_read(tmp_path):
    f = tmp_path / "g.ttl"
    f.write_text(serialize(graph_to_rdf(graph_from_dataset(load_dataset(MINI))), "turtle"), encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(RdfImportError, match="is not empty"):
        import_rdf(f, tmp_path / "full")
    import_rdf(f, tmp_path / "full", force=True)
    assert (tmp_path / "full" / "keep.txt").exists() and load_dataset(tmp_path / "full").node_counts()["Station"] == 2

    other = tmp_path / "other.ttl"
    other.write_text("<http://example.org/a> <http://example.org/b> 'c' .\n", encoding="utf-8")
    with pytest.raises(RdfImportError, match="no haizhi-kg nodes found"):
        import_rdf(other, tmp_path / "x")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(RdfImportError, match="not readable as turtle"):
        import_rdf(broken, tmp_path / "y")
    # two Chinese names on one node cannot become one cell
    g = Graph().parse(f)
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg.rdf.mapping import load_mapping

    g.add((load_mapping().node_iri("org:asu"), SKOS.prefLabel, Literal("亚利桑那州立大学", lang="zh")))
    with pytest.raises(RdfImportError, match="2 values for name_zh"):
        rows_from_rdf(g)


def test_cli_export_import_round_trip(tmp_path):
    home = tmp_path / "home"
    run_kg("build", str(RICH), "-q", home=home)
    out = run_kg("export", "rdf", "-o", str(tmp_path / "a.ttl"), home=home)
    assert "(16 nodes, 16 relationships)" in out.stderr
    res = run_kg("import", "rdf", str(tmp_path / "a.ttl"), "-o", str(tmp_path / "ds"), home=home)
    assert res.stdout.strip() == f"imported {tmp_path / 'a.ttl'} into {tmp_path / 'ds'}: 16 nodes, 16 relationships (valid)"
    run_kg("build", str(tmp_path / "ds"), "-q", home=home)
    run_kg("export", "jsonld", "-o", str(tmp_path / "b.jsonld"), home=home)
    a = Graph().parse(tmp_path / "a.ttl")
    b = Graph().parse(tmp_path / "b.jsonld", format="json-ld")
    assert isomorphic(a, b)
    again = run_kg("import", "rdf", str(tmp_path / "a.ttl"), "-o", str(tmp_path / "ds"), home=home, check=False)
    assert again.returncode == 1 and "exists and is not empty (use --force to overwrite)" in again.stderr
    assert "Traceback" not in again.stderr
