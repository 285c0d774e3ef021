"""Map plans, layout, assembly and the page text, on the hand-made map fixture
loaded through the real local engine. Expected node and edge sets are worked
out by hand from tests/fixtures/map (drawn in the module docstring below).

The fixture's network (13 nodes; Source left out), undirected view::

    org:host-a ── station:a ── org:cast ── consulate:hu ── place:cq, place:hungary
    talent:li ─┘ │ │ │           │
      (HEADS + AFFILIATED_WITH)  org:asu, org:ntu, field:ai
    station:b ── org:cast, org:ntu, field:ai, org:host-b ── talent:xss
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from ingest.dataset import load_dataset
from kg.build import build
from kg.schema import load_schema
from visualize.assemble import assemble
from visualize.layout import positions
from visualize.maps import (MapTooLarge, check_size, connectors_map, ego_map, gaps_map, partners_map, path_map,
                            whole_map)
from visualize.page import csp, render_page, safe_json
from visualize.query_maps import connectors_plan, gaps_plan, partners_plan, path_plan, resolve
from visualize.render import load_graph

MAPFIX = Path(__file__).resolve().parent / "fixtures" / "map"
XSS_ZH = "<img src=x onerror=alert(1)>"
XSS_EN = "</script><script>alert(2)</script>"
ALL_NODES = {"org:host-a", "org:host-b", "org:asu", "org:ntu", "org:cast", "station:a", "station:b", "talent:li",
             "talent:xss", "consulate:hu", "place:cq", "place:hungary", "field:ai"}


@pytest.fixture(scope="module")
def loaded(local_store):
    build(load_dataset(MAPFIX), local_store)
    return load_graph(local_store)


@pytest.fixture(scope="module")
def g(loaded):
    return loaded[0]


def test_projection_is_the_fixture(g, loaded):
    assert set(g) == ALL_NODES
    assert g.number_of_edges() == 16
    assert loaded[1] == {"source:map": {"name_zh": "地图测试来源", "name_en": "Map test source", "title": "地图测试报道",
                                        "publisher": "测试报", "date": "2023-05-01"}}


def test_ego_one_and_two_hops(g):
    one = ego_map(g, "station:a", hops=1)
    assert set(one.graph) == {"station:a", "org:host-a", "org:cast", "org:asu", "org:ntu", "talent:li", "field:ai"}
    assert one.graph.number_of_edges() == 8  # HOSTS, APPROVED_BY, 2 PARTNERS_WITH, HEADS, AFFILIATED_WITH, WORKS_AT, IN_FIELD
    assert one.marked == {"station:a"} and one.center == "station:a" and one.focus_nodes is None
    two = ego_map(g, "station:a", hops=2)
    assert set(two.graph) == set(one.graph) | {"station:b", "consulate:hu"}
    assert two.graph.number_of_edges() == 12
    assert two.node_facts["consulate:hu"] == [("距中心跳数", "Hops from the centre", 2)]


def test_path_plan_from_the_paths_query(g):
    plan = path_plan(g, "李四", "ASU")  # two simple paths exist: via the station, or via the company too
    assert plan.focus_nodes == {"talent:li", "station:a", "org:asu", "org:host-a"}
    assert plan.focus_edges == {"HEADS:talent:li->station:a", "PARTNERS_WITH:station:a->org:asu",
                                "WORKS_AT:talent:li->org:host-a", "HOSTS:org:host-a->station:a"}
    assert len(plan.graph) == 13 and plan.marked == {"talent:li", "org:asu"}
    assert plan.notes[0] == ("路径 1（2 跳）：李四负责甲公司海智工作站；甲公司海智工作站与美国亚利桑那州立大学建立合作关系",
                             "Path 1 (2 hops): Li Si heads Company A Haizhi Workstation; "
                             "Company A Haizhi Workstation cooperates with Arizona State University")
    assert len(plan.notes) == 2
    near = path_plan(g, "talent:li", "org:asu", k=1, context_hops=1)
    assert set(near.graph) == {"talent:li", "station:a", "org:asu", "org:host-a", "org:cast", "org:ntu", "field:ai"}


def test_path_map_from_plain_paths_highlights_every_parallel_edge(g):
    plan = path_map(g, [["talent:li", "station:a"]])
    assert plan.focus_edges == {"HEADS:talent:li->station:a", "AFFILIATED_WITH:talent:li->station:a"}


def test_gaps_plan_from_the_gaps_query(g, local_store):
    from queries.gaps import find_gaps

    plan = gaps_plan(g, find_gaps(local_store, years=3, as_of=2023))
    # field:ai (no overseas org in it), org:asu (one station only), Hungary (a country: shown on its consulate)
    assert plan.marked == {"field:ai", "org:asu", "consulate:hu"}
    assert set(plan.graph) == ALL_NODES - {"talent:xss"}
    assert plan.graph.number_of_edges() == 15
    assert plan.node_facts["consulate:hu"][0][2]["en"].startswith("Hungary: 1 consulate(s)")


def test_gaps_map_from_plain_input(g):
    plan = gaps_map(g, {"station:b": ["no project in 3 years"]})
    assert set(plan.graph) == {"station:b", "org:host-b", "org:cast", "org:ntu", "field:ai"}
    assert plan.graph.number_of_edges() == 4
    assert plan.focus_nodes == set(plan.graph)


def test_connectors_plan_from_the_connectors_query(g):
    plan = connectors_plan(g, top=3)
    assert set(plan.graph) == ALL_NODES - {"place:cq", "place:hungary", "field:ai"}  # places and fields left out
    assert plan.graph.number_of_edges() == 12
    # cutting station:a strands ASU, Li Si and Company A; station:b strands University B and the xss talent;
    # University B strands that talent; the association strands the consulate
    assert plan.marked == {"station:a", "station:b", "org:host-b", "org:cast"}
    assert plan.sizes["station:a"] == 1.0 and plan.sizes["talent:li"] == 0.0
    ranks = {n: dict((en, v) for _zh, en, v in f)["Rank"] for n, f in plan.node_facts.items() if
             any(en == "Rank" for _zh, en, _v in f)}
    assert ranks == {"station:a": 1, "station:b": 2, "org:cast": 3}


def test_connectors_map_from_plain_input():
    g = nx.MultiDiGraph()
    for n in "abc":
        g.add_node(n, label="Organization")
    g.add_edge("a", "b", key="ab", type="PART_OF")
    g.add_edge("b", "c", key="bc", type="PART_OF")
    plan = connectors_map(g, {"b": 2.0, "a": 0.5}, articulation=["b"])
    assert plan.sizes == {"a": 0.25, "b": 1.0, "c": 0.0} and plan.marked == {"b"}


def test_partners_plan_from_the_partners_query(g):
    plan = partners_plan(g, "乙大学海智工作站")
    # station:b partners NTU already; ASU is the only other overseas organisation
    assert [(e.src, e.dst) for e in plan.extra_edges] == [("station:b", "org:asu")]
    assert set(plan.graph) == {"station:b", "org:ntu", "org:asu"}
    assert plan.focus_edges == {"PARTNERS_WITH:station:b->org:ntu"}


def test_partners_map_shows_shared_neighbours(g):
    plan = partners_map(g, "station:a", [("consulate:hu", 0.6), ("org:host-b", 0.25)])
    # the consulate shares the association with station:a; University B shares nothing
    assert set(plan.graph) == {"station:a", "org:asu", "org:ntu", "consulate:hu", "org:host-b", "org:cast"}
    assert plan.graph.number_of_edges() == 4
    assert [e.label for e in plan.extra_edges] == ["0.6", "0.25"]


def test_resolve_and_size_limit(g):
    assert resolve(g, "NTU") == "org:ntu" and resolve(g, "甲公司") == "org:host-a"
    assert check_size(g) is None
    assert check_size(g, max_nodes=12) == "13 nodes is above the limit of 12 for one map"
    assert check_size(g, max_edges=15) == "16 edges is above the limit of 15 for one map"
    assert issubclass(MapTooLarge, ValueError)


def test_layout_positions_every_node_apart(g):
    pos = positions(g, seed=3)
    assert set(pos) == set(g)
    assert positions(g, seed=3) == pos
    pts = list(pos.values())
    assert len(set(pts)) == len(pts)
    centred = positions(g, seed=3, center="station:a")
    assert centred["station:a"] == (0.0, 0.0)


def test_assembled_nodes_follow_the_schema(g, loaded):
    schema = load_schema()
    m = assemble(whole_map(g), schema, "both", loaded[1])
    nodes = {n["id"]: n for n in m.net.nodes}
    assert set(nodes) == ALL_NODES
    groups = m.net.options["groups"]
    for nid, n in nodes.items():
        lab = schema.label(g.nodes[nid]["label"])
        look = groups[n["group"]]
        assert n["group"] == lab.name and look["shape"] == lab.shape and look["color"]["background"] == lab.color
        assert "shape" not in n and "color" not in n
        assert 0 <= n["value"] <= 100
    assert nodes["talent:xss"]["label"] == XSS_ZH + "\n" + XSS_EN
    assert nodes["org:ntu"]["label"] == "新加坡南洋理工大学\nNanyang Technological University"
    assert [r["name"] for r in m.legend["labels"]] == ["Station", "Organization", "Talent", "Consulate", "Field",
                                                       "Place"]
    assert [r["count"] for r in m.legend["labels"]] == [2, 5, 2, 1, 1, 2]
    assert sum(r["count"] for r in m.legend["types"]) == 16
    # the parallel HEADS and AFFILIATED_WITH edges bend apart
    curves = {e["id"]: e.get("smooth") for e in m.net.edges}
    assert curves["HEADS:talent:li->station:a"]["roundness"] != curves["AFFILIATED_WITH:talent:li->station:a"]["roundness"]
    assert curves["HOSTS:org:host-a->station:a"] is None


def test_tooltip_data_has_properties_and_provenance(g, loaded):
    m = assemble(whole_map(g), load_schema(), "zh", loaded[1])
    li = m.info["n"]["talent:li"]
    assert li["h"] == "李四" and li["sub"] == "人才"
    assert li["rows"] == [["标识", "talent:li"], ["中文名称", "李四"], ["英文名称", "Li Si"], ["职称", "教授"],
                          ["海归", "是"]]
    assert li["src"] == "地图测试报道 (测试报, 2023-05-01) [source:map]"
    assert li["ev"] == "李四担任甲公司海智工作站站长。"
    e = m.info["e"]["WORKS_AT:talent:xss->org:host-b"]
    assert e["h"] == f"{XSS_ZH} → 乙大学" and e["sub"] == "任职于"
    assert ["职务", "<i>教授</i>"] in e["rows"]
    assert e["ev"] == "乙大学聘请了<img src=x onerror=alert(1)>。</script><!--<script>alert(4)</script>"


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_page_is_self_contained_and_data_cannot_escape(g, loaded):
    text = render_page(assemble(whole_map(g), load_schema(), "both", loaded[1]))
    p = _Tags()
    p.feed(text)
    tags = [t for t, _ in p.tags]
    # nothing to fetch: no src/href anywhere, no <link>, no <img>/<iframe>; three scripts (data, vis, map)
    assert not [(t, a) for t, a in p.tags if "src" in a or "href" in a]
    assert "link" not in tags and "img" not in tags and "iframe" not in tags
    assert tags.count("script") == 3
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text)
    # the data block parses back to the data, and it holds no '<' that could end the element
    data = p.scripts[0]
    assert "<" not in data and ">" not in data
    payload = json.loads(data)
    assert payload["info"]["n"]["talent:xss"]["h"] == f"{XSS_ZH} / {XSS_EN}"
    assert payload["info"]["n"]["talent:xss"]["ev"] == ("乙大学聘请了<img src=x onerror=alert(1)>。</script>"
                                                        "<!--<script>alert(4)</script>")
    # the CSP allows exactly the two code scripts of the page, and fetching nothing
    policy = [a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"][0]
    assert policy == csp(p.scripts[1:])
    assert policy.startswith("default-src 'none'")


def test_safe_json_round_trips_hostile_text():
    nasty = {"a": "</script><!--<script>", "b": "\u2028\u2029&<>'\"", "c": ["重庆", None, 1.5]}
    out = safe_json(nasty)
    assert json.loads(out) == nasty
    assert not set("<>&\u2028\u2029") & set(out)


def test_names_in_the_page_title_are_escaped(g, loaded):
    text = render_page(assemble(ego_map(g, "talent:xss", hops=1), load_schema(), "zh", loaded[1]))
    p = _Tags()
    p.feed(text)
    assert "img" not in [t for t, _ in p.tags] and [t for t, _ in p.tags].count("script") == 3
    title = re.search(r"<title>(.*)</title>", text).group(1)
    assert title == "&lt;img src=x onerror=alert(1)&gt; 的 1 跳关系网络"
