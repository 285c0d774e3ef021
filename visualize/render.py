"""From a store or a graph to a written map: the few calls everything else uses.

>>> import networkx as nx
>>> from visualize.maps import whole_map
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:a", label="Organization", name_zh="甲", name_en="A")
>>> text = render_map(whole_map(g), lang="both")
>>> text.startswith("<!DOCTYPE html>"), "<script src" in text, "<link" in text
(True, False, False)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

from kg.projection import project
from kg.schema import Schema, load_schema
from visualize.assemble import Assembled, assemble
from visualize.maps import MapPlan
from visualize.page import render_page

SOURCE_FIELDS = ("name_zh", "name_en", "title", "url", "publisher", "author", "date")


def load_graph(store: Any, labels: Iterable[str] | None = None,
               types: Iterable[str] | None = None) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
    """The network (Source and Metric nodes left out) and the sources it cites
    (``{source id: {title, publisher, ...}}``), read from ``store``.

    >>> g, sources = load_graph(store)          # doctest: +SKIP
    """
    g = project(store, labels=labels, types=types)
    src = project(store, labels=["Source"], types=[], include_meta=True)
    sources = {str(n): {k: a[k] for k in SOURCE_FIELDS if a.get(k) not in (None, "")}
               for n, a in src.nodes(data=True)}
    return g, sources


def assemble_map(plan: MapPlan, lang: str = "zh", sources: Mapping[str, Mapping[str, Any]] | None = None,
                 schema: Schema | None = None, seed: int = 7,
                 pos: Mapping[Hashable, tuple[float, float]] | None = None) -> Assembled:
    return assemble(plan, schema or load_schema(), lang, sources, seed=seed, pos=pos)


def render_map(plan: MapPlan, lang: str = "zh", sources: Mapping[str, Mapping[str, Any]] | None = None,
               schema: Schema | None = None, seed: int = 7) -> str:
    """The HTML page (text) of ``plan``."""
    return render_page(assemble_map(plan, lang, sources, schema, seed))
