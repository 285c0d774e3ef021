"""Fuzzed ingest (hypothesis): random valid datasets read back from the real
store row for row; random corruptions give an error naming file, row and field,
and leave the store unchanged.

KG_FUZZ_EXAMPLES sets the number of generated datasets per test (default 30;
run e.g. KG_FUZZ_EXAMPLES=500 for a long run)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.dataset import DatasetInvalid, load_dataset
from ingest.normalize import normalize_name
from kg.build import build, graph_stats
from tests.conftest import MINI
from tests.hostile import PAYLOADS, write_csv

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "30"))
TRIED = {"valid": 0, "invalid": 0}
ARTICLE_CHARS = "重庆市科协海智工作站石墨烯研究院有限公司大学医院领事馆匈牙利柬埔寨白俄罗斯新西兰总经理张李王刘"
ODD = "\u3000\u00a0\u200b\u0301\u202e🙂Ａ１２３（）—“”、。，' \"`$\\{}[]/*<>&;\t"
ALPHABET = st.sampled_from(list(ARTICLE_CHARS + ODD + "abcXYZ0189 -_.,:|"))
name = st.text(ALPHABET, min_size=1, max_size=40).filter(lambda s: normalize_name(s.replace("|", "")) != "")
long_text = st.one_of(st.text(ALPHABET, min_size=1, max_size=60), st.sampled_from(PAYLOADS),
                      st.text(ALPHABET, min_size=2000, max_size=5000)).filter(lambda s: s.strip())  # required
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("KG_FUZZ_RANDOM"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


@st.composite
def datasets(draw):
    n_org = draw(st.integers(1, 6))
    n_st = draw(st.integers(0, 4))
    n_t = draw(st.integers(0, 4))
    orgs = [{"id": f"org:o{i}", "name_zh": draw(name), "name_en": draw(name),
             "aliases": draw(st.lists(name, max_size=3)),
             "kind": draw(st.sampled_from(["company", "university", "hospital", "platform"])),
             "overseas": draw(st.booleans()), "evidence": draw(long_text),
             "confidence": draw(st.sampled_from([None, 0.0, 0.5, 1.0]))} for i in range(n_org)]
    stations = [{"id": f"station:s{i}", "name_zh": draw(name), "name_en": draw(name),
                 "approved_year": draw(st.one_of(st.none(), st.integers(1990, 2100))),
                 "evidence": draw(long_text)} for i in range(n_st)]
    talents = [{"id": f"talent:t{i}", "name_zh": draw(name), "name_en": draw(name), "title": draw(name),
                "evidence": draw(long_text)} for i in range(n_t)]
    hosts = [(f"org:o{draw(st.integers(0, n_org - 1))}", s["id"]) for s in stations]
    works = [(t["id"], f"org:o{draw(st.integers(0, n_org - 1))}", draw(name)) for t in talents]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    fullwidth_year = draw(st.booleans())
    return {"orgs": orgs, "stations": stations, "talents": talents, "hosts": hosts, "works": works,
            "encoding": encoding, "newline": newline, "fullwidth_year": fullwidth_year}


def fw(n: int) -> str:
    return "".join(chr(0xFF10 + int(c)) for c in str(n))


def write(spec, folder: Path) -> Path:
    shutil.copytree(MINI / "nodes", folder / "nodes", dirs_exist_ok=True,
                    ignore=lambda d, names: [n for n in names if n != "Source.csv"])
    (folder / "relationships").mkdir(parents=True, exist_ok=True)
    enc, nl = spec["encoding"], spec["newline"]
    ev = lambda s: s.replace("\x00", "")  # noqa: E731
    write_csv(folder / "nodes" / "Organization.csv",
              ["id", "name_zh", "name_en", "aliases", "kind", "overseas", "source_id", "evidence", "confidence"],
              [[o["id"], o["name_zh"], o["name_en"], "|".join(a.replace("|", "") for a in o["aliases"]), o["kind"],
                str(o["overseas"]).lower(), "source:mini", ev(o["evidence"]),
                "" if o["confidence"] is None else o["confidence"]] for o in spec["orgs"]], enc, nl)
    write_csv(folder / "nodes" / "Station.csv",
              ["id", "name_zh", "name_en", "approved_year", "source_id", "evidence"],
              [[s["id"], s["name_zh"], s["name_en"],
                "" if s["approved_year"] is None else (fw(s["approved_year"]) if spec["fullwidth_year"]
                                                       else s["approved_year"]),
                "source:mini", ev(s["evidence"])] for s in spec["stations"]], enc, nl)
    write_csv(folder / "nodes" / "Talent.csv", ["id", "name_zh", "name_en", "title", "source_id", "evidence"],
              [[t["id"], t["name_zh"], t["name_en"], t["title"], "source:mini", ev(t["evidence"])]
               for t in spec["talents"]], enc, nl)
    write_csv(folder / "relationships" / "HOSTS.csv", ["src", "dst", "source_id", "evidence"],
              [[a, b, "source:mini", "设立"] for a, b in spec["hosts"]], enc, nl)
    write_csv(folder / "relationships" / "WORKS_AT.csv", ["src", "dst", "title", "source_id", "evidence"],
              [[a, b, t, "source:mini", "任职"] for a, b, t in spec["works"]], enc, nl)
    return folder


def expected_nodes(spec) -> dict[str, dict]:
    out = {"source:mini": None}
    for o in spec["orgs"]:
        p = {"id": o["id"], "name_zh": normalize_name(o["name_zh"]), "name_en": normalize_name(o["name_en"]),
             "kind": o["kind"], "overseas": o["overseas"], "source_id": "source:mini",
             "evidence": o["evidence"].replace("\x00", "").strip()}
        aliases = [normalize_name(a.replace("|", "")) for a in o["aliases"]]
        if any(aliases):
            p["aliases"] = [a for a in aliases if a]
        if o["confidence"] is not None:
            p["confidence"] = float(o["confidence"])
        out[o["id"]] = p
    for s in spec["stations"]:
        p = {"id": s["id"], "name_zh": normalize_name(s["name_zh"]), "name_en": normalize_name(s["name_en"]),
             "source_id": "source:mini", "evidence": s["evidence"].strip()}
        if s["approved_year"] is not None:
            p["approved_year"] = s["approved_year"]
        out[s["id"]] = p
    for t in spec["talents"]:
        out[t["id"]] = {"id": t["id"], "name_zh": normalize_name(t["name_zh"]),
                        "name_en": normalize_name(t["name_en"]), "title": normalize_name(t["title"]),
                        "source_id": "source:mini", "evidence": t["evidence"].strip()}
    return out


@SETTINGS
@given(spec=datasets())
def test_valid_datasets_read_back_row_for_row(local_store, spec):
    TRIED["valid"] += 1
    with tempfile.TemporaryDirectory() as d:
        ds = load_dataset(write(spec, Path(d) / "ds"))
    build(ds, local_store)
    got = {r["id"]: r["p"] for r in local_store.run("MATCH (n) RETURN n.id AS id, properties(n) AS p")}
    want = expected_nodes(spec)
    assert set(got) == set(want)
    for nid, props in want.items():
        if props is not None:
            assert got[nid] == props, nid
    rels = local_store.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, r.title AS title")
    want_rels = {("HOSTS", a, b, None) for a, b in spec["hosts"]}
    want_rels |= {("WORKS_AT", a, b, normalize_name(t)) for a, b, t in spec["works"]}
    assert {(r["t"], r["a"], r["b"], r["title"]) for r in rels} == want_rels


CORRUPTIONS = ["blank_required", "bad_bool", "bad_year", "duplicate_id", "dangling_end", "unknown_column",
               "bad_enum"]


@SETTINGS
@given(spec=datasets(), how=st.sampled_from(CORRUPTIONS), data=st.data())
def test_corrupt_datasets_name_file_row_field_and_write_nothing(local_store, mini_dataset, spec, how, data):
    TRIED["invalid"] += 1
    if not local_store.has_graph() or graph_stats(local_store)["nodes"].get("Consulate") != 1:
        build(mini_dataset, local_store)
    before = graph_stats(local_store)
    k = data.draw(st.integers(0, len(spec["orgs"]) - 1))
    row = k + 2  # the header is row 1
    org = spec["orgs"][k]
    expect = ("nodes/Organization.csv", row)
    if how == "blank_required":
        org["name_zh"] = "  "
        field = "name_zh"
    elif how == "bad_bool":
        org["overseas"] = "perhaps"
        field = "overseas"
    elif how == "bad_enum":
        org["kind"] = "spaceship"
        field = "kind"
    elif how == "duplicate_id":
        if k == 0:
            k, row = 1, 3
            if len(spec["orgs"]) < 2:
                spec["orgs"].append(dict(spec["orgs"][0]))
            org = spec["orgs"][1]
            expect = ("nodes/Organization.csv", row)
        org["id"] = spec["orgs"][0]["id"]
        field = "id"
    elif how == "bad_year":
        spec["stations"].append({"id": "station:bad", "name_zh": "站", "name_en": "S", "approved_year": None,
                                 "evidence": "e"})
        expect = ("nodes/Station.csv", len(spec["stations"]) + 1)
        field = "approved_year"
    elif how == "dangling_end":
        spec["stations"].append({"id": "station:d", "name_zh": "站", "name_en": "S", "approved_year": None,
                                 "evidence": "e"})
        spec["hosts"].append(("org:missing", "station:d"))
        expect = ("relationships/HOSTS.csv", len(spec["hosts"]) + 1)
        field = "src"
    with tempfile.TemporaryDirectory() as d:
        folder = write(spec, Path(d) / "ds")
        if how == "bad_year":
            p = folder / "nodes" / "Station.csv"
            text = p.read_bytes().decode("utf-8-sig" if spec["encoding"] == "utf-8-sig" else spec["encoding"])
            lines = text.rstrip("\r\n").split(spec["newline"])
            lines[-1] = lines[-1].replace("station:bad,站,S,,", "station:bad,站,S,19x9,")
            p.write_bytes(spec["newline"].join(lines).encode(spec["encoding"]))
        if how == "unknown_column":
            p = folder / "nodes" / "Organization.csv"
            raw = p.read_bytes()
            bom = raw.startswith(b"\xef\xbb\xbf")
            enc = "utf-8" if spec["encoding"] == "utf-8-sig" else spec["encoding"]
            p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw[3 if bom else 0:].replace(b"confidence", b"colour", 1))
            expect, field = ("nodes/Organization.csv", 1), "colour"
            del enc
        with pytest.raises(DatasetInvalid) as exc:
            ds = load_dataset(folder)
            build(ds, local_store)  # never reached
    probs = [(p.file.split("ds/", 1)[1], p.row, p.field) for p in exc.value.problems if p.severity == "error"]
    assert (expect[0], expect[1], field) in probs, (how, probs)
    assert graph_stats(local_store) == before


def test_report_fuzz_counts():
    """Prints how many generated datasets the two fuzz tests tried."""
    print(f"\n[fuzz] datasets tried: {TRIED['valid']} valid, {TRIED['invalid']} corrupted")
    assert TRIED["valid"] >= min(EXAMPLES, 10) and TRIED["invalid"] >= min(EXAMPLES, 10)
