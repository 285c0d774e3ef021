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


@needs_neo4j
def test_server_gone_mid_load_leaves_the_database_unchanged(tmp_path):
    """A TCP relay between kg and Neo4j is cut in the middle of a build: one
    clear line, non-zero exit, and the database still holds the previous graph
    (the build is one transaction)."""
    import socket
    import subprocess
    import sys
    import threading
    import time
    from urllib.parse import urlparse

    from tests.hostile import big_dataset

    uri = os.environ["NEO4J_URI"]
    u = urlparse(uri)
    run_kg("build", str(MINI), "--store", uri, "-q", home=tmp_path)
    before = run_kg("stats", "--store", uri, "-f", "json", home=tmp_path).stdout
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    port = lsock.getsockname()[1]
    conns: list[socket.socket] = []

    def pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def serve() -> None:
        while True:
            try:
                c, _ = lsock.accept()
            except OSError:
                return
            s = socket.create_connection((u.hostname, u.port or 7687))
            conns.extend([c, s])
            threading.Thread(target=pipe, args=(c, s), daemon=True).start()
            threading.Thread(target=pipe, args=(s, c), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    big = big_dataset(tmp_path / "big", n=20000)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(big), "--store",
                             f"bolt://127.0.0.1:{port}", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, KG_HOME=str(tmp_path)))
    time.sleep(3)
    lsock.close()
    for c in conns:
        c.close()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "Traceback" not in err
    assert err.startswith("error:")
    assert run_kg("stats", "--store", uri, "-f", "json", home=tmp_path).stdout == before
