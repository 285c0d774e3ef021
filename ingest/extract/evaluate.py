"""Score extracted entities and relationships against hand-made gold
annotations (``tests/gold/*.yaml``; format in ``tests/gold/README.md``):
precision, recall and F1 per label and relationship type.

An extracted entity matches a gold entity of the same label when its name,
one of its aliases or one of its mentions equals the gold name or a variant
(compared by :func:`ingest.normalize.name_key`); an Event also matches by
date and kind. Each gold item is matched at most once: a second extracted
entity for it counts as a false positive. A relationship matches when its
type and both (matched) ends are the gold ones.

>>> s = Score(tp=3, fp=1, fn=2)
>>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 3)
(0.75, 0.6, 0.667)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.normalize import name_key

from kg.schema import load_schema

from .model import Entity, Extraction


class GoldError(ValueError):
    """A gold file that cannot be used; the message is one line."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class GoldEntity:
    type: str
    name: str
    variants: tuple[str, ...] = ()
    date: str | None = None
    kind: str | None = None

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.variants)}


@dataclass
class Gold:
    path: Path
    text_path: Path
    date: str | None
    entities: list[GoldEntity]
    relationships: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    @property
    def name(self) -> str:
        return self.path.stem


def load_gold(path: Path | str) -> Gold:
    """Read and check a gold file: labels and types from the schema, every
    relationship end a gold entity of an allowed label."""
    schema = load_schema()
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read ({type(e).__name__}: {str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict) or "text" not in doc or "entities" not in doc:
        raise GoldError(f"{path}: expected a mapping with text, entities and relationships")
    text_path = (path.parent / str(doc["text"])).resolve()
    if not text_path.is_file():
        raise GoldError(f"{path}: the text {doc['text']} is not there")
    ents: list[GoldEntity] = []
    for i, e in enumerate(doc["entities"], 1):
        if e.get("type") not in schema.labels:
            raise GoldError(f"{path}: entity {i} ({e.get('name')}): {e.get('type')!r} is not a schema label")
        ents.append(GoldEntity(e["type"], str(e["name"]), tuple(str(v) for v in e.get("variants") or ()),
                               str(e["date"]) if e.get("date") else None, e.get("kind")))
    by_name = {g.name: g for g in ents}
    rels = []
    for i, r in enumerate(doc.get("relationships") or [], 1):
        rt = r.get("type")
        if rt not in schema.relationships:
            raise GoldError(f"{path}: relationship {i}: {rt!r} is not a schema relationship type")
        for end, allowed in (("src", schema.rel(rt).sources), ("dst", schema.rel(rt).targets)):
            g = by_name.get(str(r.get(end)))
            if g is None:
                raise GoldError(f"{path}: relationship {i} ({rt}): {end} {r.get(end)!r} is not a gold entity name")
            if g.type not in allowed:
                raise GoldError(f"{path}: relationship {i} ({rt}): {end} is a {g.type}, not one of {allowed}")
        rels.append(dict(r))
    return Gold(path, text_path, str(doc["date"]) if doc.get("date") else None, ents, rels)


@dataclass
class Report:
    gold: str
    entities: dict[str, Score] = field(default_factory=dict)
    relations: dict[str, Score] = field(default_factory=dict)
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    property_mismatches: list[str] = field(default_factory=list)

    def total(self, which: str, types: Iterable[str] | None = None) -> Score:
        table = getattr(self, which)
        s = Score()
        for t, sc in table.items():
            if types is None or t in types:
                s += sc
        return s

    def rows(self) -> list[dict[str, Any]]:
        """One row per type (entities, then relationships), with micro averages."""
        out = []
        for kind, table in (("entity", self.entities), ("relationship", self.relations)):
            for t, s in table.items():
                out.append(_row(self.gold, kind, t, s))
        out.append(_row(self.gold, "entity", "ORG+PER+LOC", self.total("entities", ("Organization", "Talent", "Place"))))
        out.append(_row(self.gold, "entity", "all entities", self.total("entities")))
        out.append(_row(self.gold, "relationship", "all relationships", self.total("relations")))
        return out


def _row(gold: str, kind: str, t: str, s: Score) -> dict[str, Any]:
    return {"gold": gold, "kind": kind, "type": t, "gold_n": s.tp + s.fn, "found": s.tp + s.fp, "tp": s.tp,
            "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3)}


def _entity_keys(e: Entity) -> set[str]:
    names = {e.name, *e.aliases, *(m.name for m in e.mentions), *(m.text for m in e.mentions if m.rule != "visit")}
    return {name_key(n) for n in names if n}


def score(x: Extraction, gold: Gold, labels: Iterable[str] | None = None) -> Report:
    """Compare an extraction with the gold annotations (labels: those the gold file uses)."""
    labels = list(labels or dict.fromkeys(g.type for g in gold.entities))
    rtypes = list(dict.fromkeys(r["type"] for r in gold.relationships))
    rep = Report(gold.name)
    match: dict[str, GoldEntity] = {}  # extracted entity id -> gold entity
    for label in labels:
        golds = [g for g in gold.entities if g.type == label]
        taken: set[int] = set()
        s = Score()
        for e in sorted(x.by_label(label), key=lambda e: (-e.confidence, e.first.start)):
            keys = _entity_keys(e)
            hit = next((i for i, g in enumerate(golds) if i not in taken and keys & g.keys), None)
            if hit is None and label == "Event" and e.props.get("date"):
                hit = next((i for i, g in enumerate(golds) if i not in taken and g.date
                            and g.date == e.props["date"] and g.kind in (None, e.props.get("kind"))), None)
            if hit is None:
                s.fp += 1
                rep.false_positives.append(f"{label}: {e.name}")
            else:
                s.tp += 1
                taken.add(hit)
                match[e.id] = golds[hit]
        for i, g in enumerate(golds):
            if i not in taken:
                s.fn += 1
                rep.false_negatives.append(f"{label}: {g.name}")
        rep.entities[label] = s
    for rtype in rtypes:
        golds = [r for r in gold.relationships if r["type"] == rtype]
        taken = set()
        s = Score()
        for r in [r for r in x.relations if r.type == rtype]:
            gs, gd = match.get(r.src.id), match.get(r.dst.id)
            hit = None
            if gs is not None and gd is not None:
                hit = next((i for i, g in enumerate(golds)
                            if i not in taken and g["src"] == gs.name and g["dst"] == gd.name), None)
            if hit is None:
                s.fp += 1
                rep.false_positives.append(f"{rtype}: {r.src.name} -> {r.dst.name}")
                continue
            s.tp += 1
            taken.add(hit)
            for k, v in golds[hit].items():
                if k not in ("type", "src", "dst") and str(r.props.get(k)) != str(v):
                    rep.property_mismatches.append(f"{rtype}: {r.src.name} -> {r.dst.name}: {k} "
                                                   f"{r.props.get(k)!r}, gold {v!r}")
        for i, g in enumerate(golds):
            if i not in taken:
                s.fn += 1
                rep.false_negatives.append(f"{rtype}: {g['src']} -> {g['dst']}")
        rep.relations[rtype] = s
    return rep


def evaluate(gold: Gold, extract: Callable[[str, str | None], Extraction]) -> Report:
    """Run ``extract(text, date)`` on the gold's text and score it."""
    return score(extract(gold.text, gold.date), gold)
