"""Every Cypher text the project can send is valid Neo4j 5 Cypher, checked by
Neo4j's own parser (npm @neo4j-cypher/language-support, tools/cypher-lint).

Queries actually sent during the test run are linted again at session end
(tests/conftest.py), which also catches text built at run time."""

from __future__ import annotations

import itertools

import pytest

from kg import cypher_files as cq
from kg import projection
from kg.schema import load_schema
from kg.stores import dialect, neo4j_store
from tests.cypher_lint import lint_queries


def static_statements() -> list[str]:
    s = load_schema()
    out = list(cq.all_cypher_files().values())
    out += dialect.neo4j_constraints(s) + dialect.falkordb_indexes(s)
    for label in s.labels:
        out += [cq.node_merge(label), cq.prune_nodes(label), projection.NODES_BY_LABEL.format(label=label)]
    for name, rel in s.relationships.items():
        out += [cq.prune_rels(name), projection.RELS_BY_TYPE.format(type=name)]
        out += [cq.rel_merge(name, a, b) for a, b in itertools.product(rel.sources, rel.targets)]
    out += [neo4j_store.BUILD_LOCK, neo4j_store.BUILD_DONE, neo4j_store.BUILD_INFO]
    return out


def test_linter_catches_errors():
    """The linter itself is live: it flags broken syntax and unknown labels."""
    errs = lint_queries(["MATCH (n RETURN n", "MATCH (n:Spaceship) RETURN n", "MATCH (n:Station) RETURN n.id"])
    assert set(errs) == {"MATCH (n RETURN n", "MATCH (n:Spaceship) RETURN n"}


def test_every_static_statement_is_valid_neo4j_cypher():
    stmts = static_statements()
    assert len(stmts) > 100
    assert lint_queries(stmts) == {}


@pytest.mark.parametrize("name", sorted(cq.all_cypher_files()))
def test_cypher_files_have_a_comment_saying_what_they_answer(name):
    assert cq.all_cypher_files()[name].startswith("//"), name

