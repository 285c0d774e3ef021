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

Two ways to the same scores (:func:`score_inputs` does the arithmetic for both):

* :class:`PartnerIndex` / :func:`rank_partners_from_graph` on a projection:
  the reference (tests, reports, ``bench_partners.py``);
* :func:`rank_partners` on a store reads only what the ranking needs around
  the entity (:mod:`queries.partner_data`, named ``partners_*.cypher`` queries,
  a few dozen milliseconds of engine work each). For ``top=k`` it scores the
  candidates that share a field, have a talent introducer, or are near enough
  that proximity could lift them into the top k; any other candidate can only
  score through consulates, diversity and popularity, and every candidate is
  read and scored when that bound does not settle the top (``top=None``,
  negative weights, few candidates).

Where they differ: proximity. The reference runs personalised PageRank on the
whole network; the store path on the entity's neighbourhood, a breadth-first
ball whose expanded nodes' degrees sum to at most
:data:`~queries.partner_data.BALL_EDGES` (see :mod:`queries.partner_data`).
When the entity's connected component fits in that budget the ball is the
component and the results are identical (the reference then computes on the
component too; nothing flows between components). Otherwise candidates
outside the ball get proximity 0 (the reference: small values, since PageRank
mass decays as 0.85 per hop), those inside get values from the ball with the
ties leaving it kept as ties to one outside node; their hop counts stay exact
(candidates outside the ball shown in the top are searched from their side,
within the same budget, else "at least N hops away"). Measured on the
100k-node synthetic set, 10 stations, ``python bench/bench_partners_speed.py``:
top-10 overlap 9.7 of 10 on average (at least 9; never the exact same order),
Spearman 0.992 over all ~8,500 candidates, 0.958 over the reference's top 100.

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
from .network import name, network_view, undirected
from .partner_data import BALL_EDGES, Candidate, RankInputs, StoreFacts, canonical_pagerank
from .resolve import Entity, EntityNotFound, resolve_entity

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
    """What ranking needs from an analysis projection, computed once for many entities (the reference
    that :func:`rank_partners` reproduces from the store)."""

    def __init__(self, g: nx.MultiDiGraph, engine: str = "auto", ball_edges: int = BALL_EDGES):
        self.g = g
        self.net = undirected(network_view(g))
        self.requested_engine = engine
        self.engine = alg.pick_engine(self.net, engine)
        self.ball_edges = ball_edges
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
        consulates: dict[str, list[Any]] = defaultdict(list)
        for v, a in self.net.nodes(data=True):
            if a.get("label") == "Consulate" and a.get("country") and self.net.degree(v) > 0:
                consulates[a["country"]].append(v)
        self.consulates = {c: sorted(vs, key=str) for c, vs in consulates.items()}

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

    def proximity(self, entity: Any) -> tuple[dict[Any, float], dict[Any, int]]:
        """Personalised PageRank from ``entity`` and hop distances (``{}, {}`` for an isolated entity).

        On the entity's connected component when its degree sum is within ``ball_edges`` (then
        :func:`rank_partners` sees the same component and gets the same floats), else on the whole network
        (the same values up to the iteration's tolerance: nothing flows between components)."""
        if entity not in self.net or self.net.degree(entity) == 0:
            return {}, {}
        hops = nx.single_source_shortest_path_length(self.net, entity)
        if sum(d for _, d in self.net.degree(hops)) <= self.ball_edges:
            ppr = canonical_pagerank(hops, self.net.subgraph(hops).edges(), entity, engine=self.requested_engine)
        else:
            ppr = alg.personalized_pagerank(self.net, entity, engine=self.engine)
        return ppr, hops

    def inputs(self, entity: Any) -> RankInputs:
        """The ranking's inputs for ``entity`` (every candidate)."""
        if entity not in self.g:
            raise ValueError(f"{entity} is not in the graph")
        label = self.g.nodes[entity].get("label")
        if label not in ENTITY_LABELS:
            raise ValueError(f"partners are ranked for a Station or an Organization; {entity} is a {label}")
        circle = self.circle(entity)
        fields = set().union(*(self.fields.get(x, set()) for x in circle))
        partnered = {p for x in circle for p in self.partners.get(x, set())}
        countries = Counter(self.g.nodes[p].get("country") for p in partnered
                            if self.g.nodes[p].get("label") == "Organization" and self.g.nodes[p].get("overseas") is True)
        cands = {c: Candidate(self.g.nodes[c].get("country"), fields & self.fields.get(c, set()),
                              self.domestic_partners(c))
                 for c in self.overseas_orgs if c not in partnered and c not in circle}
        talents = {}
        for c in cands:
            if c in self.net:
                ts = sorted((t for t in self.net[c] if self.net.nodes[t].get("label") == "Talent"
                             and any(x in circle for x in self.net[t])), key=str)
                if ts:
                    talents[c] = ts
        ppr, hops = self.proximity(entity)
        return RankInputs(entity=entity, circle=circle, fields=fields, partnered=partnered, countries=countries,
                          candidates=cands, all_candidates=True, talents=talents, consulates=self.consulates,
                          ppr=ppr, hops=hops, near={c for c in cands if c in hops},
                          top_known=max((c.known for c in cands.values()), default=0), names=self.g.nodes)

    def rank(self, entity: Any, top: int | None = 10, weights: dict[str, float] | None = None) -> list[PartnerCandidate]:
        """Candidates for ``entity`` (a node id), best first."""
        out = score_inputs(self.inputs(entity), top, weights)
        assert out is not None  # every candidate is there
        return out


def _bound_others(inp: RankInputs, w: dict[str, float]) -> float | None:
    """The best score a candidate could have that shares no field, has no talent introducer and is not near
    (proximity 0): through consulates, diversity and popularity only. None when a weight is negative."""
    if any(v < 0 for v in w.values()):
        return None
    cons = max((min(1.0, 0.5 * len(v)) for v in inp.consulates.values()), default=0.0)
    return w["introducers"] * cons + w["diversity"] * 1.0 + w["popularity"] * (1.0 if inp.top_known else 0.0)


def _proximity(inp: RankInputs) -> dict[Any, float]:
    # unreachable candidates have proximity 0 (the iteration leaves them tiny, not exactly 0)
    best = max((inp.ppr.get(c, 0.0) for c in inp.near), default=0.0)
    return {c: inp.ppr.get(c, 0.0) / best for c in inp.near} if best > 0 else {}


def _scored(inp: RankInputs, w: dict[str, float]) -> list[tuple]:
    """Every candidate of ``inp.candidates`` with its score and components, best first (ties by id)."""
    fields = inp.fields
    prox_of = _proximity(inp)
    top_known = inp.top_known
    rows = []
    for c, cd in inp.candidates.items():
        shared = sorted(fields & cd.shared, key=str)
        f = len(shared) / len(fields) if fields else 0.0
        prox = prox_of.get(c, 0.0)
        talents = inp.talents.get(c, [])
        country = cd.country or ""
        consulates = inp.consulates.get(country, []) if country else []
        intro = min(1.0, len(talents) + 0.5 * len(consulates))
        div = 1.0 / (1 + inp.countries.get(country, 0)) if country else 0.0
        pop = math.log1p(cd.known) / math.log1p(top_known) if top_known else 0.0
        score = (w["field"] * f + w["proximity"] * prox + w["introducers"] * intro + w["diversity"] * div
                 + w["popularity"] * pop)
        rows.append((round(score, 6), c, f, prox, intro, div, pop, shared, talents, consulates))
    rows.sort(key=lambda r: (-r[0], str(r[1])))
    return rows


def _missing(inp: RankInputs, rows: list[tuple], top: int | None, w: dict[str, float]) -> str | list[Any] | None:
    """What ``inp`` lacks to be sure of the ``top``: ``None`` (nothing), ``"all"`` (every candidate), or the
    near candidates whose proximity alone could lift them into it."""
    if inp.all_candidates:
        return None
    bound = _bound_others(inp, w)
    if top is None or bound is None or len(rows) < top:
        return "all"
    kth = rows[top - 1][0]
    prox_of = _proximity(inp)
    near = sorted(c for c in inp.near if c not in inp.candidates
                  and round(w["proximity"] * prox_of.get(c, 0.0) + bound, 6) >= kth)
    if near:
        return near
    return None if kth > round(bound, 6) else "all"


def _explain(inp: RankInputs, shown: list[tuple]) -> list[PartnerCandidate]:
    """The rows as :class:`PartnerCandidate` with names and reasons."""
    hops = inp.hops
    if inp.fetch_names is not None:
        inp.fetch_names({r[1] for r in shown} | {x for r in shown for x in r[7] + r[8] + r[9]})
    names = inp.names
    beyond: dict[Any, tuple[int | None, int]] = {}
    if inp.hops_beyond is not None:
        far = [r[1] for r in shown if r[1] not in hops]
        beyond = inp.hops_beyond(far) if far else {}
    out = []
    for i, (score, c, f, prox, intro, div, pop, shared, talents, consulates) in enumerate(shown, 1):
        a = names.get(c, {})
        cd = inp.candidates[c]
        country = cd.country or ""
        field_names = [name(names.get(x, {"id": x}), "zh") for x in shared]
        by = [name(names.get(t, {"id": t}), "zh") for t in talents + consulates]
        h, at_least = hops.get(c), 0
        if h is None and c in beyond:
            h, at_least = beyond[c]
        parts = [f"shares field {', '.join(field_names)}" if field_names else "no shared field"]
        if talents:
            parts.append("talent " + ", ".join(name(names.get(t, {"id": t}), "zh") for t in talents) + " can introduce")
        if consulates:
            parts.append("consulate " + ", ".join(name(names.get(t, {"id": t}), "zh") for t in consulates) + " of "
                         + country)
        if h is not None:
            parts.append(f"{h} hops away")
        elif at_least:
            parts.append(f"at least {at_least} hops away")
        else:
            parts.append("not connected yet")
        if cd.known:
            parts.append(f"partners {cd.known} station(s) or domestic organisation(s) already")
        if country:
            n_have = inp.countries.get(country, 0)
            parts.append(f"new country {country}" if n_have == 0 else f"{n_have} partner(s) in {country} already")
        out.append(PartnerCandidate(
            rank=i, id=c, name_zh=a.get("name_zh") or "", name_en=a.get("name_en") or "", country=country,
            score=score, field=round(f, 6), proximity=round(prox, 6), introducers=intro, diversity=round(div, 6),
            popularity=round(pop, 6), partners_now=cd.known, hops=h, shared_fields=field_names, introduced_by=by,
            reason="; ".join(parts)))
    return out


def score_inputs(inp: RankInputs, top: int | None = 10,
                 weights: dict[str, float] | None = None) -> list[PartnerCandidate] | None:
    """Score and explain the candidates of ``inp``, best first (ties by id); ``None`` when ``inp`` lacks
    candidates that might reach the ``top``."""
    w = dict(DEFAULT_WEIGHTS, **(weights or {}))
    rows = _scored(inp, w)
    if _missing(inp, rows, top, w) is not None:
        return None
    return _explain(inp, rows[:top])


def rank_partners_from_graph(g: nx.MultiDiGraph, entity_id: Any, top: int | None = 10,
                             weights: dict[str, float] | None = None, engine: str = "auto",
                             index: PartnerIndex | None = None) -> list[PartnerCandidate]:
    """Rank candidates for ``entity_id`` on an analysis projection (with Field nodes and IN_FIELD)."""
    index = index or PartnerIndex(g, engine)
    return index.rank(entity_id, top=top, weights=weights)


def _resolve(store: Any, text: str) -> Entity:
    """The Station or Organization meant by ``text`` (:func:`queries.resolve.resolve_entity`: an id
    through its label's index, else names)."""
    try:
        return resolve_entity(store, text, labels=ENTITY_LABELS)
    except EntityNotFound:
        other = resolve_entity(store, text)  # raises when it is not there at all
        raise ValueError(f"{other} is a {other.label}; partners are ranked for a Station or an Organization") from None


def rank_partners(store: Any, entity: str, top: int | None = 10, weights: dict[str, float] | None = None,
                  engine: str = "auto", ball_edges: int = BALL_EDGES) -> list[PartnerCandidate]:
    """Candidate overseas partners for a station or organisation (id or name) in ``store``.

    Reads only what the ranking needs around the entity (:mod:`queries.partner_data`); the same answer as
    :func:`rank_partners_from_graph` on the projection when the entity's connected component has a degree
    sum within ``ball_edges``, else proximity is computed on the entity's neighbourhood (module doc).

    >>> [c.id for c in rank_partners(store, "乙海智工作站", top=2)]      # doctest: +SKIP
    ['org:karolinska', 'org:oxford']
    """
    e = _resolve(store, entity)
    facts = StoreFacts(store, e.id, ball_edges)
    inp = facts.inputs(engine)
    w = dict(DEFAULT_WEIGHTS, **(weights or {}))
    while True:
        rows = _scored(inp, w)
        miss = _missing(inp, rows, top, w)
        if miss is None:
            return _explain(inp, rows[:top])
        if miss == "all":  # a candidate with none of those facts might reach the top: score them all
            inp.candidates = {c: v for c, v in facts.all_candidates(inp.fields).items()
                              if c not in inp.partnered and c not in inp.circle}
            inp.all_candidates = True
        else:
            got = facts.candidates(miss, inp.fields)
            inp.candidates.update(got)
            for c in set(miss) - set(got):  # not an overseas organisation after all (cannot happen): not near
                inp.near.discard(c)
