"""``kg map`` end to end: the real command, the real local engine, files on disk.
Counts are the hand-worked ones of tests/fixtures/map (see test_map_plans.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_kg

MAPFIX = Path(__file__).resolve().parent / "fixtures" / "map"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    h = tmp_path_factory.mktemp("kg-map-home")
    run_kg("build", str(MAPFIX), "--quiet", home=h)
    return h


def kg_map(home, *args, check=True):
    return run_kg("map", *args, home=home, check=check)


def test_whole_map_file(home, tmp_path):
    out = tmp_path / "sub" / "whole.html"
    proc = kg_map(home, "--out", str(out), "--lang", "both")
    assert proc.stdout.startswith(f"wrote {out}: whole map, 13 nodes, 16 relationships, ")
    raw = out.read_bytes()
    text = raw.decode("utf-8")  # UTF-8 whatever the platform: no "????"
    assert '<meta charset="utf-8">' in text and "甲公司海智工作站" in text and "????" not in text
    assert "<script src" not in text and "<link" not in text


def test_json_summary_of_each_query_map(home, tmp_path):
    cases = [
        (["--ego", "甲公司海智工作站", "--hops", "1"], "ego", 7, 8),
        (["--ego", "station:a", "--hops", "2"], "ego", 9, 12),
        (["path", "李四", "ASU"], "path", 13, 16),
        (["gaps", "--as-of", "2023"], "gaps", 12, 15),
        (["connectors"], "connectors", 10, 12),
        (["partners", "station:b"], "partners", 3, 2),
        (["--label", "Station", "--label", "Organization"], "whole", 7, 7),
        (["--path", "李四", "ASU"], "path", 13, 16),  # the short forms
        (["--partners", "乙大学海智工作站"], "partners", 3, 2),  # 2 HOSTS, 2 APPROVED_BY, 3 PARTNERS_WITH
    ]
    for args, kind, nodes, edges in cases:
        out = tmp_path / f"{kind}-{nodes}.html"
        where = ["--out", str(out), "--json"]
        argv = [args[0], *args[1:], *where] if args[0] in ("path", "gaps", "connectors", "partners") else [*args, *where]
        summary = json.loads(kg_map(home, *argv).stdout)
        assert (summary["kind"], summary["nodes"], summary["edges"]) == (kind, nodes, edges), args
        assert Path(summary["path"]).stat().st_size == summary["bytes"]


def test_too_large_refuses_and_offers_ego_or_filter(home, tmp_path):
    out = tmp_path / "big.html"
    proc = kg_map(home, "--max-nodes", "5", "--out", str(out), check=False)
    assert proc.returncode == 1
    err = " ".join(proc.stderr.split())
    assert "13 nodes is above the limit of 5 for one map" in err
    assert "kg map --ego" in err and "--label" in err
    assert not out.exists()


def test_unclear_names_and_bad_options_are_one_line_errors(home, tmp_path):
    proc = kg_map(home, "--ego", "海智工作站", "--out", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and "matches 2 entities" in proc.stderr and "Traceback" not in proc.stderr
    proc = kg_map(home, "--label", "Nope", "--out", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and "label 'Nope' is not in the schema" in proc.stderr
    proc = kg_map(home, "--label", "Event", "--out", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and "nothing to draw" in proc.stderr
    proc = kg_map(home, "--gaps", "--connectors", "--out", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and "choose one kind of map, not --gaps and --connectors" in proc.stderr
    proc = kg_map(home, "--lang", "fr", "--out", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and "--lang must be zh, en or both" in proc.stderr
    proc = kg_map(home, "path", "talent:xss", "place:hungary", "--max-hops", "2", "--out", str(tmp_path / "x.html"),
                  check=False)
    assert proc.returncode == 1 and "no path between talent:xss and place:hungary" in proc.stderr
    assert not (tmp_path / "x.html").exists()
