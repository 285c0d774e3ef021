"""The bundled Chongqing dataset: curated from the seed article, every fact with
provenance, every entity bilingual, reported figures kept apart from counts."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import CHONGQING, ROOT

ARTICLE = (CHONGQING / "sources" / "chongqing-haizhi-article.txt").read_text(encoding="utf-8")
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "chongqing-haizhi-article.txt"


def all_rows(ds):
    for rows in ds.nodes.values():
        yield from rows
    for rows in ds.rels.values():
        yield from rows


def test_bundled_article_is_the_seed():
    if SHARED_SEED.exists():
        assert SHARED_SEED.read_text(encoding="utf-8") == ARTICLE


def test_every_fact_has_source_and_verbatim_evidence(chongqing_dataset):
    n = 0
    for row in all_rows(chongqing_dataset):
        if getattr(row, "label", None) == "Source":
            continue
        n += 1
        assert row.props["source_id"] == "source:cqkjb-haizhi-2023", row
        assert row.props["evidence"] in ARTICLE, (row.file, row.row)
        conf = row.props.get("confidence", 1.0)
        if conf < 1.0:
            assert row.props.get("note"), f"{row.file} row {row.row}: confidence < 1 needs a note"
    assert n == 160 + 254


def test_every_entity_is_bilingual_with_a_stable_id(chongqing_dataset):
    for label, rows in chongqing_dataset.nodes.items():
        for r in rows:
            assert re.search(r"[\u4e00-\u9fff]", r.props["name_zh"]), r.id
            assert re.fullmatch(r"[ -~\u2013\u2014\u2019]+", r.props["name_en"]), (r.id, r.props["name_en"])
            assert re.fullmatch(r"[a-z]+:[a-z0-9-]+", r.id), r.id


def test_the_twelve_stations_approved_in_2022(chongqing_dataset):
    approved = {r.src for r in chongqing_dataset.rels["APPROVED_BY"] if r.props.get("year") == 2022}
    assert len(approved) == 12
    hosts = {r.dst: r.src for r in chongqing_dataset.rels["HOSTS"]}
    names = {chongqing_dataset.node(hosts[s]).props["name_zh"] for s in approved}
    assert names == {"重庆大学附属肿瘤医院", "林同国际工程咨询(中国)有限公司", "基辅理工(重庆)应用技术研究院有限公司",
                     "重庆长安汽车股份有限公司", "重庆邮电大学—伦敦布鲁内尔大学交叉创新研究院",
                     "新中天环保工程(重庆)有限公司", "重庆石墨烯研究院有限公司", "亲禾投资集团有限公司",
                     "重庆高新技术产业研究院", "重庆交通大学绿色航空技术研究院", "重庆菲洋环保科技股份有限公司",
                     "重庆建筑科技职业学院"}
    assert all(name in ARTICLE for name in names)


def test_every_station_has_a_host(chongqing_dataset):
    stations = {r.id for r in chongqing_dataset.nodes["Station"]}
    hosted = {r.dst for r in chongqing_dataset.rels["HOSTS"]}
    assert stations == hosted and len(stations) == 17


def test_graphene_station_partners_and_consulates(chongqing_dataset):
    partners = {chongqing_dataset.node(r.dst).props["name_en"] for r in chongqing_dataset.rels["PARTNERS_WITH"]
                if r.src == "station:chongqing-graphene-research-institute"}
    assert partners == {"Arizona State University", "Nanyang Technological University",
                        "The Hong Kong Polytechnic University"}
    consulates = {r.props["country"]: r.props["city"] for r in chongqing_dataset.nodes["Consulate"]}
    assert consulates == {"Hungary": "Chongqing", "Cambodia": "Chongqing", "Belarus": "Chongqing",
                          "New Zealand": "Chengdu"}
    # the garbled consulate sentence is encoded with reduced confidence
    assert all(r.props["confidence"] == 0.6 for r in chongqing_dataset.rels["PARTNERS_WITH"]
               if r.dst.startswith("consulate:"))


def test_western_mechanism_has_twelve_members(chongqing_dataset):
    mech = [r for r in chongqing_dataset.nodes["Programme"] if r.props["name_zh"] == "西部地区海智计划协作机制"]
    assert len(mech) == 1
    members = {r.src for r in chongqing_dataset.rels["MEMBER_OF"] if r.dst == mech[0].id}
    assert len(members) == 12


def test_reported_figures_are_metrics_not_counted_entities(chongqing_dataset):
    m = {r.props["key"]: (r.props["value"], r.props["unit"]) for r in chongqing_dataset.nodes["Metric"]}
    assert m["stations_total"] == (64, "stations")
    assert m["overseas_talents_total"] == (402, "persons")
    assert m["overseas_projects_total"] == (134, "projects")
    assert m["overseas_projects_amount_cny"] == (420_000_000, "CNY")
    assert m["station_funding_disbursed_cny"] == (12_500_000, "CNY")
    assert m["station_heads_recognised"][0] == 48 and m["haizhi_ambassadors_first_batch"][0] == 6
    # the graph counts what the article names, far fewer than it reports
    assert len(chongqing_dataset.nodes["Station"]) == 17 < 64
