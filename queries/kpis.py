"""Programme KPIs: what the graph counts (by label, year, field, district,
country; funding; one scorecard per station), and the programme's reported
figures (Metric nodes) shown beside the graph's own count of the same thing,
labelled *reported* and *counted*.

A reported figure is compared with a count when its key is one the graph can
count (:data:`COUNTED_AS`, plus ``stations_approved_YYYY``); otherwise
``counted`` is empty and ``counted_as`` says there is nothing to compare.

>>> counted_for("stations_approved_2021", {"labels": {}, "years": {("stations_approved", 2021): 1}, "extra": {},
...                                        "funding": {}, "countries": {}})
(1, 'Station nodes with approved_year 2021')
>>> counted_for("offshore_base_returnees_total", {})
(None, 'not counted: the graph has no matching entities')
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kg.cypher_files import cypher
from kg.schema import load_schema


@dataclass
class KpiRow:
    section: str  # label | year | field | district | country | funding
    key: str
    measure: str
    value: float | int
    name_zh: str = ""
    name_en: str = ""


@dataclass
class StationScorecard:
    id: str
    name_zh: str
    name_en: str
    approved_year: int | None
    state: str | None
    district: str | None
    hosts: list[str]
    talents: int
    projects: int
    partners: int
    overseas_partners: int
    events: int
    funding_cny: float


@dataclass
class ReportedRow:
    id: str
    key: str
    name_zh: str
    name_en: str
    reported: float
    unit: str
    qualifier: str
    counted: float | int | None
    counted_as: str
    measures: list[str]
    source_id: str
    as_of: str | None = None


@dataclass
class Kpis:
    counts: list[KpiRow] = field(default_factory=list)
    stations: list[StationScorecard] = field(default_factory=list)
    reported: list[ReportedRow] = field(default_factory=list)

    def value(self, section: str, key: str, measure: str) -> float | int | None:
        """One count, e.g. ``kpis.value("label", "Station", "nodes")``."""
        for r in self.counts:
            if (r.section, r.key, r.measure) == (section, key, measure):
                return r.value
        return None


def _sum(d: dict[Any, Any], *keys: Any) -> Any:
    return sum(d.get(k, 0) for k in keys)


# reported key -> (what the graph counts, how to read it from the counts)
COUNTED_AS: dict[str, tuple[str, Any]] = {
    "stations_total": ("Station nodes", lambda c: c["labels"].get("Station", 0)),
    "overseas_talents_total": ("overseas or returnee Talent nodes",
                               lambda c: sum(v for (m, _), v in c["countries"].items() if m == "overseas_talents")),
    "overseas_partner_organisations": ("overseas organisations partnering with a station or domestic organisation",
                                       lambda c: c["extra"].get("overseas_partner_organisations", 0)),
    "overseas_projects_total": ("Project nodes", lambda c: c["labels"].get("Project", 0)),
    "overseas_projects_amount_cny": ("sum of Project.amount_cny",
                                     lambda c: c["funding"].get(("project_amounts", "Project"), 0)),
    "station_funding_disbursed_cny": ("sum of FUNDED.amount_cny to stations",
                                      lambda c: c["funding"].get(("funded", "Station"), 0)),
    "station_heads_recognised": ("talents heading a station", lambda c: c["extra"].get("station_heads", 0)),
}
_APPROVED = re.compile(r"^stations_approved_(\d{4})$")


def counted_for(key: str, counts: dict[str, Any]) -> tuple[float | int | None, str]:
    """The graph's count for a reported figure's ``key`` and what it counts."""
    m = _APPROVED.match(key or "")
    if m:
        year = int(m.group(1))
        return counts["years"].get(("stations_approved", year), 0), f"Station nodes with approved_year {year}"
    if key in COUNTED_AS:
        what, fn = COUNTED_AS[key]
        return fn(counts), what
    return None, "not counted: the graph has no matching entities"


def compute_kpis(store: Any) -> Kpis:
    """Counts, station scorecards and reported-vs-counted figures of the graph in ``store``.

    >>> k = compute_kpis(store)                                   # doctest: +SKIP
    >>> k.value("label", "Station", "nodes"), k.reported[0].reported, k.reported[0].counted   # doctest: +SKIP
    (3, 402.0, 1)
    """
    schema = load_schema()
    out = Kpis()
    labels = {r["label"]: r["n"] for r in store.run(cypher("stats_nodes")) if r["label"] in schema.labels}
    for lab in schema.labels:
        spec = schema.label(lab)
        out.counts.append(KpiRow("label", lab, "nodes", labels.get(lab, 0), spec.zh, spec.en))

    years: dict[tuple[str, int], int] = {}
    for r in store.run(cypher("kpis_years")):
        if r["year"] is not None:
            years[(r["measure"], int(r["year"]))] = years.get((r["measure"], int(r["year"])), 0) + r["n"]
    for (measure, year), n in sorted(years.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.counts.append(KpiRow("year", str(year), measure, n))

    for r in store.run(cypher("kpis_fields")):
        for measure in ("stations", "organizations", "overseas_organizations", "talents", "projects"):
            out.counts.append(KpiRow("field", r["id"], measure, r[measure], r["name_zh"] or "", r["name_en"] or ""))

    for r in store.run(cypher("kpis_districts")):
        out.counts.append(KpiRow("district", r["district"] or "(unknown)", "stations", r["stations"]))

    countries: dict[tuple[str, str], int] = defaultdict(int)
    for r in store.run(cypher("kpis_countries")):
        countries[(r["measure"], r["country"] or "(unknown)")] += r["n"]
    for (measure, country), n in sorted(countries.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.counts.append(KpiRow("country", country, measure, n))

    funding: dict[tuple[str, str], float] = defaultdict(float)
    for r in store.run(cypher("kpis_funding")):
        funding[(r["measure"], r["label"])] += r["total"] or 0
    for (measure, label), total in sorted(funding.items()):
        out.counts.append(KpiRow("funding", label, f"{measure}_cny", total))

    for r in store.run(cypher("kpis_station_scorecards")):
        out.stations.append(StationScorecard(
            id=r["id"], name_zh=r["name_zh"] or "", name_en=r["name_en"] or "", approved_year=r["approved_year"],
            state=r["state"], district=r["district"], hosts=sorted(r["hosts"]), talents=r["talents"],
            projects=r["projects"], partners=r["partners"], overseas_partners=r["overseas_partners"],
            events=r["events"], funding_cny=float(r["funding_cny"] or 0)))

    extra = {r["key"]: r["value"] for r in store.run(cypher("kpis_counted"))}
    counts = {"labels": labels, "years": years, "countries": countries, "funding": funding, "extra": extra}
    for r in store.run(cypher("kpis_metrics")):
        counted, what = counted_for(r["key"], counts)
        out.reported.append(ReportedRow(
            id=r["id"], key=r["key"], name_zh=r["name_zh"] or "", name_en=r["name_en"] or "",
            reported=r["value"], unit=r["unit"] or "", qualifier=r["qualifier"] or "", counted=counted,
            counted_as=what, measures=sorted(r["measures"]), source_id=r["source_id"] or "",
            as_of=r["as_of"]))
    return out
