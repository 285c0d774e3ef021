"""Partnership gaps on the hand-built fixture (tests/fixtures/queries), local engine and Neo4j.

The fixture, worked out by hand:

* stations: alpha (partners ASU 2023, NTU 2022; head 李伟 from a 2024 source; project 2023),
  beta (partner NTU 2024; talent Anna Berg from a 2024 source; project 2020),
  gamma (no partner; head 王芳 from a 2019 source; its host 丙研究院 partners Kyiv Polytechnic).
* fields: graphene (alpha's host; ASU, NTU overseas), biomedicine (beta's host; Karolinska, Oxford),
  aviation (gamma's host only: no overseas organisation or talent).
* overseas organisations related to exactly one station: ASU (alpha). NTU has two; the others none.
* consulates: Hungary (tie: CQAST), Australia (ties: CQAST, University of Melbourne); no Hungarian
  or Australian organisation partners a station or domestic organisation or is in a project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from queries.gaps import GAP_KINDS, find_gaps

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"


@pytest.fixture(scope="module")
def store(any_store):
    build(load_dataset(QFIX), any_store)
    return any_store


def test_every_gap_row_of_the_fixture(store):
    rows = find_gaps(store, years=3, as_of=2025)
    assert [(r.gap, r.id) for r in rows] == [
        ("station_no_overseas_partner", "station:gamma"),
        ("field_no_overseas", "field:aviation"),
        ("single_station_org", "org:asu"),
        ("consulate_only_country", "Australia"),
        ("consulate_only_country", "Hungary"),
        ("inactive_station", "station:gamma"),
    ]
    by = {(r.gap, r.id): r for r in rows}

    st = by["station_no_overseas_partner", "station:gamma"]
    assert st.counts == {"overseas_partners": 0, "partners": 0, "host_overseas_partners": 1}
    assert st.related == ["org:gamma-inst", "org:kyiv-poly"]
    assert st.reason == "no overseas partner (0 partner(s) in all); its host has 1 overseas partner(s)"

    f = by["field_no_overseas", "field:aviation"]
    assert (f.name_zh, f.related) == ("航空技术", ["station:gamma"])
    assert f.counts == {"stations": 1, "overseas_organizations": 0, "overseas_talents": 0,
                        "organizations": 1, "talents": 0, "station_overseas_partners": 0}

    s = by["single_station_org", "org:asu"]
    assert s.related == ["station:alpha"]
    assert s.reason == "only Alpha Haizhi Workstation is related to it (PARTNERS_WITH): a single point of failure"

    au = by["consulate_only_country", "Australia"]
    assert au.name_zh == "澳大利亚"
    assert au.counts == {"consulates": 1, "consulate_ties": 2, "partners": 0, "projects": 0, "organizations": 1}
    assert au.related == ["consulate:australia-chengdu", "org:cqast", "org:melbourne"]
    hu = by["consulate_only_country", "Hungary"]
    assert hu.counts == {"consulates": 1, "consulate_ties": 1, "partners": 0, "projects": 0, "organizations": 0}

    ina = by["inactive_station", "station:gamma"]
    assert ina.counts == {"talent": 1, "project": 0, "partner": 0, "recent": 0, "undated": 0,
                          "latest_year": 2019, "approved_year": 2018}
    assert ina.missing == "a talent, project or partner recorded in 2023-2025"
    assert ina.related == ["talent:wang-fang"]


@pytest.mark.parametrize("years, as_of, expected", [
    (3, 2025, ["station:gamma"]),                                    # window 2023-2025
    (2, 2025, ["station:gamma"]),                                    # 2024-2025: alpha, beta have 2024 records
    (1, 2025, ["station:alpha", "station:beta", "station:gamma"]),   # 2025 only: nobody
    (3, 2019, ["station:alpha", "station:beta"]),                    # 2017-2019: only 王芳 (2019) counts
])
def test_inactive_station_window(store, years, as_of, expected):
    rows = find_gaps(store, years=years, as_of=as_of, kinds=["inactive_station"])
    assert [r.id for r in rows] == expected


def test_inactive_latest_year_ignores_records_after_the_evaluation_year(store):
    rows = {r.id: r for r in find_gaps(store, years=3, as_of=2019, kinds=["inactive_station"])}
    assert rows["station:alpha"].counts["latest_year"] is None      # all its records are 2022-2024
    assert rows["station:alpha"].reason.endswith("no dated record)")
    assert rows["station:beta"].counts == {"talent": 1, "project": 1, "partner": 1, "recent": 0, "undated": 0,
                                           "latest_year": None, "approved_year": 2021}


def test_kinds_filter_and_bad_input(store):
    assert [r.gap for r in find_gaps(store, as_of=2025, kinds=["single_station_org"])] == ["single_station_org"]
    with pytest.raises(ValueError, match="unknown gap kind 'stations'"):
        find_gaps(store, kinds=["stations"])
    with pytest.raises(ValueError, match="years must be at least 1"):
        find_gaps(store, years=0)
    assert len(GAP_KINDS) == 5


# -- inactive_station: the engine's per-station aggregation against the per-record reference ----------

WINDOWS = [(3, 2025), (2, 2025), (1, 2025), (3, 2019), (1, 2024), (5, 2030), (1, 2018)]


@pytest.mark.parametrize("years, as_of", WINDOWS)
def test_inactive_aggregated_in_the_engine_equals_the_per_record_reference(store, years, as_of):
    from kg.cypher_files import cypher
    from queries.gaps import inactive_stations

    reference = inactive_stations(store.run(cypher("gaps_station_records")), years, as_of)
    assert find_gaps(store, years=years, as_of=as_of, kinds=["inactive_station"]) == reference


RECORDS = {
    "dataset.yaml": "name: records\ntitle_zh: 记录年份测试\ntitle_en: Record years test\n",
    "nodes/Source.csv": """id,name_zh,name_en,title,date,synthetic
source:old,旧报告,Old report,旧报告,2019-06-01,true
source:new,新闻,News,新闻,2024-05-01,true
source:undated,无日期,Undated,无日期资料,,true
""",
    "nodes/Station.csv": """id,name_zh,name_en,approved_year,source_id,evidence
station:a,甲站,Station A,2018,source:old,甲站
station:b,乙站,Station B,2020,source:old,乙站
station:c,丙站,Station C,2021,source:old,丙站
station:d,丁站,Station D,2022,source:old,丁站
""",
    "nodes/Talent.csv": """id,name_zh,name_en,source_id,evidence
talent:t1,张一,Zhang Yi,source:old,张一
talent:t2,李二,Li Er,source:old,李二
""",
    "nodes/Organization.csv": """id,name_zh,name_en,kind,overseas,country,source_id,evidence
org:p1,海外大学,Overseas University,university,true,Singapore,source:old,海外大学
""",
    "nodes/Project.csv": """id,name_zh,name_en,year,source_id,evidence
project:p2026,二〇二六项目,Project 2026,2026,source:old,项目
project:p2019,二〇一九项目,Project 2019,2019,source:new,项目
""",
    "relationships/HEADS.csv": """src,dst,source_id,evidence
talent:t1,station:a,source:undated,张一负责甲站
""",
    "relationships/AFFILIATED_WITH.csv": """src,dst,source_id,evidence
talent:t1,station:a,source:undated,张一隶属甲站
talent:t2,station:b,source:new,李二隶属乙站
""",
    "relationships/PARTNERS_WITH.csv": """src,dst,since,source_id,evidence
station:a,org:p1,2018,source:new,甲站与海外大学合作
station:c,org:p1,,source:old,丙站与海外大学合作
""",
    "relationships/HOSTED_BY.csv": """src,dst,source_id,evidence
project:p2026,station:a,source:old,项目落地甲站
""",
    "relationships/LEADS.csv": """src,dst,source_id,evidence
station:c,project:p2019,source:new,丙站牵头项目
""",
}


@pytest.fixture(scope="module")
def records_store(local_store, tmp_path_factory):
    """By hand, a record's year (own since/year, else the project's year, else the source's year):

    * a: 张一 heads it and is affiliated with it, both from the undated source (1 talent, 2 undated
      records); partner p1 since 2018 (its own year beats the 2024 source); project p2026 (2026).
    * b: 李二 from the 2024 source.
    * c: project p2019 (its year 2019 beats the 2024 source that records the LEADS); partner p1 from
      the 2019 source (no since).
    * d: nothing.
    """
    root = tmp_path_factory.mktemp("records")
    for name, text in RECORDS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    build(load_dataset(root), local_store)
    return local_store


def test_inactive_record_years_by_hand(records_store):
    rows = {r.id: r for r in find_gaps(records_store, years=3, as_of=2025, kinds=["inactive_station"])}
    # 2023-2025: only b's 2024 talent is recent; a's 2026 project is after the evaluation year
    assert sorted(rows) == ["station:a", "station:c", "station:d"]
    assert rows["station:a"].counts == {"talent": 1, "project": 1, "partner": 1, "recent": 0, "undated": 2,
                                        "latest_year": 2018, "approved_year": 2018}
    assert rows["station:a"].related == ["org:p1", "project:p2026", "talent:t1"]
    assert rows["station:c"].counts == {"talent": 0, "project": 1, "partner": 1, "recent": 0, "undated": 0,
                                        "latest_year": 2019, "approved_year": 2021}
    assert rows["station:d"].counts == {"talent": 0, "project": 0, "partner": 0, "recent": 0, "undated": 0,
                                        "latest_year": None, "approved_year": 2022}
    assert rows["station:d"].related == []
    # 2026 only: a's project counts now; b's latest is its 2024 talent
    rows = {r.id: r for r in find_gaps(records_store, years=1, as_of=2026, kinds=["inactive_station"])}
    assert sorted(rows) == ["station:b", "station:c", "station:d"]
    assert rows["station:b"].counts["latest_year"] == 2024
    # 2019 only: c's project (2019, not the source's 2024) and partner (the 2019 source) are recent;
    # a's latest is its partner's own 2018, b has nothing dated up to 2019
    rows = {r.id: r for r in find_gaps(records_store, years=1, as_of=2019, kinds=["inactive_station"])}
    assert sorted(rows) == ["station:a", "station:b", "station:d"]
    assert (rows["station:a"].counts["latest_year"], rows["station:b"].counts["latest_year"]) == (2018, None)
    assert rows["station:a"].reason == "nothing recorded in 2019 (1 talent(s), 1 project(s), 1 partner(s); latest record 2018)"


@pytest.mark.parametrize("years, as_of", WINDOWS + [(1, 2026), (8, 2026)])
def test_inactive_records_equal_the_reference(records_store, years, as_of):
    from kg.cypher_files import cypher
    from queries.gaps import inactive_stations

    reference = inactive_stations(records_store.run(cypher("gaps_station_records")), years, as_of)
    assert find_gaps(records_store, years=years, as_of=as_of, kinds=["inactive_station"]) == reference
