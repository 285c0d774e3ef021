"""The extractor's data: mentions found in the text, the entities they are
merged into, relationship candidates, and the whole result.

>>> m = Mention("Place", "重庆", 0, 2, "gazetteer", 0.9)
>>> m.name, m.key
('重庆', ('Place', '重庆'))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.normalize import name_key


@dataclass
class Mention:
    """One place in the text that names (or, for built names, implies) an entity.

    ``text`` is the span ``[start, end)`` as written; ``name`` the entity name
    it stands for (a short form's full name, a coordinated list's expansion,
    a station's built name); ``props`` label properties (kind, date, ...).
    """

    label: str
    text: str
    start: int
    end: int
    rule: str
    confidence: float
    name: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    known_id: str | None = None  # set by the gazetteer: the graph entity it names
    nested: bool = False  # inside a longer name
    aliases: tuple[str, ...] = ()
    note: str = ""
    info: dict[str, Any] = field(default_factory=dict)  # what rules tell later rules (title span, host ...)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    @property
    def key(self) -> tuple[str, str]:
        return (self.label, name_key(self.name))

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def outermost(ms: list[Mention]) -> list[Mention]:
    """The mentions not inside a longer one of the list (one per span).

    >>> a, b = Mention("Place", "重庆", 0, 2, "r", 1), Mention("Organization", "重庆大学", 0, 4, "r", 1)
    >>> [m.text for m in outermost([a, b, b])]
    ['重庆大学']
    """
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for m in sorted(ms, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) in seen:
            continue
        if any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in ms):
            continue
        seen.add((m.start, m.end))
        out.append(m)
    return out


@dataclass
class Entity:
    """A candidate node: the mentions that name it, and what it links to."""

    label: str
    name: str
    mentions: list[Mention]
    props: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    link_id: str | None = None
    link_score: float | None = None
    link_how: str = ""
    graph_props: dict[str, Any] | None = None  # the linked graph entity's properties
    aliases: list[str] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: (m.nested, -m.confidence, m.start))

    @property
    def confidence(self) -> float:
        base = max(m.confidence for m in self.mentions)
        if len(self.mentions) > 1:  # named more than once, by more than one rule: surer
            base = min(1.0, base + 0.03 * min(3, len({m.rule for m in self.mentions}) - 1))
        if self.link_score is not None and self.link_score >= 0.99:
            base = max(base, 0.9)
        return round(base, 3)

    @property
    def rules(self) -> list[str]:
        return sorted({m.rule for m in self.mentions})


@dataclass
class RelCandidate:
    """A relationship proposed by a rule between two mentions, in one sentence."""

    type: str
    src: Mention
    dst: Mention
    rule: str
    confidence: float
    start: int  # the evidence span (the sentence)
    end: int
    props: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass
class Relation:
    """A candidate relationship between two entities (after linking)."""

    type: str
    src: Entity
    dst: Entity
    props: dict[str, Any]
    rule: str
    confidence: float
    start: int
    end: int
    span: tuple[int, int]  # the text covering both ends (for the mention column)
    note: str = ""


@dataclass
class Extraction:
    """Everything extracted from one article."""

    text: str
    entities: list[Entity]
    relations: list[Relation]
    source_date: str | None = None

    def by_label(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]

    def names(self, label: str) -> list[str]:
        return sorted(e.name for e in self.by_label(label))

    def triples(self, rtype: str | None = None) -> list[tuple[str, str, str]]:
        return sorted((r.type, r.src.name, r.dst.name) for r in self.relations if rtype in (None, r.type))
