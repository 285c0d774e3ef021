"""GraphML, GEXF and JSON files read back with networkx: same nodes, edges and attributes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from ingest.dataset import load_dataset
from kg.build import build
from kg.graphfiles import desktop_graph, read_graph_file, write_graph_file
from kg.rdf.graph_source import graph_from_store
from tests.conftest import run_kg

RICH = Path(__file__).resolve().parent / "fixtures" / "rdf"


@pytest.fixture(scope="module")
def stored(local_store):
    build(load_dataset(RICH), local_store)
    return graph_from_store(local_store)


def test_graph_from_store_has_everything(stored):
    assert (stored.number_of_nodes(), stored.number_of_edges()) == (16, 16)


def edge(g, rid):
    (data,) = [d for _u, _v, k, d in g.edges(keys=True, data=True) if k == rid]
    return data


def test_graphml_reads_back_with_all_attributes(stored, tmp_path):
    p = write_graph_file(stored, tmp_path / "g.graphml", "graphml")
    back = read_graph_file(p, "graphml")
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (16, 16)
    flat = desktop_graph(stored)
    for n, data in flat.nodes(data=True):
        assert back.nodes[n] == data, n
    assert {(u, v, k) for u, v, k in back.edges(keys=True)} == {(u, v, k) for u, v, k in flat.edges(keys=True)}
    for u, v, k, data in flat.edges(keys=True, data=True):
        assert back.edges[u, v, k] == data, k
    # by hand, from the fixture rows and the schema
    assert back.nodes["org:host-a"] == {
        "id": "org:host-a", "label": "示例公司", "kg_label": "Organization", "label_zh": "机构", "label_en": "Organization",
        "color": "#2e86ab", "name_zh": "示例公司", "name_en": "Example Company", "aliases": "示例|Example Co.",
        "kind": "company", "overseas": False, "country": "China", "url": "https://example.org/a",
        "source_id": "source:mini", "evidence": "示例公司设立了示例公司海智工作站。", "confidence": 1.0,
    }
    assert edge(back, "MEMBER_OF:station:host-a->programme:western-mechanism#renewed") == {
        "label": "MEMBER_OF", "rel_type": "MEMBER_OF", "type_zh": "成员", "type_en": "member of",
        "since": 2023, "role": "member station", "source_id": "source:mini", "evidence": "先后两次续签",
        "confidence": 0.8, "note": "the renewal year is inferred",
    }


def test_gexf_reads_back_with_colours(stored, tmp_path):
    p = write_graph_file(stored, tmp_path / "g.gexf", "gexf")
    back = read_graph_file(p, "gexf")
    assert (back.number_of_nodes(), back.number_of_edges()) == (16, 16)
    flat = desktop_graph(stored)
    for n, data in flat.nodes(data=True):
        got = dict(back.nodes[n])
        assert got.pop("viz") == {"color": {"r": int(data["color"][1:3], 16), "g": int(data["color"][3:5], 16),
                                            "b": int(data["color"][5:7], 16), "a": 1.0}}
        want = {("kg_key" if k == "key" else k): v for k, v in data.items() if k != "id"}  # id: the node id
        assert got == want, n
    for u, v, k, data in flat.edges(keys=True, data=True):
        assert back.edges[u, v, k] == {**data, "id": k}, k
    station = back.nodes["station:host-a"]
    assert (station["label"], station["kg_label"], station["approved_year"]) == ("示例公司海智工作站", "Station", 2022)
    assert back.nodes["metric:stations-total"]["kg_key"] == "stations_total"
    assert 'title="kg_key"' in p.read_text(encoding="utf-8")


def test_json_keeps_the_export_graph(stored, tmp_path):
    p = write_graph_file(stored, tmp_path / "g.json", "json")
    back = read_graph_file(p, "json")
    assert (back.number_of_nodes(), back.number_of_edges()) == (16, 16)
    for n, data in stored.nodes(data=True):
        assert back.nodes[n] == {k: v for k, v in data.items() if k != "id"}, n
    for u, v, k, data in stored.edges(keys=True, data=True):
        assert back.edges[u, v, k] == data
    assert back.nodes["org:host-a"]["aliases"] == ["示例", "Example Co."]  # lists stay lists
    assert back.nodes["field:graphene"]["label"] == "Field"


def test_cli_graph_files_from_store_and_dataset(tmp_path):
    home = tmp_path / "home"
    run_kg("build", str(RICH), "-q", home=home)
    for fmt in ("graphml", "gexf", "json"):
        out = run_kg("export", fmt, "-o", str(tmp_path / f"s.{fmt}"), home=home)
        assert out.stderr.strip() == f"wrote {fmt} with 16 nodes and 16 edges to {tmp_path / f's.{fmt}'}"
        g = read_graph_file(tmp_path / f"s.{fmt}", fmt)
        assert (g.number_of_nodes(), g.number_of_edges()) == (16, 16)
    # without Source and Metric (and the MEASURES edge of the metric)
    run_kg("export", "graphml", "--network-only", "--dataset", str(RICH), "-o", str(tmp_path / "n.graphml"))
    g = read_graph_file(tmp_path / "n.graphml", "graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (14, 15)
    assert "source:mini" not in g and "metric:stations-total" not in g
    bad = run_kg("export", "pdf", "-o", str(tmp_path / "x"), check=False)
    assert bad.returncode == 1 and "unknown format 'pdf'" in bad.stderr
