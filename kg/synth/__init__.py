"""``kg synth``: a calibrated synthetic dataset at any scale, streamed to disk.

Scale 1 reproduces the figures of the 重庆科技报 article (64 stations, 402
introduced talents, 108 (100多) overseas partner organisations, 134 projects
totalling ¥4.2亿, 12 provinces, 4 consulates, 210 returnees, 49 incubated
projects, 40 platforms ...); scale N multiplies them (:mod:`kg.synth.plan`).
Degrees are heavy-tailed (hub overseas organisations, stations and
universities), countries and fields are skewed, and the graph holds what the
analyst's queries look for: stations without overseas partners, organisations
tied to a single station, consulate-only countries, a field without overseas
links, dormant stations, and brokers between provinces.

Output is a normal dataset folder (``kg validate`` / ``kg build`` read it),
deterministic for a seed, every row pointing to the one Source marked
``synthetic: true``. Memory does not grow with the scale: rows are written as
they are drawn (see :mod:`kg.synth.world` for how entities are recalled).

>>> import tempfile
>>> r = generate(tempfile.mkdtemp() + "/syn", scale=0.1, seed=3)
>>> r.nodes["Station"], r.relationships["HOSTS"]
(6, 6)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.schema import Schema, load_schema

from .parts import BASE_PARTS, talent_links
from .plan import Plan, expected_figures, plan
from .world import World
from .writer import DatasetWriter, OutputNotEmpty, prepare, source_row, write_meta

__all__ = ["generate", "plan", "expected_figures", "SynthResult", "OutputNotEmpty", "Plan"]


@dataclass
class SynthResult:
    path: Path
    plan: Plan
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


def generate(out: Path | str, scale: float = 1.0, seed: int = 42, rels_per_node: float = 3.0,
             schema: Schema | None = None, progress: Callable[[int], None] | None = None) -> SynthResult:
    """Write the synthetic dataset for ``scale`` and ``seed`` into folder ``out``.

    ``rels_per_node`` sets the density: talents get alumni, co-project and event
    links until the dataset has about that many relationships per node (the
    structural relationships alone give about 3). ``progress`` is called with
    the number of rows written, every 100,000 rows.
    """
    t0 = time.perf_counter()
    out = Path(out)
    schema = schema or load_schema()
    p = plan(scale, rels_per_node)
    w = World(p, seed)
    prepare(out)
    write_meta(out, seed, scale, rels_per_node, expected_figures(p))
    sink = DatasetWriter(out, schema)
    n = 0
    try:
        sink.add("node", "Source", source_row(seed, scale))
        parts = [part(w) for part in BASE_PARTS]
        for rows in parts:
            for kind, name, row in rows:
                sink.add(kind, name, row)
                n += 1
                if progress and n % 100_000 == 0:
                    progress(100_000)
        nodes = sum(sink.nodes.values())
        extra = int(round(rels_per_node * nodes)) - sum(sink.rels.values())
        for kind, name, row in talent_links(w, extra):
            sink.add(kind, name, row)
            n += 1
            if progress and n % 100_000 == 0:
                progress(100_000)
    finally:
        sink.close()
    return SynthResult(out, p, dict(sorted(sink.nodes.items())), dict(sorted(sink.rels.items())),
                       time.perf_counter() - t0)
