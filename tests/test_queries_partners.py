"""Candidate overseas partners on the hand-built fixture (tests/fixtures/queries).

By hand, for beta (hosted by 乙大学, field biomedicine; partner NTU, Singapore):
candidates are the overseas organisations not yet partnered: Karolinska, Oxford, Melbourne, ASU,
Kyiv Polytechnic (NTU is a partner already).

* Karolinska: biomedicine (field 1); Anna Berg works there and is affiliated with beta (introducers
  1); Sweden is new (diversity 1); the only candidate 2 hops away, by two routes (Anna Berg, the
  tumour-assay project), so the closest (proximity 1); no station partners it (popularity 0).
  Score 0.3 + 0.3 + 0.15 + 0.1 = 0.85.
* Oxford: biomedicine (field 1) but isolated (proximity 0, no introducer), UK new: 0.3 + 0.1 = 0.4.
* Melbourne: no shared field; the Australian consulate (tied to CQAST) can introduce (0.5); new
  country; it partners only the consulate (popularity 0).
* ASU (partner of alpha), Kyiv Polytechnic (partner of 丙研究院): no field, no introducer, new
  country, one domestic partner each: popularity log 2 / log 2 = 1; only proximity differs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from queries.network import analysis_graph
from queries.partners import PartnerIndex, rank_partners, rank_partners_from_graph
from queries.resolve import EntityNotFound

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"


@pytest.fixture(scope="module")
def store(any_store):
    build(load_dataset(QFIX), any_store)
    return any_store


def test_top_candidate_and_its_reasons(store):
    rows = rank_partners(store, "乙海智工作站", top=None)
    assert {r.id for r in rows} == {"org:karolinska", "org:oxford", "org:melbourne", "org:asu", "org:kyiv-poly"}
    top = rows[0]
    assert (top.id, top.rank, top.country) == ("org:karolinska", 1, "Sweden")
    assert (top.field, top.proximity, top.introducers, top.diversity, top.popularity) == (1.0, 1.0, 1.0, 1.0, 0.0)
    assert top.score == 0.85
    assert (top.hops, top.shared_fields, top.introduced_by) == (2, ["生物医药"], ["安娜·伯格"])
    assert top.reason == "shares field 生物医药; talent 安娜·伯格 can introduce; 2 hops away; new country Sweden"
    second = rows[1]
    assert (second.id, second.score, second.field, second.proximity, second.introducers, second.hops) == (
        "org:oxford", 0.4, 1.0, 0.0, 0.0, None)
    assert second.reason == "shares field 生物医药; not connected yet; new country United Kingdom"
    mel = next(r for r in rows if r.id == "org:melbourne")
    assert (mel.field, mel.introducers, mel.diversity, mel.introduced_by) == (0.0, 0.5, 1.0, ["澳大利亚驻成都总领事馆"])
    assert mel.score == pytest.approx(0.3 * mel.proximity + 0.15 * 0.5 + 0.1, abs=1e-6)
    asu = next(r for r in rows if r.id == "org:asu")
    assert (asu.popularity, asu.partners_now) == (1.0, 1)
    assert asu.reason == ("no shared field; 3 hops away; partners 1 station(s) or domestic organisation(s) already; "
                          "new country United States")
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert all(0 < r.proximity < 1 for r in rows[2:])


def test_partners_of_the_host_count_as_partnered(store):
    rows = rank_partners(store, "station:gamma", top=None)
    # 丙研究院 (gamma's host) partners Kyiv Polytechnic already: not a candidate
    assert {r.id for r in rows} == {"org:asu", "org:ntu", "org:karolinska", "org:melbourne", "org:oxford"}
    assert all(r.field == 0.0 for r in rows)  # aviation: no overseas organisation in it


def test_diversity_counts_partners_already_in_the_country(store):
    g = analysis_graph(store)
    # alpha partners ASU (US) and NTU (SG); a second Singapore candidate would get 1/2
    g.add_node("org:nus", label="Organization", overseas=True, country="Singapore", name_zh="新加坡国立大学",
               name_en="National University of Singapore")
    rows = {r.id: r for r in rank_partners_from_graph(g, "station:alpha", top=None)}
    assert rows["org:nus"].diversity == 0.5
    assert rows["org:nus"].reason.endswith("1 partner(s) in Singapore already")
    assert rows["org:karolinska"].diversity == 1.0


def test_weights_choose_what_counts(store):
    g = analysis_graph(store)
    index = PartnerIndex(g)
    by_proximity = index.rank("station:beta", top=1, weights={"field": 0, "proximity": 1, "introducers": 0,
                                                              "diversity": 0, "popularity": 0})
    assert by_proximity[0].id == "org:karolinska"
    by_intro = index.rank("station:alpha", top=None, weights={"field": 0, "proximity": 0, "introducers": 1,
                                                             "diversity": 0, "popularity": 0})
    assert (by_intro[0].id, by_intro[0].score) == ("org:melbourne", 0.5)


def test_engines_give_the_same_ranking(store):
    g = analysis_graph(store)
    a = rank_partners_from_graph(g, "station:beta", top=None, engine="networkx")
    b = rank_partners_from_graph(g, "station:beta", top=None, engine="igraph")
    assert [r.id for r in a] == [r.id for r in b]
    assert [r.score for r in a] == pytest.approx([r.score for r in b], abs=1e-6)


def test_bad_entities(store):
    with pytest.raises(ValueError, match=r"talent:wang-fang 王芳 \(Wang Fang\) is a Talent"):
        rank_partners(store, "王芳")
    with pytest.raises(EntityNotFound):
        rank_partners(store, "no such station anywhere")
