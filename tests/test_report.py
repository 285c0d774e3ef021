"""The analyst's report on the bundled Chongqing dataset, opened in real
headless Chromium with the network blocked: no request leaves the page, no
console error, every section is there, and every number the page shows
(read back from its ``data-*`` attributes) equals what the query functions
return for the same store. Plus: hostile names stay text, zh/en/both
headings, file or folder output, and the ``kg report`` command.

Needs Chromium and Playwright (see tests/browser.py); KG_BROWSER=skip skips
the browser tests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build, graph_stats
from kg.report import report_paths, write_report
from kg.report.render import SECTIONS
from tests.browser import Browser, BrowserUnavailable
from tests.conftest import MINI, run_kg
from tests.hostile import write_csv

GENERATED = dt.datetime(2026, 5, 4, 10, 30)
AS_OF = 2023
# a function, not an expression: the maps' CSP forbids the eval a polled expression needs
READY = "() => window.kgMap && window.kgMap.ready === true"
CJK = re.compile(r"[\u4e00-\u9fff]")


# -- fixtures ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(local_store, chongqing_dataset):
    build(chongqing_dataset, local_store)
    return local_store


@pytest.fixture(scope="module")
def report(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_report(store, out, lang="both", as_of=AS_OF, generated=GENERATED)


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KG_BROWSER") == "skip":
        pytest.skip("KG_BROWSER=skip")
    try:
        b = Browser(width=1280, height=900).__enter__()
    except BrowserUnavailable as e:
        pytest.fail(f"{e} (set KG_BROWSER=skip to skip the browser tests)")
    yield b
    b.close()


@pytest.fixture(scope="module")
def page(browser, report):
    p = browser.open(report, settle=0.3)
    p.page.locator("#maps").scroll_into_view_if_needed()  # the map frames load lazily
    for f in p.page.frames[1:]:
        f.wait_for_function(READY, timeout=60_000)
    return p


def values(page, selector: str, attr: str = "data-value") -> list[str]:
    return page.evaluate("([s, a]) => [...document.querySelectorAll(s)].map(e => e.getAttribute(a))", [selector, attr])


def value(page, selector: str, attr: str = "data-value") -> str | None:
    got = values(page, selector, attr)
    assert len(got) == 1, f"{selector}: {len(got)} elements"
    return got[0]


def num(text: str | None) -> float | None:
    return None if text in (None, "") else float(text)


def css(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# -- offline, whole, dated -----------------------------------------------------------------------------------
@pytest.mark.browser
def test_opens_offline_without_errors_and_every_map_loads(page, report):
    assert page.external_requests == []
    assert page.console_errors == []
    assert page.dialogs == []
    assert all(u.startswith("file:") for u in page.requests)
    assert page.evaluate("document.scripts.length") == 0  # the report itself runs no script
    csp = page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    frames = page.page.frames[1:]
    maps = values(page, "figure.map", "data-map")
    assert maps == ["whole", "gaps", "connectors", "partners", "path"]
    assert len(frames) == len(maps)
    _page, folder, _prefix = report_paths(report.parent)
    assert sorted(f.url.rsplit("/", 1)[-1] for f in frames) == sorted(f"{m}.html" for m in maps)
    assert all((folder / f"{m}.html").is_file() for m in maps)
    for f in frames:  # each map drew its network
        assert f.evaluate("kgMap.drawn().nodes") > 0
    assert page.external_requests == [] and page.console_errors == []


@pytest.mark.browser
def test_every_section_with_bilingual_heading_and_toc(page):
    toc = values(page, "nav.toc a", "href")
    assert toc == [f"#{sid}" for sid, _zh, _en in SECTIONS]
    for sid, zh, en in SECTIONS:
        heading = page.evaluate("id => document.querySelector('#' + id + ' > h2').textContent", sid)
        assert zh in heading and en in heading, sid
    body = page.evaluate("document.body.innerText")
    assert "reported 报告值" in body and "counted 图中计数" in body
    assert value(page, "#generated", "datetime") == GENERATED.isoformat()
    assert "2026-05-04 10:30" in page.evaluate("document.getElementById('generated').textContent")


@pytest.mark.browser
def test_sources_listed(page, store):
    rows = store.run("MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.publisher AS publisher, "
                     "s.author AS author, s.date AS date ORDER BY id")
    assert values(page, "tr[data-source]", "data-source") == [r["id"] for r in rows]
    for r in rows:
        text = page.evaluate("id => document.querySelector(`tr[data-source=\"${id}\"]`).innerText", r["id"])
        for k in ("title", "publisher", "author", "date"):
            assert str(r[k]) in text


# -- numbers equal the query results ----------------------------------------------------------------------
@pytest.mark.browser
def test_kpis_equal_compute_kpis(page, store):
    from queries.kpis import compute_kpis

    k = compute_kpis(store)
    assert sorted(values(page, "tr[data-kpi]", "data-metric")) == sorted(r.id for r in k.reported)
    for r in k.reported:
        row = f'tr[data-metric="{css(r.id)}"]'
        assert num(value(page, f"{row} [data-kind=reported]")) == r.reported, r.key
        assert num(value(page, f"{row} [data-kind=counted]")) == r.counted, r.key
    assert num(value(page, 'tr[data-kpi="stations_total"] [data-kind=counted]')) == 17  # the bundled dataset
    assert values(page, "tr[data-scorecard]", "data-scorecard") == [s.id for s in k.stations]
    for s in k.stations:
        for f in ("approved_year", "talents", "projects", "partners", "overseas_partners", "events", "funding_cny"):
            assert num(value(page, f'tr[data-scorecard="{s.id}"] [data-field={f}]')) == getattr(s, f), (s.id, f)
    for lab in ("Station", "Organization", "Talent", "Consulate", "Project", "Programme"):
        assert num(value(page, f'.card [data-stat="nodes.{lab}"]')) == k.value("label", lab, "nodes")


@pytest.mark.browser
def test_gaps_equal_find_gaps(page, store):
    from queries.gaps import GAP_KINDS, find_gaps

    total = 0
    for kind in GAP_KINDS:
        expected = [r.id for r in find_gaps(store, as_of=AS_OF, kinds=[kind])]  # every gap query works here
        assert value(page, f'[data-gap-count="{kind}"]', "data-failed") != "1", kind
        assert values(page, f'tr[data-gap="{kind}"]', "data-id") == expected, kind
        assert page.evaluate(f"document.querySelector('[data-gap-count=\"{kind}\"]').textContent") == str(len(expected))
        total += len(expected)
    assert num(value(page, '.card [data-stat="gaps"]')) == total
    assert total > 0


@pytest.mark.browser
def test_connectors_equal_find_connectors(page, store):
    from queries.connectors import find_connectors

    res = find_connectors(store, top=10)
    assert values(page, "tr[data-connector]", "data-connector") == [r.id for r in res.top]
    for r in res.top:
        row = f'tr[data-connector="{r.id}"]'
        assert num(value(page, row, "data-rank")) == r.rank
        assert num(value(page, f"{row} [data-field=betweenness]")) == r.betweenness
        assert num(value(page, f"{row} [data-field=degree]")) == r.degree
        assert num(value(page, f"{row} [data-field=cut_off]")) == r.cut_off
    assert num(value(page, '.card [data-stat="articulation"]')) == res.articulation_total
    assert page.evaluate("document.querySelector('[data-stat=articulation_total]').textContent") == \
        str(res.articulation_total)


@pytest.mark.browser
def test_partners_equal_rank_partners(page, store):
    from queries.partners import rank_partners

    stations = [r["id"] for r in store.run("MATCH (s:Station) RETURN s.id AS id ORDER BY id")]
    assert values(page, ".partner-block", "data-station") == stations
    for sid in stations:
        expected = rank_partners(store, sid, top=3)
        block = f'.partner-block[data-station="{sid}"]'
        assert values(page, f"{block} tr[data-candidate]", "data-candidate") == [c.id for c in expected], sid
        assert [num(v) for v in values(page, f"{block} [data-field=score]")] == [c.score for c in expected]
        assert [num(v) for v in values(page, f"{block} [data-field=hops]")] == [c.hops for c in expected]


@pytest.mark.browser
def test_paths_equal_find_paths(page, store):
    from queries.partners import rank_partners
    from queries.paths import find_paths

    arts = page.evaluate("""[...document.querySelectorAll('article.path')].map(a => ({
        a: a.dataset.pathFrom, b: a.dataset.pathTo, length: a.dataset.length,
        rels: [...a.querySelectorAll('li[data-rel]')].map(li => li.dataset.rel),
        none: !!a.querySelector('[data-no-path]')}))""")
    assert arts, "no path example"
    assert len({x["b"] for x in arts}) == len(arts)  # one example per candidate organisation
    for x in arts:
        assert rank_partners(store, x["a"], top=1)[0].id == x["b"]  # the station's first candidate
        found = find_paths(store, x["a"], x["b"], k=1)
        if not found:
            assert x["none"] and x["length"] == "" and x["rels"] == []
            continue
        assert int(x["length"]) == found[0].length
        assert x["rels"] == [h.rel_id for h in found[0].hops]
    # the path map draws the first example's path
    path_frame = next(f for f in page.page.frames if f.url.endswith("/path.html"))
    focus = path_frame.evaluate("kgMap.drawn()")
    assert focus["nodes"] >= int(arts[0]["length"]) + 1


@pytest.mark.browser
def test_charts_equal_the_counts(page, store):
    from queries.kpis import compute_kpis

    k = compute_kpis(store)

    def bars(chart):
        return page.evaluate("""c => [...document.querySelectorAll(`svg[data-chart="${c}"] g.bar`)]
            .map(g => [g.dataset.key, Number(g.dataset.value)])""", chart)

    years = {r.key: r.value for r in k.counts if r.section == "year" and r.measure == "stations_approved"}
    undated = store.run("MATCH (s:Station) WHERE s.approved_year IS NULL RETURN count(s) AS n")[0]["n"]
    assert bars("stations-by-year") == [[k_, v] for k_, v in sorted(years.items())] + \
        ([["", undated]] if undated else [])
    fields = {r.key: r.value for r in k.counts if r.section == "field" and r.measure == "stations" and r.value}
    assert dict(bars("stations-by-field")) == fields
    countries = {r.key: r.value for r in k.counts if r.section == "country" and r.measure == "overseas_organizations"}
    assert dict(bars("overseas-orgs-by-country")) == countries
    stats = graph_stats(store)["nodes"]
    assert dict(bars("entities-by-label")) == {lab: n for lab, n in stats.items() if n}
    talents = store.run("MATCH (t:Talent) RETURN count(t) AS n")[0]["n"]
    assert sum(v for _k, v in bars("talents-by-background")) == talents
    for c in ("stations-by-year", "stations-by-field", "overseas-orgs-by-country", "entities-by-label"):
        assert page.evaluate(f"document.querySelector('svg[data-chart=\"{c}\"] text').getBBox().width") > 0


# -- hostile names --------------------------------------------------------------------------------------------
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "</script><script>window.__xss=1</script>"


def hostile_dataset(folder: Path) -> Path:
    """The mini dataset with script and markup in names, titles, units and a javascript: URL."""
    shutil.copytree(MINI, folder)
    (folder / "dataset.yaml").write_text(f"name: hostile\ntitle_zh: '{IMG}'\ntitle_en: '{SCRIPT}'\n", "utf-8")
    ev = "示例公司设立了示例公司海智工作站。"
    write_csv(folder / "nodes" / "Station.csv", ["id", "name_zh", "name_en", "approved_year", "source_id", "evidence"],
              [["station:host-a", IMG, SCRIPT, 2022, "source:mini", ev],
               ["station:host-b", "<b>乙</b>站", "B & <i>station</i>", 2021, "source:mini", ev]])
    write_csv(folder / "nodes" / "Source.csv", ["id", "name_zh", "name_en", "title", "url", "publisher", "date"],
              [["source:mini", IMG, SCRIPT, IMG, "javascript:window.__xss=1", SCRIPT, "2023-01-01"]])
    write_csv(folder / "nodes" / "Metric.csv",
              ["id", "name_zh", "name_en", "key", "value", "unit", "qualifier", "source_id", "evidence"],
              [["metric:x", IMG, SCRIPT, "stations_total", 5, "<u>stations</u>", "exact", "source:mini", ev]])
    write_csv(folder / "relationships" / "MEASURES.csv", ["src", "dst", "source_id", "evidence"],
              [["metric:x", "station:host-a", "source:mini", ev]])
    return folder


@pytest.mark.browser
def test_hostile_names_stay_text(local_store, browser, tmp_path, report):
    ds = load_dataset(hostile_dataset(tmp_path / "hostile"))
    build(ds, local_store)
    try:
        out = write_report(local_store, tmp_path / "x" / "hostile.html", lang="both", as_of=AS_OF)
    finally:
        build(load_dataset(Path(__file__).resolve().parent.parent / "data" / "chongqing"), local_store)
    assert out == tmp_path / "x" / "hostile.html" and (tmp_path / "x" / "hostile-maps" / "whole.html").is_file()
    text = out.read_text("utf-8")
    assert "<img src=x" not in text and "<script" not in text and 'href="javascript:' not in text
    assert "<b>乙</b>" not in text and "<u>stations</u>" not in text
    p = browser.open(out, settle=0.3)
    p.page.locator("#maps").scroll_into_view_if_needed()
    for f in p.page.frames[1:]:
        f.wait_for_function(READY, timeout=60_000)
    assert p.evaluate("window.__xss") is None
    assert p.dialogs == [] and p.console_errors == [] and p.external_requests == []
    assert p.evaluate("document.querySelectorAll('img, script, b, i, u').length") == 0
    assert values(p, "figure.map iframe", "src") == [f"hostile-maps/{m}.html" for m in
                                                     values(p, "figure.map", "data-map")]
    body = p.evaluate("document.body.innerText")
    for payload in (IMG, SCRIPT, "<b>乙</b>站", "<u>stations</u>", "javascript:window.__xss=1"):
        assert payload in body, payload
    assert p.evaluate("document.querySelector('h1').textContent").startswith(IMG)
    assert p.evaluate("[...document.querySelectorAll('a[href]')].every(a => !a.href.startsWith('javascript:'))")
    for f in p.page.frames[1:]:
        assert f.evaluate("window.__xss") is None


# -- languages, output paths, the command -----------------------------------------------------------------
class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.h: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "th", "figcaption"):
            self.stack.append(tag)
            self.h.append("")

    def handle_endtag(self, tag):
        if self.stack and tag == self.stack[-1]:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.h[-1] += data


def headings(path: Path) -> list[str]:
    p = _Headings()
    p.feed(path.read_text("utf-8"))
    return [h.strip() for h in p.h]


def test_languages(store, tmp_path):
    en = write_report(store, tmp_path / "en.html", lang="en", as_of=AS_OF, maps=False)
    zh = write_report(store, tmp_path / "zh.html", lang="zh", as_of=AS_OF, maps=False)
    assert '<html lang="en">' in en.read_text("utf-8") and '<html lang="zh-CN">' in zh.read_text("utf-8")
    tags = ("reported 报告值", "counted 图中计数")  # these two labels are bilingual in every language
    en_h = [h for h in headings(en) if h not in tags]
    assert "Partnership gaps" in " ".join(en_h) and not any(CJK.search(h) for h in en_h)
    zh_h2 = re.findall(r"<h2>(.*?)</h2>", zh.read_text("utf-8"), re.S)
    assert len(zh_h2) == len(SECTIONS) + 1  # and the table of contents
    assert all(CJK.search(h) and not re.search(r"[A-Za-z]", re.sub(r"<[^>]+>", "", h)) for h in zh_h2)
    assert not (tmp_path / "en-maps").exists()
    with pytest.raises(ValueError):
        write_report(store, tmp_path / "fr.html", lang="fr", maps=False)


def test_long_tables_are_cut_but_counts_stay_whole(store, tmp_path):
    from queries.gaps import find_gaps

    text = write_report(store, tmp_path / "short.html", as_of=AS_OF, max_rows=2, maps=False).read_text("utf-8")
    rows = find_gaps(store, as_of=AS_OF, kinds=["station_no_overseas_partner"])
    assert len(rows) > 2
    listed = re.findall(r'<tr data-gap="station_no_overseas_partner" data-id="([^"]+)"', text)
    assert listed == [r.id for r in rows[:2]]
    assert f'data-gap-count="station_no_overseas_partner">{len(rows)}<' in text
    assert 'data-more="station_no_overseas_partner"' in text and f"{len(rows) - 2} more not listed" in text
    assert len(re.findall(r"<tr data-scorecard=", text)) == 2 and 'data-more="scorecards"' in text


def test_output_paths():
    assert report_paths("out") == (Path("out/report.html"), Path("out/report-maps"), "report-maps/")
    assert report_paths("a/b.HTML") == (Path("a/b.HTML"), Path("a/b-maps"), "b-maps/")


def test_command(tmp_path):
    home = tmp_path / "home"
    res = run_kg("report", "-o", str(tmp_path / "none"), home=home, check=False)
    assert res.returncode == 1 and "kg build" in res.stderr and "Traceback" not in res.stderr
    run_kg("build", str(MINI), "-q", home=home)
    res = run_kg("report", "-o", str(tmp_path / "out"), "--lang", "en", "--as-of", "2023", home=home)
    assert "wrote" in res.stdout and (tmp_path / "out" / "report.html").is_file()
    text = (tmp_path / "out" / "report.html").read_text("utf-8")
    linked = re.findall(r'<iframe src="report-maps/([a-z]+)\.html"', text)
    assert {"whole", "gaps", "connectors", "partners"} <= set(linked)
    assert sorted(p.name for p in (tmp_path / "out" / "report-maps").glob("*.html")) == sorted(f"{m}.html" for m in linked)
    assert "Example Company Haizhi Workstation" in text and 'data-section="kpis"' in text
    # every path example has a path or says there is none (the mini graph has such a station)
    assert text.count('<article class="path"') == len(re.findall(r'data-length="\d+"', text)) + \
        text.count("data-no-path")
    bad = run_kg("report", "--lang", "fr", home=home, check=False)
    assert bad.returncode != 0 and "zh, en or both" in bad.stderr
