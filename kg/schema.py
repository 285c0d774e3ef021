"""The haizhi-kg schema, loaded from ``kg/schema.yaml``.

The YAML file is the only place where labels, relationship types and their
properties are declared; everything else (validation, constraints, templates,
RDF mapping, map colours) asks this module.

Example
-------
>>> from kg.schema import load_schema
>>> s = load_schema()
>>> s.label("Station").zh
'海智工作站'
>>> "Organization" in s.rel("HOSTS").sources
True
>>> s.label_of_id("org:chongqing-graphene-research-institute")
'Organization'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

PROPERTY_TYPES = {"string", "text", "int", "float", "bool", "date", "list", "enum"}
# Identifiers that may be interpolated into Cypher: labels, types, property keys.
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    required: bool = False
    zh: str = ""
    en: str = ""
    values: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    # RDF mapping of this property (``rdf:`` in the YAML), e.g. ``{"predicate": "skos:prefLabel", "lang": "zh"}``
    rdf: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Label:
    name: str
    zh: str
    en: str
    id_prefix: str
    color: str
    shape: str
    provenance: bool
    rdf: dict[str, Any]
    properties: dict[str, Property]  # common + own, in column order

    @property
    def columns(self) -> list[str]:
        return list(self.properties)


@dataclass(frozen=True)
class RelType:
    name: str
    zh: str
    en: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    sentence_zh: str
    sentence_en: str
    properties: dict[str, Property]  # own + common, in column order
    rdf: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return ["src", "dst", "key", *self.properties]


@dataclass(frozen=True)
class Schema:
    namespace: str
    labels: dict[str, Label]
    relationships: dict[str, RelType]
    # schema-wide RDF settings (top-level ``rdf:``: vocabulary namespace, prefixes)
    rdf: dict[str, Any] = field(default_factory=dict)

    def label(self, name: str) -> Label:
        try:
            return self.labels[name]
        except KeyError:
            raise KeyError(f"unknown label {name!r}; the schema has {sorted(self.labels)}") from None

    def rel(self, name: str) -> RelType:
        try:
            return self.relationships[name]
        except KeyError:
            raise KeyError(
                f"unknown relationship type {name!r}; the schema has {sorted(self.relationships)}"
            ) from None

    @cached_property
    def _label_by_prefix(self) -> dict[str, str]:
        return {lab.id_prefix: lab.name for lab in self.labels.values()}

    def label_of_id(self, node_id: str) -> str | None:
        """The label whose ``id_prefix`` starts ``node_id`` (``org:x`` → Organization).

        >>> s = load_schema()
        >>> s.label_of_id("org:x"), s.label_of_id("station:s1"), s.label_of_id("nope"), s.label_of_id("x:y")
        ('Organization', 'Station', None, None)
        """
        prefix, sep, _ = node_id.partition(":")
        return self._label_by_prefix.get(prefix) if sep else None

    def checked_label(self, name: str) -> str:
        """Return ``name`` if it is a schema label: the whitelist for Cypher text."""
        if name not in self.labels or not _IDENT.match(name):
            raise ValueError(f"label {name!r} is not in the schema")
        return name

    def checked_type(self, name: str) -> str:
        """Return ``name`` if it is a schema relationship type (Cypher whitelist)."""
        if name not in self.relationships or not _IDENT.match(name):
            raise ValueError(f"relationship type {name!r} is not in the schema")
        return name

    def colors(self) -> dict[str, str]:
        return {name: lab.color for name, lab in self.labels.items()}


def _props(spec: dict[str, Any] | None, where: str) -> dict[str, Property]:
    out: dict[str, Property] = {}
    for name, p in (spec or {}).items():
        if not _IDENT.match(name):
            raise ValueError(f"{where}: property name {name!r} is not a plain identifier")
        if p.get("type") not in PROPERTY_TYPES:
            raise ValueError(f"{where}.{name}: unknown type {p.get('type')!r}")
        if p["type"] == "enum" and not p.get("values"):
            raise ValueError(f"{where}.{name}: an enum needs values")
        out[name] = Property(
            name=name,
            type=p["type"],
            required=bool(p.get("required", False)),
            zh=p.get("zh", ""),
            en=p.get("en", name),
            values=tuple(p.get("values", ())),
            min=p.get("min"),
            max=p.get("max"),
            rdf=dict(p.get("rdf") or {}),
        )
    return out


def parse_schema(doc: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from the parsed YAML document (checked for consistency)."""
    common_node = _props(doc.get("node_properties"), "node_properties")
    common_rel = _props(doc.get("relationship_properties"), "relationship_properties")
    labels: dict[str, Label] = {}
    prefixes: set[str] = set()
    for name, spec in doc["labels"].items():
        if not _IDENT.match(name):
            raise ValueError(f"label {name!r} is not a plain identifier")
        own = _props(spec.get("properties"), f"labels.{name}")
        provenance = bool(spec.get("provenance", True))
        props: dict[str, Property] = {}
        for pname, p in common_node.items():
            if not provenance and pname in ("source_id", "evidence"):
                p = Property(**{**p.__dict__, "required": False})
            if pname in ("source_id", "evidence", "confidence", "note"):
                continue  # provenance columns go last
            props[pname] = p
        props.update(own)
        for pname in ("source_id", "evidence", "confidence", "note"):
            p = common_node[pname]
            if not provenance and pname in ("source_id", "evidence"):
                p = Property(**{**p.__dict__, "required": False})
            props[pname] = p
        prefix = spec["id_prefix"]
        if prefix in prefixes:
            raise ValueError(f"labels.{name}: id_prefix {prefix!r} used twice")
        prefixes.add(prefix)
        labels[name] = Label(
            name=name,
            zh=spec["zh"],
            en=spec["en"],
            id_prefix=prefix,
            color=spec.get("color", "#999999"),
            shape=spec.get("shape", "dot"),
            provenance=provenance,
            rdf=dict(spec.get("rdf", {})),
            properties=props,
        )
    rels: dict[str, RelType] = {}
    for name, spec in doc["relationships"].items():
        if not _IDENT.match(name):
            raise ValueError(f"relationship {name!r} is not a plain identifier")
        for end in (*spec["from"], *spec["to"]):
            if end not in labels:
                raise ValueError(f"relationships.{name}: unknown label {end!r}")
        own = _props(spec.get("properties"), f"relationships.{name}")
        sentence = spec.get("sentence", {})
        rels[name] = RelType(
            name=name,
            zh=spec["zh"],
            en=spec["en"],
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            sentence_zh=sentence.get("zh", "{src} " + spec["zh"] + " {dst}"),
            sentence_en=sentence.get("en", "{src} " + spec["en"] + " {dst}"),
            properties={**own, **common_rel},
            rdf=dict(spec.get("rdf", {})),
        )
    return Schema(namespace=doc["namespace"], labels=labels, relationships=rels, rdf=dict(doc.get("rdf") or {}))


def schema_path() -> Path:
    return Path(str(resources.files("kg").joinpath("schema.yaml")))


@lru_cache(maxsize=None)
def load_schema(path: str | None = None) -> Schema:
    """Load the project schema (or another schema file at ``path``)."""
    p = Path(path) if path else schema_path()
    with open(p, encoding="utf-8") as fh:
        return parse_schema(yaml.safe_load(fh))
