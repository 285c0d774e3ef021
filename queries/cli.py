"""``kg query``: the analyst's questions on the command line.

    kg query gaps [--years 3] [--as-of YEAR] [--kind K ...]
    kg query connectors [--top 20] [--sample N] [--show top|articulation|bridges|brokerage|all]
    kg query paths A B [--k 3] [--max-hops 6] [--type T ...] [--avoid X ...]
    kg query partners STATION_OR_ORG [--top 10]
    kg query kpis [--section all|counts|stations|reported]

Every command takes ``--format table|json|csv`` and the store options. JSON is
a list of objects whose fields are those of the row dataclasses in
:mod:`queries`; with ``--show all`` / ``--section all`` each object also
carries ``section``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from typing import Any, Optional, TypeVar

import typer

from kg.cli_common import (
    DatabaseOpt,
    Format,
    FormatOpt,
    PasswordOpt,
    State,
    StoreOpt,
    UserOpt,
    emit,
    err_console,
    fail,
    store_from,
)
from kg.stores import StoreError

from .gaps import GAP_KINDS
from .resolve import AmbiguousEntity, EntityNotFound

T = TypeVar("T")

query_app = typer.Typer(
    name="query",
    help="The analyst's questions: partnership gaps, key connectors, collaboration paths, "
         "candidate overseas partners, programme KPIs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _answer(fn: Callable[[], T]) -> T:
    """Run a query; every failure a user can cause becomes one line (traceback with --debug)."""
    try:
        return fn()
    except (AmbiguousEntity, EntityNotFound, ValueError, StoreError) as e:
        if State.debug:
            raise
        fail(str(e))
    except Exception as e:  # engine errors
        if State.debug:
            raise
        fail(f"the query failed: {type(e).__name__}: {e}")
    raise AssertionError("unreachable")  # pragma: no cover


def _tagged(section: str, rows: list[Any]) -> list[dict[str, Any]]:
    return [{"section": section, **dataclasses.asdict(r)} for r in rows]


def _pick(rows: list[Any], cols: list[str]) -> list[dict[str, Any]]:
    return [{c: dataclasses.asdict(r)[c] for c in cols} for r in rows]


@query_app.command("gaps")
def gaps_cmd(years: int = typer.Option(3, "--years", "-y", help="Inactive: nothing recorded in the last N years"),
             as_of: Optional[int] = typer.Option(None, "--as-of", help="Evaluation year (default: this year)"),
             kind: list[str] = typer.Option([], "--kind", "-k", help=f"Only these gaps: {', '.join(GAP_KINDS)}"),
             store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
             database: Optional[str] = DatabaseOpt, format: Format = FormatOpt) -> None:
    """Partnership gaps: stations without overseas partners, uncovered fields, single points of
    failure, consulate-only countries, inactive stations."""
    from .gaps import find_gaps

    with store_from(store, user, password, database) as st:
        rows = _answer(lambda: find_gaps(st, years=years, as_of=as_of, kinds=kind or None))
    if format is Format.table:
        emit(_pick(rows, ["gap", "name_zh", "reason"]), format, title=f"{len(rows)} gap(s)")
    else:
        emit(rows, format)


SHOW = ("top", "articulation", "bridges", "brokerage", "all")


@query_app.command("connectors")
def connectors_cmd(top: int = typer.Option(20, "--top", "-n", help="Rows per list"),
                   sample: Optional[int] = typer.Option(
                       None, "--sample", help="Betweenness from N sampled sources (0: exact; default: exact up to "
                                              "5000 nodes, else 256)"),
                   engine: str = typer.Option("auto", "--engine", help="auto, networkx or igraph"),
                   seed: int = typer.Option(0, "--seed", help="Seed of the betweenness sample"),
                   show: str = typer.Option("top", "--show", help="top, articulation, bridges, brokerage or all"),
                   store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt,
                   password: Optional[str] = PasswordOpt, database: Optional[str] = DatabaseOpt,
                   format: Format = FormatOpt) -> None:
    """Key connectors: betweenness, articulation points, bridges, domestic/overseas brokerage."""
    from .connectors import find_connectors

    if show not in SHOW:
        fail(f"--show must be one of {', '.join(SHOW)}, not {show!r}")
    if top < 1:
        fail(f"--top must be at least 1, got {top}")
    with store_from(store, user, password, database) as st:
        res = _answer(lambda: find_connectors(st, top=top, sample=sample, engine=engine, seed=seed))
    sections = {
        "top": (res.top, ["rank", "name_zh", "betweenness", "cut_off", "reason"]),
        "articulation": (res.articulation, ["rank", "name_zh", "parts", "reason"]),
        "bridges": (res.bridges, ["rank", "cut_off", "reason"]),
        "brokerage": (res.brokerage, ["rank", "name_zh", "group", "gatekeeper", "representative", "liaison",
                                      "itinerant", "coordinator", "links"]),
    }
    head = (f"{res.method}; {res.nodes} nodes, {res.edges} ties; {res.articulation_total} articulation points, "
            f"{res.bridges_total} bridges")
    if format is not Format.table:
        err_console.print(head, markup=False, highlight=False, soft_wrap=True)
        if show == "all":
            emit([row for name, (rows, _) in sections.items() for row in _tagged(name, rows)], format)
        else:
            emit(sections[show][0], format)
        return
    for name in (SHOW[:-1] if show == "all" else (show,)):
        rows, cols = sections[name]
        emit(_pick(rows, cols), format, title=f"{name}: {head}")


@query_app.command("paths")
def paths_cmd(a: str = typer.Argument(..., help="From: id or (fuzzy, Chinese or English) name"),
              b: str = typer.Argument(..., help="To: id or name"),
              k: int = typer.Option(3, "--k", "-k", help="How many paths (shortest first)"),
              max_hops: int = typer.Option(6, "--max-hops", help="Longest path, in hops"),
              type_: list[str] = typer.Option([], "--type", "-t", help="Only these relationship types (repeatable)"),
              avoid: list[str] = typer.Option([], "--avoid", help="Entities the paths must not pass (repeatable)"),
              store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
              database: Optional[str] = DatabaseOpt, format: Format = FormatOpt) -> None:
    """Collaboration paths from A to B, each hop a sentence in Chinese and English with its evidence."""
    from .paths import find_paths

    from .resolve import resolve_entity

    with store_from(store, user, password, database) as st:
        ea, eb = _answer(lambda: (resolve_entity(st, a), resolve_entity(st, b)))
        err_console.print(f"from {ea} to {eb}", markup=False, highlight=False, soft_wrap=True)
        found = _answer(lambda: find_paths(st, ea.id, eb.id, k=k, max_hops=max_hops, types=type_ or None,
                                           avoid=avoid))
    if not found:
        err_console.print(f"no path from {a!r} to {b!r} within {max_hops} hops with these types and avoided "
                          "entities", markup=False, highlight=False, soft_wrap=True)
    if format is Format.json:
        sys.stdout.write(json.dumps([dataclasses.asdict(p) for p in found], ensure_ascii=False, indent=2) + "\n")
        return
    rows = [{"path": p.rank, "hops": p.length, "step": i, "sentence_zh": h.sentence_zh, "sentence_en": h.sentence_en,
             "type": h.type, "evidence": h.evidence, "source_id": h.source_id, "confidence": h.confidence}
            for p in found for i, h in enumerate(p.hops, 1)]
    if format is Format.table:
        rows = [{k2: r[k2] for k2 in ("path", "step", "sentence_zh", "sentence_en", "evidence")} for r in rows]
    if found or format is Format.csv:
        emit(rows, format, title=f"{len(found)} path(s)")


@query_app.command("partners")
def partners_cmd(entity: str = typer.Argument(..., help="A station or organisation: id or name"),
                 top: int = typer.Option(10, "--top", "-n", help="How many candidates"),
                 store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt,
                 password: Optional[str] = PasswordOpt, database: Optional[str] = DatabaseOpt,
                 format: Format = FormatOpt) -> None:
    """Candidate overseas partners not yet partnered, with score components and a reason."""
    from .partners import rank_partners

    if top < 1:
        fail(f"--top must be at least 1, got {top}")
    with store_from(store, user, password, database) as st:
        rows = _answer(lambda: rank_partners(st, entity, top=top))
    if format is Format.table:
        emit(_pick(rows, ["rank", "name_zh", "score", "field", "proximity", "introducers", "diversity", "reason"]),
             format, title=f"candidate partners for {entity}")
    else:
        emit(rows, format)


SECTIONS = ("all", "counts", "stations", "reported")


@query_app.command("kpis")
def kpis_cmd(section: str = typer.Option("all", "--section", help="all, counts, stations or reported"),
             store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
             database: Optional[str] = DatabaseOpt, format: Format = FormatOpt) -> None:
    """Programme KPIs: counts, station scorecards, and reported figures beside the graph's counts."""
    from .kpis import compute_kpis

    if section not in SECTIONS:
        fail(f"--section must be one of {', '.join(SECTIONS)}, not {section!r}")
    with store_from(store, user, password, database) as st:
        k = _answer(lambda: compute_kpis(st))
    parts = {"counts": k.counts, "stations": k.stations, "reported": k.reported}
    if format is not Format.table:
        if section == "all":
            emit([row for name, rows in parts.items() for row in _tagged(name, rows)], format)
        else:
            emit(parts[section], format)
        return
    cols = {"counts": ["section", "key", "measure", "value", "name_zh"],
            "stations": ["id", "name_zh", "approved_year", "district", "talents", "projects", "partners",
                         "overseas_partners", "events", "funding_cny"],
            "reported": ["key", "name_zh", "reported", "qualifier", "unit", "counted", "counted_as"]}
    titles = {"counts": "counted in the graph", "stations": "station scorecards",
              "reported": "reported (source) vs counted (graph)"}
    for name in (("reported", "stations", "counts") if section == "all" else (section,)):
        emit(_pick(parts[name], cols[name]), format, title=titles[name])


def register(app: typer.Typer) -> None:
    """Add ``kg query`` to the ``kg`` command."""
    app.add_typer(query_app, name="query")
