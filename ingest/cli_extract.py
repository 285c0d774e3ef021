"""``kg extract``, ``kg accept`` and ``kg eval-extract``: from a Chinese news
article to candidate facts for review, and the measure of how well that works.

    kg extract ARTICLE -o REVIEW_DIR [--source-id ID --url URL --date DATE]
    kg accept REVIEW_DIR [--min-confidence 0.7]
    kg merge REVIEW_DIR --into DATASET_DIR [--dry-run]
    kg build REVIEW_DIR
    kg eval-extract [GOLD.yaml ...] [--mode cold|graph|both] [--baselines]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from kg.cli_common import Format, FormatOpt, State, emit, err_console, fail


def _graph(graph_dir: Optional[Path], no_graph: bool, store: Optional[str]) -> Any:
    """The existing graph to link against (None when --no-graph)."""
    from ingest.dataset import DatasetInvalid, load_dataset
    from ingest.extract.graph import Graph

    if no_graph:
        return None
    if store:
        from kg.cli_common import store_from
        from kg.stores import StoreError

        with store_from(store) as st:
            try:
                return Graph.from_store(st)
            except StoreError as e:
                fail(f"cannot read the graph in {store}: {e}")
    if graph_dir is None:
        from kg.datasets import bundled_dataset

        graph_dir = bundled_dataset("chongqing")
    try:
        return Graph.from_dataset(load_dataset(graph_dir))
    except DatasetInvalid as e:
        n = sum(p.severity == "error" for p in e.problems)
        fail(f"the graph to link against ({graph_dir}) has {n} error(s); check it with kg validate {graph_dir}")


def _check_date(date: Optional[str]) -> Optional[str]:
    if not date:
        return None
    from ingest.normalize import CoerceError, coerce

    try:
        return coerce(date, "date")
    except CoerceError as e:
        fail(f"--date: {e}")
    return None


def _summary(written: Any, x: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for label, n in written.nodes.items():
        linked = sum(1 for e in x.entities if e.label == label and e.link_id)
        rows.append({"kind": "node", "name": label, "candidates": n, "linked": linked, "new": n - linked})
    for rtype, n in written.relationships.items():
        rows.append({"kind": "relationship", "name": rtype, "candidates": n, "linked": "", "new": ""})
    return rows


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        article: Path = typer.Argument(..., help="The article: plain text or HTML, UTF-8 or GBK"),
        output: Path = typer.Option(..., "--output", "-o", help="Review folder to write (a dataset folder)"),
        source_id: Optional[str] = typer.Option(None, "--source-id", help="Id of the article's Source row (source:SLUG or SLUG)"),
        url: str = typer.Option("", "--url", help="Where the article was published"),
        date: Optional[str] = typer.Option(None, "--date", help="Publication date, YYYY[-MM[-DD]] (dates 今年 ...)"),
        title: str = typer.Option("", "--title", help="Title (default: the article's first line)"),
        graph: Optional[Path] = typer.Option(None, "--graph", help="Dataset folder to link against (default: the bundled Chongqing dataset)"),
        no_graph: bool = typer.Option(False, "--no-graph", help="Link against nothing: every entity is new"),
        store: Optional[str] = typer.Option(None, "--link-store", help="Link against the graph in this store instead"),
        max_chars: int = typer.Option(400_000, "--max-chars", help="Refuse articles with more characters of text"),
        force: bool = typer.Option(False, "--force", help="Write into a folder that holds other files"),
        format: Format = FormatOpt,
    ) -> None:
        """Read a Chinese article and write candidate entities and relationships for review."""
        from ingest.extract.pipeline import extract_text
        from ingest.extract.text import ArticleError, read_article
        from ingest.extract.writer import SourceInfo, write_review

        iso = _check_date(date)
        if output.exists() and not output.is_dir():
            fail(f"{output} is a file; give a folder for the review files")
        if output.is_dir() and any(output.iterdir()) and not (output / "dataset.yaml").exists() and not force:
            fail(f"{output} is not empty and is not a review folder; choose another folder or add --force")
        try:
            art = read_article(article, max_chars=max_chars)
        except ArticleError as e:
            fail(str(e))
        try:
            src = SourceInfo.make(art.text, source_id, file=article.name, url=url, date=iso or "", title=title)
        except ValueError as e:
            fail(str(e))
        g = _graph(graph, no_graph, store)
        try:
            x = extract_text(art.text, g, iso)
            written = write_review(x, output, src)
        except OSError as e:
            fail(f"cannot write {output}: {e.strerror or e}")
        except Exception as e:  # a bug must still end in one line
            if State.debug:
                raise
            fail(f"extraction failed: {type(e).__name__}: {e} (rerun with --debug for the traceback)")
        rows = _summary(written, x)
        if format is Format.json:
            print(json.dumps({"folder": str(output), "source": src.id, "encoding": art.encoding, "html": art.html,
                              "nodes": written.nodes, "relationships": written.relationships,
                              "linked": written.linked, "new": written.new}, ensure_ascii=False, indent=2))
            return
        emit(rows, format, title=f"candidates from {article.name} ({art.encoding}{', HTML' if art.html else ''})")
        print(f"wrote {sum(written.nodes.values())} candidate nodes ({written.linked} linked to the graph, "
              f"{written.new} new) and {sum(written.relationships.values())} candidate relationships to {output}")
        print(f"next: review the status column, or `kg accept {output}`; then `kg build {output}`")

    @app.command("accept")
    def accept_cmd(
        folder: Path = typer.Argument(..., help="A review folder written by kg extract"),
        min_confidence: float = typer.Option(0.7, "--min-confidence", help="Accept candidates with at least this confidence"),
        format: Format = FormatOpt,
    ) -> None:
        """Mark candidate rows with enough confidence as accepted (relationships only when both ends are)."""
        from ingest.extract.accept import AcceptError, accept_folder

        try:
            res = accept_folder(folder, min_confidence)
        except AcceptError as e:
            fail(str(e))
        if format is Format.json:
            print(json.dumps(res.__dict__, indent=2))
            return
        print(f"accepted {res.nodes} nodes and {res.relationships} relationships with confidence >= "
              f"{min_confidence}; {res.left} candidates left for review, {res.rejected} rejected rows untouched")

    @app.command("merge")
    def merge_cmd(
        review: Path = typer.Argument(..., help="A review folder (kg extract + kg accept)"),
        into: Path = typer.Option(..., "--into", help="The dataset folder to add the accepted rows to"),
        dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be added; write nothing"),
        format: Format = FormatOpt,
    ) -> None:
        """Add a review folder's accepted rows to a dataset folder (all or nothing; then kg build it)."""
        from ingest.dataset import DatasetInvalid
        from ingest.merge import MergeError, merge_review
        from kg.cli_common import err_console

        try:
            res = merge_review(review, into, dry_run=dry_run)
        except MergeError as e:
            fail(str(e))
        except DatasetInvalid as e:
            for p in e.problems:
                if p.severity == "error":
                    err_console.print(f"  {p}", markup=False, highlight=False, soft_wrap=True)
            fail(f"{sum(p.severity == 'error' for p in e.problems)} error(s); {into} is unchanged", 2)
        if format is Format.json:
            print(json.dumps(res.__dict__ | {"dry_run": dry_run}, indent=2, ensure_ascii=False))
            return
        text = res.summary().replace("added", "would add", 1) if dry_run else res.summary()
        print(f"{text}; {res.skipped} review rows not accepted")
        if res.files and not dry_run:
            print(f"wrote {', '.join(res.files)} in {into}; next: kg build {into}")

    @app.command("eval-extract")
    def eval_cmd(
        gold: list[Path] = typer.Argument(None, help="Gold files (default: tests/gold/*.yaml of the source checkout)"),
        mode: str = typer.Option("both", "--mode", help="cold (no graph), graph (link against --graph) or both"),
        graph: Optional[Path] = typer.Option(None, "--graph", help="Dataset folder to link against in graph mode"),
        baselines: bool = typer.Option(False, "--baselines", help="Also score the jieba-POS and suffix baselines"),
        details: bool = typer.Option(False, "--details", help="List false positives and false negatives"),
        format: Format = FormatOpt,
    ) -> None:
        """Precision, recall and F1 per type against hand-made gold annotations."""
        from ingest.extract.baselines import BASELINES
        from ingest.extract.evaluate import GoldError, evaluate, load_gold
        from ingest.extract.pipeline import extract_text

        if mode not in ("cold", "graph", "both"):
            fail(f"--mode must be cold, graph or both, not {mode!r}")
        if not gold:
            default = Path(__file__).resolve().parent.parent / "tests" / "gold"
            gold = sorted(default.glob("*.yaml")) if default.is_dir() else []
            if not gold:
                fail("no gold files given (and no tests/gold/ folder here)")
        try:
            golds = [load_gold(p) for p in gold]
        except GoldError as e:
            fail(str(e))
        runs: list[tuple[str, Any]] = []
        if mode in ("cold", "both"):
            runs.append(("extract (no graph)", lambda t, d: extract_text(t, None, d)))
        if mode in ("graph", "both"):
            g = _graph(graph, False, None)
            runs.append(("extract (graph)", lambda t, d, g=g: extract_text(t, g, d)))
        if baselines:
            runs += [(f"baseline {n}", f) for n, f in BASELINES.items()]
        rows: list[dict[str, Any]] = []
        notes: list[str] = []
        for gd in golds:
            for name, fn in runs:
                rep = evaluate(gd, fn)
                for r in rep.rows():
                    if name.startswith("baseline") and (r["kind"] == "relationship" or r["type"] not in (
                            "Organization", "Talent", "Place", "ORG+PER+LOC")):
                        continue
                    rows.append({"run": name, **r})
                if details:
                    notes += [f"[{gd.name} / {name}] false positive: {s}" for s in rep.false_positives]
                    notes += [f"[{gd.name} / {name}] missed: {s}" for s in rep.false_negatives]
                    notes += [f"[{gd.name} / {name}] property: {s}" for s in rep.property_mismatches]
        emit(rows, format)
        for n in notes:
            err_console.print(n, markup=False, highlight=False, soft_wrap=True)
