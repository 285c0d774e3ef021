"""Run Neo4j's own Cypher parser (npm ``@neo4j-cypher/language-support``,
``tools/cypher-lint``) over Cypher texts, as ``CYPHER 5``.

Unknown labels and relationship types (not in the schema) count as errors too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
EXTRA_LABELS = ["KgBuild"]


def lint_queries(queries: list[str]) -> dict[str, list[str]]:
    """``{query: [error, ...]}`` for every query with an error (empty dict: all clean)."""
    from kg.schema import load_schema

    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("node is not installed")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").exists():
        raise FileNotFoundError(f"run `npm ci --prefix {LINT_DIR}` first")
    schema = load_schema()
    payload = {
        "queries": queries,
        "labels": [*schema.labels, *EXTRA_LABELS],
        "relationshipTypes": list(schema.relationships),
    }
    proc = subprocess.run([node, str(LINT_DIR / "lint.mjs")], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=600, cwd=LINT_DIR)
    if proc.returncode != 0:
        raise RuntimeError(f"the Cypher linter failed: {proc.stderr[-2000:]}")
    out: dict[str, list[str]] = {}
    for res in json.loads(proc.stdout):
        msgs = list(res["errors"]) + [w for w in res["warnings"] if "is not present in the database" in w]
        if msgs:
            out[queries[res["index"]]] = msgs
    return out
