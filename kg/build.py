"""Load a validated dataset into a store, all or nothing.

>>> from ingest.dataset import load_dataset                     # doctest: +SKIP
>>> from kg.stores import open_store                            # doctest: +SKIP
>>> with open_store("local") as st:                             # doctest: +SKIP
...     build(load_dataset("data/chongqing"), st).nodes["Station"]
17
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest.dataset import Dataset
from kg import cypher_files as cq
from kg.schema import Schema, load_schema
from kg.stores.base import Store, batched

BATCH_SIZE = 5000


@dataclass
class BuildResult:
    dataset: str
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def node_batches(ds: Dataset, schema: Schema, size: int = BATCH_SIZE):
    """(query, rows) pairs that write every node: one MERGE per label, batched."""
    for label in schema.labels:
        rows = ds.nodes.get(label) or []
        q = cq.node_merge(label)
        for batch in batched(({"id": r.id, "props": r.props} for r in rows), size):
            yield q, batch


def rel_batches(ds: Dataset, schema: Schema, size: int = BATCH_SIZE):
    """(query, rows) pairs that write every relationship, grouped by end labels."""
    for rtype in schema.relationships:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in ds.rels.get(rtype) or []:
            groups[(r.src_label, r.dst_label)].append(
                {"src": r.src, "dst": r.dst, "id": r.id, "props": {"id": r.id, **r.props}}
            )
        for (src, dst), rows in sorted(groups.items()):
            q = cq.rel_merge(rtype, src, dst)
            for batch in batched(rows, size):
                yield q, batch


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
    with store.building(schema, meta) as w:
        for q, rows in node_batches(ds, schema, batch_size):
            w.write(q, {"rows": rows})
            if progress:
                progress(len(rows))
        for q, rows in rel_batches(ds, schema, batch_size):
            w.write(q, {"rows": rows})
            if progress:
                progress(len(rows))
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


def graph_stats(store: Store) -> dict[str, dict[str, int]]:
    """``{"nodes": {label: n}, "relationships": {type: n}}`` counted in the store."""
    nodes = {r["label"]: r["n"] for r in store.run(cq.cypher("stats_nodes"))}
    rels = {r["type"]: r["n"] for r in store.run(cq.cypher("stats_relationships"))}
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}
