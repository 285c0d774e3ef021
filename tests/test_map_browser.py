"""Every kind of map opened in real headless Chromium with the network
blocked: the network object exists, the nodes and edges drawn are the ones
expected (worked out by hand from tests/fixtures/map, see test_map_plans.py),
the canvas is painted, no request left the page, no console error, and the
XSS payloads in the data stayed text. Search, filters and tooltips are driven
the way a person would (typing, clicking, moving the mouse).

Needs Chromium and Playwright (see tests/browser.py); KG_BROWSER=skip skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from kg.schema import load_schema
from tests.browser import Browser, BrowserUnavailable
from visualize.assemble import SIZE_MAX, SIZE_MIN
from visualize.maps import ego_map, whole_map
from visualize.page import write_page
from visualize.query_maps import connectors_plan, gaps_plan, partners_plan, path_plan
from visualize.render import load_graph, render_map

pytestmark = pytest.mark.browser

MAPFIX = Path(__file__).resolve().parent / "fixtures" / "map"
XSS_ZH = "<img src=x onerror=alert(1)>"
XSS_EN = "</script><script>alert(2)</script>"
READY = "window.kgMap && window.kgMap.ready === true"


@pytest.fixture(scope="module")
def loaded(local_store):
    build(load_dataset(MAPFIX), local_store)
    return load_graph(local_store)


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KG_BROWSER") == "skip":
        pytest.skip("KG_BROWSER=skip")
    try:
        b = Browser().__enter__()
    except BrowserUnavailable as e:
        pytest.fail(f"{e} (set KG_BROWSER=skip to skip the browser tests)")
    yield b
    b.close()


def open_map(browser, tmp_path, plan, sources, lang="zh", name="map"):
    path = write_page(tmp_path / f"{name}.html", render_map(plan, lang=lang, sources=sources))
    return browser.open(path, wait_for=READY, settle=0.2)


PAINTED = """() => {
  const c = document.querySelector('#kg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""

# show the tooltip and the details panel of every node and edge: all data text goes through the page
SHOW_ALL = """() => {
  const m = window.kgMap;
  for (const id of Object.keys(m.info.n)) { m.showTip('n', id, {x: 5, y: 5}); m.showDetails('n', id); }
  for (const id of Object.keys(m.info.e)) { m.showTip('e', id, {x: 5, y: 5}); m.showDetails('e', id); }
  return Object.keys(m.info.n).length + Object.keys(m.info.e).length;
}"""


def assert_clean(page, nodes: int, edges: int) -> None:
    assert page.evaluate("typeof vis === 'object' && window.kgMap.network instanceof vis.Network")
    assert page.evaluate("kgMap.drawn()") == {"nodes": nodes, "edges": edges}
    assert page.evaluate(PAINTED) > 500  # the canvas was drawn on
    assert page.evaluate(SHOW_ALL) == len(page.evaluate("Object.keys(kgMap.info.n)")) + \
        len(page.evaluate("Object.keys(kgMap.info.e)"))
    page.page.wait_for_timeout(100)
    assert page.requests == [page.url]  # the page itself, nothing else
    assert page.external_requests == []
    assert page.console_errors == []
    assert page.dialogs == []
    # the payloads stayed text: no element was made from them, no script added
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, b, i').length") == 0
    assert page.evaluate("document.scripts.length") == 3


def node(page, nid):
    return page.evaluate("id => kgMap.nodes.get(id)", nid)


def drawn_look(page, nid):
    """(shape, background colour, border width) of the node as vis-network draws it (group applied)."""
    return tuple(page.evaluate("""id => { const o = kgMap.network.body.nodes[id].options;
        return [o.shape, o.color.background, o.borderWidth]; }""", nid))


def screen_xy(page, nid):
    return page.evaluate("""id => { const n = kgMap.network;
        const c = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [r.left + c.x, r.top + c.y]; }""", nid)


def test_whole_map(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, whole_map(g), sources, "zh")
    assert_clean(page, 13, 16)
    schema = load_schema()
    for nid in g:
        lab = schema.label(g.nodes[nid]["label"])
        assert node(page, nid)["group"] == lab.name
        assert drawn_look(page, nid) == (lab.shape, lab.color, 1)
    assert node(page, "talent:xss")["label"] == XSS_ZH
    legend = page.evaluate("[...document.querySelectorAll('#kg-labels li')].map(li => li.textContent)")
    assert legend == ["海智工作站2", "机构5", "人才2", "领事馆1", "领域1", "地点2"]
    assert page.evaluate("document.getElementById('kg-title').textContent") == "整体网络"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"


def test_tooltips_follow_the_mouse_and_show_provenance(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, whole_map(g), sources, "zh")
    page.evaluate("kgMap.network.moveTo({scale: 1.0})")
    page.evaluate("kgMap.network.focus('talent:xss', {scale: 1.0, animation: false})")
    x, y = screen_xy(page, "talent:xss")
    page.mouse.move(x, y)
    page.wait_for("kgMap.tip && kgMap.tip.id === 'talent:xss'", timeout=10)
    tip = page.evaluate("""() => { const t = document.getElementById('kg-tip');
        return {hidden: t.hidden, h: t.querySelector('.kg-info-h').textContent,
                rows: [...t.querySelectorAll('tr')].map(r => [r.cells[0].textContent, r.cells[1].textContent]),
                src: t.querySelector('.kg-src').textContent, ev: t.querySelector('.kg-ev').textContent}; }""")
    assert tip["hidden"] is False
    assert tip["h"] == XSS_ZH
    assert ["中文名称", XSS_ZH] in tip["rows"] and ["英文名称", XSS_EN] in tip["rows"]
    assert ["职称", "<b onmouseover=alert(3)>\"q\" & 'x'</b>"] in tip["rows"]
    assert tip["src"] == "地图测试报道 (测试报, 2023-05-01) [source:map]"
    assert tip["ev"] == "乙大学聘请了<img src=x onerror=alert(1)>。</script><!--<script>alert(4)</script>"
    # an edge: the middle of HOSTS org:host-a -> station:a
    page.mouse.move(5, 5)
    page.evaluate("kgMap.network.focus('org:host-a', {scale: 1.0, animation: false})")
    (ax, ay), (bx, by) = screen_xy(page, "org:host-a"), screen_xy(page, "station:a")
    page.mouse.move((ax + bx) / 2, (ay + by) / 2)
    page.wait_for("kgMap.tip && kgMap.tip.kind === 'e'", timeout=10)
    assert page.evaluate("kgMap.tip.id") == "HOSTS:org:host-a->station:a"
    text = page.evaluate("document.getElementById('kg-tip').textContent")
    assert "甲公司 → 甲公司海智工作站" in text and "设立" in text and "甲公司设立了甲公司海智工作站。" in text
    # a click pins the details
    page.mouse.move(ax, ay)
    page.mouse.down()
    page.mouse.up()
    page.wait_for("kgMap.details && kgMap.details.id === 'org:host-a'", timeout=10)
    assert page.dialogs == [] and page.console_errors == [] and page.external_requests == []


@pytest.mark.parametrize("query,expected", [
    ("南洋理工", "org:ntu"),            # Chinese, part of the name
    ("nanyang technological", "org:ntu"),  # English, any case
    ("ＮＴＵ", "org:ntu"),              # a full-width alias
    ("科协", "org:cast"),               # a Chinese alias
    ("<img", "talent:xss"),             # the payload is searchable text
])
def test_search_box_finds_and_focuses(browser, loaded, tmp_path, query, expected):
    g, sources = loaded
    page = open_map(browser, tmp_path, whole_map(g), sources, "both")
    box = page.locator("#kg-search")
    box.click()
    page.keyboard.insert_text(query)  # as an input method commits text
    first = page.locator("#kg-results li button").first
    first.wait_for(timeout=10_000)
    assert page.evaluate("kgMap.search(document.getElementById('kg-search').value, 1)") == [expected]
    box.press("Enter")
    page.wait_for(f"kgMap.network.getSelectedNodes()[0] === {expected!r}", timeout=10)
    assert page.evaluate("kgMap.details.id") == expected
    assert page.console_errors == [] and page.external_requests == [] and page.dialogs == []


def test_search_without_match_says_so(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, whole_map(g), sources, "en")
    page.locator("#kg-search").fill("不存在的名字")
    assert page.locator("#kg-results").inner_text() == "No matching node"


def test_label_and_type_filters(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, whole_map(g), sources, "zh")
    talent = page.locator("#kg-labels li", has_text="人才").locator("input")
    talent.click()
    # two talents gone, with their HEADS, AFFILIATED_WITH and two WORKS_AT
    assert page.evaluate("kgMap.drawn()") == {"nodes": 11, "edges": 12}
    assert page.evaluate("document.getElementById('kg-status').textContent") == "11 / 13 节点 · 12 / 16 关系"
    page.locator("#kg-types li", has_text="合作").locator("input").click()
    assert page.evaluate("kgMap.drawn()") == {"nodes": 11, "edges": 8}  # four PARTNERS_WITH gone too
    talent.click()
    assert page.evaluate("kgMap.drawn()") == {"nodes": 13, "edges": 12}
    # searching for a hidden label's node brings the label back
    page.locator("#kg-labels li", has_text="人才").locator("input").click()
    page.evaluate("kgMap.focusNode('talent:li')")
    assert page.evaluate("kgMap.drawn()") == {"nodes": 13, "edges": 12}
    assert page.console_errors == [] and page.external_requests == []


def test_ego_map_in_english(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, ego_map(g, "station:a", hops=1), sources, "en")
    assert_clean(page, 7, 8)
    assert node(page, "station:a")["label"] == "Company A Haizhi Workstation"
    assert node(page, "station:a")["group"] == "Station.marked"
    assert drawn_look(page, "station:a") == ("diamond", "#e4572e", 4)
    assert drawn_look(page, "org:ntu") == ("dot", "#2e86ab", 1)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.getElementById('kg-title').textContent") == \
        "1-hop network of Company A Haizhi Workstation"


def test_path_map_bilingual(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, path_plan(g, "李四", "ASU"), sources, "both")
    assert_clean(page, 13, 16)
    edges = page.evaluate("kgMap.edges.get()")
    assert sorted(e["id"] for e in edges if e.get("width") == 3) == [
        "HEADS:talent:li->station:a", "HOSTS:org:host-a->station:a", "PARTNERS_WITH:station:a->org:asu",
        "WORKS_AT:talent:li->org:host-a"]
    faded = sorted(n["id"] for n in page.evaluate("kgMap.nodes.get()") if n["group"].endswith(".faded"))
    assert faded == sorted({"org:host-b", "org:ntu", "org:cast", "station:b", "talent:xss", "consulate:hu",
                            "place:cq", "place:hungary", "field:ai"})
    assert node(page, "talent:li")["label"] == "李四\nLi Si"
    assert drawn_look(page, "org:cast") == ("dot", "rgba(46,134,171,0.18)", 1)  # faded
    assert drawn_look(page, "talent:li") == ("dot", "#f6ae2d", 4)  # an end of the path
    notes = page.evaluate("[...document.querySelectorAll('#kg-notes li')].map(li => li.textContent)")
    assert len(notes) == 2 and notes[0].startswith("路径 1（2 跳）：李四负责甲公司海智工作站")
    assert "Path 1 (2 hops): Li Si heads Company A Haizhi Workstation" in notes[0]


def test_gaps_map(browser, loaded, tmp_path, local_store):
    from queries.gaps import find_gaps

    g, sources = loaded
    page = open_map(browser, tmp_path, gaps_plan(g, find_gaps(local_store, years=3, as_of=2023)), sources, "zh")
    assert_clean(page, 12, 15)
    marked = sorted(n["id"] for n in page.evaluate("kgMap.nodes.get()") if n["group"].endswith(".marked"))
    assert marked == ["consulate:hu", "field:ai", "org:asu"]


def test_connectors_map(browser, loaded, tmp_path):
    g, sources = loaded
    page = open_map(browser, tmp_path, connectors_plan(g, top=5), sources, "zh")
    assert_clean(page, 10, 12)
    nodes = page.evaluate("kgMap.nodes.get()")
    assert sorted(n["id"] for n in nodes if n["group"].endswith(".marked")) == [
        "org:cast", "org:host-b", "station:a", "station:b"]
    sizes = page.evaluate("Object.fromEntries(Object.values(kgMap.network.body.nodes).map(n => [n.id, n.options.size]))")
    assert sizes["station:a"] == SIZE_MAX and max(sizes.values()) == SIZE_MAX
    assert sizes["talent:li"] == SIZE_MIN  # betweenness 0: the smallest
    assert sizes["station:b"] < SIZE_MAX
    rows = page.evaluate("kgMap.detail('n', 'station:a').rows")
    assert ["排名", "1"] in rows and ["割点（移除后网络断开）", "是"] in rows


def test_partners_map(browser, loaded, tmp_path):
    g, sources = loaded
    plan = partners_plan(g, "station:b")
    score = plan.extra_edges[0].label
    page = open_map(browser, tmp_path, plan, sources, "en")
    assert_clean(page, 3, 2)
    edges = {e["id"]: e for e in page.evaluate("kgMap.edges.get()")}
    cand = edges["CANDIDATE:station:b->org:asu"]
    assert cand["dashes"] is True and cand["label"] == score
    solid = edges["PARTNERS_WITH:station:b->org:ntu"]
    assert not solid.get("dashes") and solid["width"] == 3
    info = page.evaluate("kgMap.detail('e', 'CANDIDATE:station:b->org:asu')")
    assert info["sub"] == "Candidate partnership"
    assert info["rows"][0][0] == "Candidate score"
    marks = page.evaluate("[...document.querySelectorAll('#kg-marks li')].map(li => li.textContent)")
    assert marks == ["Existing partnership", "Candidate (score)", "Shared connections"]
