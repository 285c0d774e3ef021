"""The store interface: run Cypher with parameters, get rows of plain values.

Two implementations share it: :class:`kg.stores.local.LocalStore` (FalkorDB,
started on this machine) and :class:`kg.stores.neo4j_store.Neo4jStore`.

Example
-------
>>> from kg.stores import open_store           # doctest: +SKIP
>>> with open_store("local") as store:          # doctest: +SKIP
...     store.run("MATCH (s:Station) RETURN count(s) AS n")
[{'n': 17}]
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any


class StoreError(RuntimeError):
    """A store problem explained in one line (shown to the user without a traceback)."""


class NoGraphError(StoreError):
    """The store holds no built graph yet."""


# Every Cypher text sent by any store in this process (for the lint test).
SENT_QUERIES: set[str] = set()

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query_parameters(query: str) -> list[str]:
    """Names of the ``$parameters`` a Cypher text uses.

    >>> query_parameters("MATCH (n {id: $id}) WHERE n.x > $min RETURN n")
    ['id', 'min']
    """
    return list(dict.fromkeys(_PARAM.findall(query)))


class BuildWriter(ABC):
    """What a build writes through: batches of rows into a graph not yet visible."""

    @abstractmethod
    def write(self, query: str, params: dict[str, Any]) -> None: ...

    @abstractmethod
    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


class Store(ABC):
    """A graph store that speaks Cypher (the Neo4j 5 / FalkorDB common subset)."""

    dialect: str = ""
    uri: str = ""

    @abstractmethod
    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query on the current graph; rows as dicts of plain Python values."""

    # run_columns may be called from several threads at once (kg.projection.read_columns)
    parallel_reads: bool = False

    def run_columns(self, query: str, params: dict[str, Any] | None = None) -> dict[str, list[Any]]:
        """Run a read query; its columns ``{name: [value per row]}`` (the values :meth:`run`
        gives), for big results. This default turns :meth:`run`'s rows around (an empty result
        then has no column names); the stores read columns directly.

        >>> store.run_columns("UNWIND [1, 2] AS x RETURN x, 'a' AS s")      # doctest: +SKIP
        {'x': [1, 2], 's': ['a', 'a']}
        """
        rows = self.run(query, params)
        return {k: [r[k] for r in rows] for k in rows[0]} if rows else {}

    @abstractmethod
    def building(self, schema: Any, meta: dict[str, Any]) -> Any:
        """Context manager yielding a :class:`BuildWriter`.

        Everything written through it becomes visible at once when the block
        ends without an exception, and not at all otherwise.
        """

    @abstractmethod
    def has_graph(self) -> bool: ...

    @abstractmethod
    def build_info(self) -> dict[str, Any]:
        """What the last successful build recorded (dataset, time, counts)."""

    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _record(self, query: str) -> None:
        SENT_QUERIES.add(query)


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Split ``rows`` into lists of at most ``size``.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def nullcontext_writer(writer: BuildWriter) -> Iterator[BuildWriter]:
    yield writer
