"""kg synth: the calibrated synthetic generator (issue 7).

The scale-1 figures below are the article's, copied by hand from
data/chongqing/sources/chongqing-haizhi-article.txt; the dataset is read back
with the real validator (ingest.load_dataset) and, once, built into the real
local engine through the real `kg` command.
"""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.dataset import load_dataset
from kg.synth import OutputNotEmpty, generate
from tests.conftest import run_kg


@pytest.fixture(scope="module")
def scale1(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "s1"
    result = generate(out, scale=1, seed=42)
    return result, load_dataset(out)


def _figures(ds) -> dict[str, float]:
    """The article's figures, counted in a loaded dataset."""
    n, r = ds.nodes, ds.rels
    overseas = {o.id for o in n["Organization"] if o.props["overseas"]}
    return {
        "stations": len(n["Station"]),
        "talents_introduced": len({x.src for x in r["AFFILIATED_WITH"] if x.dst_label == "Station"}),
        "overseas_partner_orgs": len({x.dst for x in r["PARTNERS_WITH"]
                                     if x.src_label == "Station" and x.dst in overseas}),
        "projects": sum(1 for p in n["Project"] if "amount_cny" in p.props),
        "funding_total_cny": sum(p.props.get("amount_cny", 0) for p in n["Project"]),
        "provinces": sum(1 for p in n["Place"] if p.props["kind"] == "province"),
        "consulates": len(n["Consulate"]),
        "returnees": sum(1 for t in n["Talent"] if t.props.get("returnee")),
        "incubated_projects": sum(1 for x in r["HOSTED_BY"] if x.dst.startswith("org:syn-base-")),
        "platforms": sum(1 for o in n["Organization"] if o.props["kind"] == "platform"),
        "experts": sum(1 for x in r["AFFILIATED_WITH"] if x.props.get("role", "").startswith("签约顶尖专家")),
        "station_heads": len({x.src for x in r["HEADS"] if x.dst_label == "Station"}),
        "ambassadors": sum(1 for x in r["MEMBER_OF"] if x.props.get("role", "").startswith("海智大使")),
        "station_funding_cny": sum(x.props["amount_cny"] for x in r["FUNDED"] if x.dst_label == "Station"),
        "approved_2022": sum(1 for s in n["Station"] if s.props["approved_year"] == 2022),
    }


def test_scale_1_reproduces_the_article(scale1):
    _, ds = scale1
    assert _figures(ds) == {
        "stations": 64,                       # 全市海智工作站总量达64家
        "talents_introduced": 402,            # 累计引进海外高层次人才402人
        "overseas_partner_orgs": 108,         # 与100多个海外团体建立合作关系
        "projects": 134,                      # 成功引入134个海外项目
        "funding_total_cny": 420_000_000,     # 累计金额达4.2亿元
        "provinces": 12,                      # 12个科协
        "consulates": 4,                      # 匈牙利、柬埔寨、白俄罗斯、新西兰
        "returnees": 210,                     # 吸纳海归人才210多人
        "incubated_projects": 49,             # 引入49个海外项目进行专业孵化
        "platforms": 40,                      # 建成40个海外技术合作平台
        "experts": 40,                        # 签约引入40名国外顶尖专家学者
        "station_heads": 48,                  # 已认定48名重庆海智工作站站长
        "ambassadors": 6,                     # 聘任了首批6名海智大使
        "station_funding_cny": 12_500_000,    # 已累计拨付经费1250万元
        "approved_2022": 12,                  # 仅2022年 ... 等12家单位
    }
    assert {c.props["country"] for c in ds.nodes["Consulate"]} == {"Hungary", "Cambodia", "Belarus", "New Zealand"}


def test_scale_1_is_valid_clean_and_sized(scale1):
    result, ds = scale1
    assert ds.warnings == []  # no possible-duplicate names either
    assert result.nodes == ds.node_counts() and result.relationships == ds.rel_counts()
    assert result.total_nodes == 1395
    # about 3 relationships per node (the default density)
    assert 2.9 <= result.total_relationships / result.total_nodes <= 3.1


def test_every_row_is_marked_synthetic(scale1):
    result, ds = scale1
    (source,) = ds.nodes["Source"]
    assert source.id == "source:kg-synth" and source.props["synthetic"] is True
    meta = yaml.safe_load((result.path / "dataset.yaml").read_text(encoding="utf-8"))
    assert meta["synthetic"] is True and meta["generator"] == "kg synth"
    text = (result.path / "sources" / "kg-synth.txt").read_text(encoding="utf-8")
    assert "SYNTHETIC" in text and "虚构" in text
    rows = [r for label, rs in ds.nodes.items() if label != "Source" for r in rs]
    rows += [r for rs in ds.rels.values() for r in rs]
    assert len(rows) == result.total_nodes - 1 + result.total_relationships
    assert {r.props["source_id"] for r in rows} == {"source:kg-synth"}
    assert {r.props["evidence"] for r in rows} == {"kg synth 合成数据 (synthetic)"}
    names = [r.props["name_zh"] for label, rs in ds.nodes.items() if label not in ("Source", "Field", "Metric")
             for r in rs if r.props["id"].split(":", 1)[1].startswith("syn-") and label != "Place"]
    assert all("合成" in nm for nm in names)


def test_the_structures_the_queries_look_for(scale1):
    _, ds = scale1
    n, r = ds.nodes, ds.rels
    overseas = {o.id: o for o in n["Organization"] if o.props["overseas"]}
    station_partners = Counter(x.src for x in r["PARTNERS_WITH"] if x.src_label == "Station")
    # stations without any overseas partner (every 12th station)
    assert sorted(set(s.id for s in n["Station"]) - set(station_partners)) == [
        f"station:syn-{i:06d}" for i in (11, 23, 35, 47, 59)]
    # overseas organisations tied to a single station, and hubs tied to many
    org_stations = Counter(x.dst for x in r["PARTNERS_WITH"] if x.src_label == "Station" and x.dst in overseas)
    assert sum(1 for v in org_stations.values() if v == 1) >= 30
    assert max(org_stations.values()) >= 8
    # heavy-tailed degrees
    degree = Counter()
    for rows in r.values():
        for x in rows:
            degree[x.src] += 1
            degree[x.dst] += 1
    tops = sorted(degree.values(), reverse=True)
    assert tops[0] >= 30 * sorted(degree.values())[len(degree) // 2]  # 172 vs a median of 4 (seed 42)
    # consulate-only countries: a consulate represents them, no organisation or talent comes from them
    represented = {x.dst for x in r["REPRESENTS"]}
    org_countries = {x.dst for x in r["LOCATED_IN"] if x.src in overseas}
    assert {"place:syn-country-kh", "place:syn-country-by"} <= represented - org_countries
    # one field has no overseas organisation, talent or project partner
    overseas_fields = {x.dst for x in r["IN_FIELD"] if x.src in overseas}
    assert "field:syn-vocational-education" not in overseas_fields
    # dormant stations: approved before 2020, no partnership or project since
    last = defaultdict(int)
    for x in r["PARTNERS_WITH"]:
        if x.src_label == "Station":
            last[x.src] = max(last[x.src], x.props["since"])
    years = {p.id: p.props["year"] for p in n["Project"]}
    for x in r["HOSTED_BY"]:
        if x.dst_label == "Station":
            last[x.dst] = max(last[x.dst], years[x.src])
    dormant = [s for s in n["Station"] if s.id in last and last[s.id] < 2020]
    assert dormant and all(s.props["approved_year"] < 2020 for s in dormant)
    # brokers: overseas hubs partnering with stations of several provinces
    province = {x.src: x.dst for x in r["APPROVED_BY"]}
    spread = defaultdict(set)
    for x in r["PARTNERS_WITH"]:
        if x.src_label == "Station" and x.dst in overseas:
            spread[x.dst].add(province[x.src])
    assert max(len(v) for v in spread.values()) >= 4
    # skewed countries and fields
    countries = Counter(o.props["country"] for o in overseas.values())
    assert countries.most_common(1)[0][0] == "United States"
    assert countries["United States"] >= 3 * countries["France"]


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_deterministic_for_a_seed(tmp_path):
    a = generate(tmp_path / "a", scale=0.5, seed=7).path
    b = generate(tmp_path / "b", scale=0.5, seed=7).path
    c = generate(tmp_path / "c", scale=0.5, seed=8).path
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)
    # an earlier kg synth output is replaced in place, with the same result
    generate(a, scale=0.5, seed=7)
    assert _digest(a) == _digest(b)


def test_scale_multiplies_the_figures(tmp_path):
    ds = load_dataset(generate(tmp_path / "s2", scale=2, seed=5).path)
    f = _figures(ds)
    assert f["stations"] == 128 and f["talents_introduced"] == 804 and f["projects"] == 268
    assert f["funding_total_cny"] == 840_000_000 and f["station_funding_cny"] == 25_000_000
    assert f["provinces"] == 24 and f["approved_2022"] == 24 and f["station_heads"] == 96
    assert ds.warnings == []


def test_density_option(tmp_path):
    r = generate(tmp_path / "dense", scale=1, seed=3, rels_per_node=5)
    assert abs(r.total_relationships / r.total_nodes - 5) < 0.15
    ds = load_dataset(r.path)  # extra alumni/co-project/event links are valid, no duplicates
    assert sum(ds.rel_counts().values()) == r.total_relationships


def test_memory_stays_flat_as_the_scale_grows(tmp_path):
    """The generator streams: its peak Python memory does not follow the row count."""
    peaks = {}
    for scale in (1, 16):
        tracemalloc.start()
        r = generate(tmp_path / f"m{scale}", scale=scale, seed=1)
        peaks[scale] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        peaks[f"rows{scale}"] = r.total_nodes + r.total_relationships
    assert peaks["rows16"] > 14 * peaks["rows1"]
    assert peaks[16] < peaks[1] + 1_000_000, peaks  # 16x the rows, under 1 MB more memory


def test_refuses_to_overwrite_other_folders(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(OutputNotEmpty):
        generate(tmp_path / "mine", scale=0.1)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    with pytest.raises(ValueError):
        generate(tmp_path / "x", scale=0)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32), scale=st.sampled_from([0.05, 0.2, 0.7, 1.3]))
def test_any_seed_and_small_scale_validates(tmp_path_factory, seed, scale):
    r = generate(tmp_path_factory.mktemp("h") / "d", scale=scale, seed=seed)
    ds = load_dataset(r.path)
    assert ds.node_counts() == r.nodes and ds.rel_counts() == r.relationships
    assert not [w for w in ds.warnings if "similarity" not in w.message]  # no exact duplicate names


def test_cli_writes_a_dataset_kg_builds(tmp_path):
    out = tmp_path / "syn"
    proc = run_kg("synth", "--scale", "0.1", "-o", str(out), "--seed", "9", "-f", "json", home=tmp_path)
    summary = json.loads(proc.stdout)
    assert summary["total_nodes"] == sum(summary["nodes"].values())
    run_kg("build", str(out), "-q", home=tmp_path)
    stats = json.loads(run_kg("stats", "-f", "json", home=tmp_path).stdout)
    assert stats["nodes"] == summary["nodes"]
    assert stats["relationships"] == summary["relationships"]
    bad = run_kg("synth", "-o", str(tmp_path), home=tmp_path, check=False)  # not empty, not ours
    assert bad.returncode == 1 and "not empty" in bad.stderr and "Traceback" not in bad.stderr
    assert "--scale 79" in run_kg("synth", "--help", home=tmp_path).stdout.replace("\n", " ").replace("│", "")
