"""Deterministic draws that need no stored state.

The generator streams: it never keeps the graph in memory, so anything one
part needs to know about an entity generated elsewhere (a station's field, a
talent's station) is a pure function of ``(seed, tag, index)`` here, computed
again when needed. Sequences of draws inside one part use their own
``random.Random`` seeded from ``(seed, part)``; nothing uses the global random.

>>> unit(42, "field", 7) == unit(42, "field", 7)
True
>>> 0.0 <= unit(42, "field", 7) < 1.0
True
>>> split_exact(10, [1.0, 1.0, 2.0])
[3, 2, 5]
>>> b = Blocks(10, [1.0, 3.0])
>>> [b.community(i) for i in (0, 2, 3, 9)], b.start(1), b.size(1)
([0, 0, 1, 1], 3, 7)
>>> sorted(AffinePerm(7).at(i) for i in range(7))
[0, 1, 2, 3, 4, 5, 6]
"""

from __future__ import annotations

import math
import random
import zlib
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

M64 = (1 << 64) - 1


def _mix(x: int) -> int:
    """splitmix64 finaliser: a well-spread 64-bit hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def tag_key(seed: int, tag: str) -> int:
    """A 64-bit key for one (seed, tag) pair (crc32 of the tag: stable across runs)."""
    return _mix((seed & M64) ^ (zlib.crc32(tag.encode()) << 20))


def unit(seed: int, tag: str, i: int) -> float:
    """A uniform number in [0, 1) that depends only on ``(seed, tag, i)``."""
    return (_mix(tag_key(seed, tag) + i) >> 11) / 9007199254740992.0


class Hasher:
    """``unit`` with the (seed, tag) key computed once: ``Hasher(s, t)(i)``."""

    __slots__ = ("key",)

    def __init__(self, seed: int, tag: str):
        self.key = tag_key(seed, tag)

    def __call__(self, i: int) -> float:
        x = (self.key + i + 0x9E3779B97F4A7C15) & M64
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
        return ((x ^ (x >> 31)) >> 11) / 9007199254740992.0


def rng_for(seed: int, part: str) -> random.Random:
    """The random stream of one generator part (str seeds hash with SHA-512: stable)."""
    return random.Random(f"kg-synth/{seed}/{part}")


def powerlaw_index(u: float, n: int, alpha: float) -> int:
    """Map a uniform ``u`` to ``0..n-1`` with low indices much more likely.

    ``P(index < k) = (k/n) ** (1/alpha)``: with alpha 2.5 the first 1 % of the
    indices get about 16 % of the draws (the hubs).

    >>> powerlaw_index(0.5, 100, 2.5), powerlaw_index(0.999, 100, 2.5)
    (17, 99)
    """
    return min(n - 1, int(n * u ** alpha))


class Weighted:
    """Draw an index with probability proportional to ``weights``.

    >>> w = Weighted([0.0, 1.0, 3.0])
    >>> w.pick(0.1), w.pick(0.9)
    (1, 2)
    """

    __slots__ = ("cum", "total")

    def __init__(self, weights: Sequence[float]):
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, u: float) -> int:
        return min(bisect_right(self.cum, u * self.total), len(self.cum) - 1)


def split_exact(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder)."""
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    parts = [int(math.floor(r)) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda k: (parts[k] - raw[k], k))
    for k in order[:rest]:
        parts[k] += 1
    return parts


class Blocks:
    """``n`` entities split into communities (provinces) as contiguous index
    ranges sized by ``weights``; O(communities) memory."""

    __slots__ = ("n", "sizes", "starts")

    def __init__(self, n: int, weights: Sequence[float]):
        self.n = n
        self.sizes = split_exact(n, weights)
        self.starts = [0, *accumulate(self.sizes)][:-1]

    def community(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1 if self.n else 0

    def start(self, c: int) -> int:
        return self.starts[c]

    def size(self, c: int) -> int:
        return self.sizes[c]

    def pick(self, c: int, u: float, alpha: float) -> int:
        """An entity of community ``c`` (hubs first); any entity if ``c`` has none."""
        size = self.sizes[c]
        if size == 0:
            return powerlaw_index(u, self.n, alpha)
        return self.starts[c] + powerlaw_index(u, size, alpha)

    def offset(self, i: int) -> int:
        """Position of ``i`` inside its community (0 = the community's hub)."""
        return i - self.starts[self.community(i)]


class AffinePerm:
    """A permutation of ``0..n-1`` as ``i -> (a*i + b) mod n``: shuffles without a list."""

    __slots__ = ("n", "a", "b")

    def __init__(self, n: int, b: int = 0):
        self.n = max(1, n)
        a = max(1, int(self.n * 0.6180339887))
        while math.gcd(a, self.n) != 1:
            a += 1
        self.a, self.b = a, b % self.n

    def at(self, i: int) -> int:
        return (self.a * i + self.b) % self.n


def distinct(draw, k: int, limit: int, skip=None) -> list[int]:
    """Up to ``k`` distinct values from ``draw()`` (at most ``limit`` exist),
    leaving out those for which ``skip(v)`` is true. Gives up after 20·k tries.

    >>> it = iter([3, 3, 1, 2, 3, 0])
    >>> distinct(lambda: next(it), 3, 4)
    [3, 1, 2]
    """
    k = min(k, limit)
    out: list[int] = []
    seen: set[int] = set()
    tries = 0
    while len(out) < k and tries < 20 * k + 20:
        tries += 1
        v = draw()
        if v in seen or (skip is not None and skip(v)):
            continue
        seen.add(v)
        out.append(v)
    return out
