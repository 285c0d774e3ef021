"""Paths between two entities found in the store, with work local to the two ends.

:func:`queries.paths.paths_from_graph` answers on a whole projection; projecting
100k nodes takes seconds, so :func:`search_paths` asks the store only about the
neighbourhoods of the two ends:

1. a bidirectional breadth-first search, one Cypher query per level
   (:data:`NEIGHBOURS`: the frontier's ids grouped by label, so that every
   lookup uses the label's ``id`` index), always expanding the side with the
   smaller frontier, until the two balls meet: the shortest distance ``d``;
2. with radii ``ra + rb >= L`` every edge of every path of length ``<= L`` has
   an expanded end, so the known subgraph holds them all; the nodes ``v`` with
   ``dist_a(v) + dist_b(v) <= L`` (distances in the known subgraph, exact for
   those nodes) are the nodes of those paths. Yen's algorithm
   (``networkx.shortest_simple_paths``) runs on that small subgraph, with
   ``L = d`` first, grown (one more level on the smaller side) only while fewer
   than ``k`` paths are found and ``L < max_hops``;
3. the hops' relationships (:data:`HOP_RELATIONSHIPS`) and the path nodes'
   names (:data:`NODE_NAMES`) are read for the nodes shown.

Labels and types enter the Cypher text only through the schema whitelist.

>>> print(neighbours_query(["Station"], ["HOSTS", "PARTNERS_WITH"]))
UNWIND $ids0 AS id MATCH (n:Station {id: id})-[:HOSTS|PARTNERS_WITH]-(m) WITH id, collect(m.id) AS ms RETURN id, reduce(s = '', x IN ms | s + ' ' + x) AS nbrs
>>> sorted(ball_nodes({"a": ["x"], "x": ["a", "b"], "b": ["x"]}, "a", "b", 2))
['a', 'b', 'x']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.schema import load_schema

# The neighbours of a frontier's nodes of one label (relationships as undirected ties), as one string of
# space-separated ids per node: node ids have no whitespace (ingest.dataset.ID_RE), and one string is
# parsed by the client 2-3x faster than a list of as many strings (12.5k neighbours: 100 ms vs 240 ms).
NEIGHBOURS = ("UNWIND ${param} AS id MATCH (n:{label} {{id: id}})-[:{types}]-(m) WITH id, collect(m.id) AS ms "
              "RETURN id, reduce(s = '', x IN ms | s + ' ' + x) AS nbrs")
# Every relationship of the allowed types from src to dst, for the pairs given as maps {src, dst}.
HOP_RELATIONSHIPS = ("UNWIND ${param} AS p MATCH (x:{label} {{id: p.src}})-[r:{types}]->(y) WHERE y.id = p.dst "
                     "RETURN x.id AS src, y.id AS dst, type(r) AS type, properties(r) AS props")
# Names of the nodes with the given ids (one label).
NODE_NAMES = ("UNWIND ${param} AS id MATCH (n:{label} {{id: id}}) "
              "RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en")


def label_of(node_id: str) -> str | None:
    """The label of a node id by its schema ``id_prefix`` (ids are validated to carry it).

    >>> label_of("station:s1"), label_of("org:x"), label_of("nope")
    ('Station', 'Organization', None)
    """
    return load_schema().label_of_id(node_id)


def _union(template: str, labels: Iterable[str], **fmt: str) -> str:
    schema = load_schema()
    parts = [template.format(param=f"ids{i}", label=schema.checked_label(lab), **fmt) for i, lab in enumerate(labels)]
    return " UNION ALL ".join(parts)


def _types(types: Iterable[str]) -> str:
    schema = load_schema()
    return "|".join(schema.checked_type(t) for t in types)


def neighbours_query(labels: list[str], types: list[str]) -> str:
    """One query for the neighbours of frontier nodes of ``labels`` (parameter ``$ids<i>`` per label)."""
    return _union(NEIGHBOURS, labels, types=_types(types))


def hop_query(labels: list[str], types: list[str]) -> str:
    """One query for the relationships src -> dst of ``types`` (``$ids<i>``: pairs whose src has ``labels[i]``)."""
    return _union(HOP_RELATIONSHIPS, labels, types=_types(types))


def names_query(labels: list[str]) -> str:
    return _union(NODE_NAMES, labels)


def _by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in ids:
        lab = label_of(v)
        if lab is not None:
            out.setdefault(lab, []).append(v)
    return {lab: out[lab] for lab in sorted(out)}


@dataclass
class Side:
    """One end's breadth-first ball: distances of the nodes found, the frontier at ``radius``."""

    root: str
    dist: dict[str, int]
    frontier: list[str]
    radius: int = 0

    @classmethod
    def of(cls, root: str) -> "Side":
        return cls(root, {root: 0}, [root])


@dataclass
class BallSearch:
    """Bidirectional breadth-first search in ``store`` from ``a`` and ``b`` over ``types``, through
    nodes of ``labels`` only, never through ``avoid``. ``adj`` holds every edge of the expanded nodes."""

    store: Any
    a: str
    b: str
    labels: set[str]
    types: list[str]
    avoid: set[str] = field(default_factory=set)
    adj: dict[str, set[str]] = field(default_factory=dict)
    queries: int = 0
    rows: int = 0

    def __post_init__(self) -> None:
        self.sa, self.sb = Side.of(self.a), Side.of(self.b)

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        """Neighbours of ``ids`` in the store (allowed types and labels, avoided nodes left out)."""
        groups = _by_label(ids)
        if not groups:
            return {}
        # one text per (labels, types): the same plan every level (Neo4j caches plans by text)
        labs = sorted(self.labels)
        params = {f"ids{i}": groups.get(lab, []) for i, lab in enumerate(labs)}
        res = self.store.run(neighbours_query(labs, self.types), params)
        self.queries += 1
        out: dict[str, list[str]] = {v: [] for v in ids}
        label, ok, avoid = load_schema().label_of_id, self.labels, self.avoid
        for r in res:
            src = r["id"]
            nb = out[src]
            ms = r["nbrs"].split()
            for m in ms:
                if m != src and m not in avoid and label(m) in ok:
                    nb.append(m)
            self.rows += len(ms)
        return out

    def expand(self, side: Side) -> list[str]:
        """Expand ``side`` by one level; the nodes newly found."""
        found = self.neighbours(side.frontier)
        side.radius += 1
        new: list[str] = []
        dist, adj = side.dist, self.adj
        for v, nbrs in found.items():
            av = adj.setdefault(v, set())
            for m in nbrs:
                av.add(m)
                adj.setdefault(m, set()).add(v)
                if m not in dist:
                    dist[m] = side.radius
                    new.append(m)
        side.frontier = new
        return new

    def smaller(self) -> Side:
        return self.sa if len(self.sa.frontier) <= len(self.sb.frontier) else self.sb

    def distance(self, max_hops: int) -> int | None:
        """The shortest distance between the ends (``None``: none within ``max_hops``).

        Before each level no node is in both balls, so no path is as short as
        ``ra + rb``; the first level that makes them meet gives ``d = ra + rb``."""
        while self.sa.radius + self.sb.radius < max_hops:
            if not self.sa.frontier or not self.sb.frontier:
                return None  # one end's component is exhausted without meeting the other
            side = self.smaller()
            other = self.sb if side is self.sa else self.sa
            new = self.expand(side)
            if any(v in other.dist for v in new):
                return self.sa.radius + self.sb.radius
        return None

    def grow(self) -> None:
        """One more level on the side with the smaller frontier (an empty one costs nothing)."""
        self.expand(self.smaller())


def bfs(adj: dict[str, Iterable[str]], root: str, cutoff: int) -> dict[str, int]:
    """Distances from ``root`` up to ``cutoff`` in an adjacency dict.

    >>> bfs({"a": ["b"], "b": ["a", "c"], "c": ["b"]}, "a", 1)
    {'a': 0, 'b': 1}
    """
    dist = {root: 0}
    q = deque([root])
    while q:
        v = q.popleft()
        dv = dist[v]
        if dv >= cutoff:
            continue
        for m in adj.get(v, ()):
            if m not in dist:
                dist[m] = dv + 1
                q.append(m)
    return dist


def ball_nodes(adj: dict[str, Iterable[str]], a: str, b: str, bound: int) -> set[str]:
    """Nodes ``v`` of the known subgraph with ``dist(a, v) + dist(v, b) <= bound``: every node of every path
    of length ``<= bound`` (when the subgraph holds the edges of those paths)."""
    da, db = bfs(adj, a, bound), bfs(adj, b, bound)
    if len(db) < len(da):
        da, db = db, da
    return {v for v, x in da.items() if v in db and x + db[v] <= bound}


def simple_paths(search: BallSearch, d: int, k: int, max_hops: int) -> Iterator[list[str]]:
    """Up to ``k`` shortest simple paths (node lists), shortest first, given the met search and its distance ``d``."""
    import networkx as nx

    bound, done = d, 0
    while True:
        nodes = ball_nodes(search.adj, search.a, search.b, bound)
        h = nx.Graph()
        h.add_nodes_from(sorted(nodes))
        h.add_edges_from((v, m) for v in sorted(nodes) for m in search.adj.get(v, ()) if m in nodes)
        got = 0
        for path in nx.shortest_simple_paths(h, search.a, search.b):
            if len(path) - 1 > bound:
                break
            got += 1
            if got > done:  # the paths of the smaller bound were given already, in the same order
                yield path
                done += 1
            if done >= k:
                return
        if bound >= max_hops:
            return
        bound += 1
        while search.sa.radius + search.sb.radius < bound:
            search.grow()


def node_names(store: Any, ids: Iterable[str], labels: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """``{id: {"id", "label", "name_zh", "name_en"}}`` for node ids (one query; ``labels``: the labels the
    query text covers, so that it is the same text whichever of them the ids have)."""
    groups = _by_label(set(ids))
    if not groups:
        return {}
    labs = sorted(set(groups) | set(labels or ()))
    rows = store.run(names_query(labs), {f"ids{i}": groups.get(lab, []) for i, lab in enumerate(labs)})
    out = {}
    for r in rows:
        out[r["id"]] = {"id": r["id"], "label": label_of(r["id"]),
                        **{k: r[k] for k in ("name_zh", "name_en") if r.get(k) is not None}}
    return out


def hop_relationships(store: Any, pairs: Iterable[tuple[str, str]], types: list[str],
                      labels: Iterable[str] | None = None) -> dict[frozenset, list]:
    """Every relationship of ``types`` between each unordered pair, as ``(src, dst, rel_id, attrs)`` with
    ``attrs`` = its properties and ``type`` (the tuples :func:`queries.paths._hop` ranks), by ``frozenset`` pair."""
    directed = sorted({(x, y) for p in pairs for x, y in (p, p[::-1])})
    groups: dict[str, list[dict[str, str]]] = {}
    for x, y in directed:
        lab = label_of(x)
        if lab is not None:
            groups.setdefault(lab, []).append({"src": x, "dst": y})
    out: dict[frozenset, list] = {}
    if not groups:
        return out
    labs = sorted(set(groups) | set(labels or ()))
    rows = store.run(hop_query(labs, types), {f"ids{i}": groups.get(lab, []) for i, lab in enumerate(labs)})
    seen = set()
    for r in rows:
        props = dict(r["props"] or {})
        rid = props.get("id")
        if (r["type"], rid) in seen:
            continue
        seen.add((r["type"], rid))
        props["type"] = r["type"]
        out.setdefault(frozenset((r["src"], r["dst"])), []).append((r["src"], r["dst"], rid, props))
    return out
