"""Key connectors on the hand-built fixture, and networkx vs igraph agreement.

The collaboration network of tests/fixtures/queries (places, fields, sources, metrics left out;
relationships as undirected ties) has 21 nodes and 24 ties. Worked out by hand:

* blocks: triangles alpha-甲公司-李伟, alpha-ASU-graphene-film, alpha-NTU-signing;
  the 4-cycle alpha-CQAST-beta-NTU; the 4-cycle beta-Anna Berg-Karolinska-tumour-assay;
  the rest hangs on bridges. Oxford is isolated.
* articulation points: CQAST (pieces 12+4+2+1), alpha (15+2+2), beta (15+3+1), gamma (16+2+1),
  the Australian consulate (18+1), 丙研究院 (18+1).
* bridges (cut-off side): CQAST-gamma (4), CQAST-Australian consulate (2), gamma-丙研究院 (2), and
  five leaf ties (1): beta-乙大学, 丙研究院-Kyiv, gamma-王芳, CQAST-Hungarian consulate,
  Australian consulate-Melbourne.
* betweenness (pairs of other nodes): CQAST 110.5 = 14 pairs between its three hanging branches
  + 7 x 12 from them to the rest + 25 half-pairs alpha-side x beta-side (two shortest routes, via
  CQAST or NTU); alpha 76 = 4 + 4 x 15 + 8 (the signing event to CQAST's side) + 8 halves (NTU to
  CQAST's side); beta 67.5 = 3 + 4 x 15 + 8 halves + 1 half (Anna Berg to the tumour-assay project);
  gamma 50 = 2 + 3 x 16. Normalised by (21-1)(21-2)/2 = 190.
* brokerage, groups domestic / country: alpha has 5 domestic and 2 overseas (US, SG) neighbours with
  closed pairs 甲公司-李伟, ASU-project, NTU-event: coordinator 5*4-2 = 18, representative =
  gatekeeper = 5*2-2 = 8, liaison 2; CQAST and beta 6/6/6/0/2; NTU (SG) itinerant 3*2-2 = 4.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from ingest.dataset import load_dataset
from kg.build import build
from queries import algorithms as alg
from queries.brokerage import brokerage, brokerage_reference
from queries.connectors import connectors_from_graph, find_connectors
from queries.cuts import articulation_parts, bridge_sides, cut_off_pieces
from queries.network import collaboration_graph, undirected

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"
PAIRS = 190


@pytest.fixture(scope="module")
def store(any_store):
    build(load_dataset(QFIX), any_store)
    return any_store


@pytest.fixture(scope="module")
def net(store):
    return undirected(collaboration_graph(store))


def test_top_connectors_by_exact_betweenness(store):
    res = find_connectors(store, top=4)
    assert (res.nodes, res.edges, res.sample) == (21, 24, None)
    assert res.method == "exact betweenness over all 21 nodes (networkx)"
    assert [r.id for r in res.top] == ["org:cqast", "station:alpha", "station:beta", "station:gamma"]
    assert [r.betweenness for r in res.top] == pytest.approx([110.5 / PAIRS, 76 / PAIRS, 67.5 / PAIRS, 50 / PAIRS])
    top = res.top[0]
    assert (top.name_zh, top.articulation, top.cut_off, top.degree) == ("重庆市科协", True, 7, 5)
    assert top.links == ["domestic", "Australia", "Hungary"]
    assert top.reason.startswith("on 58.2% of the shortest paths between other entities; without it 7 cut off (")
    assert top.reason.endswith("links domestic with Australia; Hungary")


def test_articulation_points_and_what_they_cut_off(store):
    res = find_connectors(store, top=None)
    assert res.articulation_total == 6
    parts = {r.id: r.parts for r in res.articulation}
    assert parts == {"org:cqast": [12, 4, 2, 1], "station:alpha": [15, 2, 2], "station:beta": [15, 3, 1],
                     "station:gamma": [16, 2, 1], "consulate:australia-chengdu": [18, 1],
                     "org:gamma-inst": [18, 1]}
    cut = {r.id: r.cut_off_ids for r in res.articulation}
    assert cut["org:cqast"] == sorted(["consulate:hungary-chongqing", "consulate:australia-chengdu", "org:melbourne",
                                       "station:gamma", "org:gamma-inst", "org:kyiv-poly", "talent:wang-fang"])
    assert cut["station:alpha"] == ["org:alpha-co", "org:asu", "project:graphene-film", "talent:li-wei"]
    assert cut["station:beta"] == ["org:beta-univ", "org:karolinska", "project:tumour-assay", "talent:anna-berg"]
    assert [r.id for r in res.articulation][:2] == ["org:cqast", "station:alpha"]


def test_bridges_and_their_cut_off_side(store):
    res = find_connectors(store, top=None)
    got = {frozenset((b.src, b.dst)): (b.cut_off, b.cut_side) for b in res.bridges}
    assert got == {
        frozenset({"station:gamma", "org:cqast"}): (4, "station:gamma"),
        frozenset({"org:cqast", "consulate:australia-chengdu"}): (2, "consulate:australia-chengdu"),
        frozenset({"org:gamma-inst", "station:gamma"}): (2, "org:gamma-inst"),
        frozenset({"org:beta-univ", "station:beta"}): (1, "org:beta-univ"),
        frozenset({"org:gamma-inst", "org:kyiv-poly"}): (1, "org:kyiv-poly"),
        frozenset({"talent:wang-fang", "station:gamma"}): (1, "talent:wang-fang"),
        frozenset({"org:cqast", "consulate:hungary-chongqing"}): (1, "consulate:hungary-chongqing"),
        frozenset({"org:melbourne", "consulate:australia-chengdu"}): (1, "org:melbourne"),
    }
    first = res.bridges[0]
    assert (first.src, first.dst, first.types) == ("station:gamma", "org:cqast", ["APPROVED_BY"])
    assert first.reason == ("the only tie between 重庆市科协 and 丙海智工作站 (APPROVED_BY); without it 4 cut off: "
                            "丙海智工作站、丙研究院、乌克兰基辅理工学院、王芳")


def test_brokerage_roles_across_the_boundary(store):
    res = find_connectors(store, top=None)
    roles = {r.id: (r.coordinator, r.gatekeeper, r.representative, r.itinerant, r.liaison) for r in res.brokerage}
    assert roles["station:alpha"] == (18, 8, 8, 0, 2)
    assert roles["org:cqast"] == (6, 6, 6, 0, 2)
    assert roles["station:beta"] == (6, 6, 6, 0, 2)
    assert roles["org:ntu"] == (0, 0, 0, 4, 0)
    assert roles["talent:anna-berg"] == (0, 1, 1, 0, 0)
    assert res.brokerage[0].id == "station:alpha" and res.brokerage[0].boundary == 18
    assert res.brokerage[0].links == ["domestic", "Singapore", "United States"]
    # closed triads broker nothing: the signing event's two neighbours are tied
    assert "event:signing-2022" not in roles


def test_sampled_betweenness_is_stated_and_engines_agree(net):
    a = connectors_from_graph(net, top=None, sample=10, engine="networkx", seed=3)
    b = connectors_from_graph(net, top=None, sample=10, engine="igraph", seed=3)
    assert a.sample == b.sample == 10
    assert a.method == ("sampled betweenness: shortest paths from 10 of 21 nodes (seed 3), scaled by 21/10 "
                        "(networkx)")
    assert [r.id for r in a.top] == [r.id for r in b.top]
    assert [r.betweenness for r in a.top] == pytest.approx([r.betweenness for r in b.top])
    assert [r.id for r in a.articulation] == [r.id for r in b.articulation]


def test_engines_agree_on_the_fixture(net):
    for fn in (alg.articulation_points, alg.bridges):
        assert fn(net, engine="networkx") == fn(net, engine="igraph")
    ex_nx, ex_ig = alg.betweenness(net, engine="networkx"), alg.betweenness(net, engine="igraph")
    assert ex_ig == pytest.approx(ex_nx)
    assert articulation_parts(net, "networkx") == articulation_parts(net, "igraph")
    assert bridge_sides(net, "networkx") == bridge_sides(net, "igraph")
    p_nx = alg.personalized_pagerank(net, "station:beta", engine="networkx")
    p_ig = alg.personalized_pagerank(net, "station:beta", engine="igraph")
    assert p_ig == pytest.approx(p_nx, abs=1e-7)


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks (ties share the mean rank), as Spearman's rho needs."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(len(x), dtype=float)
    for v in np.unique(x):
        idx = x == v
        ranks[idx] = ranks[idx].mean()
    return ranks


def spearman(a: dict, b: dict) -> float:
    keys = sorted(a, key=str)
    x, y = _ranks(np.array([a[k] for k in keys])), _ranks(np.array([b[k] for k in keys]))
    return float(np.corrcoef(x, y)[0, 1])


@pytest.fixture(scope="module")
def random_graph():
    g = nx.gnm_random_graph(600, 900, seed=11)
    g.add_nodes_from(range(600, 610))  # isolated nodes
    return g


def test_engines_agree_on_a_random_graph(random_graph):
    g = random_graph
    assert alg.articulation_points(g, engine="igraph") == alg.articulation_points(g, engine="networkx")
    assert alg.bridges(g, engine="igraph") == alg.bridges(g, engine="networkx")
    assert articulation_parts(g, "igraph") == articulation_parts(g, "networkx")
    assert bridge_sides(g, "igraph") == bridge_sides(g, "networkx")
    assert alg.betweenness(g, engine="igraph") == pytest.approx(alg.betweenness(g, engine="networkx"))
    s_ig = alg.betweenness(g, sample=64, seed=5, engine="igraph")
    s_nx = alg.betweenness(g, sample=64, seed=5, engine="networkx")
    assert s_ig == pytest.approx(s_nx)
    p_ig = alg.personalized_pagerank(g, 0, engine="igraph")
    p_nx = alg.personalized_pagerank(g, 0, engine="networkx")
    assert spearman(p_ig, p_nx) > 0.9999
    assert p_ig == pytest.approx(p_nx, abs=1e-7)


def test_sampled_betweenness_ranks_like_exact(random_graph):
    exact = alg.betweenness(random_graph, engine="igraph")
    sampled = alg.betweenness(random_graph, sample=200, seed=1, engine="igraph")
    assert spearman(exact, sampled) > 0.9
    top_exact = {v for v, _ in sorted(exact.items(), key=lambda kv: -kv[1])[:20]}
    top_sampled = {v for v, _ in sorted(sampled.items(), key=lambda kv: -kv[1])[:20]}
    assert len(top_exact & top_sampled) >= 14


def test_auto_engine_switches_to_igraph_on_large_graphs():
    assert alg.pick_engine(nx.empty_graph(alg.IGRAPH_FROM)) == "igraph"
    assert alg.pick_engine(nx.empty_graph(alg.IGRAPH_FROM - 1)) == "networkx"
    with pytest.raises(ValueError, match="unknown engine 'gpu'"):
        alg.pick_engine(nx.empty_graph(3), "gpu")


def test_cuts_match_brute_force_on_random_graphs():
    for seed in range(8):
        g = nx.gnm_random_graph(50, 58, seed=seed)
        parts = articulation_parts(g)
        for v in g:
            comp = nx.node_connected_component(g, v) - {v}
            pieces = sorted((len(c) for c in nx.connected_components(g.subgraph(comp))), reverse=True)
            if len(pieces) < 2:
                assert v not in parts
                continue
            assert parts[v] == pieces
            cut = cut_off_pieces(g, v, parts[v])
            assert sorted(map(len, cut)) == sorted(pieces[1:])
        for e, (big, small) in bridge_sides(g).items():
            h = g.copy()
            h.remove_edge(*e)
            sizes = sorted(len(nx.node_connected_component(h, x)) for x in e)
            assert (big, small) == (sizes[1], sizes[0])


def test_brokerage_counting_matches_enumeration():
    rng = random.Random(4)
    g = nx.gnm_random_graph(120, 360, seed=4)
    groups = {v: rng.choice(["domestic", "domestic", "Japan", "Sweden", "Chile"]) for v in g}
    assert brokerage(g, groups) == brokerage_reference(g, groups)
