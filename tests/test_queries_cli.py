"""``kg query ...`` end to end: the real command in a subprocess, on the hand-built fixture in a
local engine of its own. Answers as in the other test_queries_* modules."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_kg

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    h = tmp_path_factory.mktemp("kg-query-cli")
    run_kg("build", str(QFIX), "--quiet", home=h)
    return h


def kg_json(home, *args):
    out = run_kg("query", *args, "--format", "json", home=home)
    return json.loads(out.stdout)


def test_gaps_json(home):
    rows = kg_json(home, "gaps", "--as-of", "2025", "--years", "3")
    assert [(r["gap"], r["id"]) for r in rows] == [
        ("station_no_overseas_partner", "station:gamma"), ("field_no_overseas", "field:aviation"),
        ("single_station_org", "org:asu"), ("consulate_only_country", "Australia"),
        ("consulate_only_country", "Hungary"), ("inactive_station", "station:gamma")]
    assert set(rows[0]) == {"gap", "id", "label", "name_zh", "name_en", "missing", "counts", "related", "reason",
                            "reason_zh"}


def test_connectors_json_and_csv(home):
    top = kg_json(home, "connectors", "--top", "2")
    assert [r["id"] for r in top] == ["org:cqast", "station:alpha"]
    every = kg_json(home, "connectors", "--show", "all", "--top", "1")
    assert [(r["section"], r.get("id", r.get("src"))) for r in every] == [
        ("top", "org:cqast"), ("articulation", "org:cqast"), ("bridges", "station:gamma"),
        ("brokerage", "station:alpha")]
    out = run_kg("query", "connectors", "--show", "bridges", "--top", "3", "--format", "csv", home=home)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["cut_off"] for r in rows] == ["4", "2", "2"]
    assert "exact betweenness over all 21 nodes" in out.stderr


def test_paths_json_and_table(home):
    paths = kg_json(home, "paths", "王芳", "Melbourne")
    assert len(paths) == 1 and paths[0]["length"] == 4
    assert paths[0]["hops"][0]["sentence_zh"] == "王芳负责丙海智工作站"
    out = run_kg("query", "paths", "甲公司", "NTU", "--k", "1", "--format", "csv", home=home).stdout
    hops = list(csv.DictReader(io.StringIO(out)))
    assert [(h["path"], h["step"], h["sentence_zh"], h["type"]) for h in hops] == [
        ("1", "1", "甲公司设立甲海智工作站", "HOSTS"), ("1", "2", "甲海智工作站与新加坡南洋理工大学建立合作关系", "PARTNERS_WITH")]
    assert hops[0]["sentence_en"] == "Alpha Co. hosts Alpha Haizhi Workstation"
    assert "path(s)" in run_kg("query", "paths", "甲公司", "NTU", "--k", "1", home=home).stdout
    none = run_kg("query", "paths", "王芳", "Melbourne", "--avoid", "CQAST", "--format", "json", home=home)
    assert json.loads(none.stdout) == [] and "no path from '王芳' to 'Melbourne'" in none.stderr
    assert "from talent:wang-fang 王芳 (Wang Fang) to org:melbourne 墨尔本大学 (University of Melbourne)" in none.stderr


def test_partners_and_kpis_json(home):
    cands = kg_json(home, "partners", "乙海智工作站", "--top", "2")
    assert [c["id"] for c in cands] == ["org:karolinska", "org:oxford"]
    assert cands[0]["reason"] == "shares field 生物医药; talent 安娜·伯格 can introduce; 2 hops away; new country Sweden"
    reported = kg_json(home, "kpis", "--section", "reported")
    assert {r["key"]: (r["reported"], r["counted"]) for r in reported} == {
        "stations_total": (64, 3), "overseas_talents_total": (402, 1), "stations_approved_2021": (2, 1)}
    table = run_kg("query", "kpis", home=home).stdout
    assert "reported (source) vs counted (graph)" in table and "station scorecards" in table


@pytest.mark.parametrize("args, message", [
    (("paths", "海智工作站", "NTU"), "error: '海智工作站' matches 3 entities: station:alpha"),
    (("paths", "甲公司", "NTU", "--type", "HOST"), "error: unknown relationship type 'HOST'"),
    (("partners", "王芳"), "is a Talent; partners are ranked for a Station or an Organization"),
    (("gaps", "--kind", "nope"), "error: unknown gap kind 'nope'"),
    (("connectors", "--show", "everything"), "error: --show must be one of"),
    (("kpis", "--section", "x"), "error: --section must be one of"),
])
def test_bad_input_is_one_line(home, args, message):
    proc = run_kg("query", *args, home=home, check=False)
    assert proc.returncode == 1
    assert message in proc.stderr
    # one line (a "kg: waiting for another kg command" notice from the engine lock may come before it)
    lines = [x for x in proc.stderr.strip().splitlines() if not x.startswith(("kg: waiting", "from "))]
    assert "Traceback" not in proc.stderr and len(lines) == 1, proc.stderr
