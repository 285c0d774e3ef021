"""What a scale means: how many entities of each kind the generator writes.

Scale 1 reproduces the figures the 重庆科技报 article publishes for Chongqing
(``ARTICLE``); scale N multiplies every count by N (rounded), except the fixed
vocabularies: provinces grow with N up to the 31 mainland provinces, and
countries (36) and fields (24) do not grow. Scale 1 has 1,395 nodes and about
4,200 relationships; scale N about 1,270·N nodes and 3.1 relationships per node
(more with ``rels_per_node`` above that): ``--scale 79`` gives 100,297 nodes /
311,144 relationships, ``--scale 787 --rels-per-node 5`` 997,333 / 4,986,623.

>>> p = plan(1)
>>> p.stations, p.talents_introduced, p.projects, p.funding_total_cny, p.provinces
(64, 402, 134, 420000000, 12)
>>> plan(2).stations, plan(2).provinces, plan(10).provinces
(128, 24, 31)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from . import vocab

# The article's figures (data/chongqing/sources/chongqing-haizhi-article.txt).
ARTICLE = {
    "stations": 64,                     # 全市海智工作站总量达64家
    "talents_introduced": 402,          # 累计引进海外高层次人才402人
    "overseas_partner_orgs": 100,       # 与100多个海外团体建立合作关系 (more than 100)
    "projects": 134,                    # 成功引入134个海外项目
    "funding_total_cny": 420_000_000,   # 累计金额达4.2亿元
    "provinces": 12,                    # 内蒙古、广西、重庆 ... 新疆等12个科协
    "consulates": 4,                    # 匈牙利、柬埔寨、白俄罗斯 ... 新西兰驻成都总领馆
    "returnees": 210,                   # 离岸基地累计吸纳海归人才210多人 (more than 210)
    "incubated_projects": 49,           # 引入49个海外项目进行专业孵化
    "platforms": 40,                    # 建成40个海外技术合作平台
    "experts": 40,                      # 签约引入40名国外顶尖专家学者
    "station_heads": 48,                # 已认定48名重庆海智工作站站长
    "ambassadors": 6,                   # 聘任了首批6名海智大使
    "station_funding_cny": 12_500_000,  # 已累计拨付经费1250万元
    "approved_2022": 12,                # 仅2022年 ... 等12家单位设立重庆海智工作站
}

# Counts the article does not give (assumptions of the generator, per scale 1).
ASSUMED = {
    "overseas_orgs": 108,          # "100多个": every one of them partners with a station
    "offshore_bases": 3,
    "domestic_universities": 20,   # alumni links
    "incubated_companies": 25,     # founded by returnees at the bases
    "events": 20,
    "cities": 30,                  # districts the stations are located in
}

MAX_PROVINCES = len(vocab.PROVINCES)


@dataclass(frozen=True)
class Plan:
    scale: float
    rels_per_node: float
    stations: int
    talents_introduced: int
    returnees: int
    experts: int
    station_heads: int
    ambassadors: int
    overseas_orgs: int
    platforms: int
    offshore_bases: int
    domestic_universities: int
    incubated_companies: int
    projects: int
    incubated_projects: int
    consulates: int
    events: int
    provinces: int
    cities: int
    funding_total_cny: int
    station_funding_cny: int

    def as_dict(self) -> dict:
        return asdict(self)


def _n(base: int, scale: float, least: int = 1) -> int:
    return max(least, int(round(base * scale)))


def heads_for(stations: int) -> int:
    """Stations with a recognised head: all but every fourth (48 of 64)."""
    return stations - stations // 4


def plan(scale: float, rels_per_node: float = 3.0) -> Plan:
    """The counts for ``scale`` (> 0; 1 = the article's Chongqing figures)."""
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    if not rels_per_node > 0:
        raise ValueError(f"rels_per_node must be positive, got {rels_per_node!r}")
    a, x = ARTICLE, ASSUMED
    stations = _n(a["stations"], scale, 2)
    provinces = min(MAX_PROVINCES, _n(a["provinces"], scale))
    return Plan(
        scale=scale,
        rels_per_node=rels_per_node,
        stations=stations,
        talents_introduced=_n(a["talents_introduced"], scale),
        returnees=_n(a["returnees"], scale),
        experts=_n(a["experts"], scale),
        station_heads=heads_for(stations),
        ambassadors=_n(a["ambassadors"], scale),
        overseas_orgs=_n(x["overseas_orgs"], scale, 2),
        platforms=_n(a["platforms"], scale),
        offshore_bases=_n(x["offshore_bases"], scale),
        domestic_universities=_n(x["domestic_universities"], scale),
        incubated_companies=_n(x["incubated_companies"], scale),
        projects=_n(a["projects"], scale),
        incubated_projects=_n(a["incubated_projects"], scale),
        consulates=_n(a["consulates"], scale),
        events=_n(x["events"], scale),
        provinces=provinces,
        cities=max(provinces, _n(x["cities"], scale)),
        funding_total_cny=int(round(a["funding_total_cny"] * scale)),
        station_funding_cny=int(round(a["station_funding_cny"] * scale)),
    )


def expected_figures(p: Plan) -> dict[str, int]:
    """The figures a generated dataset reproduces exactly (what the tests check).

    >>> expected_figures(plan(1))["overseas_partner_orgs"]
    108
    """
    approved = dict(vocab.APPROVAL_YEARS)
    from .rand import split_exact

    per_year = split_exact(p.stations, list(approved.values()))
    return {
        "stations": p.stations,
        "talents_introduced": p.talents_introduced,
        "overseas_partner_orgs": p.overseas_orgs,
        "projects": p.projects,
        "funding_total_cny": p.funding_total_cny,
        "provinces": p.provinces,
        "consulates": p.consulates,
        "returnees": p.returnees,
        "incubated_projects": p.incubated_projects,
        "platforms": p.platforms,
        "experts": p.experts,
        "station_heads": p.station_heads,
        "ambassadors": p.ambassadors,
        "station_funding_cny": p.station_funding_cny,
        "approved_2022": per_year[list(approved).index(2022)],
    }
