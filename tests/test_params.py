"""kg.stores.params: the CYPHER parameter text a FalkorDB build sends is the
``falkordb`` client's own text, byte for byte, and hostile values go through
the real engine and come back exactly."""

from __future__ import annotations

import random

import pytest
from falkordb.graph import Graph
from falkordb.helpers import stringify_param_value

from kg.build import NODE_CREATE
from kg.schema import load_schema
from kg.stores.params import encode_value, params_header

CONTROL = "".join(chr(i) for i in range(0x20)) + "\x7f"
HOSTILE = [
    "", " ", 'say "hi"', "back\\slash", "\\", '\\"', '"', "\\\\\"\"", "a\nb\r\nc\td", CONTROL,
    "\x00", "nul\x00in the middle", "重庆 两江新区", "é\u0301 combining", "\u2028\u2029", "😀 emoji", "\u3000全角",
    "`backtick`", "$param", "{`a`:1}", "'); MATCH (n) DETACH DELETE n //", "CYPHER x=1 ", "}] ",
    "x" * 200_000, ("重\\\"\n" * 50_000),
]


# is the stored double exactly the one sent (the client's own parameter text)?
SAME_F = "MATCH (n:Field {id: $id}) RETURN n.f = $f AS same, n.f AS f"


def client_header(params):
    return Graph._build_params_header(None, params)


def test_hand_worked_texts():
    # the client writes "\" as "\\" and a quote as \" inside double quotes, everything else raw
    assert encode_value('a"b\\c\nd') == '"a\\"b\\\\c\nd"'
    assert encode_value(None) == "null" and encode_value(True) == "True" and encode_value(-3) == "-3"
    assert encode_value(1e-5) == "1e-05" and encode_value((1, "x")) == '[1,"x"]'
    assert params_header({"rows": [{"id": "a", "p": {"k": [1.5, None]}}]}) == \
        'CYPHER `rows`=[{`id`:"a",`p`:{`k`:[1.5,null]}}] '


@pytest.mark.parametrize("value", HOSTILE + [0, -1, 2**62, -(2**63), 0.1, -0.0, 1e300, 5e-324, True, False, None,
                                             [], ["a", "b\n"], [1, 2.5], {"k": "v"}, {"a": {"b": [None, "\\"]}}])
def test_same_text_as_the_client(value):
    assert encode_value(value) == stringify_param_value(value)
    assert params_header({"rows": [{"v": value}], "x": value}) == client_header({"rows": [{"v": value}], "x": value})


def test_same_text_as_the_client_random_rows():
    rng = random.Random(7)
    alphabet = [chr(i) for i in range(0x30)] + list('\\"\'`:{}[],$ab') + ["é", "重", "\u2028", "😀", "\u3000"]

    def text(n):
        return "".join(rng.choice(alphabet) for _ in range(n))

    for _ in range(300):
        rows = [{"id": text(6), "name_zh": text(rng.randint(0, 40)), "year": rng.randint(-10**9, 10**9),
                 "amount": rng.random() * 10 ** rng.randint(-8, 12), "ok": rng.random() < 0.5,
                 "aliases": [text(3) for _ in range(rng.randint(0, 3))],
                 "props": {"id": text(5), "evidence": text(20)}} for _ in range(rng.randint(1, 20))]
        assert params_header({"rows": rows}) == client_header({"rows": rows})


@pytest.mark.parametrize("params", [
    {"rows": [{"@type": "x"}]},       # a key the client writes in backticks, not an identifier
    {"rows": [{1: "int key", "a": 2}]},
    {"k": float("nan")}, {"k": float("inf")},
    {"k": b"bytes"},
    {"k": {"a`b": 1}}, {"k": {"": 1}}, {"": 1}, {"a`b": 1},
])
def test_what_it_does_not_write_itself_is_the_clients(params):
    try:
        want = client_header(params)
    except ValueError as e:
        with pytest.raises(ValueError, match="backtick|empty") as got:
            params_header(params)
        assert str(got.value) == str(e)
        return
    assert params_header(params) == want


def test_hostile_values_round_trip_through_the_engine(local_store):
    """Written by a build (the writer uses params_header) and read back: equal."""
    schema = load_schema()
    rows = []
    # NUL cannot go through: the engine reads the query text up to the first NUL (a parse error,
    # with the client's text as with ours); CSV files with NUL bytes are refused when read
    for i, s in enumerate(x for x in HOSTILE if "\x00" not in x):
        rows.append({"id": f"field:h{i}", "name_zh": s, "name_en": s[::-1], "aliases": [s, "x", s[:3]],
                     "evidence": s, "n": i * 1000, "f": i / 7, "flag": i % 2 == 0})
    rows.append({"id": "field:nums", "n": -(2**62), "f": 5e-324, "flag": False})
    rows += [{"id": "field:neg0", "f": -0.0}, {"id": "field:big", "f": 1e300, "n": 2**63 - 1}]
    query = NODE_CREATE.format(label=schema.checked_label("Field"))
    with local_store.building(schema, {"dataset": "params-test"}) as w:
        w.write(query, {"rows": rows})
    got = local_store.run("MATCH (n:Field) RETURN properties(n) AS p ORDER BY n.id")
    want = sorted(rows, key=lambda r: r["id"])
    assert len(got) == len(want)
    for g, r in zip(got, want):
        assert {k: v for k, v in g["p"].items() if k != "f"} == {k: v for k, v in r.items() if k != "f"}
        # doubles come back printed with 15 digits: compare them inside the engine, exactly
        same = local_store.run(SAME_F, {"id": r["id"], "f": r["f"]})
        assert same == [{"same": True, "f": pytest.approx(r["f"], rel=1e-14)}]


def test_relationship_rows_text_is_the_clients_text_of_the_dicts():
    """kg.build.rel_rows_text writes the rows without making the dicts: the same text."""
    from ingest.dataset import RelRow
    from kg.build import rel_rows_text

    rng = random.Random(11)
    rels = []
    for i in range(400):
        s = rng.choice(HOSTILE[:-2])
        props = rng.choice([{}, {"evidence": s}, {"source_id": "source:x", "evidence": s, "year": i, "ok": i % 2 == 0,
                                                   "amount": i / 3, "tags": [s, "t"]}])
        rels.append(RelRow("HOSTS", f"org:{i}", f"station:{s[:5]}", rng.choice(["", "2"]), props, "f", i + 2))
    rels.append(RelRow("HOSTS", "org:a", "station:b", "", {"id": "odd", "x": 1}, "f", 999))  # as the dict would be
    got = rel_rows_text(rels)
    assert len(got) == len(rels)
    assert got.text == stringify_param_value([{"src": r.src, "dst": r.dst, "props": {"id": r.id, **r.props}}
                                              for r in rels])
    assert params_header({"rows": got}) == "CYPHER `rows`=" + got.text + " "
