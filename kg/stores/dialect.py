"""The few statements that differ between Neo4j 5 and FalkorDB: schema DDL.

Everything else the project sends is written once, in the common subset.

>>> from kg.schema import load_schema
>>> neo4j_constraints(load_schema())[0]
'CREATE CONSTRAINT station_id IF NOT EXISTS FOR (n:Station) REQUIRE n.id IS UNIQUE'
>>> falkordb_indexes(load_schema())[0]
'CREATE INDEX FOR (n:Station) ON (n.id)'
"""

from __future__ import annotations

from typing import Any

# Name properties get an index too: analysts look entities up by name.
NAME_INDEXED = ("name_zh", "name_en")


def constraint_labels(schema: Any) -> list[str]:
    return [schema.checked_label(name) for name in schema.labels]


def neo4j_constraints(schema: Any) -> list[str]:
    out = []
    for label in constraint_labels(schema):
        out.append(
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        )
    for label in constraint_labels(schema):
        for prop in NAME_INDEXED:
            out.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    for rtype in schema.relationships:
        t = schema.checked_type(rtype)
        out.append(f"CREATE INDEX {t.lower()}_id IF NOT EXISTS FOR ()-[e:{t}]-() ON (e.id)")
    out.append("CREATE CONSTRAINT kgbuild_name IF NOT EXISTS FOR (n:KgBuild) REQUIRE n.name IS UNIQUE")
    return out


def falkordb_indexes(schema: Any) -> list[str]:
    out = []
    for label in constraint_labels(schema):
        out.append(f"CREATE INDEX FOR (n:{label}) ON (n.id)")
    for label in constraint_labels(schema):
        out.append(f"CREATE INDEX FOR (n:{label}) ON ({', '.join('n.' + p for p in NAME_INDEXED)})")
    for rtype in schema.relationships:
        t = schema.checked_type(rtype)
        out.append(f"CREATE INDEX FOR ()-[e:{t}]-() ON (e.id)")
    return out
