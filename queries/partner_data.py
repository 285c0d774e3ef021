"""What the partner ranking reads, gathered from the store with work local to one entity.

:func:`queries.partners.rank_partners` used to project the whole collaboration
network (13-17 s at 100k nodes) and run personalised PageRank on all of it.
It now asks the store (the ``queries/cypher/partners_*.cypher`` files, the same
text on FalkorDB and Neo4j) only for:

* the circle (entity + host organisations / hosted stations), its fields and
  its partners (``partners_circle``, ``partners_circle_facts``);
* candidate facts aggregated by the engine, one row per candidate: country,
  shared fields and how many stations or domestic organisations partner it
  (``partners_field_candidates``: every overseas organisation in one of the
  circle's fields; ``partners_candidates``: those met in the neighbourhood or
  with a talent introducer; ``partners_all_candidates`` when every candidate
  is needed), the highest such count (``partners_top_known``), talents tied to
  both a candidate and the circle (``partners_talent_introducers``) and the
  consulates with a working tie (``partners_consulates``);
* for proximity, the entity's *ball* (:func:`grow_ball`): a breadth-first
  search one level per query (``partners_degrees``, ``partners_neighbours``),
  expanding nodes while the sum of their degrees stays within a budget
  (:data:`BALL_EDGES`); the level that would overrun it is expanded lowest
  degree first as far as the budget allows, and the search stops there. Every
  distance found is exact (levels are complete but the last).

Personalised PageRank (:func:`queries.algorithms.personalized_pagerank`) then
runs on the ball. When the search exhausts the entity's connected component
(:attr:`Ball.complete`: the component's degree sum is within the budget) the
ball *is* the component and the result equals the reference on the whole
projection exactly: both call :func:`canonical_pagerank` on the same nodes and
edges in the same order. Otherwise the unexpanded boundary nodes keep their
true degree: their ties leading out of the ball go to one extra *outside* node
(edge weights = the missing degree), so a walk leaves the ball as often as it
would in the whole network and comes back through the boundary. PageRank mass
decays as 0.85^hops, so this approximates the whole-network values (candidates
outside the ball get 0). The nodes found by the last, partial level are not
expanded; their degrees are read only for overseas organisations (the
candidates), the others count the mean degree of their label among the nodes
read (measured: the same agreement as reading them all, a quarter of the reads).
Measured on the 100k-node synthetic set (``bench/bench_partners_speed.py``,
10 stations, budget 7,500): top-10 overlap with the reference 9.7 of 10 on
average (at least 9), Spearman correlation of the scores 0.992 over all
~8,500 candidates (at least 0.983) and 0.958 over the reference's top 100
(at least 0.904); the top 10 were never in exactly the same order.

>>> from queries.partner_data import grow_ball
>>> adj = {"s": ["a", "b"], "a": ["s", "c"], "b": ["s"], "c": ["a"]}
>>> b = grow_ball(lambda ids: {v: adj[v] for v in ids}, lambda ids: {v: len(adj[v]) for v in ids}, "s", budget=10)
>>> b.complete, b.dist
(True, {'s': 0, 'a': 1, 'b': 1, 'c': 2})
>>> b = grow_ball(lambda ids: {v: adj[v] for v in ids}, lambda ids: {v: len(adj[v]) for v in ids}, "s", budget=3)
>>> b.complete, sorted(b.expanded), b.outside_ties()
(False, ['b', 's'], {'a': 1})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.cypher_files import cypher
from kg.schema import load_schema

from . import algorithms as alg
from .network import network_labels

# Degree sum of the nodes the ball may expand (about the number of neighbour ids read). At 100k nodes
# (bench/bench_partners_speed.py, 10 stations): 5,000 -> top-10 overlap 9.1 of 10 on average, 7,500 -> 9.7,
# 10,000 -> 9.7 at 1.45x the time of 7,500.
BALL_EDGES = 7_500
# A node standing for everything outside an incomplete ball (sorts before any id).
OUTSIDE = "\x00outside"


@dataclass
class Ball:
    """The entity's neighbourhood as far as a breadth-first search went.

    ``dist``: exact hop distance of every node found; ``adj``: the neighbours of every expanded node
    (and, for the nodes found, their expanded neighbours); ``degree``: the network degree of every node
    found; ``complete``: the search exhausted the connected component; ``radius``: every node at most
    this many hops away was found."""

    entity: str
    dist: dict[str, int] = field(default_factory=dict)
    adj: dict[str, set[str]] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)
    expanded: set[str] = field(default_factory=set)
    complete: bool = False
    radius: int = 0
    used: int = 0
    overseas: set[str] = field(default_factory=set)
    estimated: set[str] = field(default_factory=set)

    def edges(self) -> set[tuple[str, str]]:
        """Every tie known (each at least one end expanded), as ``(a, b)`` with ``a < b``."""
        return {(u, v) if u < v else (v, u) for u in self.expanded for v in self.adj.get(u, ())}

    def outside_ties(self) -> dict[str, int]:
        """For each node found but not expanded, how many of its ties are not known (lead out of the ball
        or to another unexpanded node)."""
        out = {}
        for v in self.dist:
            if v not in self.expanded:
                n = self.degree.get(v, 0) - len(self.adj.get(v, ()))
                if n > 0:
                    out[v] = n
        return out


def grow_ball(neighbours: Callable[[list[str]], Mapping[str, Iterable[str]]],
              degrees: Callable[[list[str]], Mapping[str, int]], entity: str, budget: int = BALL_EDGES,
              ball: Ball | None = None, probe_last: Callable[[list[str]], list[str]] | None = None,
              kind: Callable[[str], Any] | None = None) -> Ball:
    """Breadth-first search from ``entity``, expanding whole levels while the degree sum of the expanded
    nodes stays within ``budget``; the level that would overrun it is expanded lowest degree first (ties by
    id) while the budget allows, and the search ends there.

    ``neighbours(ids)`` gives each node's distinct neighbours (no self-ties), ``degrees(ids)`` their number.
    The nodes found by that last, partial level are never expanded: with ``probe_last``, only the ones it
    picks have their degree read, the others get the mean degree of the nodes of the same ``kind(id)`` read
    before (at least their known ties); :attr:`Ball.estimated` lists them.
    """
    ball = ball or Ball(entity)
    ball.dist = {entity: 0}
    ball.degree.update(degrees([entity]))
    frontier, level = [entity], 0
    while frontier:
        need = sum(ball.degree.get(v, 0) for v in frontier)
        if ball.used + need <= budget:
            chosen = frontier
        else:
            chosen, room = [], budget - ball.used
            for v in sorted(frontier, key=lambda v: (ball.degree.get(v, 0), v)):
                if ball.degree.get(v, 0) > room:
                    break
                chosen.append(v)
                room -= ball.degree.get(v, 0)
        found = neighbours(chosen) if chosen else {}
        new: list[str] = []
        for v in chosen:
            ball.expanded.add(v)
            ball.used += ball.degree.get(v, 0)
            av = ball.adj.setdefault(v, set())
            for m in found.get(v, ()):
                av.add(m)
                ball.adj.setdefault(m, set()).add(v)
                if m not in ball.dist:
                    ball.dist[m] = level + 1
                    new.append(m)
        if len(chosen) < len(frontier):
            # the last level: every node up to ``level`` hops was found, not every one at level + 1
            if probe_last is None or kind is None:
                ball.degree.update(degrees(new))
            else:
                ball.degree.update(degrees(probe_last(new)) if new else {})
                _estimate(ball, [v for v in new if v not in ball.degree], kind)
            return ball
        if new:
            ball.degree.update(degrees(new))
        frontier, level = new, level + 1
        ball.radius = level
    ball.complete = True
    return ball


def _estimate(ball: Ball, nodes: list[str], kind: Callable[[str], Any]) -> None:
    sums: dict[Any, list[int]] = {}
    for v, d in ball.degree.items():
        sums.setdefault(kind(v), []).append(d)
    mean = {k: sum(x) / len(x) for k, x in sums.items()}
    for v in nodes:
        ball.degree[v] = max(len(ball.adj.get(v, ())), round(mean.get(kind(v), 0)))
        ball.estimated.add(v)


def canonical_pagerank(nodes: Iterable[str], edges: Iterable[tuple[str, str]], source: str, engine: str = "auto",
                       outside: Mapping[str, int] | None = None) -> dict[str, float]:
    """Personalised PageRank from ``source`` on the graph of ``nodes`` and ``edges``, built in a fixed order
    (sorted), so that the same nodes and edges give the same floats whoever gathered them.

    ``outside``: ties of boundary nodes that lead out of a partial neighbourhood; they go to one extra node
    (:data:`OUTSIDE`, weighted edges; networkx then, as igraph's PageRank here ignores weights). Its own score
    is dropped.

    >>> p = canonical_pagerank(["a", "b", "c"], [("b", "c"), ("a", "b")], "a")
    >>> round(sum(p.values()), 6), p["b"] > p["c"] > 0
    (1.0, True)
    >>> q = canonical_pagerank(["a", "b", "c"], [("a", "b"), ("a", "c")], "a", outside={"b": 2})
    >>> {v: round(x, 3) for v, x in q.items()}      # b has two more ties, out of the neighbourhood
    {'a': 0.369, 'b': 0.303, 'c': 0.157}
    """
    h = nx.Graph()
    h.add_nodes_from(sorted(nodes))
    h.add_edges_from(sorted((u, v) if u < v else (v, u) for u, v in edges if u != v))
    if outside:
        h.add_weighted_edges_from((v, OUTSIDE, outside[v]) for v in sorted(outside))
        engine = "networkx"
    p = alg.personalized_pagerank(h, source, engine=engine)
    p.pop(OUTSIDE, None)
    return p


@dataclass
class Candidate:
    """What scoring needs of one candidate: country (as stored), the circle's fields it is in, and how many
    stations or domestic organisations partner it (``known``)."""

    country: Any
    shared: set[str]
    known: int


@dataclass
class RankInputs:
    """Everything :func:`queries.partners.score_inputs` reads for one entity, however gathered.

    ``near``: the candidates with a hop distance (``hops``), whose proximity is not 0. ``candidates`` holds
    the facts of every candidate when ``all_candidates``; otherwise of every candidate that shares a field
    or has a talent introducer, and of those ``near`` ones asked for (:meth:`StoreFacts.candidates`): any
    other can only score through proximity (``near`` ones), introducing consulates, diversity and
    popularity. ``names`` maps node ids to attributes with ``name_zh``/``name_en`` for the nodes shown
    (filled by ``fetch_names`` when given)."""

    entity: str
    circle: set[str]
    fields: set[str]
    partnered: set[str]
    countries: Counter
    candidates: dict[str, Candidate]
    all_candidates: bool
    talents: dict[str, list[str]]
    consulates: dict[str, list[str]]
    ppr: dict[str, float]
    hops: dict[str, int]
    near: set[str]
    top_known: int
    names: Mapping[str, Mapping[str, Any]]
    ball: Ball | None = None
    fetch_names: Callable[[Iterable[str]], None] | None = None
    hops_beyond: Callable[[list[str]], dict[str, tuple[int | None, int]]] | None = None


# -- the store side ---------------------------------------------------------------------------------------

def label_of(node_id: str) -> str | None:
    """The label of a node id by its schema ``id_prefix`` (ids are validated to carry it).

    >>> label_of("station:s1"), label_of("org:x"), label_of("field:ai"), label_of("nope")
    ('Station', 'Organization', 'Field', None)
    """
    return load_schema().label_of_id(node_id)


def by_label(ids: Iterable[str], labels: Iterable[str]) -> dict[str, list[str]]:
    """The ``$<Label>`` parameters of the per-label queries: ``ids`` grouped by label (every label present).

    >>> by_label(["org:a", "station:b", "org:c", "place:x"], ["Station", "Organization"])
    {'Station': ['station:b'], 'Organization': ['org:a', 'org:c']}
    """
    out: dict[str, list[str]] = {lab: [] for lab in labels}
    for v in ids:
        lab = label_of(v)
        if lab in out:
            out[lab].append(v)
    return out


class StoreFacts:
    """The store-side answers for one entity (a Station or Organization id)."""

    def __init__(self, store: Any, entity: str, budget: int = BALL_EDGES, search_budget: int | None = None):
        self.store, self.entity, self.budget = store, entity, budget
        self.search_budget = budget if search_budget is None else search_budget
        self.net_labels = network_labels()
        self.queries = 0
        self.ids_read = 0
        self._ball: Ball | None = None
        self.names: dict[str, dict[str, Any]] = {}

    def run(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.queries += 1
        return self.store.run(cypher(name), params)

    # -- the circle ------------------------------------------------------------------------------------------
    def circle(self) -> set[str]:
        others = {v for r in self.run("partners_circle", {"id": self.entity}) for v in r["others"]}
        return {self.entity} | others

    def circle_facts(self, circle: set[str]) -> tuple[set[str], set[str]]:
        """The circle's fields and partners."""
        fields: set[str] = set()
        partnered: set[str] = set()
        for r in self.run("partners_circle_facts", by_label(sorted(circle), ["Station", "Organization"])):
            fields.update(r["fields"])
            partnered.update(r["partners"])
        return fields, partnered

    # -- candidates ------------------------------------------------------------------------------------------
    @staticmethod
    def _candidates(rows: list[dict[str, Any]]) -> dict[str, Candidate]:
        return {r["id"]: Candidate(r.get("country"), set(r["shared"] or ()), int(r["known"] or 0)) for r in rows}

    def field_candidates(self, fields: set[str]) -> dict[str, Candidate]:
        if not fields:
            return {}
        return self._candidates(self.run("partners_field_candidates", {"fields": sorted(fields)}))

    def candidates(self, ids: Iterable[str], fields: set[str]) -> dict[str, Candidate]:
        """Facts of the overseas organisations among ``ids`` (the others are left out)."""
        ids = sorted({v for v in ids if label_of(v) == "Organization"})
        if not ids:
            return {}
        return self._candidates(self.run("partners_candidates", {"ids": ids, "fields": sorted(fields)}))

    def all_candidates(self, fields: set[str]) -> dict[str, Candidate]:
        return self._candidates(self.run("partners_all_candidates", {"fields": sorted(fields)}))

    def top_known(self, exclude: set[str]) -> int:
        rows = self.run("partners_top_known", {"exclude": sorted(exclude)})
        return int(rows[0]["top"] or 0) if rows else 0

    def talents(self, circle: set[str]) -> dict[str, list[str]]:
        params: dict[str, Any] = by_label(sorted(circle), ["Station", "Organization"])
        params["circle"] = sorted(circle)
        out: dict[str, set[str]] = {}
        for r in self.run("partners_talent_introducers", params):
            out.setdefault(r["id"], set()).update(r["talents"])
        return {c: sorted(ts) for c, ts in out.items()}

    def consulates(self) -> dict[str, list[str]]:
        out: dict[str, set[str]] = {}
        for r in self.run("partners_consulates", {}):
            if r["country"]:
                out.setdefault(r["country"], set()).update(r["ids"])
        return {c: sorted(ids) for c, ids in out.items()}

    # -- the neighbourhood -----------------------------------------------------------------------------------
    def neighbours(self, ids: list[str], overseas: set[str] | None = None) -> dict[str, list[str]]:
        """Each node's distinct network neighbours; the overseas organisations among them go to ``overseas``."""
        out: dict[str, list[str]] = {}
        for r in self.run("partners_neighbours", by_label(ids, self.net_labels)):
            out.setdefault(r["id"], []).extend(r["nbrs"])
            self.ids_read += len(r["nbrs"])
            if overseas is not None:
                overseas.update(r["overseas"])
        return out

    def degrees(self, ids: list[str]) -> dict[str, int]:
        out = dict.fromkeys(ids, 0)
        for r in self.run("partners_degrees", by_label(ids, self.net_labels)):
            out.update(dict.fromkeys(r["ids"], int(r["degree"])))
        return out

    def ball(self) -> Ball:
        if self._ball is None:
            ball = Ball(self.entity)
            self._ball = grow_ball(lambda ids: self.neighbours(ids, ball.overseas), self.degrees, self.entity,
                                   self.budget, ball, probe_last=lambda ids: [v for v in ids if v in ball.overseas],
                                   kind=label_of)
        return self._ball

    def hops_beyond(self, targets: list[str]) -> dict[str, tuple[int | None, int]]:
        """Hop distances from the entity to ``targets`` outside an incomplete ball: a breadth-first search
        from each target through nodes the ball has not found, until it meets the ball. The searches share
        their queries (one per level for all) and one degree budget (``search_budget``, the ball's by default).

        ``{target: (hops, at_least)}``: ``hops`` exact; or ``None`` with ``at_least`` a lower bound when the
        budget ran out first; ``(None, 0)`` when the target's component was exhausted without meeting the
        ball (not connected)."""
        ball = self.ball()
        known, radius = ball.dist, ball.radius
        out: dict[str, tuple[int | None, int]] = {t: (known[t], known[t]) for t in targets if t in known}
        # per target: nodes seen, frontier, best meeting so far
        state = {t: ({t}, [t], None) for t in targets if t not in known}
        j, used = 0, 0
        while state:
            for t, (seen, frontier, best) in list(state.items()):
                # the first node of the ball on a shortest path is at least ``radius`` hops from the entity,
                # so a meeting found after step j costs at least radius + j + 1
                if best is not None and (best <= radius + j + 1 or not frontier):
                    out[t] = (best, best)
                    del state[t]
                elif not frontier:
                    out[t] = (None, 0)  # the target's component is exhausted: not connected
                    del state[t]
            if not state:
                break
            level = sorted({v for _, frontier, _ in state.values() for v in frontier})
            degs = self.degrees(level)
            cost = sum(degs[v] for v in level)
            if used + cost > self.search_budget:
                for t, (_, _, best) in state.items():
                    out[t] = (None, radius + j + 1 if best is None else min(best, radius + j + 1))
                break
            used += cost
            found = self.neighbours(level)
            j += 1
            for t, (seen, frontier, best) in list(state.items()):
                new = []
                for v in frontier:
                    for m in found.get(v, ()):
                        if m in seen:
                            continue
                        seen.add(m)
                        if m in known:
                            best = known[m] + j if best is None else min(best, known[m] + j)
                        else:
                            new.append(m)
                state[t] = (seen, new, best)
        return out

    def fetch_names(self, ids: Iterable[str]) -> None:
        need = sorted({v for v in ids if v not in self.names})
        if not need:
            return
        for r in self.run("partners_names", by_label(need, self.net_labels + ["Field"])):
            self.names[r["id"]] = {"id": r["id"], **{k: r[k] for k in ("name_zh", "name_en") if r.get(k) is not None}}

    # -- all together ----------------------------------------------------------------------------------------
    def inputs(self, engine: str = "auto") -> RankInputs:
        """The ranking's inputs with the candidates that share a field or have a talent introducer (add
        others with :meth:`candidates`, or every one with :meth:`all_candidates`).

        The candidate side runs in other threads while this one searches the neighbourhood (the engine
        answers them at the same time)."""
        from concurrent.futures import ThreadPoolExecutor

        circle = self.circle()
        fields, partnered = self.circle_facts(circle)
        excluded = partnered | circle

        def introducers() -> dict[str, Any]:
            talents = {c: t for c, t in self.talents(circle).items() if c not in excluded}
            pfacts = self.candidates(partnered, set())  # the overseas partners, for their countries
            return dict(talents=talents, consulates=self.consulates(),
                        countries=Counter(pfacts[p].country for p in partnered if p in pfacts),
                        cands=self.candidates(talents, fields))

        with ThreadPoolExecutor(max_workers=3) as pool:
            top_known = pool.submit(self.top_known, excluded)
            by_field = pool.submit(self.field_candidates, fields)
            intro = pool.submit(introducers)
            ball = self.ball()
            if ball.degree.get(self.entity, 0) > 0:
                outside = None if ball.complete else ball.outside_ties()
                ppr = canonical_pagerank(ball.dist, ball.edges(), self.entity, engine=engine, outside=outside)
                hops = dict(ball.dist)
            else:
                ppr, hops = {}, {}
            more = intro.result()
            cands = by_field.result()
            cands.update(more.pop("cands"))
            known = top_known.result()
        return RankInputs(entity=self.entity, circle=circle, fields=fields, partnered=partnered,
                          candidates={c: v for c, v in cands.items() if c not in excluded}, all_candidates=False,
                          ppr=ppr, hops=hops, near={c for c in ball.overseas if c in hops and c not in excluded},
                          top_known=known, names=self.names, fetch_names=self.fetch_names, ball=ball,
                          hops_beyond=None if ball.complete else self.hops_beyond, **more)
