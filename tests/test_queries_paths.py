"""Entity resolution and collaboration paths on the hand-built fixture (tests/fixtures/queries).

By hand: 王芳 heads gamma, gamma was approved by CQAST, CQAST cooperates with the Australian
consulate, Melbourne cooperates with that consulate; there is no other simple path (gamma's
other branch, 丙研究院 - Kyiv Polytechnic, is a dead end), so 王芳 -> Melbourne has exactly one path.
甲公司 -> NTU: 甲公司-alpha-NTU (2 hops), then two of 3 hops: via 李伟 (甲公司-李伟-alpha-NTU) and
via the signing event (甲公司-alpha-event-NTU).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from queries.network import analysis_graph
from queries.paths import find_paths, paths_from_graph
from queries.resolve import AmbiguousEntity, EntityNotFound, resolve_entity, resolve_in_graph

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"


@pytest.fixture(scope="module")
def store(any_store):
    build(load_dataset(QFIX), any_store)
    return any_store


@pytest.mark.parametrize("text, expected", [
    ("talent:wang-fang", "talent:wang-fang"),           # id
    ("王芳", "talent:wang-fang"),                        # Chinese name
    ("Wang Fang", "talent:wang-fang"),                  # English name
    ("CQAST", "org:cqast"),                             # alias
    ("university of oxford", "org:oxford"),             # case
    ("Melbourne", "org:melbourne"),                     # fuzzy: part of the English name
    ("arizona state universty", "org:asu"),             # fuzzy: a typo
    ("丙工作站", "station:gamma"),                       # fuzzy Chinese
])
def test_resolve_entity(store, text, expected):
    assert resolve_entity(store, text).id == expected


def test_ambiguous_names_list_the_candidates(store):
    with pytest.raises(AmbiguousEntity) as e:
        resolve_entity(store, "海智工作站")
    assert [c.entity.id for c in e.value.candidates] == ["station:alpha", "station:beta", "station:gamma"]
    assert str(e.value).startswith("'海智工作站' matches 3 entities: station:alpha 甲海智工作站 (Alpha Haizhi Workstation);")
    with pytest.raises(EntityNotFound, match="no entity matches 'zzzz'"):
        resolve_entity(store, "zzzz")
    with pytest.raises(EntityNotFound, match="no entity has the id 'station:delta'"):
        resolve_entity(store, "station:delta")
    with pytest.raises(EntityNotFound, match="empty name"):
        resolve_entity(store, "  ")


def test_the_one_path_with_sentences_and_evidence(store):
    paths = find_paths(store, "王芳", "Melbourne", k=3)
    assert len(paths) == 1
    p = paths[0]
    assert [n.id for n in p.nodes] == ["talent:wang-fang", "station:gamma", "org:cqast",
                                       "consulate:australia-chengdu", "org:melbourne"]
    assert (p.rank, p.length) == (1, 4)
    assert [h.sentence_zh for h in p.hops] == [
        "王芳负责丙海智工作站",
        "丙海智工作站由重庆市科协审批设立",
        "重庆市科协与澳大利亚驻成都总领事馆建立合作关系",
        "墨尔本大学与澳大利亚驻成都总领事馆建立合作关系",
    ]
    assert [h.sentence_en for h in p.hops] == [
        "Wang Fang heads Gamma Haizhi Workstation",
        "Gamma Haizhi Workstation was approved by Chongqing Association for Science and Technology",
        "Chongqing Association for Science and Technology cooperates with Consulate-General of Australia in Chengdu",
        "University of Melbourne cooperates with Consulate-General of Australia in Chengdu",
    ]
    last = p.hops[-1]  # traversed against its direction: the sentence keeps the stored direction
    assert (last.src, last.dst, last.type) == ("org:melbourne", "consulate:australia-chengdu", "PARTNERS_WITH")
    assert last.rel_id == "PARTNERS_WITH:org:melbourne->consulate:australia-chengdu"
    assert (last.evidence, last.source_id) == ("墨尔本大学与澳大利亚驻成都总领事馆保持联系。", "source:report-2019")
    assert p.text_zh == "；".join(h.sentence_zh for h in p.hops)


def test_k_shortest_paths(store):
    paths = find_paths(store, "甲公司", "NTU", k=3)
    assert [p.length for p in paths] == [2, 3, 3]
    assert [n.id for n in paths[0].nodes] == ["org:alpha-co", "station:alpha", "org:ntu"]
    assert {tuple(n.id for n in p.nodes) for p in paths[1:]} == {
        ("org:alpha-co", "talent:li-wei", "station:alpha", "org:ntu"),
        ("org:alpha-co", "station:alpha", "event:signing-2022", "org:ntu"),
    }


def test_max_hops_types_and_avoid(store):
    assert find_paths(store, "王芳", "Melbourne", max_hops=3) == []
    assert find_paths(store, "王芳", "Melbourne", avoid=["重庆市科协"]) == []
    only = find_paths(store, "甲公司", "NTU", k=2, types=["HOSTS", "PARTNERS_WITH", "APPROVED_BY"])
    assert [[n.id for n in p.nodes] for p in only] == [
        ["org:alpha-co", "station:alpha", "org:ntu"],
        ["org:alpha-co", "station:alpha", "org:cqast", "station:beta", "org:ntu"],
    ]
    around = find_paths(store, "甲公司", "NTU", k=1, avoid=["甲海智工作站"])
    assert around == []
    # context relationships only when asked for: both are in the graphene field
    field = find_paths(store, "甲公司", "Arizona State University", k=1, types=["IN_FIELD"])
    assert [h.sentence_zh for h in field[0].hops] == ["甲公司属于石墨烯领域", "美国亚利桑那州立大学属于石墨烯领域"]
    assert find_paths(store, "甲公司", "Arizona State University", k=1)[0].length == 2  # via alpha, not the field
    assert [n.id for n in find_paths(store, "甲公司", "Arizona State University", k=1)[0].nodes][1] == "station:alpha"


def test_a_field_or_place_end_brings_its_context_relationships(store):
    (p,) = find_paths(store, "航空技术", "丙海智工作站", k=1)
    assert [h.sentence_zh for h in p.hops] == ["丙研究院属于航空技术领域", "丙研究院设立丙海智工作站"]


def test_parallel_relationships_pick_one_and_name_the_others(store):
    (p,) = find_paths(store, "重庆市科协", "甲海智工作站", k=1)
    (hop,) = p.hops
    assert (hop.type, hop.also) == ("APPROVED_BY", ["FUNDED"])
    assert hop.sentence_zh == "甲海智工作站由重庆市科协审批设立"


def test_bad_input_is_a_clear_error(store):
    with pytest.raises(ValueError, match="unknown relationship type 'HOST'"):
        find_paths(store, "甲公司", "NTU", types=["HOST"])
    with pytest.raises(ValueError, match="same entity"):
        find_paths(store, "甲公司", "org:alpha-co")
    with pytest.raises(ValueError, match="cannot avoid org:ntu"):
        find_paths(store, "甲公司", "NTU", avoid=["org:ntu"])
    with pytest.raises(ValueError, match="k must be at least 1"):
        find_paths(store, "甲公司", "NTU", k=0)
    with pytest.raises(AmbiguousEntity):
        find_paths(store, "海智工作站", "NTU")


def test_graph_functions_work_without_a_store(store):
    g = analysis_graph(store)
    assert resolve_in_graph(g, "Karolinska").id == "org:karolinska"
    (p,) = paths_from_graph(g, "talent:anna-berg", "org:karolinska", k=1)
    assert p.hops[0].sentence_en == "Anna Berg works at Karolinska Institute"


# --- the store search (queries.path_search) against the reference on a projection -------------------------

def _reference(store, cache, a, b, k, max_hops=6, types=None, avoid=()):
    """What find_paths answered before the store search: paths_from_graph on the projection it made."""
    from queries.network import CONTEXT_LABELS, analysis_labels, context_types, graph_of, network_labels
    from queries.path_search import label_of

    ctx = (label_of(a) in CONTEXT_LABELS or label_of(b) in CONTEXT_LABELS
           or (types is not None and set(context_types()) & set(types)))
    key = (bool(ctx), tuple(types) if types is not None else None)
    if key not in cache:
        cache[key] = graph_of(store, analysis_labels() if ctx else network_labels(), types)
    return paths_from_graph(cache[key], a, b, k=k, max_hops=max_hops, types=types, avoid=avoid)


def _assert_same(got, ref, k, what):
    """Same lengths; the same paths (node sequences) except where more than k tie at the last length;
    each hop the same relationship (best of the parallel ones) with the same sentence."""
    assert [p.length for p in got] == [p.length for p in ref], what
    nodes = lambda ps: {tuple(n.id for n in p.nodes) for p in ps}  # noqa: E731
    if len(ref) < k:
        assert nodes(got) == nodes(ref), what
    else:
        last = ref[-1].length
        assert nodes(p for p in got if p.length < last) == nodes(p for p in ref if p.length < last), what
    hop = lambda p: [(h.src, h.dst, h.rel_id, h.type, h.also, h.sentence_zh, h.sentence_en) for h in p.hops]  # noqa: E731
    by_nodes = {tuple(n.id for n in p.nodes): p for p in ref}
    assert [p.rank for p in got] == list(range(1, len(got) + 1)), what
    for p in got:
        r = by_nodes.get(tuple(n.id for n in p.nodes))
        if r is not None:
            assert (p.nodes, hop(p), p.text_zh, p.text_en) == (r.nodes, hop(r), r.text_zh, r.text_en), what


NETWORK_IDS = ["consulate:hungary-chongqing", "consulate:australia-chengdu", "event:signing-2022", "org:alpha-co",
               "org:beta-univ", "org:gamma-inst", "org:cqast", "org:asu", "org:ntu", "org:kyiv-poly",
               "org:karolinska", "org:melbourne", "org:oxford", "project:graphene-film", "project:tumour-assay",
               "station:alpha", "station:beta", "station:gamma", "talent:li-wei", "talent:anna-berg",
               "talent:wang-fang"]


@pytest.mark.parametrize("variant", ["default", "k1", "types", "avoid", "short"])
def test_store_search_equals_the_projection_for_every_pair(store, variant):
    """Every pair of the fixture's network nodes (both directions by default), k large enough to list every
    path but in "k1" and "short": the store search gives what paths_from_graph gives on the projection."""
    kw = {"default": dict(k=50), "k1": dict(k=1), "types": dict(k=50, types=["HOSTS", "PARTNERS_WITH", "APPROVED_BY"]),
          "avoid": dict(k=50, avoid=["station:alpha", "org:cqast"]), "short": dict(k=3, max_hops=3)}[variant]
    cache: dict = {}
    avoid = set(kw.get("avoid", ()))
    compared = connected = 0
    for a in NETWORK_IDS:
        for b in NETWORK_IDS:
            if a == b or a in avoid or b in avoid or (variant != "default" and a > b):
                continue
            ref = _reference(store, cache, a, b, **kw)
            got = find_paths(store, a, b, **kw)
            _assert_same(got, ref, kw["k"], (a, b))
            compared += 1
            connected += bool(ref)
    assert compared == {"default": 21 * 20, "avoid": 19 * 18 // 2}.get(variant, 21 * 20 // 2)
    assert connected >= 30  # the comparison is not vacuous


@pytest.mark.parametrize("a, b, types", [
    ("field:graphene", "station:beta", None),                # a field end brings the context types
    ("place:chongqing", "org:melbourne", None),              # a place end: LOCATED_IN, REPRESENTS
    ("org:beta-univ", "org:oxford", ["IN_FIELD", "HOSTS"]),  # a context type asked for
    ("talent:li-wei", "org:ntu", ["IN_FIELD", "WORKS_AT", "HOSTS"]),
])
def test_store_search_equals_the_projection_with_context(store, a, b, types):
    cache: dict = {}
    ref = _reference(store, cache, a, b, 50, types=types)
    assert ref
    _assert_same(find_paths(store, a, b, k=50, types=types), ref, 50, (a, b, types))


def test_second_path_longer_than_the_first(store):
    """By hand (default types: no IN_FIELD): 甲公司's only ties are alpha (HOSTS) and 李伟 (WORKS_AT), 李伟's other
    tie is alpha (HEADS); ASU's are alpha (PARTNERS_WITH) and the graphene-film project (PARTNER_IN), which alpha
    LEADS. So every path passes alpha: 甲公司-alpha-ASU (2), 甲公司-alpha-film-ASU and 甲公司-李伟-alpha-ASU (3),
    甲公司-李伟-alpha-film-ASU (4), and no more. The search has to grow its bound from 2 to 4."""
    co, alpha, asu, film, li = "org:alpha-co", "station:alpha", "org:asu", "project:graphene-film", "talent:li-wei"
    paths = find_paths(store, co, asu, k=10)
    assert [p.length for p in paths] == [2, 3, 3, 4]
    assert [n.id for n in paths[0].nodes] == [co, alpha, asu]
    assert {tuple(n.id for n in p.nodes) for p in paths[1:3]} == {(co, alpha, film, asu), (co, li, alpha, asu)}
    assert [n.id for n in paths[3].nodes] == [co, li, alpha, film, asu]
    assert [h.sentence_en for h in paths[3].hops] == [
        "Li Wei works at Alpha Co.", "Li Wei heads Alpha Haizhi Workstation",
        "Alpha Haizhi Workstation leads Graphene film project", "Arizona State University is a partner in Graphene film project"]
    assert [p.length for p in find_paths(store, co, asu, k=10, max_hops=3)] == [2, 3, 3]
    assert [p.length for p in find_paths(store, co, asu, k=2, max_hops=3)] == [2, 3]


def test_ball_search_distance_and_no_path(store):
    from queries.path_search import BallSearch
    from queries.paths import default_types
    from queries.network import network_labels

    def search(a, b, avoid=()):
        return BallSearch(store, a, b, set(network_labels()), default_types(), set(avoid))

    s = search("talent:wang-fang", "org:melbourne")      # 王芳-gamma-CQAST-consulate-Melbourne, by hand
    assert s.distance(6) == 4 and s.sa.radius + s.sb.radius == 4
    assert search("talent:wang-fang", "org:melbourne").distance(3) is None
    assert search("talent:wang-fang", "org:melbourne", avoid=["org:cqast"]).distance(6) is None
    s = search("org:oxford", "org:alpha-co")            # Oxford has only IN_FIELD: alone without the context types
    assert s.distance(6) is None and s.queries == 1
