"""Named Cypher: ``.cypher`` files an analyst can read and paste into Neo4j Browser,
and the templates of the load statements (labels and types filled in only from
the schema whitelist).

>>> "MATCH" in cypher("stats_nodes")
True
>>> node_merge("Station")
'UNWIND $rows AS r MERGE (n:Station {id: r.id}) SET n = r.props'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.schema import load_schema

NODE_MERGE = "UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n = r.props"
REL_MERGE = (
    "UNWIND $rows AS r MATCH (a:{src} {{id: r.src}}) MATCH (b:{dst} {{id: r.dst}}) "
    "MERGE (a)-[e:{type} {{id: r.id}}]->(b) SET e = r.props"
)
PRUNE_NODES = "MATCH (n:{label}) WHERE NOT n.id IN $ids DETACH DELETE n"
PRUNE_RELS = "MATCH ()-[e:{type}]->() WHERE NOT e.id IN $ids DELETE e"


def node_merge(label: str) -> str:
    return NODE_MERGE.format(label=load_schema().checked_label(label))


def rel_merge(rtype: str, src: str, dst: str) -> str:
    s = load_schema()
    return REL_MERGE.format(type=s.checked_type(rtype), src=s.checked_label(src), dst=s.checked_label(dst))


def prune_nodes(label: str) -> str:
    return PRUNE_NODES.format(label=load_schema().checked_label(label))


def prune_rels(rtype: str) -> str:
    return PRUNE_RELS.format(type=load_schema().checked_type(rtype))


def cypher_dirs() -> list[Path]:
    """Folders holding the project's ``.cypher`` files."""
    dirs = [Path(str(resources.files("kg").joinpath("cypher")))]
    try:
        dirs.append(Path(str(resources.files("queries").joinpath("cypher"))))
    except ModuleNotFoundError:  # pragma: no cover
        pass
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=None)
def cypher(name: str) -> str:
    """The text of ``NAME.cypher`` (kg/cypher or queries/cypher), comments kept."""
    for d in cypher_dirs():
        p = d / f"{name}.cypher"
        if p.exists():
            return p.read_text(encoding="utf-8").strip()
    raise KeyError(f"no Cypher file named {name}.cypher")


def all_cypher_files() -> dict[str, str]:
    out = {}
    for d in cypher_dirs():
        for p in sorted(d.glob("*.cypher")):
            out[f"{d.parent.name}/{p.name}"] = p.read_text(encoding="utf-8").strip()
    return out
