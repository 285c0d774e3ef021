"""Stations and consulates: names the text implies more than it writes.

* ``<organisation>海智工作站`` (or 海智站): the organisation hosts a station; a
  short host (精准生物海智工作站) or 该公司海智工作站 points back to an
  organisation named earlier.
* 在A、B……和C等N家单位设立……海智工作站: each organisation in the list gets one.
* 匈牙利、柬埔寨驻重庆总领事馆: one consulate per country.

The station's name is finished after linking (``<host's name>海智工作站``): a
station mention carries its host mention in ``info['host']``.

>>> from ingest.extract.doc import Doc
>>> from ingest.extract.orgs import find_orgs
>>> d = Doc.prepare("重庆市科协审批同意在西南大学和重庆医科大学附属第一医院等2家单位设立重庆海智工作站。")
>>> [(m.info["host"].name, m.rule) for m in find_stations(d, find_orgs(d))]
[('西南大学', 'station-enumerated'), ('重庆医科大学附属第一医院', 'station-enumerated')]
>>> [(m.name, m.props["country"]) for m in find_consulates(Doc.prepare("与匈牙利、柬埔寨驻重庆总领事馆合作"))]
[('匈牙利驻重庆总领事馆', 'Hungary'), ('柬埔寨驻重庆总领事馆', 'Cambodia')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .doc import Doc
from .model import Mention, outermost
from .names import SHORT_HOST, walk_left
from .resources import longest_first, places, rules

COREF = {"该公司": ("company",), "公司": ("company",), "该院": ("hospital", "research_institute", "university"),
         "该校": ("university",), "学校": ("university",), "该中心": ("platform", "research_institute"),
         "该单位": (), "该所": ("research_institute",), "该集团": ("company",)}
CITY_ABBREV = {"华": "中国", "渝": "重庆", "沪": "上海", "京": "北京", "穗": "广州", "蓉": "成都"}
_LIST_GAP = re.compile(r"^(?:等?(?:\d+|[一二两三四五六七八九十]+)?[家个所]?(?:单位|机构|企业|高校)?)?$")
_SET_UP = re.compile(r"(设立|建立|成立|新建|建设|获批)[^,，。;；]{0,12}?海智(?:工作)?站")


def coreferent_org(doc: Doc, orgs: list[Mention], word: str, before: int) -> Mention | None:
    """The organisation that 该公司 / 该院 … at offset ``before`` stands for: the nearest
    one named earlier in this or the two sentences before, of a fitting kind."""
    kinds = COREF.get(word)
    if kinds is None:
        return None
    i = doc.sentence_index(before)
    floor = doc.sentences[max(0, i - 2)].start if i >= 0 else 0
    cands = [o for o in orgs if floor <= o.start and o.end <= before and not o.nested
             and (not kinds or o.props.get("kind") in kinds)]
    return max(cands, key=lambda o: o.end) if cands else None


@lru_cache(maxsize=1)
def _station_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in rules().station_suffixes))


def _host_before(doc: Doc, orgs: list[Mention], ss: int) -> tuple[Mention | None, str]:
    ending = [o for o in orgs if o.end == ss]
    if ending:
        return max(ending, key=lambda o: (not o.nested, o.end - o.start)), "station-host"
    for word in longest_first(COREF):
        if doc.text.endswith(word, 0, ss):
            return coreferent_org(doc, orgs, word, ss - len(word)), "station-coreference"
    start = walk_left(doc, ss, SHORT_HOST)
    short = doc.text[start:ss]
    if not (2 <= len(short) <= 8) or short in places() or doc.is_common_word(short, 1000):
        return None, ""
    if any(h.entry.label == "Place" for h in doc.hits_in(start, ss)):
        return None, ""
    return Mention("Organization", short, start, ss, "station-short-host", 0.6, props={"kind": "other"},
                   info={"short_form": True}), "station-short-host"


def find_stations(doc: Doc, orgs: list[Mention]) -> list[Mention]:
    """Station mentions (with ``info['host']``) for written and enumerated stations."""
    out: list[Mention] = []
    text = doc.text
    for m in _station_re().finditer(text):
        ss, se = m.start(), m.end()
        host, rule = _host_before(doc, orgs, ss)
        if host is None:
            continue
        start = host.start if rule != "station-coreference" else ss - 3
        start = min(start, ss)
        conf = {"station-host": 0.9, "station-coreference": 0.75, "station-short-host": 0.7}[rule]
        out.append(Mention("Station", text[start:se], start, se, rule, conf, info={"host": host}))
    for si, s in enumerate(doc.sentences):
        for v in _SET_UP.finditer(s.text):
            verb_at = s.start + v.start()
            before = outermost([o for o in orgs if s.start <= o.start and o.end <= verb_at and not o.nested])
            if not before:
                continue
            last = before[-1]
            gap = text[last.end:verb_at]
            if not _LIST_GAP.match(gap) or (gap == "" and text[last.start - 1:last.start] not in "在、和及与"):
                continue
            group = [last]
            for o in reversed(before[:-1]):
                sep = text[o.end:group[0].start]
                if sep in ("、", "和", "及", "与", "以及", ",", "，"):
                    group.insert(0, o)
                elif o.end <= group[0].start:
                    break
            for o in group:
                out.append(Mention("Station", o.text, o.start, o.end, "station-enumerated", 0.85,
                                   info={"host": o, "set_up_at": verb_at}))
    return out


@lru_cache(maxsize=1)
def _consulate_re() -> re.Pattern[str]:
    countries = "|".join(re.escape(n) for n in longest_first(n for n, p in places().items() if p.kind == "country"))
    suffixes = "|".join(re.escape(s) for s in rules().consulate_suffixes)
    return re.compile(rf"((?:{countries})(?:[、和及与](?:{countries}))*)驻([\u4e00-\u9fff]{{1,6}}?)({suffixes})")


def find_consulates(doc: Doc) -> list[Mention]:
    """One Consulate mention per country of ``A、B驻<city><总领事馆|领事馆|大使馆>``; the
    country and city offsets are kept in ``info`` for REPRESENTS and LOCATED_IN."""
    out: list[Mention] = []
    for m in _consulate_re().finditer(doc.text):
        city = CITY_ABBREV.get(m.group(2), m.group(2))
        cinfo = places().get(city)
        if cinfo is None:
            continue
        parts = re.split(r"([、和及与])", m.group(1))
        countries = [p for p in parts if p and p not in "、和及与"]
        pos = m.start()
        spans = []
        for p in parts:
            if p and p not in "、和及与":
                spans.append((pos, pos + len(p)))
            pos += len(p)
        city_span = (m.start(2), m.end(2))
        for c, span in zip(countries, spans):
            info = places()[c]
            name = f"{info.name_zh}驻{m.group(2)}{m.group(3)}"
            out.append(Mention("Consulate", m.group(), m.start(), m.end(),
                               "consulate-coordinated" if len(countries) > 1 else "consulate", 
                               0.85 if len(countries) > 1 else 0.9, name=name,
                               props={"country": info.name_en, "city": cinfo.name_en},
                               info={"country_span": span, "city_span": city_span}))
    return out
