"""``kg synth``: write a calibrated synthetic dataset folder.

>>> import typer
>>> app = typer.Typer()
>>> register(app)
>>> [c.name for c in app.registered_commands]
['synth']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kg.cli_common import Format, FormatOpt, err_console, fail

SCALE_HELP = (
    "Scale: 1 = the Chongqing article's figures (64 stations, 402 talents, 134 projects = ¥4.2亿 ...; "
    "1,395 nodes and about 4,200 relationships); N multiplies them: about 1,270·N nodes (places, fields and programmes grow slower) and 3.1 relationships "
    "per node. --scale 79 ≈ 100,000 nodes / 310,000 relationships; --scale 787 --rels-per-node 5 ≈ "
    "1,000,000 / 5,000,000. Fractions (0.1) make smaller sets."
)


def synth(scale: float = typer.Option(1.0, "--scale", help=SCALE_HELP),
          out: Path = typer.Option(..., "--out", "-o", help="Folder to write (new, empty, or an earlier kg synth output)"),
          seed: int = typer.Option(42, "--seed", help="Random seed: the same seed and scale give the same files"),
          rels_per_node: float = typer.Option(3.0, "--rels-per-node",
                                              help="Density: relationships per node (≥ about 3; extra ones are "
                                                   "talents' alumni, co-project and event links)"),
          format: Format = FormatOpt,
          quiet: bool = typer.Option(False, "--quiet", "-q")) -> None:
    """Write a SYNTHETIC dataset (every row marked, one Source with synthetic=true) for tests and benchmarks."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kg.synth import OutputNotEmpty, generate, plan

    try:
        plan(scale, rels_per_node)
    except ValueError as e:
        fail(str(e))
    show = not quiet and scale >= 20 and sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("writing rows: {task.completed:,}"), TimeElapsedColumn(),
                  console=err_console, disable=not show) as bar:
        task = bar.add_task("rows", total=None)
        try:
            r = generate(out, scale=scale, seed=seed, rels_per_node=rels_per_node,
                         progress=lambda n: bar.advance(task, n))
        except OutputNotEmpty as e:
            fail(str(e))
        except OSError as e:
            fail(f"cannot write {out}: {e.strerror or e}")
    if format is Format.json:
        print(json.dumps({"path": str(r.path), "scale": scale, "seed": seed, "nodes": r.nodes,
                          "relationships": r.relationships, "total_nodes": r.total_nodes,
                          "total_relationships": r.total_relationships, "seconds": round(r.seconds, 3)},
                         ensure_ascii=False, indent=2))
        return
    print(f"wrote {r.total_nodes:,} nodes and {r.total_relationships:,} relationships (SYNTHETIC, seed {seed}, "
          f"scale {scale:g}) to {r.path} in {r.seconds:.1f} s")


def register(app: typer.Typer) -> None:
    app.command("synth")(synth)
