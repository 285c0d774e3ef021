"""Gather everything the report shows from a store: functions in, dataclasses out.

Nothing here formats text for a page; :mod:`kg.report.render` does that. The
numbers come from the analyst's questions (:mod:`queries`) unchanged, so the
report says exactly what ``kg query ...`` says:

* KPIs, station scorecards and most charts: ``queries.kpis.compute_kpis``;
* gaps: ``queries.gaps.find_gaps``;
* connectors: ``queries.connectors.find_connectors``;
* candidate partners of each station: ``queries.partners`` (one index for all stations);
* collaboration paths: each station to its best candidate partner
  (``queries.paths.paths_from_graph`` on the same projection as ``find_paths``);
* charts: counts by approval year, field, background, country and label;
* sources: every ``Source`` node.

>>> coverage(64, 17), coverage(0, 3), coverage(5, None)
(0.265625, None, None)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.build import graph_stats
from kg.schema import Schema, load_schema

# -- Cypher (read-only, labels written out: no interpolation) ------------------------------------------
TALENTS = "MATCH (t:Talent) RETURN t.id AS id, t.overseas AS overseas, t.returnee AS returnee"
SOURCES = ("MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.name_zh AS name_zh, s.name_en AS name_en, "
           "s.publisher AS publisher, s.author AS author, s.date AS date, s.url AS url, "
           "s.synthetic AS synthetic ORDER BY id")

GAP_TITLES: dict[str, tuple[str, str, str, str]] = {  # kind -> (zh, en, what it means zh, en)
    "station_no_overseas_partner": ("无海外合作伙伴的工作站", "Stations without an overseas partner",
                                    "工作站没有与任何海外机构建立合作关系", "no PARTNERS_WITH tie to an overseas organisation"),
    "field_no_overseas": ("无海外力量的领域", "Fields without overseas actors",
                          "领域内有工作站，但没有海外机构或海外人才", "stations in the field, but no overseas organisation or talent"),
    "single_station_org": ("仅与一个工作站相连的海外机构", "Overseas organisations tied to a single station",
                           "只有一个工作站与其有联系，存在单点风险", "only one station is related to it: a single point of failure"),
    "consulate_only_country": ("仅有领事馆联系的国家", "Countries with consulate ties only",
                               "有领事馆联系，但没有合作伙伴或项目", "a consulate tie, but no partner and no project"),
    "inactive_station": ("近期无记录的工作站", "Stations with nothing recorded lately",
                         "评估期内没有人才、项目或合作伙伴记录", "no talent, project or partner recorded in the window"),
}


@dataclass
class Named:
    """An entity as the report names it."""

    id: str
    label: str
    name_zh: str
    name_en: str


@dataclass
class Bar:
    key: str
    zh: str
    en: str
    value: int


@dataclass
class Chart:
    id: str
    title_zh: str
    title_en: str
    color: str
    bars: list[Bar]
    note_zh: str = ""
    note_en: str = ""
    colors: dict[str, str] = field(default_factory=dict)  # bar key -> colour (else ``color``)


@dataclass
class ReportedLine:
    """A reported figure (``queries.kpis.ReportedRow``) with the names of what it measures."""

    row: Any
    subject: list[Named]
    coverage: float | None


@dataclass
class GapGroup:
    kind: str
    title_zh: str
    title_en: str
    means_zh: str
    means_en: str
    rows: list[Any]  # queries.gaps.GapRow
    error: str = ""  # the query failed: why (the rest of the report is still written)


@dataclass
class PartnerBlock:
    station: Named
    candidates: list[Any]  # queries.partners.PartnerCandidate
    error: str = ""


@dataclass
class PathExample:
    a: Named
    b: Named
    why_zh: str
    why_en: str
    path: Any | None  # queries.paths.PathResult, or None when there is no path
    max_hops: int


@dataclass
class SourceInfo:
    id: str
    title: str
    name_en: str
    publisher: str
    author: str
    date: str
    url: str
    synthetic: bool


@dataclass
class ReportData:
    """Everything the report shows."""

    title_zh: str
    title_en: str
    dataset: str
    built_at: str
    generated: dt.datetime
    store: str
    as_of: int
    years: int
    stats: dict[str, dict[str, int]]
    kpis: Any  # queries.kpis.Kpis
    reported: list[ReportedLine]
    gaps: list[GapGroup]
    connectors: Any  # queries.connectors.ConnectorsResult
    partners: list[PartnerBlock]
    partners_total: int
    paths: list[PathExample]
    charts: list[Chart]
    sources: list[SourceInfo]
    notes: list[tuple[str, str]] = field(default_factory=list)
    max_rows: int = 100  # rows shown per long table (gaps of one kind, scorecards); the counts stay whole
    graph: Any = field(default=None, repr=False)  # the analysis projection the questions ran on

    @property
    def gaps_total(self) -> int:
        return sum(len(g.rows) for g in self.gaps)


def store_name(store: Any) -> str:
    """Which kind of store, without host names or credentials.

    >>> class S: dialect = "falkordb"; uri = "local"
    >>> store_name(S())
    'FalkorDB (local)'
    """
    kind = {"falkordb": "FalkorDB", "neo4j": "Neo4j"}.get(getattr(store, "dialect", ""), "graph store")
    uri = str(getattr(store, "uri", "") or "")
    return f"{kind} (local)" if uri in ("", "local") or uri.startswith("local") else kind


def dataset_titles(info: dict[str, Any]) -> tuple[str, str]:
    """The dataset's zh/en titles from its ``dataset.yaml`` (path recorded by the build), else its name.

    >>> dataset_titles({"dataset": "mini", "path": "/nonexistent"})
    ('mini', 'mini')
    """
    name = str(info.get("dataset") or "haizhi-kg")
    path = info.get("path")
    if path:
        p = Path(path) / "dataset.yaml"
        try:
            doc = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            doc = {}
        if isinstance(doc, dict):
            return str(doc.get("title_zh") or name), str(doc.get("title_en") or name)
    return name, name


# -- charts ------------------------------------------------------------------------------------------------
UNKNOWN = "(unknown)"  # how queries.kpis names a missing district or country


def kpi_bars(kpis: Any, section: str, measure: str, by: str = "value", skip_zero: bool = True) -> list[Bar]:
    """Bars from the ``compute_kpis`` counts of one ``section``/``measure``: most first
    (``by="value"``) or in key order (``by="key"``); the unknown bucket last.

    >>> from types import SimpleNamespace as R
    >>> k = R(counts=[R(section="country", key="Japan", measure="orgs", value=1, name_zh="", name_en=""),
    ...               R(section="country", key="(unknown)", measure="orgs", value=2, name_zh="", name_en=""),
    ...               R(section="country", key="Chile", measure="orgs", value=3, name_zh="", name_en="")])
    >>> [(b.key, b.value) for b in kpi_bars(k, "country", "orgs")]
    [('Chile', 3), ('Japan', 1), ('(unknown)', 2)]
    """
    rows = [r for r in kpis.counts if r.section == section and r.measure == measure and (r.value or not skip_zero)]
    known = [r for r in rows if r.key != UNKNOWN]
    known.sort(key=(lambda r: (-r.value, r.key)) if by == "value" else (lambda r: r.key))
    bars = [Bar(r.key, r.name_zh or r.key, r.name_en or r.name_zh or r.key, r.value) for r in known]
    bars += [Bar(r.key, "未注明", "not stated", r.value) for r in rows if r.key == UNKNOWN]
    return bars


def talents_by_background(rows: list[dict[str, Any]]) -> list[Bar]:
    """Talents by background: overseas, returnee, not stated (the same person counts once: overseas first).

    >>> [b.value for b in talents_by_background([{"overseas": True, "returnee": True}, {"returnee": True}, {}])]
    [1, 1, 1]
    """
    c = Counter("overseas" if r.get("overseas") is True else "returnee" if r.get("returnee") is True else ""
                for r in rows)
    out = [Bar("overseas", "海外人才", "overseas", c["overseas"]), Bar("returnee", "海归人才", "returnee", c["returnee"]),
           Bar("", "未注明", "not stated", c[""])]
    return [b for b in out if b.value]


def build_charts(store: Any, kpis: Any, schema: Schema) -> list[Chart]:
    """The report's charts: stations by year and field, talents by background and field,
    overseas organisations by country, entities by label."""
    col = schema.colors()
    years = kpi_bars(kpis, "year", "stations_approved", by="key")
    undated = (kpis.value("label", "Station", "nodes") or 0) - sum(b.value for b in years)
    if undated > 0:
        years.append(Bar("", "年份未记录", "year not recorded", undated))
    labels = [b for b in kpi_bars(kpis, "label", "nodes", by="key") if b.key in schema.labels]
    order = list(schema.labels)
    labels.sort(key=lambda b: order.index(b.key))
    for b in labels:
        b.zh, b.en = schema.label(b.key).zh, schema.label(b.key).en
    charts = [
        Chart("stations-by-year", "工作站获批年份", "Stations by year approved", col["Station"], years),
        Chart("stations-by-field", "工作站所属领域", "Stations by field", col["Field"],
              kpi_bars(kpis, "field", "stations"),
              "工作站自身或其依托单位所属的领域；一个工作站可属多个领域",
              "the station's own field or its host organisation's; a station can be in several"),
        Chart("talents-by-background", "人才背景", "Talents by background", col["Talent"],
              talents_by_background(store.run(TALENTS))),
        Chart("talents-by-field", "人才所属领域", "Talents by field", col["Talent"], kpi_bars(kpis, "field", "talents")),
        Chart("overseas-orgs-by-country", "海外机构所在国家或地区", "Overseas organisations by country or region",
              col["Organization"], kpi_bars(kpis, "country", "overseas_organizations")),
        Chart("entities-by-label", "图中实体数量", "Entities in the graph", "#888888", labels,
              colors={b.key: col[b.key] for b in labels}),
    ]
    return charts


# -- the analyst's questions -------------------------------------------------------------------------------
def coverage(reported: Any, counted: Any) -> float | None:
    """``counted / reported`` when both are numbers and ``reported`` > 0."""
    if isinstance(reported, (int, float)) and isinstance(counted, (int, float)) and reported > 0:
        return counted / reported
    return None


def reported_lines(kpis: Any, g: Any) -> list[ReportedLine]:
    """Reported figures, those the graph counts first (otherwise in the KPI order)."""
    lines = [ReportedLine(r, [_named(g, m) for m in r.measures if m in g], coverage(r.reported, r.counted))
             for r in kpis.reported]
    return sorted(lines, key=lambda x: x.row.counted is None)


def collect_gaps(store: Any, years: int, as_of: int) -> list[GapGroup]:
    """Gap rows grouped by kind; a kind whose query fails says so instead of stopping the report."""
    from queries.gaps import GAP_KINDS, find_gaps

    out = []
    for kind in GAP_KINDS:
        zh, en, mzh, men = GAP_TITLES.get(kind, (kind, kind, "", ""))
        try:
            rows = find_gaps(store, years=years, as_of=as_of, kinds=[kind])
            err = ""
        except Exception as e:  # noqa: BLE001 - one failing question must not sink the whole report
            rows, err = [], f"{type(e).__name__}: {e}"
        out.append(GapGroup(kind, zh, en, mzh, men, rows, err))
    return out


def _named(g: Any, v: str) -> Named:
    a = g.nodes[v]
    return Named(v, a.get("label", ""), a.get("name_zh") or "", a.get("name_en") or "")


def collect_partners(g: Any, stations: list[str], top: int) -> list[PartnerBlock]:
    """Candidate partners of each station, ranked on one index over the projection ``g``."""
    from queries.partners import PartnerIndex

    index = PartnerIndex(g)
    out = []
    for s in stations:
        try:
            out.append(PartnerBlock(_named(g, s), index.rank(s, top=top)))
        except Exception as e:  # noqa: BLE001
            out.append(PartnerBlock(_named(g, s), [], f"{type(e).__name__}: {e}"))
    return out


def collect_paths(g: Any, partners: list[PartnerBlock], limit: int, max_hops: int) -> list[PathExample]:
    """Stations (in order) to their best candidate partner: the shortest collaboration path, or
    none. One example per candidate organisation, so the examples differ; at most ``limit``."""
    from queries.paths import paths_from_graph

    out: list[PathExample] = []
    seen: set[str] = set()
    for block in partners:
        if len(out) >= limit:
            break
        if not block.candidates or block.candidates[0].id in seen:
            continue
        c = block.candidates[0]
        seen.add(c.id)
        found = paths_from_graph(g, block.station.id, c.id, k=1, max_hops=max_hops)
        out.append(PathExample(block.station, _named(g, c.id), "该工作站排名第一的候选合作伙伴",
                               "the station's first candidate partner", found[0] if found else None, max_hops))
    return out


def collect_sources(store: Any) -> list[SourceInfo]:
    return [SourceInfo(r["id"], r.get("title") or r.get("name_zh") or r["id"], r.get("name_en") or "",
                       r.get("publisher") or "", r.get("author") or "", str(r.get("date") or ""), r.get("url") or "",
                       r.get("synthetic") is True) for r in store.run(SOURCES)]


def collect(store: Any, *, as_of: int | None = None, years: int = 3, top: int = 10, partners_top: int = 3,
            max_stations: int = 50, max_paths: int = 5, max_hops: int = 6, max_rows: int = 100,
            generated: dt.datetime | None = None) -> ReportData:
    """Run every question the report answers on ``store``.

    ``as_of``: the evaluation year of the gaps (default: this year); ``top``:
    connectors shown; ``partners_top``: candidates per station; ``max_stations``:
    stations given candidates (stations with a gap first); ``max_paths``: path examples (one per
    candidate organisation); ``max_rows``: rows listed per gap kind and scorecard table.

    The store is projected once (``queries.network.analysis_graph``); connectors, partners and
    paths run on that projection, as ``find_connectors``, ``rank_partners`` and ``find_paths`` do.

    >>> data = collect(store, as_of=2023)                        # doctest: +SKIP
    >>> data.connectors.top[0].name_zh, len(data.partners)        # doctest: +SKIP
    ('重庆市科协', 17)
    """
    from queries.connectors import connectors_from_graph
    from queries.kpis import compute_kpis
    from queries.network import analysis_graph, network_view

    schema = load_schema()
    generated = generated or dt.datetime.now().replace(microsecond=0)
    as_of = as_of if as_of is not None else generated.year
    info = store.build_info() if hasattr(store, "build_info") else {}
    title_zh, title_en = dataset_titles(info)
    stats = graph_stats(store)
    kpis = compute_kpis(store)
    gaps = collect_gaps(store, years, as_of)
    g = analysis_graph(store)
    stations = sorted((v for v, a in g.nodes(data=True) if a.get("label") == "Station"), key=str)
    with_gap = {r.id for grp in gaps for r in grp.rows if r.label == "Station"}
    chosen = sorted(stations, key=lambda s: (s not in with_gap, s))[:max_stations]
    chosen.sort()
    partners = collect_partners(g, chosen, partners_top)
    notes: list[tuple[str, str]] = []
    if len(stations) > len(chosen):
        notes.append((f"候选合作伙伴只列出 {len(chosen)} / {len(stations)} 个工作站（优先列出存在缺口的工作站）",
                      f"Candidate partners are listed for {len(chosen)} of {len(stations)} stations "
                      "(stations with a gap first)"))
    for grp in gaps:
        if grp.error:
            notes.append((f"缺口查询“{grp.title_zh}”失败：{grp.error}", f"The gap query '{grp.kind}' failed: {grp.error}"))
    return ReportData(
        title_zh=title_zh, title_en=title_en, dataset=str(info.get("dataset") or ""),
        built_at=str(info.get("built_at") or ""), generated=generated, store=store_name(store),
        as_of=as_of, years=years, stats=stats, kpis=kpis, reported=reported_lines(kpis, g), gaps=gaps,
        connectors=connectors_from_graph(network_view(g), top=top), partners=partners,
        partners_total=len(stations), paths=collect_paths(g, partners, max_paths, max_hops),
        charts=build_charts(store, kpis, schema), sources=collect_sources(store), notes=notes, max_rows=max_rows,
        graph=g)
