"""The same store contract on every store: the local engine always, Neo4j when
NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) are set. The Cypher is the same."""

from __future__ import annotations

import pytest

from kg.build import build, graph_stats
from tests.test_store_local import ALL_PROPS, ALL_RELS, MINI_STATS


def test_build_is_idempotent_and_exact(any_store, mini_dataset):
    build(mini_dataset, any_store)
    assert graph_stats(any_store) == MINI_STATS
    nodes, rels = any_store.run(ALL_PROPS), any_store.run(ALL_RELS)
    build(mini_dataset, any_store)
    assert any_store.run(ALL_PROPS) == nodes and any_store.run(ALL_RELS) == rels


def test_rebuild_with_a_smaller_dataset_removes_what_is_gone(any_store, mini_dataset, chongqing_dataset):
    build(chongqing_dataset, any_store)
    assert graph_stats(any_store)["nodes"]["Station"] == 17
    build(mini_dataset, any_store)
    assert graph_stats(any_store) == MINI_STATS


def test_interrupted_build_keeps_previous_graph(any_store, mini_dataset, chongqing_dataset):
    build(mini_dataset, any_store)

    def stop(n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(chongqing_dataset, any_store, batch_size=5, progress=stop)
    assert graph_stats(any_store) == MINI_STATS


def test_values_come_back_as_plain_python(any_store, mini_dataset):
    build(mini_dataset, any_store)
    rows = any_store.run(
        "MATCH (t:Talent)-[h:HEADS]->(s:Station) RETURN t.name_zh AS t, h.role AS role, s.approved_year AS y, "
        "s.id IN $ids AS hit", {"ids": ["station:host-a"]})
    assert rows == [{"t": "张三", "role": "站长", "y": 2022, "hit": True}]
