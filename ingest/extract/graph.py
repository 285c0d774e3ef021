"""The existing graph that candidates are linked against: its entities and every
name they go by (name_zh, aliases, name_en), from a dataset folder or a store.

>>> g = Graph.from_rows([{"id": "org:cqast", "label": "Organization",
...     "props": {"name_zh": "重庆市科协", "name_en": "CQAST", "aliases": ["市科协"], "kind": "association"}}])
>>> [(k.id, how) for k, how in g.lookup("市科协")]
[('org:cqast', 'alias')]
>>> len(g), g.get("org:cqast").name
(1, '重庆市科协')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ingest.normalize import normalize_name

# labels whose names are looked for in articles (Source/Metric/Field rows name no actor)
LINKED_LABELS = ("Organization", "Station", "Talent", "Consulate", "Place", "Programme", "Event", "Project")


@dataclass(frozen=True)
class Known:
    """One entity of the existing graph."""

    id: str
    label: str
    name: str
    names: tuple[str, ...]  # name_zh first, then aliases, then name_en
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Graph:
    entities: list[Known] = field(default_factory=list)
    by_name: dict[str, list[tuple[Known, str]]] = field(default_factory=lambda: defaultdict(list))
    by_id: dict[str, Known] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entities)

    def add(self, k: Known) -> None:
        self.entities.append(k)
        self.by_id[k.id] = k
        for i, n in enumerate(k.names):
            how = "name" if i == 0 else ("name_en" if n == k.props.get("name_en") else "alias")
            if k not in [e for e, _ in self.by_name[n]]:
                self.by_name[n].append((k, how))

    def lookup(self, name: str) -> list[tuple[Known, str]]:
        """Graph entities one of whose names is exactly ``name`` (after normalisation)."""
        return list(self.by_name.get(normalize_name(name), []))

    def get(self, node_id: str) -> Known | None:
        return self.by_id.get(node_id)

    def of_label(self, label: str) -> list[Known]:
        return [k for k in self.entities if k.label == label]

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> Graph:
        """From ``{"id", "label", "props"}`` rows (a store's all_nodes query, or a dataset)."""
        g = cls()
        for r in rows:
            label, props = r["label"], dict(r.get("props") or {})
            if label not in LINKED_LABELS or not props.get("name_zh"):
                continue
            names = [normalize_name(str(props["name_zh"]))]
            aliases = props.get("aliases") or []
            if isinstance(aliases, str):
                aliases = aliases.split("|")
            names += [normalize_name(str(a)) for a in aliases]
            if props.get("name_en"):
                names.append(normalize_name(str(props["name_en"])))
            names = [n for n in dict.fromkeys(names) if n]
            g.add(Known(str(r["id"]), label, names[0], tuple(names), props))
        return g

    @classmethod
    def from_dataset(cls, ds: Any) -> Graph:
        """From an :class:`ingest.dataset.Dataset` (see :func:`ingest.dataset.load_dataset`)."""
        return cls.from_rows({"id": r.id, "label": label, "props": r.props}
                             for label, rows in ds.nodes.items() for r in rows)

    @classmethod
    def from_store(cls, store: Any) -> Graph:
        """From the graph in a store (``kg/cypher/all_nodes.cypher``)."""
        from kg.cypher_files import cypher

        return cls.from_rows(store.run(cypher("all_nodes")))

    def tagged_names(self) -> dict[str, list[str]]:
        """Chinese names and aliases by jieba tag, for the tokenizer's user dictionary."""
        tags = {"Organization": "nt", "Station": "nt", "Consulate": "nt", "Place": "ns", "Talent": "nr",
                "Programme": "nz", "Event": "nz", "Project": "nz"}
        out: dict[str, list[str]] = defaultdict(list)
        for k in self.entities:
            for n in k.names:
                if any("\u4e00" <= ch <= "\u9fff" for ch in n):
                    out[tags[k.label]].append(n)
        return dict(out)
