"""Injection: payloads in every text field of every label are stored verbatim
and change nothing else; labels and types from files are whitelisted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.dataset import DatasetInvalid, load_dataset
from kg.build import build, graph_stats
from kg.schema import load_schema
from tests.conftest import MINI, run_kg
from tests.hostile import PAYLOADS, write_csv


def payload_dataset(folder: Path) -> Path:
    """One node per label and payload: every string/text property holds the payload."""
    schema = load_schema()
    shutil.copytree(MINI, folder)
    for f in (folder / "nodes").iterdir():
        if f.stem != "Source":
            f.unlink()
    for f in (folder / "relationships").iterdir():
        f.unlink()
    text = (folder / "sources" / "mini.txt").read_text(encoding="utf-8")
    (folder / "sources" / "mini.txt").write_text(text + "\n".join(PAYLOADS), encoding="utf-8")
    for name, label in schema.labels.items():
        if name == "Source":
            continue
        cols = label.columns
        rows = []
        for i, p in enumerate(PAYLOADS):
            row = []
            for c in cols:
                prop = label.properties[c]
                if c == "id":
                    row.append(f"{label.id_prefix}:p{i}")
                elif c == "source_id":
                    row.append("source:mini")
                elif c == "evidence":
                    row.append(p)
                elif prop.type in ("string", "text"):
                    row.append(p)
                elif prop.type == "list":
                    row.append(p.replace("|", "/"))
                elif prop.type == "enum":
                    row.append(prop.values[0])
                elif prop.type == "bool":
                    row.append("true")
                elif prop.type in ("int",):
                    row.append("2022")
                elif prop.type == "float":
                    row.append("0.5")
                else:
                    row.append("")
            rows.append(row)
        write_csv(folder / "nodes" / f"{name}.csv", cols, rows)
    # a relationship per payload too, with the payload in its text properties
    write_csv(folder / "relationships" / "WORKS_AT.csv", ["src", "dst", "title", "source_id", "evidence", "note"],
              [[f"talent:p{i}", f"org:p{i}", p, "source:mini", p, p] for i, p in enumerate(PAYLOADS)])
    return folder


def test_payloads_are_stored_verbatim_and_delete_nothing(local_store, tmp_path):
    ds = load_dataset(payload_dataset(tmp_path / "payloads"))
    build(ds, local_store)
    stats = graph_stats(local_store)
    n_labels = len(load_schema().labels) - 1
    assert sum(stats["nodes"].values()) == n_labels * len(PAYLOADS) + 1
    assert stats["relationships"] == {"WORKS_AT": len(PAYLOADS)}
    schema = load_schema()
    checked = 0
    for name, label in schema.labels.items():
        if name == "Source":
            continue
        rows = local_store.run(f"MATCH (n:{schema.checked_label(name)}) RETURN n.id AS id, properties(n) AS p")
        by_id = {r["id"]: r["p"] for r in rows}
        for i, p in enumerate(PAYLOADS):
            props = by_id[f"{label.id_prefix}:p{i}"]
            for c, prop in label.properties.items():
                if prop.type == "text" or (prop.type == "string" and c not in ("id", "source_id")):
                    expected = p if prop.type == "text" else " ".join(p.split())
                    assert props[c] == expected, (name, c, p)
                    checked += 1
    rels = local_store.run("MATCH (t:Talent)-[r:WORKS_AT]->(o:Organization) RETURN t.id AS t, r.title AS title, "
                           "r.note AS note ORDER BY t")
    assert {r["t"]: r["note"] for r in rels} == {f"talent:p{i}": p for i, p in enumerate(PAYLOADS)}
    assert checked > 200


def test_payloads_as_query_parameters_change_nothing(local_store, mini_dataset):
    build(mini_dataset, local_store)
    before = graph_stats(local_store)
    for p in PAYLOADS:
        rows = local_store.run("MATCH (n) WHERE n.name_zh = $name OR n.id = $name RETURN n.id AS id", {"name": p})
        assert rows == []
        rows = local_store.run("RETURN $v AS v", {"v": p})
        assert rows == [{"v": p}]
    assert graph_stats(local_store) == before


def test_payloads_through_the_cli(tmp_path):
    run_kg("build", str(MINI), "-q", home=tmp_path)
    for p in PAYLOADS[:6]:
        out = run_kg("cypher", "MATCH (n {name_zh: $n}) RETURN count(n) AS c", "-p", f"n={p}", "-f", "json",
                     home=tmp_path)
        assert out.stdout.split() == ["[", "{", '"c":', "0", "}", "]"]
    stats = run_kg("stats", "-f", "json", home=tmp_path).stdout
    assert '"Station": 2' in stats


@pytest.mark.parametrize("name", ["Station) DETACH DELETE n --", "Station`", "HOSTS]->()"])
def test_label_and_type_names_from_files_are_whitelisted(tmp_path, name):
    folder = tmp_path / "ds"
    shutil.copytree(MINI, folder)
    (folder / "nodes" / f"{name}.csv").write_text("id\nx:1\n", encoding="utf-8")
    with pytest.raises(DatasetInvalid, match="is not a node label of the schema"):
        load_dataset(folder)
