"""Known names in the text: every name and alias of the existing graph and of
the place list (``data/places.yaml``), found wherever they occur (nested ones
too); the caller decides which occurrences count (token alignment).

>>> from ingest.extract.graph import Graph
>>> g = Graph.from_rows([{"id": "org:cq", "label": "Organization",
...     "props": {"name_zh": "重庆大学", "name_en": "Chongqing University"}}])
>>> gz = Gazetteer.build(g)
>>> [(h.start, h.end, h.text, h.entry.label) for h in gz.find("在重庆大学调研")]
[(1, 3, '重庆', 'Place'), (1, 5, '重庆大学', 'Organization')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .graph import Graph, Known
from .resources import PlaceInfo, places

# when one name belongs to entities of several labels, the first label wins
LABEL_ORDER = ("Station", "Consulate", "Organization", "Programme", "Event", "Project", "Talent", "Place")
_ASCII_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]*$")


@dataclass(frozen=True)
class Entry:
    label: str
    name: str  # the canonical name (graph name_zh, or the place list's name)
    how: str  # name / alias / name_en / place-list
    known: Known | None = None
    place: PlaceInfo | None = None


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    entry: Entry


@dataclass
class Gazetteer:
    table: dict[str, Entry]
    lengths: dict[str, tuple[int, ...]]  # first character -> name lengths, longest first
    ascii_names: dict[str, Entry]

    @classmethod
    def build(cls, graph: Graph | None = None) -> Gazetteer:
        """The names of ``graph`` (which win) and of the place list."""
        cands: dict[str, list[Entry]] = defaultdict(list)
        for name, info in places().items():
            cands[name].append(Entry("Place", info.name_zh, "place-list", None, info))
        if graph is not None:
            for k in graph.entities:
                for i, n in enumerate(k.names):
                    how = "name" if i == 0 else ("name_en" if n == k.props.get("name_en") else "alias")
                    cands[n].insert(0, Entry(k.label, k.name, how, k, places().get(k.name)))
        table: dict[str, Entry] = {}
        ascii_names: dict[str, Entry] = {}
        for name, entries in cands.items():
            graph_entries = [e for e in entries if e.known is not None] or entries
            best = sorted(graph_entries, key=lambda e: (LABEL_ORDER.index(e.label), e.how != "name"))[0]
            if _ASCII_WORD.match(name):
                if len(name) >= 3:
                    ascii_names[name] = best
            elif len(name) >= 2:
                table[name] = best
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in table:
            lengths[name[0]].add(len(name))
        return cls(table, {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}, ascii_names)

    def find(self, text: str) -> list[Hit]:
        """Every occurrence of every known name, sorted by start then length."""
        hits: list[Hit] = []
        table, lengths = self.table, self.lengths
        for i, ch in enumerate(text):
            ls = lengths.get(ch)
            if not ls:
                continue
            for n in ls:
                s = text[i:i + n]
                e = table.get(s)
                if e is not None:
                    hits.append(Hit(i, i + n, s, e))
        if self.ascii_names:
            for name, entry in self.ascii_names.items():
                for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])", text):
                    hits.append(Hit(m.start(), m.end(), name, entry))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits
