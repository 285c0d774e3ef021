"""``kg merge``: a review folder's accepted rows added to a dataset, all or nothing.

The small review below was written by hand against tests/fixtures/mini; what
the merge must add is counted by hand in each test.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from ingest.dataset import DatasetInvalid, load_dataset
from ingest.merge import MergeError, merge_review
from tests.conftest import run_kg

MINI = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parents[1]
TEXT = "示例大学海智工作站与德国慕尼黑工业大学签署合作协议。慕尼黑工业大学是示例大学的老朋友。\n"
EV = "示例大学海智工作站与德国慕尼黑工业大学签署合作协议。"


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def write(p: Path, text: str) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def folders(tmp_path):
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    rev = tmp_path / "review"
    write(rev / "dataset.yaml", "name: review\nsources:\n- source:tum-news\n")
    write(rev / "sources" / "tum-news.txt", TEXT)
    write(rev / "nodes" / "Source.csv", "id,name_zh,name_en,title,status\nsource:tum-news,慕尼黑新闻,TUM news,签约,accepted\n")
    write(rev / "nodes" / "Organization.csv",
          "id,name_zh,name_en,kind,overseas,country,source_id,evidence,confidence,status,rule,link_id\n"
          f"org:tum,德国慕尼黑工业大学,Technical University of Munich,university,true,Germany,source:tum-news,{EV},0.9,accepted,org,\n"
          # linked to the dataset's row: the dataset's properties stay
          f"org:host-b,示例大学,Example University (linked),university,false,China,source:tum-news,{EV},0.9,accepted,org,org:host-b\n"
          # never accepted: not merged
          f"org:nobody,慕尼黑,Munich,other,true,Germany,source:tum-news,{EV},0.4,candidate,org,\n")
    write(rev / "nodes" / "Station.csv",
          "id,name_zh,name_en,source_id,evidence,status\n"
          f"station:host-b,示例大学海智工作站,Example University Haizhi Workstation,source:tum-news,{EV},accepted\n")
    write(rev / "relationships" / "PARTNERS_WITH.csv",
          "src,dst,source_id,evidence,confidence,status\n"
          f"station:host-b,org:tum,source:tum-news,{EV},0.9,accepted\n")
    return data, rev


def test_adds_what_the_dataset_lacks_and_nothing_twice(folders):
    data, rev = folders
    res = merge_review(rev, data)
    # new: the source and TUM; kept: 示例大学 and its station (linked); skipped: the candidate
    assert (res.nodes, res.rels, res.kept, res.skipped) == ({"Organization": 1, "Source": 1}, {"PARTNERS_WITH": 1}, 2, 1)
    assert res.files == ["dataset.yaml", "nodes/Organization.csv", "nodes/Source.csv",
                         "relationships/PARTNERS_WITH.csv", "sources/tum-news.txt"]
    ds = load_dataset(data)
    orgs = {r.id: r.props for r in ds.nodes["Organization"]}
    assert len(orgs) == 5 and orgs["org:tum"]["country"] == "Germany" and "org:nobody" not in orgs
    assert orgs["org:host-b"]["name_en"] == "Example University"  # the curated row wins
    assert [r.id for r in ds.rels["PARTNERS_WITH"]][-1] == "PARTNERS_WITH:station:host-b->org:tum"
    assert ds.meta["sources"] == ["source:tum-news"]
    header = (data / "nodes" / "Organization.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "status" not in header and "rule" not in header and "link_id" not in header
    before = tree_hash(data)
    again = merge_review(rev, data)
    assert (again.added, again.kept, again.files) == (0, 5, [])
    assert tree_hash(data) == before  # stable ids: a second merge changes nothing


def test_dry_run_writes_nothing(folders):
    data, rev = folders
    before = tree_hash(data)
    assert merge_review(rev, data, dry_run=True).added == 3
    assert tree_hash(data) == before


def test_invalid_review_leaves_the_dataset_untouched(folders):
    data, rev = folders
    # an accepted tie to the candidate that was never accepted: a dangling end in the review
    with open(rev / "relationships" / "PARTNERS_WITH.csv", "a", encoding="utf-8") as fh:
        fh.write(f"station:host-b,org:nobody,source:tum-news,{EV},0.9,accepted\n")
    before = tree_hash(data)
    with pytest.raises(DatasetInvalid) as e:
        merge_review(rev, data)
    assert "review/relationships/PARTNERS_WITH.csv, row 3, field 'dst'" in str(e.value)
    assert tree_hash(data) == before


def test_refuses_a_target_file_it_cannot_write(folders):
    data, rev = folders
    from openpyxl import Workbook

    import csv

    src = data / "nodes" / "Organization.csv"
    wb = Workbook()
    with open(src, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            wb.active.append(row)
    src.unlink()
    wb.save(data / "nodes" / "Organization.xlsx")
    load_dataset(data)  # the dataset itself is fine
    before = tree_hash(data)
    with pytest.raises(MergeError, match=r"nodes/Organization.xlsx: .* merge writes CSV only"):
        merge_review(rev, data)
    assert tree_hash(data) == before
    assert not [p for p in data.parent.iterdir() if ".merge-" in p.name]  # no staging copy left


def test_extract_accept_merge_build_from_the_command_line(tmp_path):
    data = tmp_path / "chongqing"
    shutil.copytree(ROOT / "data" / "chongqing", data)
    home = tmp_path / "home"
    article = ROOT / "tests" / "gold" / "heldout-yubei-2024.txt"
    run_kg("extract", str(article), "-o", str(tmp_path / "rev"), "--graph", str(data), "--date", "2024")
    run_kg("accept", str(tmp_path / "rev"))
    run_kg("build", str(data), home=home)
    base = json.loads(run_kg("stats", "-f", "json", home=home).stdout)
    res = json.loads(run_kg("merge", str(tmp_path / "rev"), "--into", str(data), "-f", "json").stdout)
    added_nodes, added_rels = sum(res["nodes"].values()), sum(res["rels"].values())
    assert added_nodes > 20 and added_rels > 0 and res["kept"] > 0  # most of that article is new
    run_kg("build", str(data), home=home)
    after = json.loads(run_kg("stats", "-f", "json", home=home).stdout)
    for label in set(base["nodes"]) | set(after["nodes"]):  # per label and type: exactly what merge said
        assert after["nodes"].get(label, 0) == base["nodes"].get(label, 0) + res["nodes"].get(label, 0), label
    for rtype in set(base["relationships"]) | set(after["relationships"]):
        assert (after["relationships"].get(rtype, 0)
                == base["relationships"].get(rtype, 0) + res["rels"].get(rtype, 0)), rtype
    again = run_kg("merge", str(tmp_path / "rev"), "--into", str(data))
    assert again.stdout.startswith("added 0 nodes and 0 relationships")
