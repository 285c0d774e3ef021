"""Organisation names by suffix (有限公司, 研究院, 大学, 医院, 科协, 局 ...): the
name runs left from the suffix to the first token that cannot be part of a
name (see :mod:`.names`). Also: names nested in longer ones (重庆大学 in
重庆大学附属肿瘤医院), short forms of the local government (市科协 -> 重庆市科协),
a foreign country written before a name (美国亚利桑那州立大学), and coordinated
names (内蒙古、广西等12个科协 -> 内蒙古科协, 广西科协).

>>> from ingest.extract.doc import Doc
>>> d = Doc.prepare("重庆市科协审批同意在重庆大学附属肿瘤医院、亲禾投资集团有限公司设立海智工作站。")
>>> sorted((m.name, m.props["kind"], m.nested) for m in find_orgs(d))
[('亲禾投资集团有限公司', 'company', False), ('重庆大学', 'university', True), ('重庆大学附属肿瘤医院', 'hospital', False), ('重庆市科协', 'association', False)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .doc import Doc
from .model import Mention
from .names import DASHES, ORG, has_proper_part, walk_left
from .resources import country_of, longest_first, places, rules

COMPANY_FORMS = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "集团")
STANDALONE = ("党中央", "国务院")
ADMIN_SHORT = ("市", "省")


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in longest_first(rules().org_suffixes)))


@lru_cache(maxsize=1)
def _follow_words() -> tuple[str, ...]:
    r = rules()
    return tuple(r.titles) + r.station_suffixes + tuple(r.title_prefixes) + tuple(r.org_suffixes)


def suffix_matches(doc: Doc) -> list[tuple[int, int, str]]:
    """``(start, end, suffix)`` of every organisation suffix that ends a word
    (or is followed by a title: 大学教授)."""
    out = []
    for m in _suffix_re().finditer(doc.text):
        e = m.end()
        if doc.is_boundary(e) or e == len(doc.text) or doc.text.startswith(_follow_words(), e):
            out.append((m.start(), e, m.group()))
    return out


def org_props(doc: Doc, name: str, start: int, end: int, country: str | None = None) -> dict:
    """kind, overseas and country of an organisation name."""
    r = rules()
    sk = r.suffix_kind("org_suffixes", name)
    kind = sk[1] if sk else "other"
    if kind == "company":
        head = name[: len(name) - len(sk[0])] if sk else name
        for word, k in r.kind_inside_company.items():
            if head.endswith(word) or word in head[-6:]:
                kind = k
    props: dict = {"kind": kind, "overseas": False}
    if country is not None:
        return {**props, "overseas": True, "country": country}
    inside = [h.entry.place for h in doc.hits_in(start, end)
              if h.entry.label == "Place" and h.entry.place is not None]
    if inside and inside[0].foreign and name.startswith((inside[0].name_zh, *inside[0].aliases)) \
            and not any(not p.foreign for p in inside):
        c = country_of(inside[0])
        props.update(overseas=True, country=c.name_en if c else inside[0].name_en)
    return props


def _strip_foreign_country(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """美国亚利桑那州立大学 -> (offset of 亚利桑那州立大学, 'United States')."""
    for h in doc.hits_in(start, end):
        if h.start != start:
            break
        info = h.entry.place
        if h.entry.label == "Place" and info is not None and info.kind == "country" and info.foreign \
                and end - h.end >= 4:
            return h.end, info.name_en
    return start, None


def _expand_admin(doc: Doc, name: str) -> str | None:
    """市科协 -> 重庆市科协 (the article's main city); None when not a short form."""
    if not name.startswith(ADMIN_SHORT):
        return None
    main = doc.main_place()
    if not main:
        return None
    info = places().get(main)
    if name.startswith("市") and info is not None and info.kind in ("province", "city"):
        return main + name
    if name.startswith("省") and info is not None and info.kind == "province":
        return main + name
    return None


def find_orgs(doc: Doc) -> list[Mention]:
    """Organisation mentions found by suffix rules (nested ones marked ``nested``)."""
    text = doc.text
    cands: list[tuple[int, int, int, str]] = []  # start, end, suffix start, name
    for ss, se, suffix in suffix_matches(doc):
        start = walk_left(doc, ss, ORG)
        name = text[start:se]
        expanded = _expand_admin(doc, name) if start == ss or text[start:ss] in ADMIN_SHORT or \
            name.startswith(("市委", "省委")) else None
        if expanded:
            cands.append((start, se, ss, expanded))
            continue
        if suffix in STANDALONE:
            cands.append((ss, se, ss, suffix))
            continue
        if ss - start < 2 or not has_proper_part(doc, start, ss):
            continue
        cands.append((start, se, ss, name))
    out: list[Mention] = []
    for start, end, ss, name in cands:
        nested = any(o[0] <= start and end <= o[1] and (o[0], o[1]) != (start, end) for o in cands)
        if nested:
            if text.startswith(COMPANY_FORMS, end):
                continue  # 重庆石墨烯研究院 inside 重庆石墨烯研究院有限公司 is the same body
            cut = max(name.rfind(d) for d in DASHES)
            if cut >= 0:
                start, name = start + cut + 1, name[cut + 1:]
                if not has_proper_part(doc, start, ss):
                    continue
        s2, country = (start, None) if nested else _strip_foreign_country(doc, start, end)
        aliases: tuple[str, ...] = ()
        if s2 != start:
            aliases, name = (name,), text[s2:end]
        conf = 0.75 if nested else 0.85
        out.append(Mention("Organization", text[start:end], start, end, "org-suffix", conf, name=name,
                           props=org_props(doc, name, start, end, country), nested=nested, aliases=aliases))
    out.extend(coordinated_orgs(doc))
    return out


@lru_cache(maxsize=1)
def _place_alt() -> str:
    names = [n for n, p in places().items() if p.kind in ("province", "city", "country", "region")]
    return "|".join(re.escape(n) for n in longest_first(names))


@lru_cache(maxsize=1)
def _coord_re() -> re.Pattern[str]:
    p = _place_alt()
    return re.compile(rf"((?:{p})(?:[、和及与](?:{p}))*)等?(?:\d+|[一二两三四五六七八九十]+)?[个家地所]?的?$")


def coordinated_orgs(doc: Doc) -> list[Mention]:
    """内蒙古、广西……等12个科协 / 四川、重庆两地科协: one organisation per place."""
    out: list[Mention] = []
    for ss, se, suffix in suffix_matches(doc):
        if walk_left(doc, ss, ORG) != ss and not doc.text[ss - 1:ss].isdigit() and \
                not doc.text[max(0, ss - 2):ss] in ("两地", "三地"):
            continue
        window_start = max(0, ss - 120)
        m = _coord_re().search(doc.text[window_start:ss])
        if not m:
            continue
        parts = re.split(r"[、和及与]", m.group(1))
        tail = m.group(0)[len(m.group(1)):]
        if len(parts) < 2 and not tail:
            continue
        start = window_start + m.start()
        for p in parts:
            out.append(Mention("Organization", doc.text[start:se], start, se, "org-coordinated", 0.75,
                               name=p + suffix, props=org_props(doc, p + suffix, start, start, None),
                               note=f"expanded from the coordinated list {doc.text[start:se]!r}"))
    return out
