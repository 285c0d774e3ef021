"""``kg export``, ``kg import rdf`` and ``kg shacl``.

    kg export rdf|jsonld|nt -o FILE          the whole graph as RDF (Turtle, JSON-LD, N-Triples)
    kg export graphml|gexf|json -o FILE      graph files for Gephi, Cytoscape, networkx
    kg export shapes -o FILE                 the SHACL shapes generated from the schema (Turtle)
    kg import rdf FILE -o DATASET_DIR        an RDF export back into a dataset folder
    kg shacl [FILE|DATASET_DIR]              validate RDF (default: the store's export) with the shapes

``export`` reads the store (``--store``), or a dataset folder with ``--dataset``.

>>> sorted(EXPORT_FORMATS)[:4]
['gexf', 'graphml', 'json', 'jsonld']
"""

from __future__ import annotations

import json
import sys
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
    err_console,
    load_dataset_or_fail,
    fail,
    store_from,
)

RDF_FORMATS = ("rdf", "turtle", "ttl", "jsonld", "nt")
GRAPH_FORMATS = ("graphml", "gexf", "json")
EXPORT_FORMATS = (*RDF_FORMATS, *GRAPH_FORMATS, "shapes")

DatasetOpt = typer.Option(None, "--dataset", "-d",
                          help="Export this dataset folder instead of the store (no store needed)")


def _say(msg: str) -> None:
    err_console.print(msg, markup=False, highlight=False, soft_wrap=True)


def _load_dataset(path: Path) -> Any:
    return load_dataset_or_fail(path, code=1, after="")


def export_graph(dataset: Path | None, store: str | None, user: str | None, password: str | None,
                 database: str | None, network_only: bool = False) -> Any:
    """The graph to export, from a dataset folder or the store (errors → one line)."""
    from kg.projection import NON_NETWORK_LABELS
    from kg.rdf.graph_source import graph_from_dataset, graph_from_store
    from kg.stores import StoreError

    if dataset is not None:
        g = graph_from_dataset(_load_dataset(dataset))
    else:
        with store_from(store, user, password, database) as st:
            try:
                g = graph_from_store(st)
            except StoreError as e:
                if State.debug:
                    raise
                fail(str(e))
    if network_only:
        g.remove_nodes_from([n for n, d in list(g.nodes(data=True)) if d.get("label") in NON_NETWORK_LABELS])
    return g


def _write(text: str, output: Path) -> None:
    if str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"cannot write {output}: {e.strerror or e}")


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        fmt: str = typer.Argument(..., metavar="FORMAT",
                                  help="rdf (Turtle), jsonld, nt, graphml, gexf, json, or shapes (SHACL)"),
        output: Path = typer.Option(..., "--output", "-o", help="File to write ('-' for standard output)"),
        dataset: Optional[Path] = DatasetOpt,
        network_only: bool = typer.Option(False, "--network-only",
                                          help="graphml/gexf/json: leave out Source and Metric nodes"),
        vocabulary: bool = typer.Option(True, "--vocabulary/--no-vocabulary",
                                        help="RDF: include the project's class and property descriptions"),
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Write the whole graph as RDF (Turtle, JSON-LD, N-Triples) or as a graph file
        (GraphML, GEXF, node-link JSON); 'shapes' writes the SHACL shapes."""
        fmt = fmt.lower()
        if fmt not in EXPORT_FORMATS:
            fail(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if fmt == "shapes":
            from kg.rdf.shacl import shapes_graph

            shapes = shapes_graph()
            _write(shapes.serialize(format="turtle", encoding=None), output)
            _say(f"wrote the SHACL shapes ({len(shapes)} triples) to {output}")
            return
        if fmt in RDF_FORMATS and network_only:
            fail("--network-only applies to graph files; RDF exports always hold the whole graph")
        g = export_graph(dataset, store, user, password, database, network_only=network_only)
        if fmt in RDF_FORMATS:
            from kg.rdf.export import ExportError, graph_to_rdf, serialize

            try:
                rdf = graph_to_rdf(g, vocabulary=vocabulary)
            except ExportError as e:
                fail(str(e))
            _write(serialize(rdf, fmt), output)
            _say(f"wrote {len(rdf)} triples ({g.number_of_nodes()} nodes, {g.number_of_edges()} relationships) "
                 f"to {output}")
            return
        from kg.graphfiles import graph_text

        _write(graph_text(g, fmt), output)
        _say(f"wrote {fmt} with {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {output}")

    import_app = typer.Typer(help="Read data from other formats into a dataset folder.", no_args_is_help=True)
    app.add_typer(import_app, name="import")

    @import_app.command("rdf")
    def import_rdf_cmd(
        file: Path = typer.Argument(..., help="An RDF file written by kg export (Turtle, JSON-LD, N-Triples)"),
        output: Path = typer.Option(..., "--output", "-o", help="Dataset folder to create"),
        rdf_format: Optional[str] = typer.Option(None, "--format", "-f",
                                                 help="rdflib format (turtle, json-ld, nt); default: from the suffix"),
        name: Optional[str] = typer.Option(None, "--name", help="Dataset name (default: the folder name)"),
        force: bool = typer.Option(False, "--force", help="Write into a folder that is not empty"),
    ) -> None:
        """Read an RDF export back into a dataset folder that kg build accepts."""
        from ingest.dataset import DatasetInvalid, load_dataset
        from kg.rdf.importer import RdfImportError, import_rdf

        if not file.is_file():
            fail(f"{file} is not a file")
        try:
            import_rdf(file, output, fmt=rdf_format, name=name, force=force)
        except RdfImportError as e:
            fail(str(e))
        try:
            ds = load_dataset(output)
        except DatasetInvalid as e:
            for p in e.problems:
                if p.severity == "error":
                    _say(f"  {p}")
            fail(f"the imported dataset in {output} has {len(e.problems)} problem(s)")
        n, r = sum(ds.node_counts().values()), sum(ds.rel_counts().values())
        print(f"imported {file} into {output}: {n} nodes, {r} relationships (valid)")

    @app.command("shacl")
    def shacl(
        path: Optional[Path] = typer.Argument(None, metavar="[FILE|DATASET_DIR]",
                                             help="RDF file or dataset folder (default: the store's graph)"),
        rdf_format: Optional[str] = typer.Option(None, "--rdf-format", help="rdflib format of FILE (default: suffix)"),
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt, format: Format = FormatOpt,
    ) -> None:
        """Validate RDF against the SHACL shapes generated from the schema; exit 1 on violations."""
        from kg.rdf.export import graph_to_rdf
        from kg.rdf.shacl import validate

        if path is not None and path.is_file():
            from kg.rdf.importer import RdfImportError, parse_rdf

            try:
                data = parse_rdf(path, rdf_format)
            except RdfImportError as e:
                fail(str(e))
            what = str(path)
        elif path is not None and not path.is_dir():
            fail(f"{path} is neither an RDF file nor a dataset folder")
        else:
            g = export_graph(path, store, user, password, database)
            data = graph_to_rdf(g)
            what = str(path) if path is not None else "the store's graph"
        report = validate(data)
        if format is Format.json:
            print(json.dumps({"conforms": report.conforms, "triples": report.triples,
                              "violations": [v.__dict__ for v in report.violations]}, ensure_ascii=False, indent=2))
        elif format is Format.csv:
            from kg.cli_common import emit

            emit(report.violations, format)
        else:
            print(f"{what}: " + "\n".join(report.lines()))
        if not report.conforms:
            raise typer.Exit(1)
