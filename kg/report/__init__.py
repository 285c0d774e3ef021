"""The analyst's report: one offline HTML page a manager can open from a USB
stick, with the maps written beside it.

``write_report(store, out)`` runs every question on the store
(:mod:`kg.report.collect`), writes the maps (:mod:`kg.report.maps`) and the
page (:mod:`kg.report.render`, charts from :mod:`kg.report.charts`).

``out`` is a folder (``report.html`` and ``report-maps/`` are written into
it) or an ``.html`` file (its maps go to ``<name>-maps/`` beside it).

>>> from kg.stores import open_store                                  # doctest: +SKIP
>>> with open_store("local") as st:                                   # doctest: +SKIP
...     write_report(st, "out", lang="both")
PosixPath('out/report.html')
"""

from __future__ import annotations

import sys

import datetime as dt
from pathlib import Path
from typing import Any

REPORT_NAME = "report.html"


def report_paths(out: str | Path) -> tuple[Path, Path, str]:
    """``(report file, maps folder, href prefix of the maps)`` for ``out``.

    >>> report_paths("out")
    (PosixPath('out/report.html'), PosixPath('out/report-maps'), 'report-maps/')
    >>> report_paths("reports/cq-2026.html")
    (PosixPath('reports/cq-2026.html'), PosixPath('reports/cq-2026-maps'), 'cq-2026-maps/')
    """
    p = Path(out)
    if p.suffix.lower() not in (".html", ".htm") or p.is_dir():
        p = p / REPORT_NAME
    maps = p.with_name(f"{p.stem}-maps")
    return p, maps, maps.name + "/"


def section_errors(data: Any) -> list[str]:
    """What went wrong while collecting (a failed gap query, a station whose partners failed ...)."""
    out = [f"gap query {g.kind} failed: {g.error}" for g in getattr(data, "gaps", []) if getattr(g, "error", "")]
    out += [f"partners of {b.station.id} failed: {b.error}" for b in getattr(data, "partners", [])
            if getattr(b, "error", "")]
    return out


def write_report(store: Any, out: str | Path, lang: str = "both", *, as_of: int | None = None, years: int = 3,
                 top: int = 10, partners_top: int = 3, max_stations: int = 50, max_paths: int = 5,
                 max_rows: int = 100, maps: bool = True, generated: dt.datetime | None = None) -> Path:
    """Write the report for the graph in ``store`` to ``out`` (folder or ``.html`` file); return the page's path.

    ``lang``: ``zh``, ``en`` or ``both`` (headings, labels and maps). ``as_of``:
    the evaluation year of the gaps (default: this year). ``top``: key
    connectors listed; ``partners_top``: candidates per station (for at most
    ``max_stations`` stations); ``max_paths``: path examples; ``max_rows``: rows
    listed per gap kind and in the scorecards (counts stay whole).
    ``maps=False`` writes the page only.
    """
    from kg.report.collect import collect
    from kg.report.maps import write_maps
    from kg.report.render import check_lang, render_report

    check_lang(lang)
    page, maps_dir, prefix = report_paths(out)
    data = collect(store, as_of=as_of, years=years, top=top, partners_top=partners_top, max_stations=max_stations,
                   max_paths=max_paths, max_rows=max_rows, generated=generated)
    links, notes = [], []
    if maps:
        links, notes = write_maps(store, maps_dir, prefix, lang, data, top=top)
    for problem in section_errors(data):  # the report is still written, but nobody is left unaware
        print(f"kg report: warning: {problem}", file=sys.stderr)
    text = render_report(data, links, lang=lang, map_notes=notes)
    page.parent.mkdir(parents=True, exist_ok=True)
    tmp = page.with_name(page.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(page)
    return page
