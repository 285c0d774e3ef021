"""Open a store from a URI.

``local`` (the default)          FalkorDB started on this machine, data under $KG_HOME
``falkordb://HOST:PORT``         a FalkorDB server you run
``neo4j://...``, ``bolt://...``  Neo4j (also ``neo4j+s://``, ``bolt+s://`` ...)

>>> store_kind("bolt://db.example:7687")
'neo4j'
>>> store_kind("local")
'local'
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from .base import NoGraphError, Store, StoreError

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def store_kind(uri: str) -> str:
    if uri in ("", "local"):
        return "local"
    scheme = urlparse(uri).scheme
    if scheme in NEO4J_SCHEMES:
        return "neo4j"
    if scheme in ("falkordb", "redis"):
        return "falkordb"
    raise StoreError(f"unknown store {uri!r}: use 'local', falkordb://HOST:PORT, neo4j://... or bolt://...")


def default_store_uri() -> str:
    """``KG_STORE`` if set, else ``local``. (NEO4J_URI alone does not switch stores.)"""
    return os.environ.get("KG_STORE", "local")


def open_store(uri: str | None = None, user: str | None = None, password: str | None = None,
               database: str | None = None) -> Store:
    """Open the store named by ``uri`` (see the module doc)."""
    uri = uri or default_store_uri()
    kind = store_kind(uri)
    if kind == "local":
        from .falkor import FalkorStore

        return FalkorStore.local()
    if kind == "falkordb":
        from .falkor import FalkorStore

        u = urlparse(uri)
        return FalkorStore(host=u.hostname or "127.0.0.1", port=u.port or 6379,
                           password=password or u.password, uri=uri)
    from .neo4j_store import Neo4jStore

    u = urlparse(uri)
    # credentials in the URI (bolt://user:pass@host) go to auth, not to the driver
    bare = u._replace(netloc=u.hostname + (f":{u.port}" if u.port else "")).geturl() if u.username else uri
    return Neo4jStore(
        bare,
        user=user or u.username or os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=password or u.password or os.environ.get("NEO4J_PASSWORD"),
        database=database or os.environ.get("NEO4J_DATABASE"),
    )


__all__ = ["NoGraphError", "Store", "StoreError", "open_store", "store_kind", "default_store_uri"]
