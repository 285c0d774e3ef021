"""Shared material for the hostile-input tests: payloads and dataset writers."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.conftest import MINI

# Strings that would do damage if they reached Cypher or HTML unescaped.
PAYLOADS = [
    "x'}) DETACH DELETE n //",
    '" OR 1=1 //',
    "x\"}) MATCH (m) DETACH DELETE m RETURN 1 //",
    "`Station` DETACH DELETE",
    "$param",
    "{rows}",
    "/* comment */ MATCH (n) DELETE n",
    "// line comment\nMATCH (n) DETACH DELETE n",
    "\\\"; DROP INDEX ON :Station(id); \\",
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "javascript:window.__xss=1",
    "</script><script>window.__xss=1</script>",
    "]]><!--",
    "名称'); MATCH (n) DETACH DELETE n; //",
]


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8",
              newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator=newline)
        w.writerow(header)
        w.writerows(rows)


def big_dataset(folder: Path, n: int = 20000) -> Path:
    """A dataset of ``n`` organisations and ``n`` stations, each hosted (2n nodes, n rels)."""
    shutil.copytree(MINI, folder)
    ev = "示例公司设立了示例公司海智工作站。"
    write_csv(folder / "nodes" / "Organization.csv",
              ["id", "name_zh", "name_en", "kind", "overseas", "source_id", "evidence"],
              [[f"org:o{i}", f"机构{i}", f"Org {i}", "company", "false", "source:mini", ev] for i in range(n)])
    write_csv(folder / "nodes" / "Station.csv",
              ["id", "name_zh", "name_en", "source_id", "evidence"],
              [[f"station:s{i}", f"工作站{i}", f"Station {i}", "source:mini", ev] for i in range(n)])
    write_csv(folder / "relationships" / "HOSTS.csv", ["src", "dst", "source_id", "evidence"],
              [[f"org:o{i}", f"station:s{i}", "source:mini", ev] for i in range(n)])
    for f in ("PARTNERS_WITH", "HEADS", "WORKS_AT"):
        (folder / "relationships" / f"{f}.csv").unlink()
    return folder
