"""Candidate overseas partners for a station or organisation, each with its
score components and a one-line reason.

Candidates are the overseas organisations the entity's *circle* (the entity,
plus its host organisation for a station, or its stations for an
organisation) does not partner with yet. Each gets five components in 0..1:

* ``field``: share of the circle's fields the candidate is in too (IN_FIELD);
* ``proximity``: personalised PageRank from the entity on the collaboration
  network, divided by the best candidate's (1 = the closest candidate);
* ``introducers``: talents tied to both the candidate and the circle count 1
  each, consulates of the candidate's country (with a working tie) 0.5 each,
  capped at 1;
* ``diversity``: 1 / (1 + partners the circle already has in that country)
  (0 when the candidate's country is unknown);
* ``popularity``: how many stations or domestic organisations partner the
  candidate already (a proven partner of the programme), as
  log(1 + n) / log(1 + the most any candidate has).

``score`` is the weighted sum (:data:`DEFAULT_WEIGHTS`). How well it ranks is
measured, not assumed: ``bench/bench_partners.py`` hides known partnerships
and reports precision@k and AUC against random and degree-only rankings.

>>> from queries.partners import DEFAULT_WEIGHTS
>>> round(sum(DEFAULT_WEIGHTS.values()), 9)
1.0
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from . import algorithms as alg
from .network import graph_of, name, network_labels, network_view, undirected
from .resolve import EntityNotFound, resolve_entity

DEFAULT_WEIGHTS = {"field": 0.3, "proximity": 0.3, "introducers": 0.15, "diversity": 0.1, "popularity": 0.15}
ENTITY_LABELS = ("Station", "Organization")


@dataclass
class PartnerCandidate:
    rank: int
    id: str
    name_zh: str
    name_en: str
    country: str
    score: float
    field: float
    proximity: float
    introducers: float
    diversity: float
    popularity: float
    partners_now: int
    hops: int | None
    shared_fields: list[str]
    introduced_by: list[str]
    reason: str


class PartnerIndex:
    """What ranking needs from an analysis projection, computed once for many entities."""

    def __init__(self, g: nx.MultiDiGraph, engine: str = "auto"):
        self.g = g
        self.net = undirected(network_view(g))
        self.engine = alg.pick_engine(self.net, engine)
        self.fields: dict[Any, set[Any]] = defaultdict(set)
        self.hosts: dict[Any, set[Any]] = defaultdict(set)
        self.hosted: dict[Any, set[Any]] = defaultdict(set)
        self.partners: dict[Any, set[Any]] = defaultdict(set)
        for s, d, a in g.edges(data=True):
            t = a.get("type")
            if t == "IN_FIELD":
                self.fields[s].add(d)
            elif t == "HOSTS":
                self.hosted[s].add(d)
                self.hosts[d].add(s)
            elif t == "PARTNERS_WITH":
                self.partners[s].add(d)
                self.partners[d].add(s)
        self.overseas_orgs = sorted(
            (v for v, a in g.nodes(data=True) if a.get("label") == "Organization" and a.get("overseas") is True),
            key=str)
        self.consulates: dict[str, list[Any]] = defaultdict(list)
        for v, a in self.net.nodes(data=True):
            if a.get("label") == "Consulate" and a.get("country") and self.net.degree(v) > 0:
                self.consulates[a["country"]].append(v)

    def domestic_partners(self, org: Any) -> int:
        """How many stations or domestic organisations partner ``org`` now."""
        n = 0
        for p in self.partners.get(org, ()):
            a = self.g.nodes[p]
            if a.get("label") == "Station" or (a.get("label") == "Organization" and a.get("overseas") is not True):
                n += 1
        return n

    def circle(self, entity: Any) -> set[Any]:
        return {entity} | self.hosts.get(entity, set()) | self.hosted.get(entity, set())

    def rank(self, entity: Any, top: int | None = 10, weights: dict[str, float] | None = None) -> list[PartnerCandidate]:
        """Candidates for ``entity`` (a node id), best first."""
        if entity not in self.g:
            raise ValueError(f"{entity} is not in the graph")
        label = self.g.nodes[entity].get("label")
        if label not in ENTITY_LABELS:
            raise ValueError(f"partners are ranked for a Station or an Organization; {entity} is a {label}")
        w = dict(DEFAULT_WEIGHTS, **(weights or {}))
        circle = self.circle(entity)
        fields = set().union(*(self.fields.get(x, set()) for x in circle))
        partnered = {p for x in circle for p in self.partners.get(x, set())}
        countries = Counter(self.g.nodes[p].get("country") for p in partnered
                            if self.g.nodes[p].get("label") == "Organization" and self.g.nodes[p].get("overseas") is True)
        cands = [c for c in self.overseas_orgs if c not in partnered and c not in circle]
        if entity in self.net and self.net.degree(entity) > 0:
            ppr = alg.personalized_pagerank(self.net, entity, engine=self.engine)
            hops = nx.single_source_shortest_path_length(self.net, entity)
        else:
            ppr, hops = {}, {}
        # unreachable candidates have proximity 0 (the iteration leaves them tiny, not exactly 0)
        best = max((ppr.get(c, 0.0) for c in cands if c in hops), default=0.0)
        known = {c: self.domestic_partners(c) for c in cands}
        top_known = max(known.values(), default=0)
        rows = []
        for c in cands:
            a = self.g.nodes[c]
            shared = sorted(fields & self.fields.get(c, set()), key=str)
            f = len(shared) / len(fields) if fields else 0.0
            prox = ppr.get(c, 0.0) / best if best > 0 and c in hops else 0.0
            talents = sorted((t for t in self.net[c] if self.net.nodes[t].get("label") == "Talent"
                              and any(x in circle for x in self.net[t])), key=str) if c in self.net else []
            country = a.get("country") or ""
            consulates = sorted(self.consulates.get(country, []), key=str) if country else []
            intro = min(1.0, len(talents) + 0.5 * len(consulates))
            div = 1.0 / (1 + countries.get(country, 0)) if country else 0.0
            pop = math.log1p(known[c]) / math.log1p(top_known) if top_known else 0.0
            score = (w["field"] * f + w["proximity"] * prox + w["introducers"] * intro + w["diversity"] * div
                     + w["popularity"] * pop)
            rows.append((round(score, 6), c, f, prox, intro, div, pop, shared, talents, consulates))
        rows.sort(key=lambda r: (-r[0], str(r[1])))
        out = []
        for i, (score, c, f, prox, intro, div, pop, shared, talents, consulates) in enumerate(rows[:top], 1):
            a = self.g.nodes[c]
            country = a.get("country") or ""
            field_names = [name(self.g.nodes[x], "zh") for x in shared]
            by = [name(self.g.nodes[t], "zh") for t in talents + consulates]
            h = hops.get(c)
            parts = [f"shares field {', '.join(field_names)}" if field_names else "no shared field"]
            if talents:
                parts.append("talent " + ", ".join(name(self.g.nodes[t], "zh") for t in talents) + " can introduce")
            if consulates:
                parts.append("consulate " + ", ".join(name(self.g.nodes[t], "zh") for t in consulates) + " of "
                             + country)
            parts.append(f"{h} hops away" if h is not None else "not connected yet")
            if known[c]:
                parts.append(f"partners {known[c]} station(s) or domestic organisation(s) already")
            if country:
                n_have = countries.get(country, 0)
                parts.append(f"new country {country}" if n_have == 0 else f"{n_have} partner(s) in {country} already")
            out.append(PartnerCandidate(
                rank=i, id=c, name_zh=a.get("name_zh") or "", name_en=a.get("name_en") or "", country=country,
                score=score, field=round(f, 6), proximity=round(prox, 6), introducers=intro, diversity=round(div, 6),
                popularity=round(pop, 6), partners_now=known[c], hops=h, shared_fields=field_names, introduced_by=by, reason="; ".join(parts)))
        return out


def rank_partners_from_graph(g: nx.MultiDiGraph, entity_id: Any, top: int | None = 10,
                             weights: dict[str, float] | None = None, engine: str = "auto",
                             index: PartnerIndex | None = None) -> list[PartnerCandidate]:
    """Rank candidates for ``entity_id`` on an analysis projection (with Field nodes and IN_FIELD)."""
    index = index or PartnerIndex(g, engine)
    return index.rank(entity_id, top=top, weights=weights)


def rank_partners(store: Any, entity: str, top: int | None = 10, weights: dict[str, float] | None = None,
                  engine: str = "auto") -> list[PartnerCandidate]:
    """Candidate overseas partners for a station or organisation (id or name) in ``store``.

    >>> [c.id for c in rank_partners(store, "乙海智工作站", top=2)]      # doctest: +SKIP
    ['org:karolinska', 'org:oxford']
    """
    try:
        e = resolve_entity(store, entity, labels=ENTITY_LABELS)
    except EntityNotFound:
        other = resolve_entity(store, entity)  # raises when it is not there at all
        raise ValueError(f"{other} is a {other.label}; partners are ranked for a Station or an Organization") from None
    # the network and the fields are all it reads (no places)
    g = graph_of(store, network_labels() + ["Field"])
    return rank_partners_from_graph(g, e.id, top=top, weights=weights, engine=engine)
