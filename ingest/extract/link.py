"""Entity linking: match a candidate name against the existing graph by exact
name or alias, normalised name (重庆科协 = 重庆市科协, 内蒙古科协 = 内蒙古自治区科协),
short form (长安汽车 = 重庆长安汽车股份有限公司) and fuzzy similarity (rapidfuzz),
and give the match a score in 0..1.

>>> norm_key("广西壮族自治区科协"), core_key("重庆长安汽车股份有限公司")
('广西科协', '长安汽车')
>>> from ingest.extract.graph import Graph
>>> g = Graph.from_rows([{"id": "org:changan", "label": "Organization",
...     "props": {"name_zh": "重庆长安汽车股份有限公司", "name_en": "Changan"}}])
>>> m = Matcher(g)
>>> m.best("Organization", "长安汽车")
('org:changan', 0.9, 'short form')
>>> m.best("Organization", "重庆长安汽车有限公司")[0], m.best("Organization", "长城汽车") is None
('org:changan', True)
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from ingest.normalize import name_key, normalize_name

from .graph import Graph, Known
from .resources import longest_first, places, rules

LINK_THRESHOLD = 0.85
FUZZY_MIN = 90.0
ADMIN = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
COMPANY_FORMS = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司")
HOME_PLACES = ("中国",)


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    return longest_first(n for n, p in places().items() if p.kind in ("province", "city", "country", "region")
                         and not n.endswith(ADMIN))


def norm_key(name: str) -> str:
    """:func:`ingest.normalize.name_key` without quotes and without the admin level
    after a leading place (重庆市科协 -> 重庆科协)."""
    k = name_key(name.replace("“", "").replace("”", ""))
    for p in _place_names():
        if k.startswith(p):
            rest = k[len(p):]
            for a in ADMIN:
                if rest.startswith(a) and len(rest) > len(a):
                    return p + rest[len(a):]
            return k
    return k


def split_core(name: str) -> tuple[str, str]:
    """``(leading place of China, distinctive part)`` of a name: no company form
    (重庆长安汽车股份有限公司 -> ('重庆', '长安汽车')). The part is empty when too little is left.

    >>> split_core("长安汽车"), split_core("中国科协国际合作部")
    (('', '长安汽车'), ('中国', '科协国际合作部'))
    """
    k = norm_key(name)
    for form in COMPANY_FORMS:
        if k.endswith(form):
            k = k[: -len(form)]
            break
    place = ""
    for p in _place_names():
        info = places().get(p)
        if k.startswith(p) and info is not None and not info.foreign:
            place, k = p, k[len(p):]
            break
    if len(k) < 3 or k in rules().org_suffixes:
        return place, ""
    return place, k


def core_key(name: str) -> str:
    """The distinctive part of a name (see :func:`split_core`)."""
    return split_core(name)[1]


def same_core(a: str, b: str) -> bool:
    """Same distinctive part, and no two different places in front
    (长安汽车 = 重庆长安汽车股份有限公司; 中国科协国际合作部 != 重庆市科协国际合作部).

    >>> same_core("长安汽车", "重庆长安汽车股份有限公司"), same_core("中国科协国际合作部", "重庆市科协国际合作部")
    (True, False)
    """
    (pa, ca), (pb, cb) = split_core(a), split_core(b)
    return bool(ca) and ca == cb and (pa == pb or not pa or not pb)


def is_short_form(short: str, full: str) -> bool:
    """Does ``short`` abbreviate ``full``: its first two characters appear together in
    ``full`` and all its characters appear there in order (精准生物 / 重庆精准生物产业…)?

    >>> is_short_form("精准生物", "重庆精准生物产业技术研究院有限公司"), is_short_form("再升", "重庆再升科技股份有限公司")
    (True, True)
    >>> is_short_form("区内", "重庆市科协")
    False
    """
    short, full = name_key(short), name_key(full)
    if len(short) < 2 or len(short) >= len(full) or short[:2] not in full:
        return False
    it = iter(full[full.index(short[:2]):])
    return all(ch in it for ch in short)


def new_id(prefix: str, name: str) -> str:
    """A stable id for a new entity: the label's prefix and a hash of its name key.

    >>> new_id("org", "重庆育成发展有限公司") == new_id("org", "重庆育成发展有限公司 ")
    True
    >>> new_id("org", "重庆育成发展有限公司")[:6]
    'org:x-'
    """
    return f"{prefix}:x-{hashlib.sha1(name_key(name).encode('utf-8')).hexdigest()[:10]}"


class Matcher:
    """Scores candidate names against the entities of one graph."""

    def __init__(self, graph: Graph | None):
        self.graph = graph or Graph()
        self.exact: dict[tuple[str, str], list[tuple[Known, str]]] = defaultdict(list)
        self.norm: dict[tuple[str, str], list[Known]] = defaultdict(list)
        self.core: dict[tuple[str, str], list[tuple[str, Known]]] = defaultdict(list)
        self.keys: dict[str, list[tuple[str, Known]]] = defaultdict(list)
        for k in self.graph.entities:
            for i, n in enumerate(k.names):
                how = "exact name" if i == 0 else "alias"
                self.exact[(k.label, name_key(n))].append((k, how))
                self.norm[(k.label, norm_key(n))].append(k)
                if any("\u4e00" <= ch <= "\u9fff" for ch in n):
                    c = core_key(n)
                    if c:
                        self.core[(k.label, c)].append((n, k))
                    self.keys[k.label].append((name_key(n), k))

    @staticmethod
    def _one(ks: list[Known]) -> Known | None:
        ids = {k.id for k in ks}
        return ks[0] if len(ids) == 1 else None

    def best(self, label: str, name: str, short_form: bool = False) -> tuple[str, float, str] | None:
        """``(id, score, how)`` of the best graph entity of ``label`` for ``name`` (None below the
        fuzzy floor or when ambiguous)."""
        name = normalize_name(name)
        hits = self.exact.get((label, name_key(name)))
        if hits:
            k, how = hits[0]
            return k.id, 1.0, how
        k = self._one(self.norm.get((label, norm_key(name)), []))
        if k is not None:
            return k.id, 0.95, "normalised name"
        c = core_key(name)
        if c:
            k = self._one([k for n, k in self.core.get((label, c), []) if same_core(name, n)])
            if k is not None:
                return k.id, 0.9, "short form"
        if short_form:
            ks = [k for key, k in self.keys.get(label, []) if is_short_form(name, key)]
            k = self._one(ks)
            if k is not None:
                return k.id, 0.85, "short form (partial)"
        choices = self.keys.get(label)
        if choices and len(name_key(name)) >= 4:
            got = process.extractOne(name_key(name), [c[0] for c in choices], scorer=fuzz.ratio,
                                     score_cutoff=FUZZY_MIN)
            if got is not None:
                _, score, idx = got
                return choices[idx][1].id, round(score / 100 * 0.95, 3), "fuzzy"
        return None


