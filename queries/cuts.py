"""What falls apart without a node or a tie: the pieces left when an
articulation point or a bridge is removed, in O(nodes + edges) for all of them.

* Articulation points: the block–cut tree (blocks = biconnected components).
  Removing cut vertex ``v`` leaves one piece per block that contains ``v``;
  a piece's size is read off the rooted tree's subtree sums.
* Bridges: contract the 2-edge-connected components (union–find over the
  edges that are not bridges); the bridges form a forest over them, and the
  two sides of a bridge are a subtree and the rest of its component.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
>>> articulation_parts(g)
{'c': [2, 2], 'd': [3, 1]}
>>> bridge_sides(g)[frozenset({"c", "d"})]
(3, 2)
>>> cut_off_pieces(g, "c", [2, 2])
[['d', 'e']]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

import networkx as nx
from networkx.utils import UnionFind

from . import algorithms as alg


def _rooted(adj: dict[Any, list[Any]], weight: dict[Any, int]) -> tuple[dict[Any, Any], dict[Any, int], dict[Any, Any]]:
    """Parent, subtree weight sum and root of every node of a forest (iterative DFS)."""
    parent: dict[Any, Any] = {}
    sub: dict[Any, int] = {}
    root_of: dict[Any, Any] = {}
    for root in adj:
        if root in parent:
            continue
        parent[root] = None
        order = [root]
        stack = [root]
        while stack:
            x = stack.pop()
            root_of[x] = root
            for y in adj[x]:
                if y not in parent:
                    parent[y] = x
                    order.append(y)
                    stack.append(y)
        for x in reversed(order):
            sub[x] = sub.get(x, 0) + weight[x]
            p = parent[x]
            if p is not None:
                sub[p] = sub.get(p, 0) + sub[x]
    return parent, sub, root_of


def articulation_parts(g: nx.Graph, engine: str = "auto") -> dict[Any, list[int]]:
    """For every articulation point, the sizes of the pieces its removal leaves (largest first)."""
    aps = alg.articulation_points(g, engine)
    if not aps:
        return {}
    blocks = alg.biconnected_blocks(g, engine)
    adj: dict[Any, list[Any]] = {("A", v): [] for v in aps}
    weight: dict[Any, int] = {("A", v): 1 for v in aps}
    for i, block in enumerate(blocks):
        b = ("B", i)
        cuts = [v for v in block if v in aps]
        adj[b] = [("A", v) for v in cuts]
        weight[b] = len(block) - len(cuts)
        for v in cuts:
            adj[("A", v)].append(b)
    parent, sub, root_of = _rooted(adj, weight)
    out: dict[Any, list[int]] = {}
    for v in aps:
        node = ("A", v)
        total = sub[root_of[node]]
        parts = [sub[y] for y in adj[node] if parent.get(y) == node]
        if parent[node] is not None:
            parts.append(total - sub[node])
        out[v] = sorted(parts, reverse=True)
    return dict(sorted(out.items(), key=lambda kv: str(kv[0])))


def bridge_sides(g: nx.Graph, engine: str = "auto") -> dict[frozenset[Any], tuple[int, int]]:
    """For every bridge ``{u, v}``: (size of the larger side, size of the smaller side)."""
    brs = alg.bridges(g, engine)
    if not brs:
        return {}
    uf = UnionFind(g.nodes)
    for u, v in g.edges():
        if frozenset((u, v)) not in brs:
            uf.union(u, v)
    weight: dict[Any, int] = {}
    for v in g:
        r = uf[v]
        weight[r] = weight.get(r, 0) + 1
    adj: dict[Any, list[Any]] = {r: [] for r in weight}
    for e in brs:
        u, v = tuple(e)
        adj[uf[u]].append(uf[v])
        adj[uf[v]].append(uf[u])
    parent, sub, root_of = _rooted(adj, weight)
    out: dict[frozenset[Any], tuple[int, int]] = {}
    for e in brs:
        u, v = (uf[x] for x in e)
        child = v if parent.get(v) == u else u
        total = sub[root_of[child]]
        small = sub[child]
        out[e] = (max(small, total - small), min(small, total - small))
    return out


def _bfs(g: nx.Graph, start: Any, blocked: Any, cap: int | None, seen: set[Any],
         skip_edge: frozenset[Any] | None = None, big: set[Any] | None = None) -> tuple[list[Any], bool]:
    """Nodes reachable from ``start`` without passing ``blocked`` (or ``skip_edge``).

    Stops early and returns ``complete=False`` once more than ``cap`` nodes are
    found, or when it reaches a node of ``big`` (a piece already known to be too large).
    """
    piece = [start]
    seen.add(start)
    queue = deque([start])
    while queue:
        x = queue.popleft()
        for y in g[x]:
            if big is not None and y in big:
                return piece, False
            if y == blocked or y in seen:
                continue
            if skip_edge is not None and frozenset((x, y)) == skip_edge:
                continue
            seen.add(y)
            piece.append(y)
            if cap is not None and len(piece) > cap:
                return piece, False
            queue.append(y)
    return piece, True


def cut_off_pieces(g: nx.Graph, v: Any, parts: list[int]) -> list[list[Any]]:
    """The pieces (node lists) that removing ``v`` cuts off from its largest remaining piece.

    ``parts`` are the piece sizes from :func:`articulation_parts`; the search stops
    inside the largest piece as soon as it is recognised, so it costs about the
    size of the cut-off pieces, not of the graph.
    """
    if len(parts) < 2:
        return []
    cap = parts[1]
    seen: set[Any] = set()
    big: set[Any] = set()
    pieces: list[list[Any]] = []
    for u in sorted(g[v], key=str):
        if u in seen or u == v:
            continue
        piece, complete = _bfs(g, u, v, cap, seen, big=big)
        if not complete:
            big.update(piece)
            continue
        pieces.append(sorted(piece, key=str))
    pieces.sort(key=lambda p: (-len(p), str(p[0])))
    if not big and pieces:  # the largest piece has the size of the next: keep the first as the main part
        pieces = pieces[1:]
    return pieces


def bridge_cut_off(g: nx.Graph, edge: Iterable[Any], small: int) -> tuple[Any, list[Any]]:
    """(the end on the smaller side, the nodes of the smaller side) of bridge ``edge``."""
    u, v = sorted(edge, key=str)
    e = frozenset((u, v))
    for end in (u, v):
        piece, complete = _bfs(g, end, None, small, set(), skip_edge=e)
        if complete and len(piece) == small:
            return end, sorted(piece, key=str)
    return v, []  # pragma: no cover - sides are consistent with bridge_sides
