"""The generator's parts: each is a generator of rows for one kind of entity
(its node rows and the relationships it starts), streaming, deterministic.

A row is ``("node", Label, {column: value})`` or ``("rel", TYPE, {...})``;
:mod:`kg.synth.writer` adds the provenance columns and writes the CSV files.
Relationship rows never repeat a (src, type, dst): each part draws distinct
targets per source, and different parts never produce the same type between
the same labels of ends.

>>> from kg.synth.plan import plan
>>> w = World(plan(1), seed=1)
>>> rows = list(places(w))
>>> sum(1 for k, lab, r in rows if lab == "Place" and r["kind"] == "province")
12
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from statistics import NormalDist
from typing import Any

from . import vocab
from .names import brand, mark, overseas_word, person_name
from .plan import expected_figures
from .rand import Hasher, distinct, powerlaw_index, rng_for
from .world import ALPHA_OVERSEAS, ALPHA_PRESTIGE, ALPHA_STATION, LAST_YEAR, World

Row = tuple[str, str, dict[str, Any]]
TOPICS = (("联合研发", "joint R&D"), ("技术转移", "technology transfer"), ("成果转化", "commercialisation"),
          ("中试", "pilot"), ("示范应用", "demonstration"), ("联合实验室", "joint laboratory"),
          ("人才团队", "talent team"), ("产业化", "industrialisation"), ("技术引进", "technology import"),
          ("国际合作", "international cooperation"))


def node(label: str, **props: Any) -> Row:
    return ("node", label, props)


def rel(rtype: str, src: str, dst: str, **props: Any) -> Row:
    return ("rel", rtype, {"src": src, "dst": dst, **props})


def pareto_count(u: float, v: float, mean: float, shape: float = 1.8, cap: int = 1000) -> int:
    """A heavy-tailed whole number with the given mean (a Pareto draw from ``u``,
    rounded up or down by ``v``; both uniform in [0, 1)), at most ``cap``.

    >>> pareto_count(0.5, 0.0, 3.0), pareto_count(0.999, 0.0, 3.0)
    (1, 61)
    """
    if mean <= 0:
        return 0
    xm = mean * (shape - 1) / shape
    x = xm * (1.0 - u) ** (-1.0 / shape)
    return min(cap, int(x + v))


def exact_amounts(total: int, n: int, weight) -> Iterator[int]:
    """``n`` whole amounts proportional to ``weight(i)`` that add up to ``total`` exactly,
    streaming (two passes over the weights, no list).

    >>> list(exact_amounts(100, 3, lambda i: [1, 1, 2][i]))
    [25, 25, 50]
    """
    big = sum(weight(i) for i in range(n))
    cum, prev = 0.0, 0
    for i in range(n):
        cum += weight(i)
        upto = total if i == n - 1 else int(round(total * cum / big))
        yield upto - prev
        prev = upto


def _lognormal(h: Hasher, sigma: float):
    inv = NormalDist().inv_cdf

    def weight(i: int) -> float:
        u = min(max(h(i), 1e-12), 1 - 1e-12)
        return math.exp(sigma * inv(u))
    return weight


# -- fixed parts ---------------------------------------------------------------
def places(w: World) -> Iterator[Row]:
    yield node("Place", id=w.CHINA_ID, name_zh="中国", name_en="China", kind="country", iso="CN")
    for k, c in enumerate(vocab.COUNTRIES):
        yield node("Place", id=w.country_id(k), name_zh=c[1], name_en=c[2], kind="country", iso=c[3])
    for c, prov in enumerate(w.provinces):
        yield node("Place", id=w.province_id(c), name_zh=prov[1], name_en=prov[2], kind="province", iso=prov[3])
        yield rel("LOCATED_IN", w.province_id(c), w.CHINA_ID)
    for k in range(w.p.cities):
        zh, en = w.city_name(k)
        yield node("Place", id=w.city_id(k), name_zh=zh, name_en=en, kind="district")
        yield rel("LOCATED_IN", w.city_id(k), w.province_id(w.city_community(k)))


def fields(w: World) -> Iterator[Row]:
    for f, (slug, zh, en, _) in enumerate(vocab.FIELDS):
        yield node("Field", id=w.field_id(f), name_zh=zh, name_en=en)


def programmes(w: World) -> Iterator[Row]:
    yield node("Programme", id=w.PLAN_ID, name_zh="海智计划(合成)", name_en="Haizhi Plan (synthetic)",
               kind="programme", year=1999)
    yield node("Programme", id=w.MECHANISM_ID, name_zh="西部地区海智计划协作机制(合成)",
               name_en="Western Region Haizhi collaboration mechanism (synthetic)", kind="mechanism", year=2023)
    yield rel("PART_OF", w.MECHANISM_ID, w.PLAN_ID)
    for c, prov in enumerate(w.provinces):
        zh, en = mark(f"{prov[1]}海智工作", f"{prov[2]} Haizhi work", c)
        yield node("Programme", id=w.programme_id(c), name_zh=zh, name_en=en, kind="programme")
        yield rel("PART_OF", w.programme_id(c), w.PLAN_ID)
        zh, en = mark(f"{prov[1]}海智工作站建设管理办法", f"{prov[2]} Haizhi workstation management measures", c)
        yield node("Programme", id=w.measures_id(c), name_zh=zh, name_en=en, kind="policy", year=2020)


def associations(w: World) -> Iterator[Row]:
    yield node("Organization", id=w.CAST_ID, name_zh="中国科学技术协会(合成)",
               name_en="China Association for Science and Technology (synthetic)", kind="association",
               overseas=False, country="China")
    yield rel("LOCATED_IN", w.CAST_ID, w.CHINA_ID)
    yield rel("ISSUED", w.CAST_ID, w.PLAN_ID, year=1999)
    for c, prov in enumerate(w.provinces):
        a = w.assoc_id(c)
        yield node("Organization", id=a, name_zh=f"{prov[1]}科学技术协会(合成)",
                   name_en=f"{prov[2]} Association for Science and Technology (synthetic)", kind="association",
                   overseas=False, country="China")
        yield rel("LOCATED_IN", a, w.province_id(c))
        yield rel("AFFILIATED_WITH", a, w.CAST_ID, role="受中国科协指导 (guided by CAST)")
        yield rel("ISSUED", a, w.measures_id(c), year=2020)
        if c < len(vocab.WESTERN):
            yield rel("MEMBER_OF", a, w.MECHANISM_ID, since=2023, role="签署方 (signatory)")


# -- stations and their hosts ----------------------------------------------------
def stations(w: World) -> Iterator[Row]:
    p = w.p
    rng = rng_for(w.seed, "stations")
    funding = exact_amounts(p.station_funding_cny, p.stations, _lognormal(w.h["st.funding"], 0.4))
    n_ov = p.overseas_orgs
    for i in range(p.stations):
        c = w.st.community(i)
        sid, hid = w.station_id(i), w.host_id(i)
        kind = vocab.HOST_KINDS[w.host_kind(i)]
        field = w.station_field(i)
        b = brand(i)
        prov = w.provinces[c]
        host_zh, host_en = mark(f"{prov[1]}{b[0]}{vocab.FIELDS[field][1]}{kind[1]}",
                                f"{prov[2]} {b[1]} {vocab.FIELDS[field][2]} {kind[2]}", i)
        year = w.station_year(i)
        city = w.station_city(i)
        yield node("Organization", id=hid, name_zh=host_zh, name_en=host_en, kind=kind[0], overseas=False,
                   country="China")
        st_zh, st_en = mark(f"{prov[1]}{b[0]}海智工作站", f"{prov[2]} {b[1]} Haizhi Workstation", i)
        yield node("Station", id=sid, name_zh=st_zh, name_en=st_en, approved_year=year,
                   state=w.station_state(i), district=w.city_name(city)[0])
        yield rel("HOSTS", hid, sid)
        yield rel("LOCATED_IN", hid, w.city_id(city))
        yield rel("LOCATED_IN", sid, w.city_id(city))
        yield rel("IN_FIELD", hid, w.field_id(field))
        yield rel("IN_FIELD", sid, w.field_id(field))
        yield rel("APPROVED_BY", sid, w.assoc_id(c), year=year)
        yield rel("MEMBER_OF", sid, w.programme_id(c), since=year, role="海智工作站 (Haizhi station)")
        yield rel("FUNDED", w.assoc_id(c), sid, amount_cny=next(funding), year=year)
        if w.station_partner_free(i):
            continue
        k = pareto_count(rng.random(), rng.random(), 2.2, cap=max(1, n_ov // 2))
        def partner() -> int:  # most partners work in the station's field
            return w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS,
                                   field if rng.random() < 0.6 else None)

        for j in distinct(partner, k, n_ov, skip=lambda j: w.overseas_primary_station(j) == i):
            yield rel("PARTNERS_WITH", sid, w.overseas_id(j), since=w.activity_year(i, rng.random()))
        if rng.random() < 0.2:  # the host itself also partners with one overseas org
            j = w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS, field)
            yield rel("PARTNERS_WITH", hid, w.overseas_id(j), since=w.activity_year(i, rng.random()))


def station_heads(w: World) -> Iterator[Row]:
    start = dict((k, s) for k, _, s in w.talent_kinds())["head"]
    for h in range(w.p.station_heads):
        s = (h // 3) * 4 + h % 3  # every station but each fourth has a head
        tid = w.talent_id("head", h)
        zh, en = person_name(start + h)
        yield node("Talent", id=tid, name_zh=zh, name_en=en, title="站长 (station head)", returnee=False,
                   overseas=False, country="China")
        yield rel("HEADS", tid, w.station_id(s), role="站长 (station head)")
        yield rel("WORKS_AT", tid, w.host_id(s), title="负责人 (head)")


# -- overseas side -------------------------------------------------------------
def overseas_orgs(w: World) -> Iterator[Row]:
    rng = rng_for(w.seed, "overseas")
    for j in range(w.p.overseas_orgs):
        oid = w.overseas_id(j)
        kind = vocab.OVERSEAS_KINDS[w.overseas_kind(j)]
        country = w.overseas_country(j)
        field = w.overseas_field(j)
        word = overseas_word(j)
        if j >= 40:
            w2 = overseas_word(j // 40 - 1)
            word = (word[0] + w2[0], f"{word[1]} {w2[1]}")
        cz, ce = vocab.COUNTRIES[country][1], vocab.COUNTRIES[country][2]
        zh, en = mark(f"{cz}{word[0]}{vocab.FIELDS[field][1]}{kind[1]}", f"{word[1]} {vocab.FIELDS[field][2]} "
                      f"{kind[2]} ({ce})", j)
        yield node("Organization", id=oid, name_zh=zh, name_en=en, kind=kind[0], overseas=True, country=ce)
        yield rel("LOCATED_IN", oid, w.country_id(country))
        yield rel("IN_FIELD", oid, w.field_id(field))
        s = w.overseas_primary_station(j)
        yield rel("PARTNERS_WITH", w.station_id(s), oid, since=w.activity_year(s, rng.random()))


ARTICLE_CONSULATES = (("hu", 2), ("kh", 2), ("by", 2), ("nz", 3))  # Chongqing x3, New Zealand in Chengdu


def consulate_seats(w: World) -> list[tuple[int, int]]:
    """(country, province) of the consulates after the article's four: every
    pair once, in a seeded order that favours big countries and provinces
    (weighted sampling without replacement; O(countries x provinces) memory)."""
    rng = rng_for(w.seed, "consulate-seats")
    slugs = [c[0] for c in vocab.COUNTRIES]
    taken = {(slugs.index(s), c) for s, c in ARTICLE_CONSULATES}
    keyed = []
    for k, cw in enumerate(vocab.CONSULATE_WEIGHTS):
        for c, pw in enumerate(w.pw):
            if (k, c) not in taken:
                keyed.append((rng.random() ** (1.0 / (cw * pw)), k, c))
    keyed.sort(reverse=True)
    return [(k, c) for _, k, c in keyed]


def consulates(w: World) -> Iterator[Row]:
    rng = rng_for(w.seed, "consulates")
    slugs = [c[0] for c in vocab.COUNTRIES]
    seats = consulate_seats(w)
    n_article = sum(1 for _, c in ARTICLE_CONSULATES if c < w.p.provinces) if w.p.provinces > 3 else 0
    for k in range(w.p.consulates):
        if k < n_article:
            country, c = slugs.index(ARTICLE_CONSULATES[k][0]), ARTICLE_CONSULATES[k][1]
            city, rnd = w.city_starts[c], 0
        else:
            rnd, pos = divmod(k - n_article, len(seats))
            country, c = seats[pos]
            city = w.city_starts[c] + rnd % w.city_sizes[c]
        cid = w.consulate_id(k)
        cz, ce = vocab.COUNTRIES[country][1], vocab.COUNTRIES[country][2]
        prov = w.provinces[c]
        seat_zh, seat_en = (prov[1], prov[2]) if rnd == 0 else (w.city_name(city)[0].split("(")[0], w.city_name(city)[1].split(" (")[0])
        zh, en = mark(f"{cz}驻{seat_zh}总领事馆", f"Consulate General of {ce} in {seat_en}", k)
        yield node("Consulate", id=cid, name_zh=zh, name_en=en, country=ce, city=seat_en)
        yield rel("LOCATED_IN", cid, w.city_id(city))
        yield rel("REPRESENTS", cid, w.country_id(country))
        yield rel("PARTNERS_WITH", w.assoc_id(c), cid, since=2019 + int(rng.random() * 5))


# -- offshore bases and what they hold ----------------------------------------------
def bases(w: World) -> Iterator[Row]:
    p = w.p
    rng = rng_for(w.seed, "bases")
    for b in range(p.offshore_bases):
        c = w.base_community(b)
        prov = w.provinces[c]
        bid = w.base_id(b)
        bb = brand(w.brand_offset["base"] + b)
        zh, en = mark(f"{prov[1]}{bb[0]}离岸创新创业基地", f"{prov[2]} {bb[1]} Offshore Innovation Base", b)
        yield node("Organization", id=bid, name_zh=zh, name_en=en, kind="offshore_base", overseas=False,
                   country="China")
        yield rel("LOCATED_IN", bid, w.city_id(w.city_pick(c, w.h["base.city"](b))))
        yield rel("MEMBER_OF", bid, w.programme_id(c), role="离岸创新创业基地 (offshore base)")
    n_ov = p.overseas_orgs
    for k in range(p.platforms):
        pid = w.platform_id(k)
        b = powerlaw_index(rng.random(), p.offshore_bases, 1.5)
        field = w.fields_overseas.pick(rng.random())
        bb = brand(w.brand_offset["platform"] + k)
        zh, en = mark(f"{bb[0]}{vocab.FIELDS[field][1]}海外技术合作平台",
                      f"{bb[1]} {vocab.FIELDS[field][2]} overseas technology cooperation platform", k)
        yield node("Organization", id=pid, name_zh=zh, name_en=en, kind="platform", overseas=False,
                   country="China")
        yield rel("PART_OF", pid, w.base_id(b))
        yield rel("IN_FIELD", pid, w.field_id(field))
        for j in distinct(lambda: w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS, field),
                          1 + int(rng.random() * 3), n_ov):
            yield rel("PARTNERS_WITH", pid, w.overseas_id(j), since=2018 + int(rng.random() * 6))
    for k in range(p.domestic_universities):
        uid = w.uni_id(k)
        c = w.unis.community(k)
        prov = w.provinces[c]
        b_ = brand(w.brand_offset["uni"] + k)
        field = w.uni_field(k)
        zh, en = mark(f"{prov[1]}{b_[0]}大学", f"{prov[2]} {b_[1]} University", k)
        yield node("Organization", id=uid, name_zh=zh, name_en=en, kind="university", overseas=False,
                   country="China")
        yield rel("LOCATED_IN", uid, w.city_id(w.city_pick(c, w.h["uni.city"](k))))
        yield rel("IN_FIELD", uid, w.field_id(field))
    ret = p.returnees
    for k in range(p.incubated_companies):
        cid = w.company_id(k)
        c = w.companies.community(k)
        prov = w.provinces[c]
        b_ = brand(w.brand_offset["company"] + k)
        field = w.company_field(k)
        zh, en = mark(f"{prov[1]}{b_[0]}{vocab.FIELDS[field][1]}科技发展有限公司",
                      f"{prov[2]} {b_[1]} {vocab.FIELDS[field][2]} Technology Development Co., Ltd.", k)
        yield node("Organization", id=cid, name_zh=zh, name_en=en, kind="company", overseas=False,
                   country="China")
        yield rel("LOCATED_IN", cid, w.city_id(w.city_pick(c, w.h["co.city"](k))))
        yield rel("IN_FIELD", cid, w.field_id(field))
        yield rel("AFFILIATED_WITH", cid, w.base_id(powerlaw_index(rng.random(), p.offshore_bases, 1.5)),
                  role="孵化企业 (incubated company)")
        yield rel("FOUNDED", w.talent_id("returnee", int(rng.random() * ret)), cid, year=2016 + int(rng.random() * 8))


# -- talents --------------------------------------------------------------------
def _title(w: World, u: float) -> str:
    return vocab.TALENT_TITLES[w.titles.pick(u)][0]


def talents(w: World) -> Iterator[Row]:
    p = w.p
    rng = rng_for(w.seed, "talents")
    start = {k: s for k, _, s in w.talent_kinds()}
    n_ov = p.overseas_orgs
    for t in range(p.talents_introduced):
        tid = w.talent_id("intro", t)
        s = w.intro_station(t)
        j = w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS,
                            w.station_field(s) if rng.random() < 0.6 else None)
        foreign = rng.random() < 0.3
        zh, en = person_name(start["intro"] + t, foreign=foreign)
        country = w.overseas_country(j) if rng.random() < 0.85 else w.countries.pick(rng.random())
        yield node("Talent", id=tid, name_zh=zh, name_en=en, title=_title(w, rng.random()), returnee=False,
                   overseas=True, country=vocab.COUNTRIES[country][2])
        yield rel("AFFILIATED_WITH", tid, w.station_id(s), role="引进人才 (introduced talent)")
        yield rel("WORKS_AT", tid, w.overseas_id(j), title=_title(w, rng.random()))
        field = w.station_field(s) if rng.random() < 0.7 else w.fields_overseas.pick(rng.random())
        if rng.random() < 0.4:  # most records do not state a talent's field
            yield rel("IN_FIELD", tid, w.field_id(field))
    for r in range(p.returnees):
        tid = w.talent_id("returnee", r)
        zh, en = person_name(start["returnee"] + r)
        country = w.countries.pick(rng.random())
        yield node("Talent", id=tid, name_zh=zh, name_en=en, title=_title(w, rng.random()), returnee=True,
                   overseas=False, country=vocab.COUNTRIES[country][2])
        b = powerlaw_index(rng.random(), p.offshore_bases, 1.5)
        yield rel("AFFILIATED_WITH", tid, w.base_id(b), role="吸纳海归人才 (returnee)")
        if rng.random() < 0.6:
            yield rel("WORKS_AT", tid, w.company_id(powerlaw_index(rng.random(), p.incubated_companies, 1.5)))
        else:
            yield rel("WORKS_AT", tid, w.host_id(powerlaw_index(rng.random(), p.stations, ALPHA_STATION)))
        field = w.fields.pick(rng.random())
        if rng.random() < 0.4:
            yield rel("IN_FIELD", tid, w.field_id(field))
    for e in range(p.experts):
        tid = w.talent_id("expert", e)
        j = w.overseas_pick(rng.random(), rng.random(), ALPHA_PRESTIGE)
        zh, en = person_name(start["expert"] + e, foreign=True)
        title = "院士 (academician)" if rng.random() < 0.3 else "教授 (professor)"
        yield node("Talent", id=tid, name_zh=zh, name_en=en, title=title, returnee=False, overseas=True,
                   country=vocab.COUNTRIES[w.overseas_country(j)][2])
        yield rel("AFFILIATED_WITH", tid, w.base_id(powerlaw_index(rng.random(), p.offshore_bases, 1.5)),
                  role="签约顶尖专家 (signed top expert)")
        yield rel("WORKS_AT", tid, w.overseas_id(j), title=title)
        yield rel("IN_FIELD", tid, w.field_id(w.overseas_field(j)))
    for a in range(p.ambassadors):
        tid = w.talent_id("ambassador", a)
        j = w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS)
        zh, en = person_name(start["ambassador"] + a)
        yield node("Talent", id=tid, name_zh=zh, name_en=en, title=_title(w, rng.random()), returnee=False,
                   overseas=True, country=vocab.COUNTRIES[w.overseas_country(j)][2])
        yield rel("MEMBER_OF", tid, w.PLAN_ID, since=2022, role="海智大使 (Haizhi ambassador)")
        yield rel("WORKS_AT", tid, w.overseas_id(j))


# -- projects and events --------------------------------------------------------
def projects(w: World) -> Iterator[Row]:
    p = w.p
    rng = rng_for(w.seed, "projects")
    amounts = exact_amounts(p.funding_total_cny, p.projects, _lognormal(w.h["amount"], 1.0))
    n_ov = p.overseas_orgs
    for q in range(p.projects):
        pid = w.project_id(q)
        s = powerlaw_index(rng.random(), p.stations, ALPHA_STATION)
        field = w.station_field(s) if rng.random() < 0.8 else w.fields_overseas.pick(rng.random())
        word, topic, b = overseas_word(q), TOPICS[(q // 40) % len(TOPICS)], brand(q // 40)
        zh, en = mark(f"{b[0]}{word[0]}{vocab.FIELDS[field][1]}{topic[0]}项目",
                      f"{b[1]}-{word[1]} {vocab.FIELDS[field][2]} {topic[1]} project", q)
        yield node("Project", id=pid, name_zh=zh, name_en=en, amount_cny=next(amounts),
                   year=max(2016, w.activity_year(s, rng.random())))
        yield rel("HOSTED_BY", pid, w.station_id(s))
        yield rel("IN_FIELD", pid, w.field_id(field))
        t = w.intro.pick(w.st.community(s), rng.random(), ALPHA_STATION)
        yield rel("LEADS", w.talent_id("intro", t), pid)
        for j in distinct(lambda: w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS, field),
                          1 + (rng.random() < 0.4), n_ov):
            yield rel("PARTNER_IN", w.overseas_id(j), pid)
    for q in range(p.incubated_projects):
        pid = w.incubated_id(q)
        b = powerlaw_index(rng.random(), p.offshore_bases, 1.5)
        field = w.fields_overseas.pick(rng.random())
        bb, topic = brand(q), TOPICS[(q // 47) % len(TOPICS)]
        zh, en = mark(f"{bb[0]}{vocab.FIELDS[field][1]}{topic[0]}孵化项目",
                      f"{bb[1]} {vocab.FIELDS[field][2]} {topic[1]} incubation project", q)
        yield node("Project", id=pid, name_zh=zh, name_en=en, year=2017 + int(rng.random() * 7))
        yield rel("HOSTED_BY", pid, w.base_id(b))
        yield rel("IN_FIELD", pid, w.field_id(field))
        yield rel("LEADS", w.talent_id("returnee", int(rng.random() * p.returnees)), pid)
        yield rel("PARTNER_IN", w.overseas_id(w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS, field)), pid)


def events(w: World) -> Iterator[Row]:
    p = w.p
    rng = rng_for(w.seed, "events")
    for e in range(p.events):
        eid = w.event_id(e)
        c = w.events.community(e)
        kind = vocab.EVENT_KINDS[w.event_kinds.pick(rng.random())][0]
        year, month, day = 2016 + int(rng.random() * 8), 1 + int(rng.random() * 12), 1 + int(rng.random() * 28)
        s = w.st.pick(c, rng.random(), ALPHA_STATION)
        zh_kind, en_kind = vocab.EVENT_NAMES[kind]
        prov = w.provinces[c]
        bb = brand(e)
        zh, en = mark(f"{year}年{prov[1]}{bb[0]}海智{zh_kind}", f"{prov[2]} {bb[1]} Haizhi {en_kind} {year}", e)
        yield node("Event", id=eid, name_zh=zh, name_en=en, kind=kind, date=f"{year}-{month:02d}-{day:02d}")
        yield rel("ORGANIZED", w.assoc_id(c), eid)
        if kind in ("visit", "meeting", "signing"):
            yield rel("HELD_AT", eid, w.station_id(s))
        yield rel("HELD_AT", eid, w.city_id(w.city_pick(c, rng.random())))
        parts = {w.station_id(w.st.pick(c, rng.random(), ALPHA_STATION)) for _ in range(1 + int(rng.random() * 4))}
        parts |= {w.overseas_id(w.overseas_pick(rng.random(), rng.random(), ALPHA_OVERSEAS))
                  for _ in range(int(rng.random() * 3))}
        if kind == "signing" and p.consulates:
            parts.add(w.consulate_id(int(rng.random() * p.consulates)))
        for src in sorted(parts):
            yield rel("PARTICIPATED_IN", src, eid)


def metrics(w: World) -> Iterator[Row]:
    units = {"cny": "CNY"}
    for key, value in expected_figures(w.p).items():
        mid = f"metric:syn-{key.replace('_', '-')}"
        unit = units.get(key.rsplit("_", 1)[-1], "count")
        yield node("Metric", id=mid, name_zh=f"{key}(合成)", name_en=f"{key} (synthetic)", key=key,
                   value=value, unit=unit, qualifier="exact")
        yield rel("MEASURES", mid, w.PLAN_ID)


# -- density: alumni, co-project and event links of talents ------------------------------
def talent_links(w: World, extra: int) -> Iterator[Row]:
    """About ``extra`` more relationships from talents: alumni ties to universities
    (AFFILIATED_WITH), co-work on projects (PARTNER_IN), events (PARTICIPATED_IN).
    Heavy-tailed per talent; targets favour hub universities and projects."""
    p = w.p
    total = sum(n for _, n, _ in w.talent_kinds())
    if extra <= 0 or total == 0:
        return
    rng = rng_for(w.seed, "talent-links")
    mean = extra / total
    n_ov, n_uni, n_pr, n_ev = p.overseas_orgs, p.domestic_universities, p.projects, p.events

    def university() -> str:
        if rng.random() < 0.3:
            return w.uni_id(powerlaw_index(rng.random(), n_uni, ALPHA_STATION))
        for _ in range(8):
            j = w.overseas_pick(rng.random(), rng.random(), ALPHA_PRESTIGE)
            if vocab.OVERSEAS_KINDS[w.overseas_kind(j)][0] == "university":
                return w.overseas_id(j)
        return w.uni_id(powerlaw_index(rng.random(), n_uni, ALPHA_STATION))

    cap = max(1, (n_ov + n_uni + n_pr + n_ev) // 3)
    for kind, n, _ in w.talent_kinds():
        for i in range(n):
            tid = w.talent_id(kind, i)
            k = pareto_count(rng.random(), rng.random(), mean, shape=2.2, cap=cap)
            seen: set[tuple[str, str]] = set()
            for _ in range(k * 3):
                if len(seen) >= k:
                    break
                u = rng.random()
                if u < 0.55:
                    key = ("AFFILIATED_WITH", university())
                elif u < 0.85:
                    key = ("PARTNER_IN", w.project_id(powerlaw_index(rng.random(), n_pr, ALPHA_STATION)))
                else:
                    key = ("PARTICIPATED_IN", w.event_id(powerlaw_index(rng.random(), n_ev, ALPHA_STATION)))
                if key in seen:
                    continue
                seen.add(key)
                if key[0] == "AFFILIATED_WITH":
                    yield rel(key[0], tid, key[1], role="校友 (alumnus)")
                else:
                    yield rel(key[0], tid, key[1])


BASE_PARTS = (places, fields, programmes, associations, stations, station_heads, overseas_orgs, consulates,
              bases, talents, projects, events, metrics)
