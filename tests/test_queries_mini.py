"""The five questions on tests/fixtures/mini: a sparse graph with a station that has no record at
all, no fields, no projects, no metrics and a consulate with only place ties.

By hand: host-a (head 张三, partners ASU and NTU, all recorded by the 2023 source) and host-b
(hosted by 示例大学, nothing else); the Hungarian consulate is only located in Chongqing and
represents Hungary, so it has no working tie.
"""

from __future__ import annotations

import pytest

from kg.build import build
from queries.connectors import find_connectors
from queries.gaps import find_gaps
from queries.kpis import compute_kpis
from queries.partners import rank_partners
from queries.paths import find_paths


@pytest.fixture(scope="module")
def store(local_store, mini_dataset):
    build(mini_dataset, local_store)
    return local_store


def test_gaps_with_a_station_without_records(store):
    rows = find_gaps(store, years=3, as_of=2025)
    assert [(r.gap, r.id) for r in rows] == [
        ("station_no_overseas_partner", "station:host-b"),
        ("single_station_org", "org:asu"),
        ("single_station_org", "org:ntu"),
        ("inactive_station", "station:host-b"),
    ]
    inactive = rows[-1]
    assert inactive.counts == {"talent": 0, "project": 0, "partner": 0, "recent": 0, "undated": 0,
                               "latest_year": None, "approved_year": 2021}
    assert inactive.related == []
    # host-a's records have no year of their own: the source's date (2023) dates them
    assert [r.id for r in find_gaps(store, years=1, as_of=2024, kinds=["inactive_station"])] == [
        "station:host-a", "station:host-b"]


def test_connectors_paths_partners_kpis(store):
    res = find_connectors(store, top=None)
    # network: 示例公司-host-a, 张三-host-a, 张三-示例公司, host-a-ASU, host-a-NTU; 示例大学-host-b; consulate alone
    assert (res.nodes, res.edges) == (8, 6)
    assert [r.id for r in res.top] == ["station:host-a"]
    assert res.articulation[0].parts == [2, 1, 1]
    p, q = find_paths(store, "张三", "NTU")  # directly, and round by the company he works at
    assert p.text_zh == "张三负责示例公司海智工作站；示例公司海智工作站与新加坡南洋理工大学建立合作关系"
    assert [n.id for n in q.nodes] == ["talent:zhang-san", "org:host-a", "station:host-a", "org:ntu"]
    assert find_paths(store, "张三", "示例大学") == []
    cands = rank_partners(store, "station:host-b", top=None)
    assert [(c.id, c.field, c.proximity, c.introducers, c.popularity) for c in cands] == [
        ("org:asu", 0.0, 0.0, 0.0, 1.0), ("org:ntu", 0.0, 0.0, 0.0, 1.0)]
    k = compute_kpis(store)
    assert k.reported == []
    assert k.value("label", "Station", "nodes") == 2
    assert [(c.id, c.talents, c.partners) for c in k.stations] == [("station:host-a", 1, 2), ("station:host-b", 0, 0)]
