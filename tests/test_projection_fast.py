"""The fast projection: ``store.run_columns`` (FalkorDB: the compact reply decoded by
``kg.stores.falkor``) and the bulk networkx building must give exactly what the
row-by-row readers gave (``*_reference``): same nodes in the same order, same
attributes (and attribute order), same edge keys, attributes and adjacency order.
"""

from __future__ import annotations

import gc
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.build import build
from kg.cypher_files import cypher
from kg.stores.falkor import _CompactReader
from kg.projection import (
    add_edges,
    add_nodes,
    gc_paused,
    graph_from_rows,
    project,
    project_all,
    project_reference,
    read_columns,
)
from queries.network import analysis_labels, collaboration_graph, graph_of, network_labels, types_between
from queries.projection import NETWORK_NODE_PROPS, project_light, project_light_reference

# Values of every kind the engine returns, strings with CR LF and other awkward text.
LITERALS = ("RETURN 1 AS i, -7 AS neg, 1.5 AS f, 0.1 AS g, 1.0 / 3 AS third, true AS t, false AS ff, "
            "null AS n, '' AS empty, $text AS s, 'é重庆' AS u, [1, 'x', null, [2.5, true]] AS l, "
            "{a: 1, b: 'y', c: {d: [false, null]}} AS m, $rows AS p")
TEXT = "line one\r\nline two\r\n\r\nend\r"
ROWS = [{"k": "a\r\nb", "n": None}, {"k": "$3\r\n", "n": 2}]
MANY = ("UNWIND range(1, $n) AS x RETURN x, toString(x) + $crlf AS s, "
        "CASE WHEN x % 3 = 0 THEN null ELSE [x, $crlf] END AS l, CASE WHEN x % 2 = 0 THEN 0.5 END AS h")


def columns_of(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {k: [r[k] for r in rows] for k in rows[0]} if rows else {}


def same_value(a: Any, b: Any) -> bool:
    """Equal, of the same types, dict keys in the same order (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return a == b


def assert_same_graph(new: nx.MultiDiGraph, old: nx.MultiDiGraph) -> None:
    assert list(new.nodes) == list(old.nodes)
    for n in old.nodes:
        assert same_value(new.nodes[n], old.nodes[n]), n
    assert same_value(list(new.edges(keys=True, data=True)), list(old.edges(keys=True, data=True)))
    for n in old.nodes:  # adjacency order both ways
        assert list(new.succ[n]) == list(old.succ[n]) and list(new.pred[n]) == list(old.pred[n]), n
        for m, keys in old.succ[n].items():
            assert list(new.succ[n][m]) == list(keys)
            assert new._pred[m][n] is new._succ[n][m]  # one key dict for both directions, as networkx


# -- run_columns ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_any(any_store, mini_dataset):
    build(mini_dataset, any_store)
    return any_store


def test_run_columns_gives_the_values_of_run(built_any):
    params = {"text": TEXT, "rows": ROWS}
    cols = built_any.run_columns(LITERALS, params)
    assert cols == columns_of(built_any.run(LITERALS, params))
    assert same_value(cols, columns_of(built_any.run(LITERALS, params)))
    # worked out by hand
    assert cols["i"] == [1] and cols["neg"] == [-7] and cols["f"] == [1.5] and cols["n"] == [None]
    assert cols["t"] == [True] and cols["ff"] == [False] and cols["empty"] == [""] and cols["u"] == ["é重庆"]
    assert cols["s"] == [TEXT] and cols["l"] == [[1, "x", None, [2.5, True]]]
    assert cols["m"] == [{"a": 1, "b": "y", "c": {"d": [False, None]}}] and cols["p"] == [ROWS]
    assert abs(cols["third"][0] - 1 / 3) < 1e-12


@pytest.mark.parametrize("query", [
    "MATCH (o:Organization) RETURN o.id AS id, o.name_zh AS zh, o.overseas AS overseas, o.confidence AS c",
    "MATCH (a:Organization)-[r:HOSTS]->(b:Station) RETURN a.id AS src, b.id AS dst, properties(r) AS props",
    "MATCH (s:Station) RETURN s.id AS id, properties(s) AS props",
    "MATCH (n:Organization) RETURN n AS node",
    "MATCH (a:Talent)-[r]->(b:Organization) RETURN r AS rel, a.id AS src",
    "MATCH (n:Organization) WHERE n.id = $none RETURN n.id AS id",
])
def test_run_columns_on_graph_values(built_any, query):
    rows = built_any.run(query, {"none": "org:none"})
    cols = built_any.run_columns(query, {"none": "org:none"})
    assert same_value(list(zip(*cols.values())), [tuple(r.values()) for r in rows])
    if rows:
        assert list(cols) == list(rows[0])
    else:
        assert cols == {"id": []}  # the column names also for an empty result


def test_run_columns_counts_by_hand(built_any):
    cols = built_any.run_columns("MATCH (o:Organization) RETURN o.id AS id, o.overseas AS overseas ORDER BY id")
    assert cols == {"id": ["org:asu", "org:host-a", "org:host-b", "org:ntu"], "overseas": [True, False, False, True]}


def test_run_columns_big_reply_with_crlf(built_any):
    params = {"n": 3000, "crlf": "\r\n$2\r\n"}
    cols = built_any.run_columns(MANY, params)
    assert same_value(cols, columns_of(built_any.run(MANY, params)))
    assert cols["x"][:3] == [1, 2, 3] and cols["s"][9] == "10\r\n$2\r\n" and cols["l"][2] is None
    assert cols["h"][:2] == [None, 0.5] and len(cols["x"]) == 3000


def test_run_columns_long_texts(built_any):
    long_text = "长" * 5000 + "x"  # beyond the inline length check (4096 bytes)
    lines = "\r\n".join(f"line {i}" for i in range(3000)) + "\r\n"
    q = "UNWIND [$a, $b, null, $a + $b] AS t RETURN t, 2.5 AS f, true AS b"
    cols = built_any.run_columns(q, {"a": long_text, "b": lines})
    assert cols["t"] == [long_text, lines, None, long_text + lines] and cols["f"] == [2.5] * 4
    assert same_value(cols, columns_of(built_any.run(q, {"a": long_text, "b": lines})))


def test_falkordb_reply_decoded_across_every_split(local_store, mini_dataset):
    """Receive the reply a few bytes at a time: every cut point (inside a length line, between
    CR and LF, inside a text that holds CR LF, right after a null's type) decodes the same."""
    if not local_store.has_graph():
        build(mini_dataset, local_store)
    params = {"n": 60, "crlf": "\r\n$2\r\n"}
    want = columns_of(local_store.run(MANY, params))
    graph_q = "MATCH (n:Organization) RETURN n AS node, n.id AS id, properties(n) AS props"
    want_graph = columns_of(local_store.run(graph_q))
    default = _CompactReader.recv_size
    try:
        for size in (1, 2, 3, 5, 7, 64):
            _CompactReader.recv_size = size
            assert same_value(local_store.run_columns(MANY, params), want), size
            assert same_value(local_store.run_columns(graph_q), want_graph), size
    finally:
        _CompactReader.recv_size = default


def test_reading_connections_are_reused(local_store, mini_dataset):
    if not local_store.has_graph():
        build(mini_dataset, local_store)
    def connections() -> int:
        clients = local_store.redis.execute_command("CLIENT", "LIST")
        clients = clients.decode() if isinstance(clients, bytes) else clients
        return len(clients.strip().splitlines())

    project(local_store)
    before = connections()
    for _ in range(5):
        project(local_store)
    assert connections() == before  # no connection per call left open
    assert 1 <= len(local_store._idle_readers) <= 2  # two read at once


def test_run_columns_errors_like_run(built_any):
    bad = "UNWIND [1, 0] AS x RETURN 1 / x AS y"  # division by zero, after a first row
    with pytest.raises(Exception) as by_run:
        built_any.run(bad)
    with pytest.raises(Exception) as by_columns:
        built_any.run_columns(bad)
    assert type(by_columns.value) is type(by_run.value)
    with pytest.raises(Exception) as missing:
        built_any.run_columns("RETURN $x AS x")
    assert type(missing.value) is type(by_run.value)
    # the connection is still in step afterwards
    assert built_any.run_columns("RETURN 2 AS two") == {"two": [2]}


def test_run_columns_from_threads(local_store, mini_dataset):
    if not local_store.has_graph():
        build(mini_dataset, local_store)
    qs = ["MATCH (o:Organization) RETURN o.id AS id ORDER BY id", "MATCH (s:Station) RETURN s.id AS id ORDER BY id",
          "UNWIND range(1, 2000) AS x RETURN x"] * 3
    assert read_columns(local_store, qs, workers=2) == read_columns(local_store, qs, workers=1) \
        == [columns_of(local_store.run(q)) for q in qs]
    assert read_columns(local_store, qs[:2])[1] == {"id": ["station:host-a", "station:host-b"]}


# -- the graph -------------------------------------------------------------------------

def test_projection_of_mini_by_hand(built_any):
    g = collaboration_graph(built_any)
    # 1 consulate, 4 organisations, 2 stations, 1 talent; HEADS, 2 HOSTS, 2 PARTNERS_WITH, WORKS_AT
    assert g.number_of_nodes() == 8 and g.number_of_edges() == 6
    assert g.nodes["org:asu"] == {"label": "Organization", "id": "org:asu", "name_zh": "美国亚利桑那州立大学",
                                  "name_en": "Arizona State University", "overseas": True, "country": "United States"}
    assert list(g["org:host-a"]["station:host-a"]) == ["HOSTS:org:host-a->station:host-a"]
    assert g.edges["org:host-a", "station:host-a", "HOSTS:org:host-a->station:host-a"] == {
        "type": "HOSTS", "id": "HOSTS:org:host-a->station:host-a"}
    full = project(built_any)
    assert full.number_of_nodes() == 10 and full.number_of_edges() == 8  # places too; no Source
    assert full.nodes["station:host-a"]["approved_year"] == 2022
    assert project(built_any, include_meta=True).number_of_nodes() == 11


def compare_all(store: Any) -> None:
    labels = network_labels()
    types = types_between(labels)
    assert_same_graph(project_light(store, labels, types, rel_props=("confidence",)),
                      project_light_reference(store, labels, types, rel_props=("confidence",)))
    assert_same_graph(graph_of(store, analysis_labels()),
                      project_light_reference(store, analysis_labels(), types_between(analysis_labels()),
                                              rel_props=("confidence",)))
    assert_same_graph(project_light(store, labels, types, node_props=NETWORK_NODE_PROPS + ("kind", "evidence")),
                      project_light_reference(store, labels, types,
                                              node_props=NETWORK_NODE_PROPS + ("kind", "evidence")))
    assert_same_graph(project(store), project_reference(store))
    assert_same_graph(project(store, include_meta=True), project_reference(store, include_meta=True))
    assert_same_graph(project(store, labels=["Source"], types=[], include_meta=True),
                      project_reference(store, labels=["Source"], types=[], include_meta=True))
    assert_same_graph(project_all(store), one_by_one(store.run(cypher("all_nodes")),
                                                     store.run(cypher("all_relationships"))))
    assert_same_graph(project(store, labels=["Station", "Organization"], types=["HOSTS", "PARTNERS_WITH"]),
                      project_reference(store, labels=["Station", "Organization"], types=["HOSTS", "PARTNERS_WITH"]))


def test_same_graph_as_before_on_mini(built_any):
    compare_all(built_any)


def test_same_graph_as_before_on_chongqing(local_store, chongqing_dataset):
    build(chongqing_dataset, local_store)
    compare_all(local_store)


def test_same_graph_as_before_on_synthetic(local_store, tmp_path_factory):
    from ingest.dataset import load_dataset
    from kg.synth import generate

    path = tmp_path_factory.mktemp("synth") / "s1"
    generate(path, scale=1, seed=7)
    build(load_dataset(path), local_store)
    g = project(local_store)
    assert g.number_of_nodes() > 1000 and g.number_of_edges() > 2000
    compare_all(local_store)


# -- bulk building ---------------------------------------------------------------------

def one_by_one(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """graph_from_rows as it was: add_node / add_edge one at a time."""
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], label=n["label"], **{k: v for k, v in n["props"].items() if k != "label"})
    for r in rels:
        if r["src"] in g and r["dst"] in g:
            props = {k: v for k, v in r["props"].items() if k not in ("type", "key")}
            g.add_edge(r["src"], r["dst"], key=r["props"].get("id"), type=r["type"], **props)
    return g


def test_bulk_building_matches_add_node_add_edge():
    nodes = [
        {"id": "a", "label": "Organization", "props": {"id": "a", "label": "ignored", "x": 1}},
        {"id": "b", "label": "Station", "props": {"id": "b"}},
        {"id": "a", "label": "Talent", "props": {"y": 2, "x": 3}},  # again: attributes updated
        {"id": "c", "label": "Station", "props": {}},
    ]
    rels = [
        {"src": "a", "dst": "b", "type": "HOSTS", "props": {"id": "R1", "w": 1}},
        {"src": "a", "dst": "b", "type": "FUNDED", "props": {"id": "R1", "v": 2}},  # same key: updated
        {"src": "a", "dst": "b", "type": "HOSTS", "props": {"w": 5}},  # no id: networkx's next key
        {"src": "a", "dst": "b", "type": "HOSTS", "props": {"type": "x", "key": "y"}},
        {"src": "b", "dst": "a", "type": "HOSTS", "props": {"id": "R2"}},
        {"src": "c", "dst": "c", "type": "SELF", "props": {"id": "R3"}},
        {"src": "a", "dst": "zz", "type": "HOSTS", "props": {"id": "R4"}},  # an end not in the graph
        {"src": ["unhashable"], "dst": "a", "type": "HOSTS", "props": {"id": "R5"}},
    ]
    g = graph_from_rows(nodes, rels)
    assert_same_graph(g, one_by_one(nodes, rels))
    # by hand
    assert list(g.nodes) == ["a", "b", "c"] and g.nodes["a"] == {"label": "Talent", "id": "a", "x": 3, "y": 2}
    assert list(g["a"]["b"]) == ["R1", 1, 2] and g["a"]["b"]["R1"] == {"type": "FUNDED", "id": "R1", "w": 1, "v": 2}
    assert g["a"]["b"][1] == {"type": "HOSTS", "w": 5} and g["a"]["b"][2] == {"type": "HOSTS"}
    assert g.number_of_edges() == 5  # R1, 1, 2, R2, R3


def test_bulk_building_refuses_none_like_networkx():
    with pytest.raises(ValueError, match="None cannot be a node"):
        add_nodes(nx.MultiDiGraph(), [(None, "Station", {})])
    with pytest.raises(TypeError):
        add_nodes(nx.MultiDiGraph(), [(["x"], "Station", {})])
    g = nx.MultiDiGraph()
    add_nodes(g, [("a", "Station", {})])
    add_edges(g, [("a", "a", "K", "T", {})])
    assert list(g.edges(keys=True, data=True)) == [("a", "a", "K", {"type": "T"})]


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off: left off
    finally:
        gc.enable()
