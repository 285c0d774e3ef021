"""The fast connectors path (queries.fastgraph: one igraph graph from edge arrays, numpy brokerage,
rows only for what is reported) gives exactly the rows of the reference path.

No server needed: the graphs are made here. The random projection has 2,600 actors (above
``IGRAPH_FROM``, so ``engine="auto"`` takes the fast path) in a MultiDiGraph with what a real
projection has: relationships in both directions between one pair, several relationships of
different types between one pair, self-loops, trees hanging off the core (articulation points and
bridges), two separate small components, isolated nodes, and overseas nodes of several countries.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from queries import algorithms as alg
from queries import fastgraph as fast
from queries.brokerage import brokerage, brokerage_arrays
from queries.connectors import connectors_from_graph, connectors_reference
from queries.cuts import articulation_parts, bridge_sides
from queries.network import group, undirected

COUNTRIES = ["Japan", "Sweden", "Chile", "Hungary", None]


def random_projection(n: int = 2600, seed: int = 5) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    ids = [f"{rng.choice(['org', 'talent', 'station'])}:{i:05d}" for i in range(n)]
    rng.shuffle(ids)  # node order differs from the ids' sort order
    for v in ids:
        kind = v.split(":")[0]
        attrs = {"label": {"org": "Organization", "talent": "Talent", "station": "Station"}[kind],
                 "name_zh": f"名{v[-5:]}", "name_en": f"N{v[-5:]}" if rng.random() < 0.8 else ""}
        if kind != "station" and rng.random() < 0.3:
            attrs["overseas"] = True
            country = rng.choice(COUNTRIES)
            if country:
                attrs["country"] = country
        g.add_node(v, **attrs)
    core, rest = ids[:1800], ids[1800:]
    types = ["HOSTS", "PARTNERS_WITH", "FUNDED", "WORKS_AT"]
    for _ in range(3200):  # the core: a sparse random graph with triangles and cycles
        a, b = rng.sample(core, 2)
        g.add_edge(a, b, type=rng.choice(types), confidence=0.9)
    for a in rng.sample(core, 300):  # closing triangles
        nb = list(g.successors(a))
        if len(nb) >= 2:
            g.add_edge(nb[0], nb[1], type="PARTNERS_WITH")
    for a, b in [(core[0], core[1]), (core[1], core[0]), (core[2], core[3])] * 2:  # both ways, repeated
        g.add_edge(a, b, type=rng.choice(types))
    for v in rng.sample(core, 40):
        g.add_edge(v, v, type="HOSTS")  # self-loops
    attached = core[:]
    for i, v in enumerate(rest[:700]):  # trees hanging off the core and off each other
        parent, t = rng.choice(attached), rng.choice(types)
        g.add_edge(v, parent, type=t)
        if i % 10 == 0:  # a second tie of another type, the other way: still one bridge
            g.add_edge(parent, v, type=types[(types.index(t) + 1) % len(types)])
        attached.append(v)
    a, b, c, d = rest[700:704]
    g.add_edges_from([(a, b), (b, c), (c, a), (c, d)], type="FUNDED")  # a separate triangle with a tail
    g.add_edge(rest[704], rest[705], type="HOSTS")  # a separate pair; the rest stay isolated
    return g


@pytest.fixture(scope="module")
def proj():
    g = random_projection()
    assert g.number_of_nodes() >= alg.IGRAPH_FROM
    return g


def test_fast_path_gives_the_reference_rows_exactly(proj):
    for top, sample, seed in ((None, 64, 3), (20, 64, 0), (7, 500, 11)):
        fast_res = connectors_from_graph(proj, top=top, sample=sample, seed=seed)  # auto -> igraph, fast path
        ref = connectors_reference(proj, top=top, sample=sample, seed=seed, engine="igraph")
        assert fast_res.engine == ref.engine == "igraph"
        assert fast_res.top == ref.top
        assert fast_res.articulation == ref.articulation
        assert fast_res.bridges == ref.bridges
        assert fast_res.brokerage == ref.brokerage
        assert fast_res == ref
    res = connectors_from_graph(proj, top=None, sample=64, seed=3)
    # the random graph has all the things compared: cut-offs, multi-type bridges, every role
    assert res.articulation_total > 100 and res.bridges_total > 100
    assert any(r.cut_off > 1 for r in res.top) and any(len(b.types) > 1 for b in res.bridges)
    assert {g for r in res.brokerage for g in [r.group]} >= {"domestic", "Japan", "overseas"}
    assert all(sum(getattr(r, x) > 0 for x in ("coordinator", "gatekeeper", "representative", "itinerant",
                                               "liaison")) for r in res.brokerage)
    assert res.nodes == proj.number_of_nodes()
    assert res.edges == undirected(proj).number_of_edges()


def test_fast_path_agrees_with_networkx_metrics(proj):
    """Against the networkx engine: the same cut and brokerage numbers, betweenness to float precision."""
    ours = connectors_from_graph(proj, top=None, sample=64, seed=3)
    nxr = connectors_reference(proj, top=None, sample=64, seed=3, engine="networkx")
    assert {r.id: (r.parts, r.cut_off_ids) for r in ours.articulation} == \
        {r.id: (r.parts, r.cut_off_ids) for r in nxr.articulation}
    assert {(b.src, b.dst): (b.cut_off, b.cut_side, b.cut_off_ids, b.types) for b in ours.bridges} == \
        {(b.src, b.dst): (b.cut_off, b.cut_side, b.cut_off_ids, b.types) for b in nxr.bridges}
    assert ours.brokerage == nxr.brokerage
    assert {r.id: r.betweenness for r in ours.top} == pytest.approx({r.id: r.betweenness for r in nxr.top})


def test_fast_path_on_a_simple_graph_with_self_loops():
    """A plain ``Graph`` is used as it is (self-loops count in degree and edges, as networkx counts)."""
    g = nx.gnm_random_graph(2300, 2600, seed=2)
    g.add_edges_from([(0, 0), (5, 5)])
    g.add_nodes_from([2300, 2301])
    for v in g:
        g.nodes[v].update(label="Organization", name_en=f"o{v}", overseas=v % 3 == 0,
                          country=["Japan", "Chile"][v % 2])
    fast_res = connectors_from_graph(g, top=None, sample=50, seed=1)
    ref = connectors_reference(g, top=None, sample=50, seed=1, engine="igraph")
    assert fast_res == ref
    assert fast_res.edges == 2602
    fg = fast.fast_graph(g)
    assert fg.degree(0) == g.degree(0) and fg.degree(5) == g.degree(5)


def test_fast_graph_keeps_networkx_edge_order(proj):
    fg = fast.fast_graph(proj)
    u = undirected(proj)
    assert fg.names == list(u.nodes)
    assert fg.graph.get_edgelist() == [(fg.index[a], fg.index[b]) for a, b in u.edges()]
    assert [fg.degree(v) for v in u] == [d for _, d in u.degree()]
    for a, b in list(u.edges())[:300]:
        assert fg.rels(a, b) == u.edges[a, b]["rels"]
        assert sorted(fg[a]) == sorted(u[a])


def test_fast_cuts_equal_the_reference_cuts(proj):
    u = undirected(proj)
    fg = fast.fast_graph(proj)
    assert fast.articulation_parts(fg) == articulation_parts(u, "networkx")
    assert fast.bridge_sides(fg) == bridge_sides(u, "networkx")
    for seed in range(8):  # small random graphs, many pieces
        g = nx.gnm_random_graph(50, 58, seed=seed)
        fg = fast.fast_graph(g)
        assert fast.articulation_parts(fg) == articulation_parts(g, "networkx")
        assert fast.bridge_sides(fg) == bridge_sides(g, "networkx")


def test_brokerage_arrays_equal_the_counts():
    rng = random.Random(4)
    g = nx.gnm_random_graph(300, 1500, seed=4)  # dense enough for many triangles
    groups = {v: rng.choice(["domestic", "domestic", "Japan", "Sweden", "Chile"]) for v in g}
    fg = fast.fast_graph(g)
    codes = {x: i for i, x in enumerate(sorted(set(groups.values())))}
    arrays = brokerage_arrays(len(fg), fg.lo, fg.hi, np.array([codes[groups[v]] for v in fg.names]),
                              fast.triangles(fg))
    assert len(fast.triangles(fg)) == sum(nx.triangles(g).values()) // 3 > 50
    ref = brokerage(g, groups)
    for v in g:
        i = fg.index[v]
        assert tuple(int(arrays[r][i]) for r in ("coordinator", "gatekeeper", "representative", "itinerant",
                                                 "liaison", "boundary")) == \
            (ref[v].coordinator, ref[v].gatekeeper, ref[v].representative, ref[v].itinerant, ref[v].liaison,
             ref[v].boundary)


def test_groups_of_the_projection_are_the_brokerage_groups(proj):
    """Sanity of the fixture: the groups the rows show are those of queries.network.group."""
    res = connectors_from_graph(proj, top=5, sample=64)
    for r in res.brokerage:
        assert r.group == group(proj.nodes[r.id])


def test_fast_path_edge_cases_match_the_reference():
    """Empty graphs, isolated nodes, a lone self-loop, and every kind of ``top`` (0, negative = slice)."""
    isolated = nx.MultiDiGraph()
    isolated.add_nodes_from(["a", "b", "c"])
    graphs = [nx.MultiDiGraph(), nx.Graph(), isolated, nx.MultiDiGraph([("a", "b")]), nx.MultiDiGraph([("a", "a")]),
              nx.gnm_random_graph(60, 70, seed=1)]
    for g in graphs:
        for top in (None, 0, 1, 5, -1, -3):
            assert connectors_from_graph(g, top=top, engine="igraph") == \
                connectors_reference(g, top=top, engine="igraph"), (g, top)
    res = connectors_from_graph(nx.gnm_random_graph(60, 70, seed=1), top=-3, engine="igraph")
    assert len(res.top) == 38 - 3 and res.bridges_total == 25 and len(res.bridges) == 25 - 3
