"""The collaboration network as integer edge arrays and one igraph graph: the fast
path of :mod:`queries.connectors` on large graphs.

:func:`fast_graph` reads the node order and the edge list straight from the
networkx projection (a ``MultiDiGraph``, or any networkx graph) with numpy, in
exactly the order :func:`queries.network.undirected` followed by
:func:`queries.algorithms.to_igraph` would give them, so igraph returns the very
same numbers as on the reference path, without the networkx copy.
Betweenness, articulation points with their pieces, bridges with their sides and
the brokerage counts are then computed on that one igraph graph and numpy arrays
(no Python loop over every node or edge); the few rows that are shown read
neighbours, degrees and attributes through the :class:`FastGraph`, which answers
``fg[v]``, ``fg.degree(v)`` and ``fg.nodes[v]`` like a networkx ``Graph``.

>>> import networkx as nx
>>> m = nx.MultiDiGraph()
>>> m.add_edges_from([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c"), ("c", "d"), ("d", "b")])
[0, 0, 0, 0, 0, 0]
>>> fg = fast_graph(m)
>>> fg.number_of_nodes(), fg.number_of_edges(), sorted(fg["b"]), fg.degree("b")
(4, 4, ['a', 'c', 'd'], 3)
>>> articulation_parts(fg), bridge_sides(fg) == {frozenset({"a", "b"}): (3, 1)}
({'b': [2, 1]}, True)
>>> betweenness(fg).round(3).tolist()
[0.0, 0.667, 0.0, 0.0]
>>> [r[2] for r in fg.rels("b", "a")]
[0, 0]
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np

from . import algorithms as alg


class FastGraph:
    """A simple undirected view of a networkx graph, backed by igraph.

    Vertex ``i`` is ``names[i]`` (the networkx node order); edge ``j`` joins
    ``lo[j] < hi[j]``, in the edge order of ``undirected(g).edges()``. Self-loops
    are dropped (as :func:`queries.network.undirected` does) unless ``g`` is a
    simple ``Graph``, where they count in ``degree`` and ``number_of_edges``
    exactly as networkx counts them.
    """

    def __init__(self, source: nx.Graph, names: list[Any], index: dict[Any, int], lo: np.ndarray, hi: np.ndarray,
                 degree: np.ndarray, self_loops: int) -> None:
        import igraph as ig

        self.source = source
        self.names = names
        self.index = index
        self.lo = lo
        self.hi = hi
        self.deg = degree
        self._m = len(lo) + self_loops
        self.graph = ig.Graph(n=len(names), directed=False)
        if len(lo):
            self.graph.add_edges(np.column_stack([lo, hi]))

    # -- the part of networkx's Graph API the row builders use ---------------------------------
    @property
    def nodes(self) -> Any:
        """Node attributes, ``fg.nodes[v]`` (networkx's ``NodeView`` of the source graph)."""
        return self.source.nodes

    def __iter__(self) -> Iterator[Any]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, v: Any) -> bool:
        return v in self.index

    def __getitem__(self, v: Any) -> list[Any]:
        """The neighbours of ``v`` (no self-loop)."""
        names = self.names
        return [names[i] for i in self.graph.neighbors(self.index[v])]

    def degree(self, v: Any) -> int:
        return int(self.deg[self.index[v]])

    def number_of_nodes(self) -> int:
        return len(self.names)

    def number_of_edges(self) -> int:
        return self._m

    def rels(self, a: Any, b: Any) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
        """``undirected(g).edges[a, b]["rels"]``: every relationship between ``a`` and ``b`` as
        ``(src, dst, key, attrs)``, in the projection's order (``[]`` if the graph carries none)."""
        g = self.source
        if not g.is_multigraph():
            return list(g.edges[a, b].get("rels", []))
        if self.index[a] > self.index[b]:
            a, b = b, a
        out = [(a, b, k, d) for k, d in g.adj[a].get(b, {}).items()]
        if g.is_directed():
            out += [(b, a, k, d) for k, d in g.adj[b].get(a, {}).items()]
        return out


def fast_graph(g: nx.Graph) -> FastGraph:
    """The :class:`FastGraph` of ``g`` (a networkx ``Graph``, ``MultiGraph`` or ``MultiDiGraph``).

    >>> fast_graph(nx.path_graph(["x", "y", "z"])).graph.get_edgelist()
    [(0, 1), (1, 2)]
    """
    if g.is_directed() and not g.is_multigraph():
        raise TypeError("fast_graph takes a Graph, MultiGraph or MultiDiGraph (as queries.network.undirected)")
    names = list(g)
    n = len(names)
    index = {v: i for i, v in enumerate(names)}
    # the adjacency in the order networkx's edges() scans it: node -> {neighbour: ...}
    # (no tuple per node or edge: new container objects would wake the cyclic garbage collector, whose
    # full passes walk the whole projection)
    heads = [v for v, _ in g.adjacency()]
    nbrs = [d for _, d in g.adjacency()]
    lens = np.fromiter(map(len, nbrs), np.int64, n)
    dst = np.fromiter(map(index.__getitem__, chain.from_iterable(nbrs)), np.int64, int(lens.sum()))
    src = np.repeat(np.fromiter(map(index.__getitem__, heads), np.int64, n), lens)
    loop = src == dst
    self_loops = np.zeros(n, dtype=np.int64)
    if loop.any():
        self_loops[src[loop]] = 1
        keep = ~loop
        src, dst = src[keep], dst[keep]
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    # networkx adds a pair when the scan first meets it and lists it from its earlier node, in the
    # order the pairs were added: first occurrence of each pair, ordered by (lower end, occurrence)
    _, first = np.unique(lo * max(n, 1) + hi, return_index=True)
    lo, hi = lo[first], hi[first]
    order = np.lexsort((first, lo))
    lo, hi = lo[order], hi[order]
    degree = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    simple = not g.is_multigraph() and not g.is_directed()
    if simple:  # a simple Graph keeps its self-loops (networkx counts them twice in degree)
        degree = degree + 2 * self_loops
    return FastGraph(g, names, index, lo, hi, degree.astype(np.int64),
                     int(self_loops.sum()) if simple else 0)


def betweenness(fg: FastGraph, sample: int | None = None, seed: int = 0) -> np.ndarray:
    """:func:`queries.algorithms.betweenness` with igraph, as an array in vertex order
    (the same numbers: same sources, same edge order, same scaling).

    >>> betweenness(fast_graph(nx.star_graph(3))).tolist()
    [1.0, 0.0, 0.0, 0.0]
    """
    n = len(fg.names)
    if n <= 2:
        return np.zeros(n)
    norm = 2.0 / ((n - 1) * (n - 2))
    if sample is not None and sample >= n:
        sample = None
    if sample is None:
        return np.asarray(fg.graph.betweenness(directed=False), dtype=float) * norm
    sources = alg.sample_sources(fg.source, sample, seed)
    scale = norm * n / len(sources)
    vals = fg.graph.betweenness(directed=False, sources=[fg.index[s] for s in sources])
    return np.asarray(vals, dtype=float) * scale


def forest_sums(k: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Root every tree of the forest on ``k`` nodes with edges ``src[i] - dst[i]``: (parent, subtree
    weight sum) of every node; a root's parent is -1. Vectorised by BFS layers.

    >>> parent, sub = forest_sums(4, np.array([0, 1]), np.array([1, 2]), np.array([1, 2, 3, 4]))
    >>> parent.tolist(), sub.tolist()
    ([-1, 0, 1, -1], [6, 5, 3, 4])
    """
    import igraph as ig

    f = ig.Graph(n=k, edges=list(zip(src.tolist(), dst.tolist())), directed=False)
    comp = np.asarray(f.connected_components().membership, dtype=np.int64)
    _, roots = np.unique(comp, return_index=True)
    # one super-root above every tree, so that a single BFS reaches them all
    f.add_vertices(1)
    f.add_edges([(k, int(r)) for r in roots])
    vids, layers, parents = f.bfs(k)
    vids, parents = np.asarray(vids, dtype=np.int64), np.asarray(parents, dtype=np.int64)
    sub = np.append(np.asarray(weight, dtype=np.int64), 0)
    for i in range(len(layers) - 2, 0, -1):
        layer = vids[layers[i]:layers[i + 1]]
        np.add.at(sub, parents[layer], sub[layer])
    parent = parents[:k].copy()
    parent[parent == k] = -1
    return parent, sub[:k]


def component_sizes(fg: FastGraph) -> np.ndarray:
    """Size of the connected component of every vertex."""
    memb = np.asarray(fg.graph.connected_components().membership, dtype=np.int64)
    return np.bincount(memb)[memb] if len(memb) else memb


def articulation_parts(fg: FastGraph, sizes: np.ndarray | None = None) -> dict[Any, list[int]]:
    """:func:`queries.cuts.articulation_parts` on the block–cut tree built by igraph.

    >>> articulation_parts(fast_graph(nx.path_graph(4)))
    {1: [2, 1], 2: [2, 1]}
    """
    h = fg.graph
    blocks, aps = h.biconnected_components(return_articulation_points=True)
    if not aps:
        return {}
    sizes = component_sizes(fg) if sizes is None else sizes
    aps = np.asarray(sorted(aps), dtype=np.int64)
    ap_no = np.full(h.vcount(), -1, dtype=np.int64)
    ap_no[aps] = np.arange(len(aps))
    blens = np.fromiter(map(len, blocks), np.int64, len(blocks))
    members = np.fromiter(chain.from_iterable(blocks), np.int64, int(blens.sum()))
    block_of = np.repeat(np.arange(len(blocks), dtype=np.int64), blens)
    is_cut = ap_no[members] >= 0
    na = len(aps)
    # tree nodes: articulation points 0..na-1, then the blocks; edge = point in block
    t_ap, t_block = ap_no[members[is_cut]], na + block_of[is_cut]
    weight = np.concatenate([np.ones(na, dtype=np.int64),
                             blens - np.bincount(block_of[is_cut], minlength=len(blocks))])
    parent, sub = forest_sums(na + len(blocks), t_ap, t_block, weight)
    # the piece on a block's side: the block's subtree below the point, or all above the point
    piece = np.where(parent[t_block] == t_ap, sub[t_block], sizes[aps[t_ap]] - sub[t_ap])
    out: dict[Any, list[int]] = {}
    order = np.argsort(t_ap, kind="stable")
    t_sorted, p_sorted = t_ap[order].tolist(), piece[order].tolist()
    names = fg.names
    start = 0
    for j in range(1, len(t_sorted) + 1):
        if j == len(t_sorted) or t_sorted[j] != t_sorted[start]:
            out[names[int(aps[t_sorted[start]])]] = sorted(p_sorted[start:j], reverse=True)
            start = j
    return dict(sorted(out.items(), key=lambda kv: str(kv[0])))


def bridge_sides(fg: FastGraph, sizes: np.ndarray | None = None) -> dict[frozenset[Any], tuple[int, int]]:
    """:func:`queries.cuts.bridge_sides` with igraph: the bridges form a forest over the
    2-edge-connected components (the components left when every bridge is removed).

    >>> sorted((sorted(e), sides) for e, sides in bridge_sides(fast_graph(nx.path_graph(3))).items())
    [([0, 1], (2, 1)), ([1, 2], (2, 1))]
    """
    h = fg.graph
    brs = np.asarray(sorted(h.bridges()), dtype=np.int64)
    if not len(brs):
        return {}
    sizes = component_sizes(fg) if sizes is None else sizes
    keep = np.ones(h.ecount(), dtype=bool)
    keep[brs] = False
    rest = h.subgraph_edges(np.nonzero(keep)[0].tolist(), delete_vertices=False)
    memb = np.asarray(rest.connected_components().membership, dtype=np.int64)
    k = int(memb.max()) + 1
    a, b = memb[fg.lo[brs]], memb[fg.hi[brs]]
    parent, sub = forest_sums(k, a, b, np.bincount(memb, minlength=k))
    child = np.where(parent[b] == a, b, a)
    small = sub[child]
    total = sizes[fg.lo[brs]]
    big_side, small_side = np.maximum(small, total - small), np.minimum(small, total - small)
    names = fg.names
    return {frozenset((names[x], names[y])): (int(p), int(q))
            for x, y, p, q in zip(fg.lo[brs].tolist(), fg.hi[brs].tolist(), big_side.tolist(), small_side.tolist())}


def triangles(fg: FastGraph) -> np.ndarray:
    """Every triangle once, as rows of three vertex numbers.

    >>> triangles(fast_graph(nx.complete_graph(3))).shape
    (1, 3)
    """
    tri = fg.graph.list_triangles()
    return np.asarray(tri, dtype=np.int64).reshape(len(tri), 3)


def top_candidates(primary: np.ndarray, limit: int) -> np.ndarray:
    """Positions whose ``primary`` value is at least the ``limit``-th largest (all of them when
    there are no more than ``limit``, or ``limit`` is negative, a slice ``[:limit]`` from the end):
    the only ones that can be among the first ``limit`` of a sort whose key starts with ``-primary``.

    >>> top_candidates(np.array([5, 1, 3, 3, 0]), 2).tolist(), top_candidates(np.array([5, 1]), -1).tolist()
    ([0, 2, 3], [0, 1])
    """
    if limit == 0:
        return np.zeros(0, dtype=np.int64)
    if limit < 0 or len(primary) <= limit:
        return np.arange(len(primary))
    kth = np.partition(primary, len(primary) - limit)[len(primary) - limit]
    return np.nonzero(primary >= kth)[0]
