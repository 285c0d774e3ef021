"""Graph metrics with two engines: networkx (the reference) and igraph (fast).

Each function takes an undirected networkx ``Graph`` and returns results keyed
by node id, whatever the engine. ``engine="auto"`` uses igraph from
:data:`IGRAPH_FROM` nodes on (measured here: igraph was 13x faster for sampled
betweenness, 40-70x for articulation points and bridges at 100k nodes; see
``/work/shared/notes/graph-performance.md``) and networkx below, where the
conversion costs more than it saves. Tests check that both engines agree.

>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> betweenness(g, engine="networkx") == betweenness(g, engine="igraph") == {"a": 0.0, "b": 1.0, "c": 0.0}
True
>>> articulation_points(g, engine="igraph"), sorted(map(sorted, bridges(g, engine="igraph")))
({'b'}, [['a', 'b'], ['b', 'c']])
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import networkx as nx

IGRAPH_FROM = 2000
ENGINES = ("auto", "networkx", "igraph")


@dataclass
class IGraphIndex:
    """An igraph copy of a networkx graph and the node id <-> vertex index maps."""

    graph: Any
    names: list[Any]
    index: dict[Any, int]


def to_igraph(g: nx.Graph) -> IGraphIndex:
    """Build the igraph graph from the edge list (cached on ``g.graph`` while ``g`` is unchanged)."""
    import igraph as ig

    key = (g.number_of_nodes(), g.number_of_edges())
    cached = g.graph.get("_igraph")
    if cached is not None and cached[0] == key:
        return cached[1]
    names = list(g.nodes)
    index = {n: i for i, n in enumerate(names)}
    h = ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in g.edges() if u != v], directed=False)
    out = IGraphIndex(h, names, index)
    g.graph["_igraph"] = (key, out)
    return out


def pick_engine(g: nx.Graph, engine: str = "auto") -> str:
    """``networkx`` or ``igraph`` for ``g``.

    >>> pick_engine(nx.empty_graph(10)), pick_engine(nx.empty_graph(10), "igraph")
    ('networkx', 'igraph')
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    if g.number_of_nodes() < IGRAPH_FROM:
        return "networkx"
    try:
        import igraph  # noqa: F401
    except ImportError:  # pragma: no cover - igraph is a dependency
        return "networkx"
    return "igraph"


def sample_sources(g: nx.Graph, sample: int, seed: int = 0) -> list[Any]:
    """The ``sample`` source nodes sampled betweenness uses (same for both engines).

    >>> sample_sources(nx.path_graph(5), 2, seed=1)
    [0, 1]
    """
    nodes = sorted(g.nodes, key=str)
    return sorted(random.Random(seed).sample(nodes, min(sample, len(nodes))), key=str)


def betweenness(g: nx.Graph, sample: int | None = None, seed: int = 0, engine: str = "auto") -> dict[Any, float]:
    """Normalised betweenness (networkx's convention: the share of pairs of other nodes).

    Exact when ``sample`` is None; else estimated from ``sample`` source nodes
    (:func:`sample_sources`) and scaled by n / sample.
    """
    n = g.number_of_nodes()
    if n <= 2:
        return {v: 0.0 for v in g}
    norm = 2.0 / ((n - 1) * (n - 2))  # pair counts -> share of pairs
    eng = pick_engine(g, engine)
    if sample is not None and sample >= n:
        sample = None
    if sample is None:
        if eng == "networkx":
            return nx.betweenness_centrality(g, normalized=True)
        ix = to_igraph(g)
        vals = ix.graph.betweenness(directed=False)
        return {ix.names[i]: v * norm for i, v in enumerate(vals)}
    sources = sample_sources(g, sample, seed)
    scale = norm * n / len(sources)
    if eng == "networkx":
        raw = nx.betweenness_centrality_subset(g, sources, list(g.nodes), normalized=False)
        return {v: b * scale for v, b in raw.items()}
    ix = to_igraph(g)
    vals = ix.graph.betweenness(directed=False, sources=[ix.index[s] for s in sources])
    return {ix.names[i]: v * scale for i, v in enumerate(vals)}


def articulation_points(g: nx.Graph, engine: str = "auto") -> set[Any]:
    """Nodes whose removal splits their connected component."""
    if pick_engine(g, engine) == "networkx":
        return set(nx.articulation_points(g))
    ix = to_igraph(g)
    return {ix.names[i] for i in ix.graph.articulation_points()}


def bridges(g: nx.Graph, engine: str = "auto") -> set[frozenset[Any]]:
    """Edges (as ``frozenset({u, v})``) whose removal splits their component."""
    if pick_engine(g, engine) == "networkx":
        return {frozenset(e) for e in nx.bridges(g)}
    ix = to_igraph(g)
    el = ix.graph.get_edgelist()
    return {frozenset((ix.names[el[e][0]], ix.names[el[e][1]])) for e in ix.graph.bridges()}


def biconnected_blocks(g: nx.Graph, engine: str = "auto") -> list[set[Any]]:
    """The biconnected components (blocks) as node sets (isolated nodes are in none)."""
    if pick_engine(g, engine) == "networkx":
        return [set(b) for b in nx.biconnected_components(g)]
    ix = to_igraph(g)
    return [{ix.names[i] for i in comp} for comp in ix.graph.biconnected_components()]


def components(g: nx.Graph, engine: str = "auto") -> list[set[Any]]:
    """Connected components as node sets."""
    if pick_engine(g, engine) == "networkx":
        return [set(c) for c in nx.connected_components(g)]
    ix = to_igraph(g)
    return [{ix.names[i] for i in comp} for comp in ix.graph.connected_components()]


def personalized_pagerank(g: nx.Graph, source: Any, alpha: float = 0.85, engine: str = "auto") -> dict[Any, float]:
    """PageRank restarting at ``source`` (probability 1 - alpha per step)."""
    if pick_engine(g, engine) == "networkx":
        return nx.pagerank(g, alpha=alpha, personalization={source: 1.0}, tol=1e-10, max_iter=1000)
    ix = to_igraph(g)
    vals = ix.graph.personalized_pagerank(directed=False, damping=alpha, reset_vertices=[ix.index[source]])
    return {ix.names[i]: v for i, v in enumerate(vals)}
