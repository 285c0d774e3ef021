"""The SPARQL examples of docs/sparql.md, run on the RDF export of the store, give
the same answers as the Cypher they stand beside (run on the store), and the
answers worked out by hand on the RDF fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from kg.cypher_files import cypher
from kg.rdf.export import graph_to_rdf
from kg.rdf.graph_source import graph_from_store
from kg.rdf.mapping import load_mapping
from kg.rdf.vocabulary import markdown_tables
from tests.conftest import CHONGQING, ROOT

RICH = Path(__file__).resolve().parent / "fixtures" / "rdf"
DOC = ROOT / "docs" / "sparql.md"


def doc_questions() -> tuple[str, dict[int, dict[str, str]]]:
    """(the prefix block, {question number: {"sparql": ..., "cypher": ...}})."""
    text = DOC.read_text(encoding="utf-8")
    head, *sections = re.split(r"^### ", text, flags=re.M)
    prefixes = re.findall(r"```sparql\n(.*?)```", head, flags=re.S)[-1]
    out = {}
    for sec in sections:
        num = int(sec.split(".", 1)[0])
        (sparql,) = re.findall(r"```sparql\n(.*?)```", sec, flags=re.S)
        inline = re.findall(r"```cypher\n(.*?)```", sec, flags=re.S)
        if inline:
            cy = inline[0].strip()
        else:
            (name,) = re.findall(r"`(?:kg|queries)/cypher/(\w+)\.cypher`", sec)
            cy = cypher(name)
        out[num] = {"sparql": sparql, "cypher": cy}
    return prefixes, out


PREFIXES, QUESTIONS = doc_questions()


def with_values(sparql: str, var: str, value: str | None) -> str:
    if value is None:
        return sparql
    new, n = re.subn(r'VALUES \?' + var + r' \{ "[^"]*" \}', f'VALUES ?{var} {{ "{value}" }}', sparql)
    assert n == 1
    return new


def sparql_rows(rdf, num: int, **values: str | None) -> list[tuple]:
    q = QUESTIONS[num]["sparql"]
    for var, value in values.items():
        q = with_values(q, var, value)
    return [tuple(None if v is None else v.toPython() for v in row) for row in rdf.query(PREFIXES + q)]


def split(s) -> list[str]:
    return sorted(x for x in str(s or "").split("|") if x)


def answers(store, rdf, num: int, params: dict) -> tuple[set, set]:
    """(Cypher answer on the store, SPARQL answer on the export), as comparable sets."""
    cy = store.run(QUESTIONS[num]["cypher"], params)
    sp = sparql_rows(rdf, num, **{k: v for k, v in params.items()})
    if num == 1:
        a = {(r["id"], r["name_zh"], r["name_en"], r["partners"], tuple(sorted(r["hosts"])),
              tuple(sorted(r["host_overseas_partners"]))) for r in cy}
        b = {(i, zh, en, int(p), tuple(split(h)), tuple(split(hp))) for i, zh, en, p, h, hp in sp}
    elif num == 2:
        a = {(r["id"], r["label"], r["name_zh"], r["name_en"]) for r in cy}
        b = {tuple(map(str, r)) for r in sp}
    elif num == 3:
        a = {(r["talent"], r["heads"], r["role"], r["evidence"], r["source"]) for r in cy}
        b = {tuple(None if v is None else str(v) for v in r) for r in sp}
    elif num == 4:
        a = {(r["country"], r["n"]) for r in cy if r["measure"] == "overseas_organizations"}
        b = {(str(c), int(n)) for c, n in sp}
    elif num == 5:
        a = {(r["member"], r["since"], r["role"], r["rel_id"]) for r in cy}
        b = {(m, s, r, i) for m, s, r, i in sp}
    elif num == 6:
        totals: dict[str, list] = {}
        for r in cy:
            if r["measure"] == "funded":
                t = totals.setdefault(r["label"], [0.0, 0])
                t[0] += r["total"]
                t[1] += r["n"]
        a = {(label, float(t), n) for label, (t, n) in totals.items()}
        b = {(str(label), float(t), int(n)) for label, t, n in sp}
    else:
        a = {(r["field"], r["name_zh"], r["label"], r["n"]) for r in cy}
        b = {(f, str(zh), str(label), int(n)) for f, zh, label, n in sp}
    return a, b


RICH_ANSWERS = {
    1: {("station:host-b", "示例大学海智工作站", "Example University Haizhi Workstation", 0, ("org:host-b",), ())},
    2: {("org:host-a", "Organization", "示例公司", "Example Company")},
    3: {("talent:zhang-san", "station:host-a", "站长", "张三担任示例公司海智工作站站长，他是示例公司总经理。", "测试小图")},
    4: {("Singapore", 1), ("United States", 1)},
    5: {("station:host-a", 2021, "member station", "MEMBER_OF:station:host-a->programme:western-mechanism#joined"),
        ("station:host-a", 2023, "member station", "MEMBER_OF:station:host-a->programme:western-mechanism#renewed")},
    6: {("Project", 500000.0, 1)},
    7: {("field:graphene", "石墨烯", "Project", 1)},
}
RICH_PARAMS = {2: {"name": "示例"}, 5: {"programme": "programme:western-mechanism"}}


def test_the_doc_has_seven_questions_and_the_generated_tables():
    assert sorted(QUESTIONS) == list(range(1, 8))
    text = DOC.read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- vocabulary-tables:start")) + 4
    assert text[start:text.index("<!-- vocabulary-tables:end -->")] == markdown_tables(load_mapping())


@pytest.fixture(scope="module")
def rich(local_store):
    build(load_dataset(RICH), local_store)
    return local_store, graph_to_rdf(graph_from_store(local_store))


@pytest.mark.parametrize("num", range(1, 8))
def test_sparql_and_cypher_agree_on_the_fixture_as_worked_out_by_hand(rich, num):
    store, rdf = rich
    cy, sp = answers(store, rdf, num, RICH_PARAMS.get(num, {}))
    assert sp == RICH_ANSWERS[num]
    assert cy == sp


def test_find_entity_by_english_name_and_id(rich):
    store, rdf = rich
    for name in ("ASU", "Arizona State University", "org:asu"):
        cy, sp = answers(store, rdf, 2, {"name": name})
        assert sp == cy == {("org:asu", "Organization", "美国亚利桑那州立大学", "Arizona State University")}


def test_sparql_and_cypher_agree_on_chongqing(local_store):
    # after the fixture tests: this rebuilds the module's store with the Chongqing data
    build(load_dataset(CHONGQING), local_store)
    rdf = graph_to_rdf(graph_from_store(local_store))
    doc_values = {2: "name", 5: "programme"}
    for num in QUESTIONS:
        params = {}
        if num in doc_values:
            var = doc_values[num]
            params[var] = re.search(r'VALUES \?' + var + r' \{ "([^"]*)" \}', QUESTIONS[num]["sparql"]).group(1)
        cy, sp = answers(local_store, rdf, num, params)
        assert sp == cy, num
        assert sp, f"question {num} has no answer on the Chongqing data"
