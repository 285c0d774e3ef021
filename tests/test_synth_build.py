"""Loading synthetic sets into the real local engine: the CREATE + concurrent
writers path of kg.build and the overlapped validate-and-load (build_path)
give the same graph as the dataset, and an invalid dataset found late still
leaves the previous graph untouched."""

from __future__ import annotations

import shutil

import pytest

from ingest.dataset import DatasetInvalid, load_dataset
from kg.build import build, build_path, graph_stats
from kg.synth import generate

ALL_NODES = "MATCH (n) WHERE NOT n:KgBuild RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS p ORDER BY id"
ALL_RELS = ("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
            "ORDER BY t, a, b")


@pytest.fixture(scope="module")
def synth_small(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("synth-build") / "s", scale=0.3, seed=11)


def _snapshot(store):
    return store.run(ALL_NODES), store.run(ALL_RELS)


def test_build_writes_exactly_the_dataset(local_store, synth_small):
    ds = load_dataset(synth_small.path)
    result = build(ds, local_store)
    stats = graph_stats(local_store)
    assert stats["nodes"] == synth_small.nodes == result.nodes
    assert stats["relationships"] == synth_small.relationships
    nodes, rels = _snapshot(local_store)
    by_id = {r.id: r for rows in ds.nodes.values() for r in rows}
    assert len(nodes) == len(by_id)
    for n in nodes[:: max(1, len(nodes) // 200)]:  # every property, as validated, on a sample of nodes
        assert n["p"] == by_id[n["id"]].props and n["label"] == by_id[n["id"]].label
    ids = {r.id: r for rows in ds.rels.values() for r in rows}
    for r in rels[:: max(1, len(rels) // 200)]:
        want = ids[r["p"]["id"]]
        assert (r["a"], r["t"], r["b"]) == (want.src, want.type, want.dst)
        assert r["p"] == {"id": want.id, **want.props}


def test_build_path_gives_the_same_graph(local_store, synth_small):
    build(load_dataset(synth_small.path), local_store)
    before = _snapshot(local_store)
    info_before = local_store.build_info()
    result, ds = build_path(synth_small.path, local_store)
    assert result.nodes == synth_small.nodes and result.relationships == synth_small.relationships
    assert _snapshot(local_store) == before
    info = local_store.build_info()
    assert {k: info[k] for k in ("dataset", "path", "nodes", "relationships")} == \
        {k: info_before[k] for k in ("dataset", "path", "nodes", "relationships")}


def test_build_path_invalid_late_keeps_the_previous_graph(local_store, synth_small, tmp_path):
    build(load_dataset(synth_small.path), local_store)
    before = graph_stats(local_store)
    bad = tmp_path / "bad"
    shutil.copytree(synth_small.path, bad)
    rel_file = bad / "relationships" / "WORKS_AT.csv"  # the last files read: nodes are already being written
    lines = rel_file.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("kg synth 合成数据 (synthetic)", "not in the source text")
    rel_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetInvalid) as expected:
        load_dataset(bad)
    with pytest.raises(DatasetInvalid) as got:
        build_path(bad, local_store)
    assert [str(p) for p in got.value.problems] == [str(p) for p in expected.value.problems]
    assert [str(p) for p in got.value.problems] == [
        "bad/relationships/WORKS_AT.csv, row 4, field 'evidence': the evidence is not found verbatim in "
        "sources/kg-synth.txt"]
    assert graph_stats(local_store) == before
    graphs = [g.decode() if isinstance(g, bytes) else g for g in local_store.db.list_graphs()]
    assert graphs == [local_store.current_graph()]  # the half-written graph was dropped
