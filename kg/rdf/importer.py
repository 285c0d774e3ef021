"""Read an RDF export back into a dataset folder (``kg import rdf FILE -o DIR``).

Only the statements the mapping writes are read: nodes by their project class
(``hz:Station`` ...), relationships by their statement nodes (``hz:Hosts`` ...,
with ``rdf:subject``/``rdf:object``, the key and the properties). The direct
triples and the vocabulary are derived data and are not needed.

>>> from ingest.dataset import load_dataset
>>> from kg.rdf.graph_source import graph_from_dataset
>>> from kg.rdf.export import graph_to_rdf
>>> rdf = graph_to_rdf(graph_from_dataset(load_dataset("tests/fixtures/mini")))
>>> rows = rows_from_rdf(rdf)
>>> [r["id"] for r in rows.nodes["Station"]]
['station:host-a', 'station:host-b']
>>> rows.rels["HEADS"][0]["src"], rows.rels["HEADS"][0]["role"]
('talent:zhang-san', '站长')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.util import guess_format

from kg.rdf.mapping import Mapping, PropMap, load_mapping
from kg.schema import Schema, load_schema


class RdfImportError(ValueError):
    """The RDF cannot be read into a dataset (the message says where)."""


@dataclass
class Rows:
    """Dataset rows per label and per relationship type (plain values)."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def counts(self) -> tuple[int, int]:
        return sum(map(len, self.nodes.values())), sum(map(len, self.rels.values()))


def from_term(pm: PropMap, term: Any) -> Any:
    """The plain value of one RDF term for the property ``pm``."""
    t = pm.prop.type
    if isinstance(term, URIRef) and not pm.ref:
        return str(term)
    text = str(term)
    if t == "int":
        return int(text)
    if t == "float":
        return float(text)
    if t == "bool":
        return text.strip().lower() in ("true", "1")
    return text


def _id_of(rdf: Graph, iri: Any, mapping: Mapping) -> str | None:
    ident = rdf.value(iri, mapping.identifier)
    if ident is not None:
        return str(ident)
    return mapping.id_of_node_iri(iri) if isinstance(iri, URIRef) else None


def _read_props(rdf: Graph, subject: Any, props: dict[str, PropMap], mapping: Mapping, where: str,
                skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, pm in props.items():
        if name in skip:
            continue
        terms = list(rdf.objects(subject, pm.predicate))
        if pm.lang in ("zh", "en"):
            terms = [t for t in terms if isinstance(t, Literal) and t.language == pm.lang]
        if pm.ref:
            values = [_id_of(rdf, t, mapping) for t in terms]
        else:
            values = [from_term(pm, t) for t in terms]
        values = [v for v in values if v is not None]
        if not values:
            continue
        if pm.many:
            out[name] = sorted(set(values))
        elif len(set(values)) > 1:
            raise RdfImportError(f"{where}: {len(values)} values for {name} ({pm.predicate}), expected one")
        else:
            out[name] = values[0]
    return out


def rows_from_rdf(rdf: Graph, mapping: Mapping | None = None) -> Rows:
    """Dataset rows for every node and relationship the RDF graph describes."""
    mapping = mapping or load_mapping()
    rows = Rows()
    for label, lm in mapping.labels.items():
        found = []
        for s in set(rdf.subjects(RDF.type, lm.cls)):
            where = f"{label} {s}"
            props = _read_props(rdf, s, lm.props, mapping, where)
            if "id" not in props:
                props["id"] = _id_of(rdf, s, mapping)
                if props["id"] is None:
                    raise RdfImportError(f"{where}: no {mapping.identifier} and not an IRI of {mapping.namespace}")
            found.append(props)
        if found:
            rows.nodes[label] = sorted(found, key=lambda r: r["id"])
    for rtype, rm in mapping.rels.items():
        found = []
        for st in set(rdf.subjects(RDF.type, rm.cls)):
            where = f"{rtype} {st}"
            ends = {}
            for end, pred in (("src", RDF.subject), ("dst", RDF.object)):
                iri = rdf.value(st, pred)
                nid = _id_of(rdf, iri, mapping) if iri is not None else None
                if nid is None:
                    raise RdfImportError(f"{where}: no {pred.n3(rdf.namespace_manager)} naming a node")
                ends[end] = nid
            key = rdf.value(st, mapping.rel_key)
            row = {**ends, "key": str(key) if key is not None else ""}
            row.update(_read_props(rdf, st, rm.props, mapping, where))
            found.append(row)
        if found:
            rows.rels[rtype] = sorted(found, key=lambda r: (r["src"], r["dst"], r["key"]))
    return rows


def parse_rdf(path: Path | str, fmt: str | None = None) -> Graph:
    """Parse an RDF file (format from ``fmt`` or the file suffix: .ttl, .nt, .jsonld ...)."""
    path = Path(path)
    fmt = fmt or guess_format(str(path)) or ("json-ld" if path.suffix.lower() == ".jsonld" else None)
    if fmt is None:
        raise RdfImportError(f"{path}: cannot tell the RDF format from the suffix; give --format")
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific errors
        raise RdfImportError(f"{path}: not readable as {fmt}: {type(e).__name__}: {e}") from None
    return g


def cell(value: Any) -> str:
    """A value as a CSV cell the dataset loader reads back to the same value.

    >>> cell(["ASU", "亚利桑那"]), cell(True), cell(0.9), cell(2022), cell(None)
    ('ASU|亚利桑那', 'true', '0.9', '2022', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_dataset(folder: Path | str, rows: Rows, meta: dict[str, Any], schema: Schema | None = None,
                  force: bool = False) -> list[Path]:
    """Write ``rows`` as a dataset folder (``nodes/<Label>.csv``, ``relationships/<TYPE>.csv``,
    ``dataset.yaml``); the columns are the schema's. Refuses a non-empty folder unless ``force``
    (then the schema's table files without rows are removed so nothing stale is left)."""
    schema = schema or load_schema()
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not force:
        raise RdfImportError(f"{folder} exists and is not empty (use --force to overwrite)")
    written: list[Path] = []
    for sub, specs, data in (("nodes", schema.labels, rows.nodes), ("relationships", schema.relationships, rows.rels)):
        d = folder / sub
        d.mkdir(parents=True, exist_ok=True)
        for name, spec in specs.items():
            if force:
                for old in d.glob(f"{name}.*"):
                    if old.suffix.lower() in (".csv", ".xlsx", ".yaml", ".yml", ".json"):
                        old.unlink()
            items = data.get(name) or []
            if not items:
                continue
            cols = spec.columns
            p = d / f"{name}.csv"
            with open(p, "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(cols)
                for r in items:
                    w.writerow([cell(r.get(c)) for c in cols])
            written.append(p)
    meta_path = folder / "dataset.yaml"
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    written.append(meta_path)
    return written


def import_rdf(path: Path | str, folder: Path | str, fmt: str | None = None, name: str | None = None,
               force: bool = False) -> Rows:
    """Parse the RDF file at ``path`` and write its dataset folder; returns the rows.

    The caller checks the result with :func:`ingest.dataset.load_dataset`.
    """
    rows = rows_from_rdf(parse_rdf(path, fmt))
    if not rows.nodes:
        raise RdfImportError(f"{path}: no haizhi-kg nodes found (no subject has a class of the schema)")
    folder = Path(folder)
    meta = {"name": name or folder.name, "description": f"Imported from the RDF file {Path(path).name}"}
    write_dataset(folder, rows, meta, force=force)
    return rows
