"""Load a validated dataset into a store, all or nothing.

>>> from ingest.dataset import load_dataset                     # doctest: +SKIP
>>> from kg.stores import open_store                            # doctest: +SKIP
>>> with open_store("local") as st:                             # doctest: +SKIP
...     build(load_dataset("data/chongqing"), st).nodes["Station"]
17
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ingest.dataset import Dataset
from kg import cypher_files as cq
from kg.schema import Schema, load_schema
from kg.stores.base import Store, batched
from kg.stores.params import Encoded, encode_map, encode_str

BATCH_SIZE = 5000
# Concurrent batch writers for a FalkorDB build: while the engine runs one
# batch, the client (pure Python) turns the next batch's parameters into text.
WRITERS = 2

# A local (FalkorDB) build always writes into a fresh, empty graph and every id
# is unique once the dataset is valid, so CREATE gives the same graph as MERGE
# without the engine looking for an existing node or relationship first.
NODE_CREATE = "UNWIND $rows AS r CREATE (n:{label}) SET n = r"
REL_CREATE = (
    "UNWIND $rows AS r MATCH (a:{src} {{id: r.src}}) MATCH (b:{dst} {{id: r.dst}}) "
    "CREATE (a)-[e:{type}]->(b) SET e = r.props"
)


@dataclass
class BuildResult:
    dataset: str
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def node_batches(ds: Dataset, schema: Schema, size: int = BATCH_SIZE, fresh: bool = False):
    """(query, rows) pairs that write every node: one MERGE per label, batched.

    ``fresh=True`` (the target graph is new and empty): CREATE with the
    properties as the row, the same graph with less work.
    """
    for label in schema.labels:
        rows = ds.nodes.get(label) or []
        if fresh:
            q = NODE_CREATE.format(label=schema.checked_label(label))
            for batch in batched((r.props for r in rows), size):
                yield q, batch
            continue
        q = cq.node_merge(label)
        for batch in batched(({"id": r.id, "props": r.props} for r in rows), size):
            yield q, batch


def rel_batches(ds: Dataset, schema: Schema, size: int = BATCH_SIZE, fresh: bool = False):
    """(query, rows) pairs that write every relationship, grouped by end labels
    (``fresh``: CREATE into a new, empty graph, as in :func:`node_batches`)."""
    for rtype in schema.relationships:
        groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for r in ds.rels.get(rtype) or []:
            groups[(r.src_label, r.dst_label)].append(r)
        for (src, dst), rels in sorted(groups.items()):
            if fresh:
                q = REL_CREATE.format(type=schema.checked_type(rtype), src=schema.checked_label(src),
                                      dst=schema.checked_label(dst))
                for batch in batched(rels, size):
                    yield q, rel_rows_text(batch)
                continue
            q = cq.rel_merge(rtype, src, dst)
            rows = ({"src": r.src, "dst": r.dst, "id": r.id, "props": {"id": r.id, **r.props}} for r in rels)
            for batch in batched(rows, size):
                yield q, batch


def rel_rows_text(rels: list[Any]) -> Encoded:
    """The ``$rows`` of a relationship CREATE batch, ``[{src, dst, props: {id, ...}}, ...]``,
    written straight to the Cypher text the ``falkordb`` client would make of those
    dicts (kg.stores.params), without making the dicts.

    >>> from ingest.dataset import RelRow
    >>> rel_rows_text([RelRow("HOSTS", "org:a", "station:b", "", {"evidence": 'say "x"'}, "f", 2)]).text
    '[{`src`:"org:a",`dst`:"station:b",`props`:{`id`:"HOSTS:org:a->station:b",`evidence`:"say \\\\"x\\\\""}}]'
    """
    parts = []
    for r in rels:
        props = r.props
        head = f'{{`src`:{encode_str(r.src)},`dst`:{encode_str(r.dst)},`props`:'
        if "id" in props:  # (no schema relationship has an "id" property; as the dict would be)
            parts.append(head + encode_map({"id": r.id, **props}) + "}")
        elif props:
            parts.append(f'{head}{{`id`:{encode_str(r.id)},{encode_map(props)[1:]}}}')
        else:
            parts.append(f'{head}{{`id`:{encode_str(r.id)}}}}}')
    return Encoded("[" + ",".join(parts) + "]", len(rels))


class _Pending:
    """Batches sent through ``w.write`` on ``pool``'s threads, at most ``window`` of them
    waiting (the rows they hold stay bounded); ``progress`` told as each one is done."""

    def __init__(self, pool: ThreadPoolExecutor, w: Any, window: int,
                 progress: Callable[[int], None] | None = None):
        self.pool, self.w, self.window, self.progress = pool, w, window, progress
        self.futures: deque[tuple[Any, int]] = deque()

    def submit(self, q: str, rows: Any) -> None:
        self.futures.append((self.pool.submit(self.w.write, q, {"rows": rows}), len(rows)))
        self.drain(self.window)

    def drain(self, keep: int = 0) -> None:
        """Wait until at most ``keep`` batches are pending (a write's error is raised here)."""
        while len(self.futures) > keep:
            fut, n = self.futures.popleft()
            fut.result()
            if self.progress:
                self.progress(n)

    def cancel(self) -> None:
        for fut, _ in self.futures:
            fut.cancel()


def write_batches(w: Any, batches: Iterable[tuple[str, list[Any]]], workers: int = 1,
                  progress: Callable[[int], None] | None = None) -> None:
    """Send every batch through ``w.write``; with ``workers`` > 1 several at
    once (in any order: only for batches that do not depend on each other)."""
    if workers <= 1:
        for q, rows in batches:
            w.write(q, {"rows": rows})
            if progress:
                progress(len(rows))
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-build") as pool:
        pending = _Pending(pool, w, workers, progress)
        try:
            for q, rows in batches:
                pending.submit(q, rows)
            pending.drain()
        except BaseException:
            pending.cancel()
            raise


def build(ds: Dataset, store: Store, schema: Schema | None = None, batch_size: int = BATCH_SIZE,
          progress: Callable[[int], None] | None = None) -> BuildResult:
    """Write ``ds`` into ``store`` so that the store's graph equals the dataset.

    The store makes it atomic: a local build goes into a fresh graph that is
    switched in at the end; a Neo4j build is one managed transaction that also
    prunes what the dataset no longer has. MERGE on ids makes it idempotent.
    ``progress`` is called with the number of rows written after each batch.
    """
    schema = schema or load_schema()
    meta = {
        "dataset": ds.name,
        "path": str(ds.path),
        "nodes": ds.node_counts(),
        "relationships": ds.rel_counts(),
    }
    # FalkorDB builds go into a new graph (see FalkorStore.building); Neo4j
    # builds update the database in one transaction, batch after batch.
    fresh = store.dialect == "falkordb"
    workers = WRITERS if fresh else 1
    with store.building(schema, meta) as w:
        # all nodes first (relationships MATCH them), each phase concurrently
        write_batches(w, node_batches(ds, schema, batch_size, fresh), workers, progress)
        write_batches(w, rel_batches(ds, schema, batch_size, fresh), workers, progress)
        if store.dialect == "neo4j":
            for label in schema.labels:
                w.write(cq.prune_nodes(label), {"ids": [r.id for r in ds.nodes.get(label) or []]})
            for rtype in schema.relationships:
                w.write(cq.prune_rels(rtype), {"ids": [r.id for r in ds.rels.get(rtype) or []]})
    return BuildResult(
        dataset=ds.name,
        nodes=ds.node_counts(),
        relationships=ds.rel_counts(),
        skipped=ds.skipped,
        warnings=[str(p) for p in ds.warnings],
    )


def build_path(path: Any, store: Store, schema: Schema | None = None, batch_size: int = BATCH_SIZE,
               progress: Callable[[int], None] | None = None) -> tuple[BuildResult, Dataset]:
    """Validate the dataset folder ``path`` and load it into ``store``, overlapping
    the two on a local (FalkorDB) store: each file's rows are sent to the engine
    while the next file is read and checked. All or nothing as :func:`build`: if
    the dataset turns out invalid, :class:`ingest.dataset.DatasetInvalid` is
    raised (the same problems as ``load_dataset``) and the new graph is dropped,
    the previous one left as it was. Other stores: ``load_dataset`` then
    :func:`build`. Returns the result and the validated dataset.

    >>> result, ds = build_path("data/chongqing", store)          # doctest: +SKIP
    """
    from ingest.dataset import iter_dataset, load_dataset

    schema = schema or load_schema()
    if store.dialect != "falkordb":
        ds = load_dataset(path, schema)
        return build(ds, store, schema, batch_size, progress), ds
    from pathlib import Path

    meta: dict[str, Any] = {"dataset": None, "path": str(Path(path)), "nodes": {}, "relationships": {}}
    with store.building(schema, meta) as w, ThreadPoolExecutor(max_workers=WRITERS,
                                                                 thread_name_prefix="kg-build") as pool:
        pending = _Pending(pool, w, WRITERS * 2, progress)
        try:
            steps = iter_dataset(path, schema)
            nodes_done = False
            while True:
                try:
                    kind, name, rows = next(steps)
                except StopIteration as end:
                    ds = end.value
                    break
                if kind == "node":
                    batches = node_batches(_OneFile({name: rows}, {}), schema, batch_size, fresh=True)
                else:
                    if not nodes_done:  # relationships MATCH their ends: every node first
                        pending.drain()
                        nodes_done = True
                    batches = rel_batches(_OneFile({}, {name: rows}), schema, batch_size, fresh=True)
                for q, b in batches:
                    pending.submit(q, b)
            pending.drain()
        except BaseException:
            pending.cancel()
            raise
        meta.update(dataset=ds.name, nodes=ds.node_counts(), relationships=ds.rel_counts())
    result = BuildResult(dataset=ds.name, nodes=ds.node_counts(), relationships=ds.rel_counts(),
                         skipped=ds.skipped, warnings=[str(p) for p in ds.warnings])
    return result, ds


class _OneFile:
    """The rows of one file, shaped like a Dataset for :func:`node_batches` / :func:`rel_batches`."""

    def __init__(self, nodes: dict[str, list[Any]], rels: dict[str, list[Any]]):
        self.nodes, self.rels = nodes, rels


def graph_stats(store: Store) -> dict[str, dict[str, int]]:
    """``{"nodes": {label: n}, "relationships": {type: n}}`` counted in the store."""
    nodes = {r["label"]: r["n"] for r in store.run(cq.cypher("stats_nodes"))}
    rels = {r["type"]: r["n"] for r in store.run(cq.cypher("stats_relationships"))}
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}
