"""Partnership gaps: where the programme lacks an overseas tie.

Each gap is a Cypher pattern (``queries/cypher/gaps_*.cypher``) run on the
configured store; every row says which gap, which entity, what is missing and
the counts behind it.

========================== ==========================================================
gap                        entity: why
========================== ==========================================================
station_no_overseas_partner a Station with no PARTNERS_WITH to an overseas Organization
field_no_overseas          a Field with stations but no overseas organisation/talent in it
single_station_org         an overseas Organization that only one station is related to
consulate_only_country     a country with a consulate tie but no partner and no project
inactive_station           a Station with no talent, project or partner recorded in the
                           last ``years`` years (``as_of - years + 1`` .. ``as_of``)
========================== ==========================================================

A record's year is its own (``since``/``year``), else the project's year, else
the year of the source that records it.

>>> from kg.stores import open_store                                   # doctest: +SKIP
>>> [(r.gap, r.id) for r in find_gaps(open_store(), years=3, as_of=2025)][:2]   # doctest: +SKIP
[('station_no_overseas_partner', 'station:gamma'), ('field_no_overseas', 'field:aviation')]
"""

from __future__ import annotations

import datetime
import os
import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kg.cypher_files import cypher

GAP_KINDS = (
    "station_no_overseas_partner",
    "field_no_overseas",
    "single_station_org",
    "consulate_only_country",
    "inactive_station",
)
RECORD_KINDS = ("talent", "project", "partner")


@dataclass
class GapRow:
    gap: str
    id: str
    label: str
    name_zh: str
    name_en: str
    missing: str
    counts: dict[str, Any]
    related: list[str]
    reason: str
    reason_zh: str


def check_kinds(kinds: Iterable[str] | None) -> list[str]:
    """The gap kinds asked for, checked (all when ``None``).

    >>> check_kinds(["inactive_station"])
    ['inactive_station']
    >>> check_kinds(["nope"])
    Traceback (most recent call last):
    ...
    ValueError: unknown gap kind 'nope'; use one of station_no_overseas_partner, field_no_overseas, single_station_org, consulate_only_country, inactive_station
    """
    if kinds is None:
        return list(GAP_KINDS)
    out = []
    for k in kinds:
        if k not in GAP_KINDS:
            raise ValueError(f"unknown gap kind {k!r}; use one of {', '.join(GAP_KINDS)}")
        out.append(k)
    return out


def find_gaps(store: Any, years: int = 3, as_of: int | None = None,
              kinds: Iterable[str] | None = None) -> list[GapRow]:
    """Every gap row of the asked ``kinds`` (all by default, in :data:`GAP_KINDS` order), kind by kind, then by id.

    ``inactive_station`` looks at the ``years`` years up to ``as_of`` (default: this year).

    >>> [r.id for r in find_gaps(store, years=1, as_of=2024, kinds=["inactive_station"])]  # doctest: +SKIP
    ['station:host-a', 'station:host-b']
    """
    if years < 1:
        raise ValueError(f"years must be at least 1, got {years}")
    as_of = as_of if as_of is not None else datetime.date.today().year
    asked = check_kinds(kinds)
    if len(asked) == 1 or not getattr(store, "parallel_reads", False):
        return [row for k in asked for row in _gap_rows(store, k, years, as_of)]
    # The kinds are independent read queries: on a store that takes parallel reads they run at once,
    # the slowest first, so that the engine works on two while this process decodes the rows of
    # another. The threads are kept (the store keeps a connection per thread).
    futures = {k: _pool().submit(_gap_rows, store, k, years, as_of) for k in sorted(asked, key=_SLOWEST_FIRST.index)}
    return [row for k in asked for row in futures[k].result()]


# Measured at 100k nodes (bench/bench_gaps.py): inactive_station takes most of the time.
_SLOWEST_FIRST = ("inactive_station", "single_station_org", "consulate_only_country",
                  "station_no_overseas_partner", "field_no_overseas")
_PARALLEL = 3
_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=_PARALLEL, thread_name_prefix="kg-gaps")
        return _POOL


def _forget_pool() -> None:
    # a forked child has none of the pool's threads: it makes its own pool when it needs one
    global _POOL, _POOL_LOCK
    _POOL, _POOL_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


def _gap_rows(store: Any, kind: str, years: int, as_of: int) -> list[GapRow]:
    if kind == "inactive_station":
        params = {"first": as_of - years + 1, "as_of": as_of}
        return _inactive_rows(_read(store, cypher("gaps_inactive_station"), params), years, as_of)
    return _ROWS[kind](_read(store, cypher(f"gaps_{kind}")))


def _read(store: Any, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a read query, read as columns (``Store.run_columns``: the local engine's reply is
    decoded by the store itself, several times faster than :meth:`Store.run` for thousands of rows).

    >>> class Rows:
    ...     def run_columns(self, query, params=None):
    ...         return {"id": ["a", "b"], "n": [1, 2]}
    >>> _read(Rows(), "RETURN 1")
    [{'id': 'a', 'n': 1}, {'id': 'b', 'n': 2}]
    """
    cols = store.run_columns(query, params)
    return [dict(zip(cols, values)) for values in zip(*cols.values())]


def _station_rows(rows: list[dict[str, Any]]) -> list[GapRow]:
    out = []
    for r in rows:
        hp = r["host_overseas_partners"]
        extra = f"; its host has {len(hp)} overseas partner(s)" if hp else ""
        extra_zh = f"；其依托单位有{len(hp)}个海外合作伙伴" if hp else ""
        out.append(GapRow(
            gap="station_no_overseas_partner", id=r["id"], label="Station", name_zh=r["name_zh"] or "",
            name_en=r["name_en"] or "", missing="PARTNERS_WITH an overseas Organization",
            counts={"overseas_partners": 0, "partners": r["partners"], "host_overseas_partners": len(hp)},
            related=sorted(r["hosts"]) + sorted(hp),
            reason=f"no overseas partner ({r['partners']} partner(s) in all){extra}",
            reason_zh=f"无海外合作伙伴（共{r['partners']}个合作伙伴）{extra_zh}"))
    return out


def _field_rows(rows: list[dict[str, Any]]) -> list[GapRow]:
    out = []
    for r in rows:
        st = sorted(r["stations"])
        sop = sorted(r["station_overseas_partners"])
        extra = (f"; its stations have {len(sop)} overseas partner(s) outside the field or of unrecorded field"
                 if sop else "")
        extra_zh = f"；这些工作站另有{len(sop)}个海外合作伙伴（不在该领域或领域未记录）" if sop else ""
        out.append(GapRow(
            gap="field_no_overseas", id=r["id"], label="Field", name_zh=r["name_zh"] or "",
            name_en=r["name_en"] or "", missing="IN_FIELD from an overseas Organization or Talent",
            counts={"stations": len(st), "overseas_organizations": 0, "overseas_talents": 0,
                    "organizations": r["organizations"], "talents": r["talents"],
                    "station_overseas_partners": len(sop)},
            related=st + sop,
            reason=(f"{len(st)} station(s) in the field but no overseas organisation or talent "
                    f"({r['organizations']} domestic organisation(s), {r['talents']} talent(s)){extra}"),
            reason_zh=f"该领域有{len(st)}个工作站，但没有海外机构或海外人才{extra_zh}"))
    return out


def _single_rows(rows: list[dict[str, Any]]) -> list[GapRow]:
    out = []
    for r in rows:
        types = ", ".join(sorted(r["types"]))
        st_zh, st_en = r["station_zh"] or r["station"], r["station_en"] or r["station"]
        out.append(GapRow(
            gap="single_station_org", id=r["id"], label="Organization", name_zh=r["name_zh"] or "",
            name_en=r["name_en"] or "", missing="a second station related to it",
            counts={"stations": 1},
            related=[r["station"]],
            reason=f"only {st_en} is related to it ({types}): a single point of failure",
            reason_zh=f"仅{st_zh}与其有联系（{types}），存在单点风险"))
    return out


def _country_rows(rows: list[dict[str, Any]]) -> list[GapRow]:
    out = []
    for r in rows:
        orgs = sorted(r["organizations"])
        zh = "、".join(sorted(r["names_zh"])) or r["country"]
        related = list(dict.fromkeys(sorted(r["consulates"]) + sorted(r["tied"]) + orgs))
        out.append(GapRow(
            gap="consulate_only_country", id=r["country"], label="Country", name_zh=zh,
            name_en=r["country"], missing="a partner or project from this country",
            counts={"consulates": len(r["consulates"]), "consulate_ties": r["ties"], "partners": 0,
                    "projects": 0, "organizations": len(orgs)},
            related=related,
            reason=(f"{len(r['consulates'])} consulate(s) with {r['ties']} tie(s), but no partner and no project "
                    f"from {r['country']} ({len(orgs)} organisation(s) of it in the graph)"),
            reason_zh=f"有{len(r['consulates'])}个领事馆联系（{r['ties']}条关系），但没有来自{zh}的合作伙伴或项目"))
    return out


_ROWS = {
    "station_no_overseas_partner": _station_rows,
    "field_no_overseas": _field_rows,
    "single_station_org": _single_rows,
    "consulate_only_country": _country_rows,
}


def _inactive_rows(rows: list[dict[str, Any]], years: int, as_of: int) -> list[GapRow]:
    """Gap rows from ``gaps_inactive_station.cypher`` (aggregated in the engine, one row per inactive station).

    >>> rows = [{"id": "station:a", "name_zh": "甲", "name_en": "A", "approved_year": 2018,
    ...          "talents": ["talent:x"], "projects": [], "partners": [], "undated": 0.0, "latest": 2019}]
    >>> [(r.id, r.counts["talent"], r.counts["latest_year"], r.related) for r in _inactive_rows(rows, 3, 2025)]
    [('station:a', 1, 2019, ['talent:x'])]
    """
    out = []
    for r in rows:
        found = {"talent": set(r["talents"]), "project": set(r["projects"]), "partner": set(r["partners"])}
        latest = int(r["latest"]) if r["latest"] is not None else None
        out.append(_inactive_gap(r, found, int(r["undated"] or 0), latest, years, as_of))
    return out


def _inactive_gap(station: dict[str, Any], found: dict[str, set[str]], undated: int, latest: int | None,
                  years: int, as_of: int) -> GapRow:
    first = as_of - years + 1
    counts: dict[str, Any] = {k: len(found[k]) for k in RECORD_KINDS}
    counts.update({"recent": 0, "undated": undated, "latest_year": latest,
                   "approved_year": station.get("approved_year")})
    have = ", ".join(f"{counts[k]} {k}(s)" for k in RECORD_KINDS)
    last = f"latest record {latest}" if latest is not None else "no dated record"
    window = f"{first}-{as_of}" if first != as_of else str(as_of)
    return GapRow(
        gap="inactive_station", id=station["id"], label="Station", name_zh=station.get("name_zh") or "",
        name_en=station.get("name_en") or "", missing=f"a talent, project or partner recorded in {window}",
        counts=counts, related=sorted(set().union(*found.values())),
        reason=f"nothing recorded in {window} ({have}; {last})",
        reason_zh=(f"{window}年间无人才、项目或合作伙伴记录（人才{counts['talent']}、项目{counts['project']}、"
                   f"合作伙伴{counts['partner']}；" + (f"最近记录{latest}年）" if latest is not None
                                                     else "无带日期记录）")))


def inactive_stations(records: list[dict[str, Any]], years: int, as_of: int) -> list[GapRow]:
    """Stations with no talent, project or partner dated in ``as_of - years + 1`` .. ``as_of``, from
    one record per row: the reference that ``find_gaps`` (which aggregates in the engine with
    ``gaps_inactive_station.cypher``) is tested against.

    ``records`` are rows of ``gaps_station_records.cypher``.

    >>> recs = [{"id": "station:a", "name_zh": "甲", "name_en": "A", "approved_year": 2018,
    ...          "kind": "talent", "other": "talent:x", "year": 2019},
    ...         {"id": "station:b", "name_zh": "乙", "name_en": "B", "approved_year": 2020,
    ...          "kind": "partner", "other": "org:y", "year": 2024}]
    >>> [(r.id, r.counts["talent"], r.counts["latest_year"]) for r in inactive_stations(recs, 3, 2025)]
    [('station:a', 1, 2019)]
    """
    first = as_of - years + 1
    stations: dict[str, dict[str, Any]] = {}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: {k: set() for k in RECORD_KINDS})
    recent: dict[str, int] = defaultdict(int)
    latest: dict[str, int | None] = {}
    undated: dict[str, int] = defaultdict(int)
    for r in records:
        sid = r["id"]
        stations.setdefault(sid, r)
        latest.setdefault(sid, None)
        kind, year = r.get("kind"), r.get("year")
        if kind is None:
            continue
        found[sid][kind].add(r["other"])
        if year is None:
            undated[sid] += 1
            continue
        year = int(year)
        if year <= as_of:
            cur = latest[sid]
            latest[sid] = year if cur is None else max(cur, year)
        if first <= year <= as_of:
            recent[sid] += 1
    return [_inactive_gap(stations[sid], found[sid], undated[sid], latest[sid], years, as_of)
            for sid in sorted(stations) if not recent[sid]]
