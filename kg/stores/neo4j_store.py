"""The Neo4j store: the production store, through the official ``neo4j`` driver.

URI and credentials come from ``--store``/flags or the conventional
``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

A build is one managed write transaction (``execute_write``): the driver retries
it as a whole on transient errors, and it commits everything or nothing. It
first MERGEs a ``KgBuild`` node, which takes a write lock that serialises
concurrent builds; it prunes nodes and relationships of schema labels/types
that the dataset no longer has, so the database ends equal to the dataset.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import dialect
from .base import BuildWriter, NoGraphError, Store, StoreError

# The driver logs connection failures as warnings; we report them as one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

BUILD_LOCK = "MERGE (b:KgBuild {name: $name}) SET b.started = $started RETURN b.name AS name"
BUILD_DONE = "MATCH (b:KgBuild {name: $name}) SET b.info = $info RETURN b.name AS name"
BUILD_INFO = "MATCH (b:KgBuild {name: $name}) RETURN b.info AS info"


def plain(value: Any) -> Any:
    """Turn driver objects (Node, Relationship, Path, temporal) into plain values."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _friendly(e: Exception, uri: str) -> StoreError:
    from neo4j import exceptions as ne

    if isinstance(e, ne.AuthError):
        return StoreError(f"Neo4j at {uri} refused the credentials (check NEO4J_USERNAME / NEO4J_PASSWORD)")
    if isinstance(e, ne.ServiceUnavailable):
        return StoreError(f"cannot reach Neo4j at {uri}: {e}")
    if isinstance(e, ne.ConfigurationError):
        return StoreError(f"bad Neo4j configuration for {uri}: {e}")
    if isinstance(e, ne.ClientError):
        return StoreError(f"Neo4j rejected the query: {e.message}")
    return StoreError(f"Neo4j error at {uri}: {e}")


class _TxWriter(BuildWriter):
    def __init__(self, store: "Neo4jStore", tx: Any):
        self.store, self.tx = store, tx

    def write(self, query: str, params: dict[str, Any]) -> None:
        self.store._record(query)
        self.tx.run(query, params).consume()

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.store._record(query)
        return [{k: plain(v) for k, v in rec.items()} for rec in self.tx.run(query, params or {})]


class Neo4jStore(Store):
    dialect = "neo4j"

    def __init__(self, uri: str, user: str | None, password: str | None, database: str | None = None,
                 graph_name: str = "haizhi-kg"):
        import neo4j

        self.uri = uri
        self.database = database or None
        self.graph_name = graph_name
        auth = (user, password) if user is not None else None
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10)
            self.driver.verify_connectivity()
        except Exception as e:
            raise _friendly(e, uri) from e

    def close(self) -> None:
        self.driver.close()

    def _session(self) -> Any:
        return self.driver.session(database=self.database)

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._record(query)

        def work(tx: Any) -> list[dict[str, Any]]:
            return [{k: plain(v) for k, v in rec.items()} for rec in tx.run(query, params or {})]

        return self._read(work)

    def _read(self, work: Any) -> Any:
        """``work(tx)`` in a managed read transaction; driver errors as one-line :class:`StoreError`."""
        try:
            with self._session() as s:
                return s.execute_read(work)
        except StoreError:
            raise
        except Exception as e:
            raise _friendly(e, self.uri) from e

    def run_columns(self, query: str, params: dict[str, Any] | None = None) -> dict[str, list[Any]]:
        """Run a read query; its columns ``{name: [value per row]}`` with the values :meth:`run`
        gives (column names also when no row comes back).

        >>> store.run_columns("UNWIND [1, 2] AS x RETURN x, 'a' AS s")      # doctest: +SKIP
        {'x': [1, 2], 's': ['a', 'a']}
        """
        self._record(query)

        def work(tx: Any) -> dict[str, list[Any]]:
            result = tx.run(query, params or {})
            keys = list(result.keys())
            cols: list[list[Any]] = [[] for _ in keys]
            appends = [c.append for c in cols]
            for values in result.values():
                for app, v in zip(appends, values):
                    app(plain(v))
            return dict(zip(keys, cols))

        return self._read(work)

    def has_graph(self) -> bool:
        return bool(self.build_info()) or False

    def build_info(self) -> dict[str, Any]:
        rows = self.run(BUILD_INFO, {"name": self.graph_name})
        return json.loads(rows[0]["info"]) if rows and rows[0]["info"] else {}

    def ensure_schema(self, schema: Any) -> None:
        try:
            with self._session() as s:
                for stmt in dialect.neo4j_constraints(schema):
                    self._record(stmt)
                    s.run(stmt).consume()
        except Exception as e:
            raise _friendly(e, self.uri) from e

    @contextmanager
    def building(self, schema: Any, meta: dict[str, Any]) -> Iterator[BuildWriter]:
        """Collect the build's statements, then run them in one managed transaction."""
        self.ensure_schema(schema)
        steps: list[tuple[str, dict[str, Any]]] = []

        class _Collect(BuildWriter):
            def write(inner, query: str, params: dict[str, Any]) -> None:  # noqa: N805
                steps.append((query, params))

            def run(inner, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:  # noqa: N805
                steps.append((query, params or {}))
                return []

        yield _Collect()
        info = dict(meta, graph=self.database or "neo4j",
                    built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

        def work(tx: Any) -> None:
            w = _TxWriter(self, tx)
            w.write(BUILD_LOCK, {"name": self.graph_name, "started": info["built_at"]})
            for query, params in steps:
                w.write(query, params)
            w.write(BUILD_DONE, {"name": self.graph_name, "info": json.dumps(info, ensure_ascii=False)})

        try:
            with self._session() as s:
                s.execute_write(work)
        except Exception as e:
            raise _friendly(e, self.uri) from e


def no_graph() -> NoGraphError:
    return NoGraphError("no graph has been built in this Neo4j database yet; run `kg build --store ...` first")
