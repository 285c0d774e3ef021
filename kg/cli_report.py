"""``kg report``: the analyst's report, one offline HTML page with its maps beside it.

    kg report [-o DIR_OR_FILE] [--lang zh|en|both] [--as-of YEAR] [--years N] [--top N] [--no-maps]

``-o DIR`` writes ``DIR/report.html`` and ``DIR/report-maps/``; ``-o FILE.html``
writes that file and ``FILE-maps/`` beside it (default: ``out/``).

>>> import typer
>>> app = typer.Typer()
>>> register(app)
>>> [c.name for c in app.registered_commands]
['report']
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer

from kg.cli_common import DatabaseOpt, PasswordOpt, State, StoreOpt, UserOpt, fail, store_from

DEFAULT_OUT = Path("out")


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        out: Path = typer.Option(DEFAULT_OUT, "--out", "-o",
                                 help="Folder (report.html is written into it) or .html file"),
        lang: str = typer.Option("both", "--lang", "-l", help="Headings and labels: zh, en or both"),
        as_of: Optional[int] = typer.Option(None, "--as-of", help="Evaluation year of the gaps (default: this year)"),
        years: int = typer.Option(3, "--years", min=1, help="Recent window of the inactive-station gap, in years"),
        top: int = typer.Option(10, "--top", min=1, help="Key connectors listed"),
        partners_top: int = typer.Option(3, "--partners", min=1, help="Candidate partners per station"),
        maps: bool = typer.Option(True, "--maps/--no-maps", help="Write the network maps beside the report"),
        as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON"),
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Write the analyst's report: KPIs (reported vs counted), gaps, connectors, candidate partners,
        collaboration paths, charts, maps and sources; opens offline in any browser."""
        from kg.report import report_paths, write_report
        from kg.stores import NoGraphError, StoreError

        if lang not in ("zh", "en", "both"):
            fail(f"--lang must be zh, en or both, not {lang!r}")
        t0 = time.perf_counter()
        with store_from(store, user, password, database) as st:
            try:
                page = write_report(st, out, lang=lang, as_of=as_of, years=years, top=top,
                                    partners_top=partners_top, maps=maps)
            except (NoGraphError, StoreError) as e:
                fail(str(e))
            except OSError as e:
                if State.debug:
                    raise
                fail(f"cannot write the report to {out}: {e.strerror or e}")
        _page, maps_dir, _prefix = report_paths(out)
        written = sorted(maps_dir.glob("*.html")) if maps and maps_dir.is_dir() else []
        secs = time.perf_counter() - t0
        if as_json:
            print(json.dumps({"report": str(page), "maps": [str(p) for p in written], "bytes": page.stat().st_size,
                              "seconds": round(secs, 3)}, ensure_ascii=False))
            return
        extra = f" and {len(written)} maps in {maps_dir}" if written else ""
        print(f"wrote {page}{extra} in {secs:.1f} s (opens offline in any browser)")
