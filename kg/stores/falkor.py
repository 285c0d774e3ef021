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


_SCALARS = frozenset((str, int, float, bool, type(None)))


def plain(value: Any) -> Any:
    """Turn FalkorDB client objects into plain Python values (dicts, lists, scalars).

    >>> plain("重庆"), plain([1, 2.5, None, True]), plain({"a": ["x"]})
    ('重庆', [1, 2.5, None, True], {'a': ['x']})
    """
    if value.__class__ in _SCALARS:  # most cells: no imports, no isinstance chain
        return value
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
    parallel_reads = True  # run_columns: one connection per thread

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
        for reader in self.__dict__.pop("_idle_readers", []):
            reader.close()
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

    def run_columns(self, query: str, params: dict[str, Any] | None = None) -> dict[str, list[Any]]:
        """Run a read query; its columns as ``{name: [value per row]}``, the same values as
        :meth:`run` gives (plain Python values), read much faster for big results.

        The reply is read on a connection of its own and decoded here (:class:`_CompactReader`):
        the ``falkordb`` client's parser, redis-py's pure-Python RESP reader under it and
        :func:`plain` cost about 10 µs per cell, ~20 s for a 100k-node projection.
        Safe to call from several threads at once (each call takes a connection of its own
        from a small pool).

        >>> store.run_columns("UNWIND [1, 2] AS x RETURN x, 'a' AS s")      # doctest: +SKIP
        {'x': [1, 2], 's': ['a', 'a']}
        """
        name = self.current_graph()
        if name is None:
            raise NoGraphError("no graph has been built in this store yet; run `kg build` first")
        self._record(query)
        head = params_header(params) if params else ""
        reader = self._take_reader()
        try:
            cols = reader.columns(name, head + query, lambda: self.db.select_graph(name))
        except BaseException:
            reader.close()  # the rest of its reply may still be on the way: never reused
            raise
        self._give_reader(reader)
        return cols

    # idle reading connections (run_columns), at most this many kept
    MAX_IDLE_READERS = 4

    def _take_reader(self) -> "_CompactReader":
        with self._readers_lock():
            idle = self.__dict__.setdefault("_idle_readers", [])
            if idle:
                return idle.pop()
        return _CompactReader(self.redis.connection_pool.connection_kwargs, self.uri)

    def _give_reader(self, reader: "_CompactReader") -> None:
        with self._readers_lock():
            idle = self.__dict__.setdefault("_idle_readers", [])
            if len(idle) < self.MAX_IDLE_READERS:
                idle.append(reader)
                return
        reader.close()

    def _readers_lock(self) -> Any:
        import threading

        lock = self.__dict__.get("_readers_lock_")
        if lock is None:  # created at most once: dict.setdefault is atomic
            lock = self.__dict__.setdefault("_readers_lock_", threading.Lock())
        return lock

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


# -- fast reading of big results (FalkorStore.run_columns) ---------------------
# FalkorDB's ``--compact`` reply (RESP2): ``*3`` [header, rows, statistics]; a header
# entry is ``[1, name]``; each row an array of cells ``[scalar type, value]``:
# 1 null (``$-1``), 2 string, 4 boolean and 5 double as bulk strings, 3 integer
# (``:n``), 6 array of cells, 10 map (key, cell, key, cell ...). Nodes, edges,
# paths, points, vectors and temporal values go through the client's own parser.
_T_NULL, _T_STR, _T_INT, _T_BOOL, _T_DOUBLE, _T_ARRAY, _T_MAP = (
    b":1", b":2", b":3", b":4", b":5", b":6", b":10")


class _CompactReader:
    """A plain socket to the engine that sends ``GRAPH.QUERY ... --compact`` and
    decodes the reply itself: the received bytes are split into lines at
    ``\\r\\n`` in C, then walked cell by cell (a bulk string whose length does not
    match its line held ``\\r\\n`` and is joined back)."""

    recv_size = 1 << 22  # bytes asked of the socket at a time (tests make it tiny)

    def __init__(self, conn_kwargs: dict[str, Any], uri: str):
        import socket

        self.uri = uri
        try:
            if conn_kwargs.get("path"):
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(conn_kwargs["path"])
            else:
                self.sock = socket.create_connection((conn_kwargs.get("host") or "127.0.0.1",
                                                      conn_kwargs.get("port") or 6379))
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as e:
            raise StoreError(f"cannot reach FalkorDB at {uri}: {e}") from e
        self.lines: list[bytes] = []
        self.i = 0
        self.tail = b""
        if conn_kwargs.get("password"):
            user = conn_kwargs.get("username")
            self._simple(["AUTH", user, conn_kwargs["password"]] if user else ["AUTH", conn_kwargs["password"]])
        if conn_kwargs.get("db"):
            self._simple(["SELECT", str(conn_kwargs["db"])])

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    # -- wire ------------------------------------------------------------------
    def _send(self, args: list[Any]) -> None:
        parts = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a.encode() if isinstance(a, str) else bytes(a)
            parts.append(b"$%d\r\n%s\r\n" % (len(b), b))
        self.lines, self.i, self.tail = [], 0, b""
        try:
            self.sock.sendall(b"".join(parts))
        except OSError as e:
            raise StoreError(f"lost the connection to the FalkorDB engine ({self.uri}): {e}") from e

    def _more(self) -> None:
        """Receive more of the reply; the lines not yet decoded stay, from index 0."""
        try:
            data = self.sock.recv(self.recv_size)
        except OSError as e:
            raise StoreError(f"lost the connection to the FalkorDB engine ({self.uri}): {e}") from e
        if not data:
            raise StoreError(f"lost the connection to the FalkorDB engine ({self.uri}): connection closed")
        parts = (self.tail + data).split(b"\r\n")
        self.tail = parts.pop()
        self.lines = self.lines[self.i:] + parts if self.i < len(self.lines) else parts
        self.i = 0

    def _whole(self, fn: Any) -> Any:
        """``fn(lines, i) -> (value, i)`` on a complete value, receiving more until it is."""
        while True:
            try:
                value, i = fn(self.lines, self.i)
            except IndexError:  # the reply received so far ends inside this value
                self._more()
                continue
            self.i = i
            return value

    def _simple(self, args: list[Any]) -> Any:
        self._send(args)
        value = self._whole(_resp)
        if isinstance(value, _Error):
            raise StoreError(f"FalkorDB refused {args[0]}: {value.message}")
        return value

    # -- a query -----------------------------------------------------------------
    def columns(self, graph: str, query: str, client_graph: Any) -> dict[str, list[Any]]:
        import redis

        self._send(["GRAPH.QUERY", graph, query, "--compact"])
        top = self._whole(_resp_head)
        if isinstance(top, _Error):
            raise redis.ResponseError(top.message)
        if top == 1:  # statistics only: no columns
            stats = self._whole(_resp)
            if isinstance(stats, _Error):
                raise redis.ResponseError(stats.message)
            return {}
        header = self._whole(_resp)
        if isinstance(header, _Error):
            raise redis.ResponseError(header.message)
        names = [h[1] if isinstance(h, list) else h for h in header]
        cols: list[list[Any]] = [[] for _ in names]
        nrows = self._whole(_resp_head)
        if isinstance(nrows, _Error):
            raise redis.ResponseError(nrows.message)
        done = 0
        fallback = _Fallback(client_graph)
        while True:
            done, self.i, finished = _rows(self.lines, self.i, done, nrows, cols, fallback)
            if finished:
                break
            self._more()
        rest = [self._whole(_resp) for _ in range(top - 2)]
        for r in rest:
            if isinstance(r, _Error):
                raise redis.ResponseError(r.message)
        return dict(zip(names, cols))


class _Error:
    def __init__(self, message: str):
        self.message = message


def _resp_head(lines: list[bytes], i: int) -> tuple[Any, int]:
    """An array's length (or an error) on line ``i``."""
    line = lines[i]
    if line[:1] == b"*":
        return int(line[1:]), i + 1
    if line[:1] == b"-":
        return _Error(line[1:].decode(errors="replace")), i + 1
    raise StoreError(f"unexpected reply from FalkorDB: {line[:80]!r}")


def _bulk(lines: list[bytes], i: int) -> tuple[bytes | None, int]:
    """The bulk string whose ``$n`` line is ``i``: (bytes or None, next line)."""
    n = int(lines[i][1:])
    if n < 0:
        return None, i + 1
    v = lines[i + 1]
    j = i + 2
    if len(v) < n:  # the text held CR LF: join its lines back
        parts, total = [v], len(v)
        while total < n:
            parts.append(lines[j])
            total += 2 + len(lines[j])
            j += 1
        v = b"\r\n".join(parts)
    if len(v) != n:
        raise StoreError("malformed reply from FalkorDB (bulk string length)")
    return v, j


def _resp(lines: list[bytes], i: int) -> tuple[Any, int]:
    """Any RESP2 value as redis-py gives it with ``decode_responses`` (str, int, list)."""
    line = lines[i]
    c = line[:1]
    if c == b"$":
        v, i = _bulk(lines, i)
        return (None if v is None else v.decode()), i
    if c == b":":
        return int(line[1:]), i + 1
    if c == b"*":
        n = int(line[1:])
        i += 1
        out = []
        for _ in range(n):
            v, i = _resp(lines, i)
            out.append(v)
        return out, i
    if c == b"+":
        return line[1:].decode(), i + 1
    if c == b"-":
        return _Error(line[1:].decode(errors="replace")), i + 1
    raise StoreError(f"unexpected reply from FalkorDB: {line[:80]!r}")


class _Fallback:
    """Cells of the other scalar types: the client's parser, then :func:`plain`."""

    def __init__(self, client_graph: Any):
        self.make = client_graph
        self.graph = None

    def __call__(self, lines: list[bytes], i: int) -> tuple[Any, int]:
        from falkordb.query_result import parse_scalar

        cell, i = _resp(lines, i)
        if self.graph is None:
            self.graph = self.make()
        return plain(parse_scalar(cell, self.graph)), i


def _cell(lines: list[bytes], i: int, fallback: Any) -> tuple[Any, int]:
    """One ``[type, value]`` cell starting at line ``i`` (its ``*2``)."""
    t = lines[i + 1]
    if t == _T_STR or t == _T_DOUBLE or t == _T_BOOL:
        h = lines[i + 2]
        v = lines[i + 3]
        if len(v) != int(h[1:]):
            v, j = _bulk(lines, i + 2)
        else:
            j = i + 4
        if t == _T_STR:
            return v.decode(), j
        if t == _T_DOUBLE:
            return float(v), j
        return v == b"true", j
    if t == _T_NULL and lines[i + 2]:
        return None, i + 3
    if t == _T_INT:
        return int(lines[i + 2][1:]), i + 3
    if t == _T_ARRAY:
        n = int(lines[i + 2][1:])
        i += 3
        out = []
        for _ in range(n):
            v, i = _cell(lines, i, fallback)
            out.append(v)
        return out, i
    if t == _T_MAP:
        n = int(lines[i + 2][1:]) // 2
        i += 3
        m = {}
        for _ in range(n):
            k, i = _bulk(lines, i)
            m[k.decode()], i = _cell(lines, i, fallback)
        return m, i
    return fallback(lines, i)


# "$n" bulk length lines, to check a text's length without parsing the number
_LEN_LINES = [b"$%d" % n for n in range(4096)]


def _rows(lines: list[bytes], i: int, done: int, nrows: int, cols: list[list[Any]],
          fallback: Any) -> tuple[int, int, bool]:
    """Decode rows into ``cols`` from line ``i``: (rows done, next line, all rows done?).
    When the lines run out inside a row, that row is dropped and decoded again later.
    Strings, booleans, doubles (of a length below 4096) and nulls are decoded inline;
    anything else (and any text that held CR LF) by :func:`_cell`."""
    appends = [c.append for c in cols]
    row_head = b"*%d" % len(cols)
    t_str, t_null, t_bool, t_double = _T_STR, _T_NULL, _T_BOOL, _T_DOUBLE
    heads = _LEN_LINES
    nheads = len(heads)
    while done < nrows:
        start = i
        try:
            if lines[i] != row_head:
                raise StoreError(f"unexpected row in the FalkorDB reply: {lines[i][:80]!r}")
            i += 1
            for app in appends:
                t = lines[i + 1]
                if t == t_str:
                    v = lines[i + 3]
                    n = len(v)
                    if n < nheads and lines[i + 2] == heads[n]:
                        app(v.decode())
                        i += 4
                        continue
                elif t == t_null:
                    if lines[i + 2]:  # (its "$-1" line must have arrived)
                        app(None)
                        i += 3
                        continue
                elif t == t_bool or t == t_double:
                    v = lines[i + 3]
                    n = len(v)
                    if n < nheads and lines[i + 2] == heads[n]:
                        app(v == b"true" if t == t_bool else float(v))
                        i += 4
                        continue
                v, i = _cell(lines, i, fallback)
                app(v)
        except IndexError:  # the reply received so far ends inside this value
            for c in cols:
                del c[done:]
            return done, start, False
        done += 1
    return done, i, True
