"""Neo4j faults: one clear line, non-zero exit, no traceback unless --debug.
The unreachable case runs everywhere; the others need a server (NEO4J_URI)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import MINI, run_kg

needs_neo4j = pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: Neo4j lane skipped")


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1", "bolt://no-such-host.invalid:7687"])
def test_wrong_host(tmp_path, uri):
    res = run_kg("build", str(MINI), "--store", uri, home=tmp_path, check=False, env={"NEO4J_PASSWORD": "x"})
    assert res.returncode == 1
    assert res.stderr.startswith(f"error: cannot reach Neo4j at {uri}")
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_debug_shows_the_traceback(tmp_path):
    res = run_kg("--debug", "stats", "--store", "bolt://127.0.0.1:1", home=tmp_path, check=False,
                 env={"NEO4J_PASSWORD": "x"})
    assert res.returncode != 0 and "Traceback" in res.stderr


@needs_neo4j
def test_wrong_password(tmp_path):
    res = run_kg("stats", "--store", os.environ["NEO4J_URI"], "--password", "definitely-wrong", home=tmp_path,
                 check=False)
    assert res.returncode == 1
    assert "refused the credentials" in res.stderr and "Traceback" not in res.stderr


@needs_neo4j
def test_build_and_stats_on_neo4j(tmp_path):
    uri = os.environ["NEO4J_URI"]
    run_kg("build", str(MINI), "--store", uri, "-q", home=tmp_path)
    out = run_kg("stats", "--store", uri, "-f", "json", home=tmp_path).stdout
    assert '"Station": 2' in out
