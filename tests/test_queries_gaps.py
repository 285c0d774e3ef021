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
