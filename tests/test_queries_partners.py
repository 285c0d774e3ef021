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


# -- the store path (queries.partner_data) against the reference on the projection --------------------------

def _entities(store):
    return [r["id"] for r in store.run("MATCH (n) WHERE n:Station OR n:Organization RETURN n.id AS id ORDER BY id")]


def test_store_path_equals_the_reference_for_every_entity(store):
    # the fixture's network is one component of 20 nodes and 24 ties (and Oxford alone): the store's
    # neighbourhood search exhausts it, so proximity is computed on the same nodes and ties as the reference
    index = PartnerIndex(analysis_graph(store))
    for e in _entities(store):
        assert rank_partners(store, e, top=None) == index.rank(e, top=None), e
        assert rank_partners(store, e, top=2) == index.rank(e, top=2), e


@pytest.fixture(scope="module")
def chongqing_store(local_store, chongqing_dataset):
    build(chongqing_dataset, local_store)
    return local_store


def test_store_path_equals_the_reference_on_the_chongqing_data(chongqing_store):
    index = PartnerIndex(analysis_graph(chongqing_store))
    entities = _entities(chongqing_store)
    assert len(entities) > 20
    for e in entities:
        assert rank_partners(chongqing_store, e, top=None) == index.rank(e, top=None), e
        assert rank_partners(chongqing_store, e, top=3) == index.rank(e, top=3), e


def test_the_ball_cap_at_work(store):
    """beta with a degree budget of 12 (hand-worked on the fixture's network).

    beta has 5 ties (expanded: 5 used). Its 5 neighbours have degrees 乙大学 (beta-univ) 1, the tumour-assay
    project 2, Anna Berg 2, NTU 3, CQAST 5: 13 more would overrun 12, so the level is expanded lowest
    degree first (ties by id) while the 7 left allow: beta-univ (1), project:tumour-assay (2),
    talent:anna-berg (2); NTU (3 > 2 left) is not, nor CQAST. The search ends there: Karolinska (found
    through the project and Anna Berg, 2 hops) is the one node of the next level. Unexpanded: CQAST with 4
    ties out of the ball (alpha, gamma, two consulates), NTU with 2 (alpha, the signing), Karolinska with
    none (both its ties known).
    """
    from queries.partner_data import StoreFacts

    ball = StoreFacts(store, "station:beta", 12).ball()
    assert not ball.complete and ball.radius == 1 and ball.used == 10
    assert ball.expanded == {"station:beta", "org:beta-univ", "project:tumour-assay", "talent:anna-berg"}
    assert ball.dist == {"station:beta": 0, "org:beta-univ": 1, "project:tumour-assay": 1, "talent:anna-berg": 1,
                         "org:ntu": 1, "org:cqast": 1, "org:karolinska": 2}
    assert ball.overseas == {"org:ntu", "org:karolinska"}
    assert ball.outside_ties() == {"org:cqast": 4, "org:ntu": 2}
    rows = rank_partners(store, "station:beta", top=None, ball_edges=12)
    # Karolinska is the only candidate in the ball: proximity 1, the rest 0 (the reference gives ASU,
    # Melbourne and Kyiv a little). The hops of the candidates outside the ball are searched from their side
    # with one shared budget (12 here): their own degrees (ASU 2, Kyiv 1, Melbourne 1, Oxford 0) cost 4, and
    # nothing they reach is in the ball; Oxford has no tie (not connected); the next level (alpha 7,
    # the Australian consulate 2, 丙研究院 2, the graphene project 2) would cost 13 more: the search stops,
    # so the others are at least radius 1 + 2 = 3 hops away.
    assert [(r.id, r.score, r.proximity, r.hops) for r in rows] == [
        ("org:karolinska", 0.85, 1.0, 2), ("org:oxford", 0.4, 0.0, None), ("org:asu", 0.25, 0.0, None),
        ("org:kyiv-poly", 0.25, 0.0, None), ("org:melbourne", 0.175, 0.0, None)]
    assert rows[1].reason == "shares field 生物医药; not connected yet; new country United Kingdom"
    assert rows[2].reason == ("no shared field; at least 3 hops away; partners 1 station(s) or domestic "
                              "organisation(s) already; new country United States")
    # with 20 to spend, that level is searched (17 in all): ASU meets CQAST and NTU through alpha, and
    # Melbourne CQAST through the consulate (1 + 2 = 3 hops); Kyiv reaches gamma, then CQAST (1 + 3 = 4),
    # gamma's 3 ties making exactly 20
    facts = StoreFacts(store, "station:beta", 12, search_budget=20)
    assert facts.hops_beyond(["org:asu", "org:melbourne", "org:kyiv-poly", "org:oxford", "org:karolinska"]) == {
        "org:asu": (3, 3), "org:melbourne": (3, 3), "org:kyiv-poly": (4, 4), "org:oxford": (None, 0),
        "org:karolinska": (2, 2)}
    # the first two need no candidate beyond those sharing a field: the others score at most
    # 0.15 * 0.5 (one consulate) + 0.1 + 0.15 = 0.325 < 0.4
    assert rank_partners(store, "station:beta", top=2, ball_edges=12) == rows[:2]


def test_partner_queries_filter_the_network_labels():
    from kg.cypher_files import cypher
    from queries.network import network_labels

    labels = network_labels()
    net = "(m:" + " OR m:".join(labels) + ")"
    for name in ("partners_neighbours", "partners_degrees", "partners_consulates"):
        assert net in cypher(name), name
    for name in ("partners_neighbours", "partners_degrees"):
        assert [f"UNWIND ${lab} AS id" in cypher(name) for lab in labels] == [True] * len(labels)
