"""Validation against the schema: every error names file, row and field, all
errors of a file are reported together, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.dataset import DatasetInvalid, load_dataset
from tests.conftest import MINI


@pytest.fixture()
def mini_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "mini"
    shutil.copytree(MINI, dst)
    return dst


def errors_of(path: Path) -> list[str]:
    with pytest.raises(DatasetInvalid) as exc:
        load_dataset(path)
    return [str(p) for p in exc.value.problems if p.severity == "error"]


def test_mini_is_valid(mini_dataset):
    assert mini_dataset.node_counts() == {"Consulate": 1, "Organization": 4, "Place": 2, "Source": 1,
                                          "Station": 2, "Talent": 1}
    assert sum(mini_dataset.rel_counts().values()) == 8
    zhang = mini_dataset.node("talent:zhang-san")
    assert zhang.props["name_zh"] == "张三" and zhang.props["source_id"] == "source:mini"
    assert mini_dataset.node("org:asu").props["overseas"] is True
    assert mini_dataset.node("org:ntu").props["confidence"] == 0.9


def test_unknown_column_and_missing_required_column(mini_copy: Path):
    f = mini_copy / "nodes" / "Talent.csv"
    f.write_text("id,name_zh,colour,source_id,evidence\n"
                 "talent:zhang-san,张三,red,source:mini,张三担任示例公司海智工作站站长，他是示例公司总经理。\n",
                 encoding="utf-8")
    errs = errors_of(mini_copy)
    assert "mini/nodes/Talent.csv, row 1, field 'colour': unknown column; allowed: " in errs[0]
    assert "mini/nodes/Talent.csv, row 1, field 'name_en': required column is missing" in errs


def test_every_bad_row_of_a_file_is_reported_with_row_and_field(mini_copy: Path):
    f = mini_copy / "nodes" / "Organization.csv"
    f.write_text(
        "id,name_zh,name_en,kind,overseas,source_id,evidence\n"
        "org:host-a,示例公司,Example Company,company,false,source:mini,示例公司设立了示例公司海智工作站。\n"
        "org:host-b,示例大学,Example University,college,false,source:mini,示例大学设立了示例大学海智工作站。\n"
        "org:asu,美国亚利桑那州立大学,,university,maybe,source:mini,美国亚利桑那州立大学\n"
        "org:host-a,重复,Duplicate,company,false,source:mini,示例公司\n"
        "station:x,错前缀,Wrong prefix,company,false,source:mini,示例公司\n"
        "org:ntu,新加坡南洋理工大学,NTU,university,true,source:nope,新加坡南洋理工大学\n"
        "org:bad-evidence,某机构,Some org,company,false,source:mini,这句话不在来源里\n",
        encoding="utf-8")
    errs = errors_of(mini_copy)
    org = [e for e in errs if e.startswith("mini/nodes/Organization.csv")]
    assert org == [
        "mini/nodes/Organization.csv, row 3, field 'kind': 'college' is not one of company, university, hospital, "
        "research_institute, association, government, offshore_base, platform, media, other",
        "mini/nodes/Organization.csv, row 4, field 'name_en': required value is empty",
        "mini/nodes/Organization.csv, row 4, field 'overseas': expected true/false, got 'maybe'",
        "mini/nodes/Organization.csv, row 5, field 'id': duplicate id 'org:host-a' "
        "(first at mini/nodes/Organization.csv, row 2)",
        "mini/nodes/Organization.csv, row 6, field 'id': 'station:x' should start with 'org:' for a Organization",
        "mini/nodes/Organization.csv, row 7, field 'source_id': unknown source 'source:nope' (not in nodes/Source)",
        "mini/nodes/Organization.csv, row 8, field 'evidence': the evidence is not found verbatim in "
        "sources/mini.txt",
    ]


def test_wrong_types_and_ranges(mini_copy: Path):
    f = mini_copy / "nodes" / "Station.csv"
    f.write_text(
        "id,name_zh,name_en,approved_year,source_id,evidence\n"
        "station:host-a,示例公司海智工作站,A,twenty,source:mini,示例公司设立了示例公司海智工作站。\n"
        "station:host-b,示例大学海智工作站,B,1800,source:mini,示例大学设立了示例大学海智工作站。\n",
        encoding="utf-8")
    errs = errors_of(mini_copy)
    assert "mini/nodes/Station.csv, row 2, field 'approved_year': expected a whole number, got 'twenty'" in errs
    assert "mini/nodes/Station.csv, row 3, field 'approved_year': 1800 is outside 1990..2100" in errs


def test_relationship_ends_must_exist_and_have_an_allowed_label(mini_copy: Path):
    f = mini_copy / "relationships" / "HOSTS.csv"
    f.write_text(
        "src,dst,source_id,evidence\n"
        "org:host-a,station:nowhere,source:mini,示例公司设立了示例公司海智工作站。\n"
        "talent:zhang-san,station:host-a,source:mini,示例公司设立了示例公司海智工作站。\n"
        "org:host-b,station:host-b,source:mini,示例大学设立了示例大学海智工作站。\n"
        "org:host-b,station:host-b,source:mini,示例大学设立了示例大学海智工作站。\n",
        encoding="utf-8")
    errs = errors_of(mini_copy)
    assert errs == [
        "mini/relationships/HOSTS.csv, row 2, field 'dst': no node has id 'station:nowhere'",
        "mini/relationships/HOSTS.csv, row 3, field 'src': 'talent:zhang-san' is a Talent; "
        "HOSTS src must be one of Organization",
        "mini/relationships/HOSTS.csv, row 5, field 'dst': duplicate relationship org:host-b -HOSTS-> "
        "station:host-b (first at row 4); add a distinct 'key' to keep both",
    ]


def test_unknown_label_and_type_files_are_refused(mini_copy: Path):
    (mini_copy / "nodes" / "Spaceship.csv").write_text("id\nx:1\n", encoding="utf-8")
    (mini_copy / "relationships" / "LOVES.csv").write_text("src,dst\n", encoding="utf-8")
    errs = errors_of(mini_copy)
    assert errs[0].startswith("mini/nodes/Spaceship.csv: 'Spaceship' is not a node label of the schema")
    assert errs[1].startswith("mini/relationships/LOVES.csv: 'LOVES' is not a relationship type of the schema")


def test_gbk_and_bom_csv_read_the_same(mini_copy: Path):
    f = mini_copy / "nodes" / "Talent.csv"
    text = f.read_text(encoding="utf-8")
    f.write_bytes(text.encode("gbk"))
    gbk = load_dataset(mini_copy).node("talent:zhang-san").props
    f.write_bytes(text.encode("utf-8-sig"))
    bom = load_dataset(mini_copy).node("talent:zhang-san").props
    assert gbk == bom and gbk["name_zh"] == "张三" and gbk["title"] == "总经理"
    f.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    errs = errors_of(mini_copy)
    assert errs == ["mini/nodes/Talent.csv: contains NUL bytes: it is not a CSV text file (UTF-16? binary?)"]


def test_crlf_fullwidth_digits_and_whitespace_are_normalised(mini_copy: Path):
    f = mini_copy / "nodes" / "Station.csv"
    f.write_bytes(
        ("id,name_zh,name_en,approved_year,source_id,evidence\r\n"
         "station:host-a,  示例公司海智工作站\u3000,Ａ Station,２０２２,source:mini,示例公司设立了示例公司海智工作站。\r\n"
         "station:host-b,示例大学海智工作站,B,2021,source:mini,示例大学设立了示例大学海智工作站。\r\n").encode("utf-8"))
    st = load_dataset(mini_copy).node("station:host-a").props
    assert st["name_zh"] == "示例公司海智工作站" and st["name_en"] == "A Station" and st["approved_year"] == 2022


def test_xlsx_yaml_and_json_files(mini_copy: Path):
    from openpyxl import Workbook

    (mini_copy / "nodes" / "Talent.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "name_zh", "name_en", "returnee", "source_id", "evidence"])
    ws.append(["talent:zhang-san", "张三", "Zhang San", True, "source:mini", "张三担任示例公司海智工作站站长，他是示例公司总经理。"])
    wb.save(mini_copy / "nodes" / "Talent.xlsx")
    (mini_copy / "nodes" / "Place.csv").unlink()
    (mini_copy / "nodes" / "Place.yaml").write_text(
        "- {id: 'place:chongqing', name_zh: 重庆, name_en: Chongqing, kind: province, source_id: 'source:mini',"
        " evidence: 匈牙利驻重庆总领事馆位于重庆。}\n"
        "- {id: 'place:hungary', name_zh: 匈牙利, name_en: Hungary, kind: country, source_id: 'source:mini',"
        " evidence: 匈牙利驻重庆总领事馆位于重庆。}\n", encoding="utf-8")
    ds = load_dataset(mini_copy)
    assert ds.node("talent:zhang-san").props["returnee"] is True
    assert ds.node("place:hungary").props["kind"] == "country"
    assert sum(ds.node_counts().values()) == 11


def test_review_rows_not_accepted_are_skipped(mini_copy: Path):
    f = mini_copy / "nodes" / "Place.csv"
    f.write_text(
        "id,name_zh,name_en,kind,source_id,evidence,status,rule\n"
        "place:chongqing,重庆,Chongqing,province,source:mini,匈牙利驻重庆总领事馆位于重庆。,accepted,r1\n"
        "place:hungary,匈牙利,Hungary,country,source:mini,匈牙利驻重庆总领事馆位于重庆。,accepted,r1\n"
        "place:mars,火星,Mars,country,source:mini,匈牙利驻重庆总领事馆位于重庆。,candidate,r2\n"
        "place:venus,金星,Venus,country,source:mini,匈牙利驻重庆总领事馆位于重庆。,rejected,r2\n",
        encoding="utf-8")
    ds = load_dataset(mini_copy)
    assert ds.skipped == 2 and ds.node("place:mars") is None and ds.node_counts()["Place"] == 2


def test_possible_duplicates_are_warned_never_merged(mini_copy: Path):
    f = mini_copy / "nodes" / "Organization.csv"
    with open(f, "a", encoding="utf-8") as fh:
        fh.write("org:asu-2,美国亚利桑那州立大学 ,Arizona State Univ.,,university,true,United States,source:mini,"
                 "美国亚利桑那州立大学,1\n")
    ds = load_dataset(mini_copy)
    assert ds.node_counts()["Organization"] == 5
    msgs = [str(w) for w in ds.warnings]
    assert msgs == ["mini/nodes/Organization.csv, row 6, field 'name_zh': possible duplicate of org:asu "
                    "(same name_zh after normalisation: '美国亚利桑那州立大学')"]
