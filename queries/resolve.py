"""Find the entity an analyst means: by id, exact name or alias, or a fuzzy
Chinese or English name. Ambiguous text lists the candidates instead of guessing.

Rules: an exact id, name or alias wins (several exact matches are ambiguous).
Otherwise names are scored with rapidfuzz's ``WRatio`` (case-insensitive); the
text resolves when exactly one entity scores at least :data:`FUZZY_MIN`, or the
best scores at least :data:`CLEAR_WIN` and leads the next by :data:`MARGIN`.

>>> recs = [{"id": "org:asu", "label": "Organization", "name_zh": "美国亚利桑那州立大学",
...          "name_en": "Arizona State University", "aliases": ["ASU"]},
...         {"id": "station:a", "label": "Station", "name_zh": "甲海智工作站", "name_en": "Alpha Haizhi Workstation"},
...         {"id": "station:b", "label": "Station", "name_zh": "乙海智工作站", "name_en": "Beta Haizhi Workstation"}]
>>> resolve_records(recs, "ASU").id, resolve_records(recs, "arizona state univ").id
('org:asu', 'org:asu')
>>> resolve_records(recs, "海智工作站")
Traceback (most recent call last):
...
queries.resolve.AmbiguousEntity: '海智工作站' matches 2 entities: station:a 甲海智工作站 (Alpha Haizhi Workstation); station:b 乙海智工作站 (Beta Haizhi Workstation); give an id or a fuller name
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # networkx only for the annotations: `kg` starts faster without it
    import networkx as nx

from kg.cypher_files import cypher

# An id looked up through its label's id index (the label comes from the id's prefix).
FIND_BY_ID = "MATCH (n:{label}) WHERE n.id = $id RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en"

FUZZY_MIN = 80.0
CLEAR_WIN = 90.0
MARGIN = 10.0
MAX_CANDIDATES = 10


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    name_zh: str
    name_en: str

    def __str__(self) -> str:
        names = self.name_zh if self.name_zh == self.name_en or not self.name_en else f"{self.name_zh} ({self.name_en})"
        return f"{self.id} {names}".strip()


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    score: float


class EntityNotFound(LookupError):
    """No entity matches the text (the message names the closest ones)."""

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousEntity(LookupError):
    """Several entities match; ``candidates`` lists them, best first."""

    def __init__(self, text: str, candidates: list[Candidate]):
        self.text = text
        self.candidates = candidates
        shown = "; ".join(str(c.entity) for c in candidates[:MAX_CANDIDATES])
        more = f" (+{len(candidates) - MAX_CANDIDATES} more)" if len(candidates) > MAX_CANDIDATES else ""
        super().__init__(f"{text!r} matches {len(candidates)} entities: {shown}{more}; give an id or a fuller name")

    def __str__(self) -> str:
        return str(self.args[0])


def _entity(r: dict[str, Any]) -> Entity:
    return Entity(r["id"], r.get("label") or "", r.get("name_zh") or "", r.get("name_en") or "")


def _names(r: dict[str, Any]) -> list[str]:
    aliases = r.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a]
    return [x for x in (r.get("name_zh"), r.get("name_en"), *aliases) if x]


def resolve_records(records: Iterable[dict[str, Any]], text: str, labels: Iterable[str] | None = None) -> Entity:
    """Resolve ``text`` among ``records`` (dicts with id, label, name_zh, name_en, aliases)."""
    from rapidfuzz import fuzz, utils

    text = (text or "").strip()
    if not text:
        raise EntityNotFound("an empty name matches nothing; give an id or a name")
    allowed = set(labels) if labels is not None else None
    recs = [r for r in records if allowed is None or r.get("label") in allowed]
    what = f" among {', '.join(sorted(allowed))}" if allowed else ""
    for r in recs:
        if r["id"] == text:
            return _entity(r)
    if looks_like_id(text):
        raise EntityNotFound(f"no entity{what} has the id {text!r}")
    for fold in (False, True):
        key = text.casefold() if fold else text
        exact = [r for r in recs if key in ((n.casefold() if fold else n) for n in _names(r))]
        if len(exact) == 1:
            return _entity(exact[0])
        if len(exact) > 1:
            raise AmbiguousEntity(text, [Candidate(_entity(r), 100.0) for r in sorted(exact, key=lambda r: r["id"])])
    scored = []
    for r in recs:
        names = _names(r)
        if names:
            best = max(fuzz.WRatio(text, n, processor=utils.default_process) for n in names)
            scored.append(Candidate(_entity(r), round(best, 1)))
    scored.sort(key=lambda c: (-c.score, c.entity.id))
    good = [c for c in scored if c.score >= FUZZY_MIN]
    if len(good) == 1:
        return good[0].entity
    if len(good) > 1:
        if good[0].score >= CLEAR_WIN and good[0].score - good[1].score >= MARGIN:
            return good[0].entity
        raise AmbiguousEntity(text, good)
    closest = "; ".join(str(c.entity) for c in scored[:3])
    raise EntityNotFound(f"no entity{what} matches {text!r}" + (f"; closest: {closest}" if closest else ""))


def looks_like_id(text: str) -> bool:
    """``prefix:slug`` with a schema id prefix (then it is not fuzzy-matched as a name).

    >>> looks_like_id("station:s00000"), looks_like_id("Haizhi: a station"), looks_like_id("重庆市科协")
    (True, False, False)
    """
    from kg.schema import load_schema

    prefix, sep, rest = text.partition(":")
    return bool(sep and rest and " " not in text
                and any(lab.id_prefix == prefix for lab in load_schema().labels.values()))


def label_of_id(text: str) -> str | None:
    """The schema label whose id prefix ``text`` carries (``None`` when it is not an id).

    >>> label_of_id("station:s00000"), label_of_id("org:asu"), label_of_id("重庆市科协")
    ('Station', 'Organization', None)
    """
    from kg.schema import load_schema

    return load_schema().label_of_id(text) if looks_like_id(text) else None


def _by_id(store: Any, text: str, labels: list[str] | None) -> Entity | None:
    """An id through its label's index: one indexed look-up instead of a scan of every node."""
    from kg.schema import load_schema

    from kg.projection import NON_NETWORK_LABELS

    label = label_of_id(text)
    if label is None or label in NON_NETWORK_LABELS:
        return None
    if labels is not None and label not in labels:
        return None
    rows = store.run(FIND_BY_ID.format(label=load_schema().checked_label(label)), {"id": text})
    return Entity(text, label, rows[0].get("name_zh") or "", rows[0].get("name_en") or "") if rows else None


def _network_only(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    from kg.projection import NON_NETWORK_LABELS  # (imports networkx: only when a name is resolved)

    return [r for r in rows if r.get("label") not in NON_NETWORK_LABELS]


def resolve_entity(store: Any, text: str, labels: Iterable[str] | None = None) -> Entity:
    """Resolve ``text`` (id, name, alias or fuzzy name) to one entity of ``store``.

    Raises :class:`AmbiguousEntity` (with ``.candidates``) or :class:`EntityNotFound`.

    >>> resolve_entity(store, "Melbourne")                    # doctest: +SKIP
    Entity(id='org:melbourne', label='Organization', name_zh='墨尔本大学', name_en='University of Melbourne')
    """
    labels = list(labels) if labels is not None else None
    found = _by_id(store, (text or "").strip(), labels)
    if found is not None:
        return found
    exact = _network_only(store.run(cypher("find_entity"), {"name": (text or "").strip()}))
    if labels is not None:
        exact = [r for r in exact if r.get("label") in labels]
    if len(exact) == 1:
        return _entity(exact[0])
    return resolve_records(_network_only(store.run(cypher("entity_names"))), text, labels)


def graph_records(g: nx.Graph) -> list[dict[str, Any]]:
    """Name records of the nodes of a projection (for :func:`resolve_records`)."""
    return [{"id": n, "label": a.get("label"), "name_zh": a.get("name_zh"), "name_en": a.get("name_en"),
             "aliases": a.get("aliases")} for n, a in g.nodes(data=True)]


def resolve_in_graph(g: nx.Graph, text: str, labels: Iterable[str] | None = None) -> Entity:
    """:func:`resolve_entity` over the nodes of a networkx projection."""
    return resolve_records(graph_records(g), text, labels)
