"""What every ``kg`` command shares: the store options, output formats, errors.

Command modules (``queries/cli.py``, ``visualize/cli.py`` ...) import from here
and expose ``register(app)``; :mod:`kg.cli` calls it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kg.stores import Store, StoreError, open_store

err_console = Console(stderr=True)
out_console = Console()


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


STORE_HELP = "Store: 'local' (FalkorDB on this machine, default), falkordb://HOST:PORT, neo4j://... or bolt://... [env KG_STORE]"

StoreOpt = typer.Option(None, "--store", "-s", help=STORE_HELP, envvar="KG_STORE")
UserOpt = typer.Option(None, "--user", help="Neo4j user [env NEO4J_USERNAME]", envvar="NEO4J_USERNAME")
PasswordOpt = typer.Option(None, "--password", help="Neo4j password [env NEO4J_PASSWORD]", envvar="NEO4J_PASSWORD")
DatabaseOpt = typer.Option(None, "--database", help="Neo4j database [env NEO4J_DATABASE]", envvar="NEO4J_DATABASE")
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format")


class State:
    debug = False


def fail(message: str, code: int = 1) -> None:
    """Print one clear line (no traceback) and exit non-zero."""
    one_line = " ".join(str(message).split())
    err_console.print("[bold red]error:[/] ", end="", markup=True, highlight=False)
    err_console.print(one_line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def load_dataset_or_fail(path: Any, code: int = 2, after: str = "; nothing was written") -> Any:
    """Read and validate a dataset folder; on errors print each (file, row, field)
    on its own line, then one summary line, and exit with ``code``."""
    from ingest.dataset import DatasetInvalid, load_dataset

    try:
        return load_dataset(path)
    except DatasetInvalid as e:
        dataset_invalid(e, path, code, after)


def dataset_invalid(e: Any, path: Any, code: int = 2, after: str = "; nothing was written") -> None:
    """Print a :class:`ingest.dataset.DatasetInvalid` as :func:`load_dataset_or_fail`
    does (each error on its own line, then one summary line) and exit with ``code``.

    >>> dataset_invalid(DatasetInvalid([Problem("nodes/Station.csv", 2, "id", "bad")]), "d")  # doctest: +SKIP
      nodes/Station.csv, row 2, field 'id': bad
    error: 1 error(s) in d; nothing was written
    """
    for p in e.problems:
        if p.severity == "error":
            err_console.print(f"  {p}", markup=False, highlight=False, soft_wrap=True)
    fail(f"{sum(p.severity == 'error' for p in e.problems)} error(s) in {path}{after}", code)


@contextmanager
def store_from(store: str | None, user: str | None = None, password: str | None = None,
               database: str | None = None) -> Iterator[Store]:
    """Open the store named on the command line, turning failures into one line."""
    try:
        st = open_store(store, user=user, password=password, database=database)
    except StoreError as e:
        if State.debug:
            raise
        fail(str(e))
    try:
        yield st
    finally:
        st.close()


def _plain_row(row: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return dataclasses.asdict(row)
    if isinstance(row, dict):
        return row
    raise TypeError(f"cannot print {type(row).__name__}")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


# Above this many rows a table is drawn as plain aligned text: rich's boxes take
# seconds for thousands of rows (9,064 gap rows: 3.7 s) and nobody reads them on screen.
PLAIN_TABLE_ROWS = 500


def plain_table(cells: list[list[str]], cols: list[str], title: str | None = None) -> str:
    """Rows as aligned text columns (wide characters counted as two), one line per row.

    >>> print(plain_table([["station:a", "甲站"], ["station:bb", "B"]], ["id", "name"]), end="")
    id          name
    ----------  ----
    station:a   甲站
    station:bb  B
    """
    from rich.cells import cell_len

    rows = [[c.replace("\n", " ") for c in r] for r in cells]
    widths = [max([cell_len(c)] + [cell_len(r[i]) for r in rows]) for i, c in enumerate(cols)]

    def line(vals: list[str]) -> str:
        parts = [v + " " * (w - cell_len(v)) for v, w in zip(vals, widths)]
        return "  ".join(parts).rstrip()

    out = [title] if title else []
    out += [line(cols), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + "\n"


def render(rows: list[Any], fmt: Format | str, title: str | None = None) -> str:
    """Rows (dicts or dataclasses) as a table, JSON (list of objects) or CSV text."""
    fmt = Format(fmt)
    plain = [_plain_row(r) for r in rows]
    if fmt is Format.json:
        return json.dumps(plain, ensure_ascii=False, indent=2, default=str)
    cols: list[str] = []
    for r in plain:
        for k in r:
            if k not in cols:
                cols.append(k)
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in plain:
            w.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    if len(plain) > PLAIN_TABLE_ROWS:
        return plain_table([[_cell(r.get(c)) for c in cols] for r in plain], cols, title)
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in plain:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    cons = Console(file=io.StringIO(), width=max(100, out_console.width), record=True)
    cons.print(table)
    return cons.export_text()


def emit(rows: list[Any], fmt: Format | str, title: str | None = None) -> None:
    text = render(rows, fmt, title)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
