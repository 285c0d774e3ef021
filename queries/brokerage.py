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
