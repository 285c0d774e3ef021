"""The `kg` command as a user runs it (real subprocesses, real local engine)."""

from __future__ import annotations

import json
import shutil

from tests.conftest import MINI, run_kg

CHONGQING_NODES = {"Consulate": 4, "Event": 6, "Field": 13, "Metric": 22, "Organization": 49, "Place": 23,
                   "Programme": 20, "Source": 1, "Station": 17, "Talent": 6}


def test_build_bundled_dataset_twice_changes_nothing(tmp_path):
    out = run_kg("build", "--format", "json", home=tmp_path)
    built = json.loads(out.stdout)
    assert built["dataset"] == "chongqing" and built["nodes"] == CHONGQING_NODES
    first = json.loads(run_kg("stats", "--format", "json", home=tmp_path).stdout)
    assert first["nodes"] == CHONGQING_NODES and sum(first["relationships"].values()) == 254
    run_kg("build", "-q", home=tmp_path)
    assert json.loads(run_kg("stats", "--format", "json", home=tmp_path).stdout) == first
    # the data dir holds one graph and no server is left running
    assert not (tmp_path / "falkordb" / "server.pid").exists()


def test_cypher_with_parameters_and_formats(tmp_path):
    run_kg("build", str(MINI), "-q", home=tmp_path)
    out = run_kg("cypher", "MATCH (s:Station) WHERE s.approved_year >= $y RETURN s.name_zh AS name",
                 "--param", "y=2022", "--format", "json", home=tmp_path)
    assert json.loads(out.stdout) == [{"name": "示例公司海智工作站"}]
    out = run_kg("cypher", "MATCH (o:Organization {name_zh: $n}) RETURN o.id AS id, o.aliases AS aliases",
                 "-p", "n=美国亚利桑那州立大学", "-f", "csv", home=tmp_path)
    assert out.stdout == 'id,aliases\norg:asu,"[""ASU""]"\n'


def test_cypher_refuses_writes(tmp_path):
    res = run_kg("cypher", "MATCH (n) DETACH DELETE n", home=tmp_path, check=False)
    assert res.returncode == 1
    assert "read queries only (DELETE found)" in res.stderr and "Traceback" not in res.stderr


def test_invalid_dataset_exits_2_lists_errors_and_writes_nothing(tmp_path):
    run_kg("build", str(MINI), "-q", home=tmp_path / "home")
    bad = tmp_path / "bad"
    shutil.copytree(MINI, bad)
    (bad / "relationships" / "HOSTS.csv").write_text("src,dst,source_id,evidence\norg:host-a,station:zzz,source:mini,x\n",
                                                    encoding="utf-8")
    res = run_kg("build", str(bad), home=tmp_path / "home", check=False)
    assert res.returncode == 2
    assert "bad/relationships/HOSTS.csv, row 2, field 'dst': no node has id 'station:zzz'" in res.stderr
    assert "nothing was written" in res.stderr
    stats = json.loads(run_kg("stats", "-f", "json", home=tmp_path / "home").stdout)
    assert stats["relationships"]["HOSTS"] == 2  # the mini graph is still there


def test_template_then_validate(tmp_path):
    run_kg("template", str(tmp_path / "new"))
    assert (tmp_path / "new" / "nodes" / "Station.csv").exists()
    res = run_kg("validate", str(tmp_path / "new"), "--format", "json")
    assert json.loads(res.stdout)["nodes"] == {}


def test_unreachable_neo4j_is_one_clear_line(tmp_path):
    res = run_kg("stats", "--store", "bolt://127.0.0.1:1", home=tmp_path, check=False,
                 env={"NEO4J_PASSWORD": "x"})
    assert res.returncode == 1
    assert res.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_unknown_store_scheme(tmp_path):
    res = run_kg("stats", "--store", "mysql://x", home=tmp_path, check=False)
    assert res.returncode == 1 and "unknown store 'mysql://x'" in res.stderr


def test_validate_with_shacl(tmp_path):
    out = run_kg("validate", "data/chongqing", "--shacl", home=tmp_path)
    assert out.stdout.splitlines()[0] == "SHACL: conforms (5070 triples checked)"
    res = run_kg("validate", str(MINI), "--shacl", "-f", "json", home=tmp_path)
    assert json.loads(res.stdout)["shacl"] == {"conforms": True, "triples": 416, "violations": []}


def test_demo_writes_report_and_map_without_warnings(tmp_path):
    """README command 1's job: build, report, map; every report section computed."""
    res = run_kg("demo", "-o", str(tmp_path / "out"), home=tmp_path / "home")
    assert (tmp_path / "out" / "report.html").stat().st_size > 50_000
    assert (tmp_path / "out" / "map.html").stat().st_size > 500_000
    assert "built chongqing: 161 nodes, 254 relationships" in res.stdout
    assert "warning" not in res.stderr, res.stderr
