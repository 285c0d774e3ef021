"""`kg build` validates and loads overlapped on the local engine (kg.build.build_path):
an invalid dataset, even one whose error is in the last file read (the nodes are
already in the engine by then), prints every problem as `kg validate` does,
exits 2 and leaves the previous graph as it was; a valid one gives the same
graph and the same output as before."""

from __future__ import annotations

import json
import shutil

from tests.conftest import MINI, run_kg

MINI_NODES = {"Consulate": 1, "Organization": 4, "Place": 2, "Source": 1, "Station": 2, "Talent": 1}


def _stats(home):
    return json.loads(run_kg("stats", "-f", "json", home=home).stdout)


def test_late_errors_print_like_validate_and_keep_the_previous_graph(tmp_path):
    home = tmp_path / "home"
    run_kg("build", str(MINI), "-q", home=home)
    before = _stats(home)
    assert before["nodes"] == MINI_NODES
    bad = tmp_path / "bad"
    shutil.copytree(MINI, bad)
    # WORKS_AT is the last relationship file read; two errors in it, one in a node file
    (bad / "relationships" / "WORKS_AT.csv").write_text(
        "src,dst,title,source_id,evidence\n"
        "talent:zhang-san,org:nobody,x,source:mini,张三担任示例公司海智工作站站长，他是示例公司总经理。\n"
        "talent:zhang-san,org:host-a,x,source:mini,not in the source text\n", encoding="utf-8")
    talent = bad / "nodes" / "Talent.csv"
    lines = talent.read_text(encoding="utf-8").splitlines()
    talent.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # the same id twice
    want = run_kg("validate", str(bad), check=False)
    assert want.returncode == 2
    got = run_kg("build", str(bad), home=home, check=False)
    assert got.returncode == 2
    problems = [ln for ln in got.stderr.splitlines() if ln.startswith("  ")]
    assert problems == [ln for ln in want.stderr.splitlines() if ln.startswith("  ")]
    assert ("  bad/nodes/Talent.csv, row 3, field 'id': duplicate id 'talent:zhang-san' (first at "
            "bad/nodes/Talent.csv, row 2)") in problems
    assert "  bad/relationships/WORKS_AT.csv, row 2, field 'dst': no node has id 'org:nobody'" in problems
    assert ("  bad/relationships/WORKS_AT.csv, row 3, field 'evidence': the evidence is not found verbatim in "
            "sources/mini.txt") in problems
    assert f"error: {len(problems)} error(s) in {bad}; nothing was written" in " ".join(got.stderr.split())
    assert "Traceback" not in got.stderr and got.stdout == ""
    assert _stats(home) == before


def test_valid_build_output_and_graph(tmp_path):
    out = json.loads(run_kg("build", str(MINI), "-f", "json", home=tmp_path).stdout)
    assert out["dataset"] == "mini" and out["nodes"] == MINI_NODES and out["store"] == "local"
    assert out["relationships"] == {"HEADS": 1, "HOSTS": 2, "LOCATED_IN": 1, "PARTNERS_WITH": 2, "REPRESENTS": 1,
                                    "WORKS_AT": 1}
    assert _stats(tmp_path) == {"nodes": out["nodes"], "relationships": out["relationships"]}


def test_not_a_folder_exits_2_without_the_engine(tmp_path):
    res = run_kg("build", str(tmp_path / "missing"), home=tmp_path / "home", check=False)
    assert res.returncode == 2
    assert "is not a dataset folder" in res.stderr
    assert not (tmp_path / "home" / "falkordb").exists()  # no engine was started for it
