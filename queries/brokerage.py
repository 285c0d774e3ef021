"""Gould–Fernandez brokerage roles on an undirected network with node groups.

A broker ``b`` sits on a two-step path ``a - b - c`` whose ends are not tied
to each other. By the groups of ``a``, ``b`` and ``c`` the brokerage is

* coordinator: all three in one group;
* itinerant (consultant): ``a`` and ``c`` in one group, ``b`` in another;
* representative: ``a`` in ``b``'s group, ``c`` outside (``b`` speaks for its group);
* gatekeeper: ``a`` outside, ``c`` in ``b``'s group (``b`` lets the outside in);
* liaison: all three in different groups.

Relationships count as mutual ties (the convention of ``sna::brokerage`` for
undirected data), so every open two-path is counted in both directions
(``a..c`` and ``c..a``): a coordinator pair counts 2, and a pair with one end
outside counts once as representative and once as gatekeeper.

Counts are computed per group (degree by group) minus the closed pairs found
by listing triangles, so the cost is about that of triangle listing, not of
all neighbour pairs.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("b", "d")])
>>> groups = {"a": "domestic", "b": "domestic", "c": "Sweden", "d": "Japan"}
>>> roles = brokerage(g, groups)["b"]
>>> (roles.coordinator, roles.representative, roles.gatekeeper, roles.liaison, roles.itinerant)
(0, 2, 2, 2, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


@dataclass
class Roles:
    coordinator: int = 0
    gatekeeper: int = 0
    representative: int = 0
    itinerant: int = 0
    liaison: int = 0

    @property
    def boundary(self) -> int:
        """Brokerage that crosses a group boundary (every role but coordinator)."""
        return self.gatekeeper + self.representative + self.itinerant + self.liaison


def brokerage(g: nx.Graph, groups: dict[Any, str]) -> dict[Any, Roles]:
    """Role counts of every node of ``g`` (see the module doc); ``groups[node]`` is its group."""
    out: dict[Any, Roles] = {}
    for b in g:
        gb = groups[b]
        counts = Counter(groups[a] for a in g[b] if a != b)
        own = counts.get(gb, 0)
        others = sum(counts.values()) - own
        sq = sum(c * c for grp, c in counts.items() if grp != gb)
        out[b] = Roles(
            coordinator=own * (own - 1),
            gatekeeper=own * others,
            representative=own * others,
            itinerant=sum(c * (c - 1) for grp, c in counts.items() if grp != gb),
            liaison=others * others - sq,
        )
    # closed two-paths (a and c tied) are not brokerage: remove them
    for a, c in g.edges():
        if a == c:
            continue
        na, nc = g[a], g[c]
        small, large = (na, nc) if len(na) <= len(nc) else (nc, na)
        ga, gc = groups[a], groups[c]
        for b in small:
            if b == a or b == c or b not in large:
                continue
            r, gb = out[b], groups[b]
            if ga == gc == gb:
                r.coordinator -= 2
            elif ga == gc:
                r.itinerant -= 2
            elif ga == gb or gc == gb:
                r.representative -= 1
                r.gatekeeper -= 1
            else:
                r.liaison -= 2
    return out


def brokerage_arrays(n: int, lo: np.ndarray, hi: np.ndarray, codes: np.ndarray,
                     triangles: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`brokerage` with numpy, for nodes ``0..n-1`` of a simple graph given as edge arrays
    (``lo[i] - hi[i]``, no self-loops, no duplicates), ``codes[v]`` the group number of node ``v`` and
    ``triangles`` every triangle once (rows of three nodes). Returns one array per role (and ``boundary``).

    The same arithmetic as :func:`brokerage`: per node, the neighbours counted by group give every
    ordered two-path; each triangle then removes its closed pairs at each of its three corners.

    >>> r = brokerage_arrays(4, np.array([0, 1, 1]), np.array([1, 2, 3]), np.array([0, 0, 1, 2]),
    ...                      np.zeros((0, 3), dtype=np.int64))
    >>> [int(r[x][1]) for x in ("coordinator", "representative", "gatekeeper", "liaison", "itinerant")]
    [0, 2, 2, 2, 0]
    """
    lo, hi, codes = (np.asarray(x, dtype=np.int64) for x in (lo, hi, codes))
    ng = int(codes.max()) + 1 if n else 1
    brok = np.concatenate([lo, hi])   # the broker b of a tie b - a, both directions
    other = np.concatenate([hi, lo])
    g_b, g_a = codes[brok], codes[other]
    deg = np.bincount(brok, minlength=n)
    own = np.bincount(brok[g_a == g_b], minlength=n)
    others = deg - own
    # sum over the other groups of (neighbours in that group)^2
    keys, counts = np.unique(brok * ng + g_a, return_counts=True)
    node, grp = keys // ng, keys % ng
    outside = grp != codes[node]
    sq = np.bincount(node[outside], weights=(counts[outside] ** 2).astype(float), minlength=n)
    sq = np.rint(sq).astype(np.int64)
    out = {"coordinator": own * (own - 1), "gatekeeper": own * others, "representative": own * others,
           "itinerant": sq - others, "liaison": others * others - sq}
    # closed two-paths (a and c tied) are not brokerage: remove them at every corner of every triangle
    tri = np.asarray(triangles, dtype=np.int64).reshape(-1, 3)
    for bi, ai, ci in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
        b = tri[:, bi]
        gb, ga, gc = codes[b], codes[tri[:, ai]], codes[tri[:, ci]]
        same_a, same_c = ga == gb, gc == gb
        coord = same_a & same_c
        itin = (ga == gc) & ~same_a
        one = same_a != same_c
        liaison = ~same_a & ~same_c & (ga != gc)
        out["coordinator"] = out["coordinator"] - 2 * np.bincount(b[coord], minlength=n)
        out["itinerant"] = out["itinerant"] - 2 * np.bincount(b[itin], minlength=n)
        ones = np.bincount(b[one], minlength=n)
        out["representative"] = out["representative"] - ones
        out["gatekeeper"] = out["gatekeeper"] - ones
        out["liaison"] = out["liaison"] - 2 * np.bincount(b[liaison], minlength=n)
    out["boundary"] = out["gatekeeper"] + out["representative"] + out["itinerant"] + out["liaison"]
    return out


class RolesArrays:
    """:class:`Roles` of a node by name, read from :func:`brokerage_arrays` (``index``: name -> node number).

    >>> ra = RolesArrays({x: np.array([0, 2]) for x in ROLES + ("boundary",)}, {"a": 0, "b": 1})
    >>> ra["b"]
    Roles(coordinator=2, gatekeeper=2, representative=2, itinerant=2, liaison=2)
    """

    def __init__(self, arrays: dict[str, np.ndarray], index: dict[Any, int]) -> None:
        self.arrays = arrays
        self.index = index

    def __getitem__(self, v: Any) -> Roles:
        i = self.index[v]
        return Roles(**{r: int(self.arrays[r][i]) for r in ROLES})


def brokerage_reference(g: nx.Graph, groups: dict[Any, str]) -> dict[Any, Roles]:
    """The same counts by enumerating every ordered open two-path (slow; for tests).

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> brokerage_reference(g, dict.fromkeys("abcd", "x")) == brokerage(g, dict.fromkeys("abcd", "x"))
    True
    """
    out = {b: Roles() for b in g}
    for b in g:
        gb = groups[b]
        for a in g[b]:
            for c in g[b]:
                if a == c or a == b or c == b or g.has_edge(a, c):
                    continue
                ga, gc = groups[a], groups[c]
                r = out[b]
                if ga == gb == gc:
                    r.coordinator += 1
                elif ga == gc:
                    r.itinerant += 1
                elif ga == gb:
                    r.representative += 1
                elif gc == gb:
                    r.gatekeeper += 1
                else:
                    r.liaison += 1
    return out
