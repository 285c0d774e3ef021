"""The FalkorDB store: the local default (a server this command starts) or a
FalkorDB server given as ``falkordb://host:port``.

A build writes into a fresh graph and, when it has finished, points the
``haizhi-kg:current`` key at it in one Redis command, then drops the old graph.
A failed or killed build therefore leaves the previous graph as it was, and a
reader sees the old graph or the new one, never half of one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import dialect
from .base import BuildWriter, NoGraphError, Store, StoreError
from .local_server import LocalServer
from .params import params_header

POINTER_KEY = "haizhi-kg:current"
INFO_KEY = "haizhi-kg:build-info"
GRAPH_PREFIX = "haizhi-kg."


def plain(value: Any) -> Any:
    """Turn FalkorDB client objects into plain Python values (dicts, lists, scalars)."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, FPath):
        return {"nodes": [plain(n) for n in value.nodes()], "relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class _FalkorWriter(BuildWriter):
    def __init__(self, store: "FalkorStore", graph_name: str):
        self.store = store
        self.graph = store.db.select_graph(graph_name)
        self.name = graph_name

    def write(self, query: str, params: dict[str, Any]) -> None:
        self.store._record(query)
        # the client's own text for the parameters, made faster (kg.stores.params)
        head = params_header(params) if params else ""
        self.store._query(self.graph, head + query, {})

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.store._record(query)
        return self.store._rows(self.store._query(self.graph, query, params or {}))


class FalkorStore(Store):
    dialect = "falkordb"

    def __init__(self, host: str = "127.0.0.1", port: int = 6379, password: str | None = None,
                 server: LocalServer | None = None, uri: str = ""):
        import falkordb

        self.server = server
        self.uri = uri or f"falkordb://{host}:{port}"
        try:
            self.db = falkordb.FalkorDB(host=host, port=port, password=password, socket_timeout=None)
            self.db.connection.ping()
        except Exception as e:
            if server:
                server.stop()
            raise StoreError(f"cannot reach FalkorDB at {host}:{port}: {e}") from e
        self.redis = self.db.connection

    @classmethod
    def local(cls, home: Path | None = None) -> "FalkorStore":
        server = LocalServer(home)
        server.start()
        return cls(port=server.port, server=server, uri="local")

    def close(self) -> None:
        try:
            self.redis.close()
        except Exception:
            pass
        if self.server is not None:
            self.server.stop()
            self.server = None

    # -- low level -----------------------------------------------------------
    def _query(self, graph: Any, query: str, params: dict[str, Any]) -> Any:
        import redis

        try:
            return graph.query(query, params or None)
        except redis.ConnectionError as e:
            raise StoreError(f"lost the connection to the FalkorDB engine ({self.uri}): {e}") from e

    @staticmethod
    def _rows(result: Any) -> list[dict[str, Any]]:
        header = [h[1] if isinstance(h, (list, tuple)) else h for h in (result.header or [])]
        header = [h.decode() if isinstance(h, bytes) else h for h in header]
        return [dict(zip(header, (plain(v) for v in row))) for row in result.result_set]

    def current_graph(self) -> str | None:
        name = self.redis.get(POINTER_KEY)
        if name is None:
            return None
        return name.decode() if isinstance(name, bytes) else name

    # -- Store API -------------------------------------------------------------
    def has_graph(self) -> bool:
        return self.current_graph() is not None

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        name = self.current_graph()
        if name is None:
            raise NoGraphError("no graph has been built in this store yet; run `kg build` first")
        self._record(query)
        return self._rows(self._query(self.db.select_graph(name), query, params or {}))

    def build_info(self) -> dict[str, Any]:
        raw = self.redis.get(INFO_KEY)
        return json.loads(raw) if raw else {}

    def _drop_stale(self, keep: set[str]) -> None:
        for g in self.db.list_graphs():
            g = g.decode() if isinstance(g, bytes) else g
            if g.startswith(GRAPH_PREFIX) and g not in keep:
                self.db.select_graph(g).delete()

    @contextmanager
    def building(self, schema: Any, meta: dict[str, Any]) -> Iterator[BuildWriter]:
        old = self.current_graph()
        # graphs left by killed builds are dropped first
        self._drop_stale({old} if old else set())
        new = f"{GRAPH_PREFIX}{time.time_ns()}"
        writer = _FalkorWriter(self, new)
        try:
            for stmt in dialect.falkordb_indexes(schema):
                writer.write(stmt, {})
            for label in dialect.constraint_labels(schema):
                self.redis.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", new, "UNIQUE", "NODE", label, "PROPERTIES", 1, "id"
                )
            yield writer
            info = dict(meta, graph=new, built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            # one atomic switch: the pointer and the build info in a MULTI/EXEC
            pipe = self.redis.pipeline(transaction=True)
            pipe.set(POINTER_KEY, new)
            pipe.set(INFO_KEY, json.dumps(info, ensure_ascii=False))
            pipe.execute()
        except BaseException:
            try:
                if new in {g.decode() if isinstance(g, bytes) else g for g in self.db.list_graphs()}:
                    self.db.select_graph(new).delete()
            except Exception:
                pass
            raise
        if old and old != new:
            try:
                self.db.select_graph(old).delete()
            except Exception:
                pass
        self.persist()

    def persist(self) -> None:
        """Write the snapshot (local engine): the on-disk state changes only here."""
        if self.server is not None:
            try:
                self.redis.execute_command("SAVE")
            except Exception as e:  # e.g. a full or read-only disk
                raise StoreError(
                    f"the graph was built but could not be saved in {self.server.data_dir}: {e}"
                ) from e
