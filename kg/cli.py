"""The ``kg`` command.

    kg build [DATASET_DIR] [--store URI]     validate and load (default: bundled Chongqing data, local engine)
    kg stats [--format table|json]           node and relationship counts in the store
    kg cypher QUERY [--param K=V ...]        run a read query
    kg validate DATASET_DIR                  check a dataset folder without writing anything
    kg template DIR [--xlsx]                 empty spreadsheets for every label and type

Other command groups (query, map, export, report, extract, synth) are
registered by their own modules.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any, Optional

import typer

from kg.cli_common import (
    DatabaseOpt,
    Format,
    FormatOpt,
    PasswordOpt,
    State,
    StoreOpt,
    UserOpt,
    dataset_invalid,
    emit,
    err_console,
    fail,
    load_dataset_or_fail,
    store_from,
)
from kg.stores import NoGraphError, StoreError

app = typer.Typer(
    name="kg",
    help="haizhi-kg: the 海智 knowledge graph of overseas talents, organisations, workstations and projects.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# modules that add commands with register(app); missing ones are skipped
COMMAND_MODULES = (
    "queries.cli",
    "visualize.cli",
    "kg.cli_export",
    "kg.cli_report",
    "ingest.cli_extract",
    "kg.cli_synth",
)


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    State.debug = debug


def _dataset_path(dataset: Optional[Path]) -> Path:
    if dataset is not None:
        return dataset
    from kg.datasets import bundled_dataset

    return bundled_dataset("chongqing")


def _load(dataset: Path) -> Any:
    return load_dataset_or_fail(dataset)


@app.command()
def validate(dataset: Path = typer.Argument(..., help="Dataset folder"),
             shacl: bool = typer.Option(False, "--shacl", help="Also export to RDF and check the SHACL shapes "
                                        "generated from the schema (pyshacl)"),
             format: Format = FormatOpt) -> None:
    """Check a dataset folder against the schema; write nothing."""
    ds = _load(dataset)
    report = None
    if shacl:
        from kg.rdf.shacl import check_dataset

        report = check_dataset(ds)
    if format is Format.json:
        doc = {"valid": True, "nodes": ds.node_counts(), "relationships": ds.rel_counts(),
               "skipped": ds.skipped, "warnings": [str(w) for w in ds.warnings]}
        if report is not None:
            doc["shacl"] = {"conforms": report.conforms, "triples": report.triples,
                            "violations": [str(v) for v in report.violations]}
            doc["valid"] = report.conforms
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        if report is not None and not report.conforms:
            raise typer.Exit(1)
        return
    if report is not None:
        for line in report.lines():
            print(line)
        if not report.conforms:
            fail(f"{dataset}: {len(report.violations)} SHACL violation(s)")
    for w in ds.warnings:
        err_console.print(f"warning: {w}", markup=False, highlight=False, soft_wrap=True)
    n, r = sum(ds.node_counts().values()), sum(ds.rel_counts().values())
    print(f"{dataset}: valid; {n} nodes, {r} relationships"
          + (f"; {ds.skipped} review rows not accepted (skipped)" if ds.skipped else ""))


def _rows_estimate(path: Path) -> int | None:
    """Data rows in the dataset's CSV files (lines less headers; for the progress
    bar only), ``None`` when it has other kinds of table."""
    n = 0
    for sub in ("nodes", "relationships"):
        folder = path / sub
        for p in sorted(folder.iterdir()) if folder.is_dir() else []:
            if p.suffix.lower() == ".csv":
                n += max(p.read_bytes().count(b"\n") - 1, 0)
            elif p.suffix.lower() in (".xlsx", ".yaml", ".yml", ".json"):
                return None
    return n


@app.command()
def build(dataset: Optional[Path] = typer.Argument(None, help="Dataset folder (default: the bundled Chongqing dataset)"),
          store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
          database: Optional[str] = DatabaseOpt, batch_size: int = typer.Option(5000, help="Rows per transaction"),
          format: Format = FormatOpt, quiet: bool = typer.Option(False, "--quiet", "-q")) -> None:
    """Validate a dataset and load it into the store, all or nothing."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.dataset import DatasetInvalid
    from kg.build import build as do_build
    from kg.build import build_path
    from kg.stores import default_store_uri, store_kind

    path = _dataset_path(dataset)
    t0 = time.perf_counter()
    try:
        kind = store_kind(store or default_store_uri())
    except StoreError:
        kind = "unknown"  # store_from below says why in one line
    # FalkorDB (local or a server): validate and load overlapped (kg.build.build_path), the
    # new graph dropped if the dataset turns out invalid. Neo4j: validate first, then load.
    overlapped = kind in ("local", "falkordb") and path.is_dir()
    ds = None
    if overlapped:
        total = _rows_estimate(path) if not quiet and sys.stderr.isatty() else None
    else:
        ds = _load(path)
        for w in ds.warnings:
            err_console.print(f"warning: {w}", markup=False, highlight=False, soft_wrap=True)
        total = sum(ds.node_counts().values()) + sum(ds.rel_counts().values())
    with store_from(store, user, password, database) as st:
        show = not quiet and (total or 0) >= 20000 and sys.stderr.isatty()
        invalid = None
        with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, disable=not show) as bar:
            task = bar.add_task("load", total=total)
            try:
                if ds is None:
                    result, ds = build_path(path, st, batch_size=batch_size, progress=lambda n: bar.advance(task, n))
                else:
                    result = do_build(ds, st, batch_size=batch_size, progress=lambda n: bar.advance(task, n))
            except DatasetInvalid as e:  # found while loading: the new graph was dropped
                invalid = e
            except StoreError as e:
                if State.debug:
                    raise
                fail(f"build failed, the previous graph is unchanged: {e}")
            except Exception as e:  # engine errors (e.g. constraint violations)
                if State.debug:
                    raise
                fail(f"build failed, the previous graph is unchanged: {type(e).__name__}: {e}")
        if invalid is not None:
            dataset_invalid(invalid, path)
        if overlapped:
            for w in ds.warnings:
                err_console.print(f"warning: {w}", markup=False, highlight=False, soft_wrap=True)
        elapsed = time.perf_counter() - t0
        if format is Format.json:
            print(json.dumps({"dataset": result.dataset, "store": st.uri, "nodes": result.nodes,
                              "relationships": result.relationships, "skipped": result.skipped,
                              "seconds": round(elapsed, 3)}, ensure_ascii=False, indent=2))
            return
        if not quiet:
            rows = [{"kind": "node", "name": k, "count": v} for k, v in result.nodes.items()]
            rows += [{"kind": "relationship", "name": k, "count": v} for k, v in result.relationships.items()]
            emit(rows, format, title=f"built {result.dataset} into {st.uri}")
        print(f"built {result.dataset}: {sum(result.nodes.values())} nodes, "
              f"{sum(result.relationships.values())} relationships in {elapsed:.1f} s ({st.uri})")


@app.command()
def stats(store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
          database: Optional[str] = DatabaseOpt, format: Format = FormatOpt) -> None:
    """Node counts per label and relationship counts per type, counted in the store."""
    from kg.build import graph_stats

    with store_from(store, user, password, database) as st:
        try:
            s = graph_stats(st)
        except NoGraphError as e:
            fail(str(e))
        if format is Format.json:
            print(json.dumps(s, ensure_ascii=False, indent=2))
            return
        rows = [{"kind": "node", "name": k, "count": v} for k, v in s["nodes"].items()]
        rows += [{"kind": "relationship", "name": k, "count": v} for k, v in s["relationships"].items()]
        emit(rows, format)


def parse_param(text: str) -> tuple[str, Any]:
    """``NAME=VALUE``; the value is read as JSON when it parses, else as a string.

    >>> parse_param("year=2022"), parse_param("name=重庆"), parse_param('ids=["a","b"]')
    (('year', 2022), ('name', '重庆'), ('ids', ['a', 'b']))
    """
    if "=" not in text:
        raise typer.BadParameter(f"expected NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    try:
        return name.strip(), json.loads(value)
    except json.JSONDecodeError:
        return name.strip(), value


READ_ONLY_BLOCK = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD CSV", "CALL DB.IDX")


@app.command()
def cypher(query: str = typer.Argument(..., help="A read-only Cypher query"),
           param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE (JSON or text); repeatable"),
           store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
           database: Optional[str] = DatabaseOpt, format: Format = FormatOpt) -> None:
    """Run a read query on the current graph (writes are refused: use kg build)."""
    import re

    upper = re.sub(r"'[^']*'|\"[^\"]*\"", "''", query).upper()
    for word in READ_ONLY_BLOCK:
        if re.search(r"\b" + word.replace(" ", r"\s+") + r"\b", upper):
            fail(f"kg cypher runs read queries only ({word} found); change the data with kg build")
    params = dict(parse_param(p) for p in param)
    with store_from(store, user, password, database) as st:
        try:
            rows = st.run(query, params)
        except NoGraphError as e:
            fail(str(e))
        except StoreError as e:
            fail(str(e))
        except Exception as e:
            if State.debug:
                raise
            fail(f"the query failed: {e}")
        emit(rows, format)


@app.command()
def template(folder: Path = typer.Argument(..., help="Folder to create"),
             xlsx: bool = typer.Option(False, "--xlsx", help="Write .xlsx workbooks instead of CSV")) -> None:
    """Write empty spreadsheets (one per label and relationship type) for a new dataset."""
    from ingest.template import write_templates

    files = write_templates(folder, xlsx=xlsx)
    print(f"wrote {len(files)} files under {folder}")


@app.command()
def demo(out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for report.html and map.html"),
         dataset: Optional[Path] = typer.Option(None, "--dataset", help="Dataset folder (default: bundled Chongqing)"),
         store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
         database: Optional[str] = DatabaseOpt,
         lang: str = typer.Option("both", "--lang", help="zh, en or both")) -> None:
    """The main job: build the dataset, then write the report and the network map."""
    from kg.build import build as do_build
    from kg.report import write_report
    from visualize.maps import whole_map
    from visualize.page import write_page
    from visualize.render import load_graph, render_map

    path = _dataset_path(dataset)
    ds = _load(path)
    out.mkdir(parents=True, exist_ok=True)
    with store_from(store, user, password, database) as st:
        try:
            res = do_build(ds, st)
        except StoreError as e:
            fail(f"build failed, the previous graph is unchanged: {e}")
        print(f"built {res.dataset}: {sum(res.nodes.values())} nodes, {sum(res.relationships.values())} "
              f"relationships ({st.uri})")
        g, sources = load_graph(st)
        map_path = write_page(out / "map.html", render_map(whole_map(g), lang=lang, sources=sources))
        print(f"map:    {map_path}")
        report_path = write_report(st, out / "report.html", lang=lang)
        print(f"report: {report_path}")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name or (e.name and name.startswith(e.name + ".")):
                continue
            raise
        mod.register(app)


_register_all()


def run() -> None:  # console entry point
    import faulthandler

    faulthandler.enable()  # a hung or crashed command can be made to show where it is (SIGABRT)
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise SystemExit(130)


if __name__ == "__main__":  # pragma: no cover
    run()
