"""The extractor's word lists (``ingest/extract/data``), loaded once and checked
against the schema: every kind named there must be a value of the schema's enum.

>>> r = rules()
>>> r.org_suffixes["有限公司"], r.station_suffixes[0]
('company', '海智工作站')
>>> "张" in r.surnames and "欧阳" in r.surnames
True
>>> places()["匈牙利"].kind, places()["匈牙利"].name_en, places()["重庆市"].name_zh
('country', 'Hungary', '重庆')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ilr
from typing import Any

import yaml

from kg.schema import load_schema


def _data(name: str) -> str:
    return ilr.files("ingest.extract").joinpath("data", name).read_text(encoding="utf-8")


def longest_first(words: Any) -> tuple[str, ...]:
    """Words sorted longest first (so that 股份有限公司 is tried before 公司).

    >>> longest_first(["公司", "有限公司"])
    ('有限公司', '公司')
    """
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Rules:
    org_suffixes: dict[str, str]
    kind_inside_company: dict[str, str]
    station_suffixes: tuple[str, ...]
    consulate_suffixes: tuple[str, ...]
    programme_suffixes: dict[str, str]
    event_suffixes: dict[str, str]
    titles: tuple[str, ...]
    head_titles: frozenset[str]
    titles_after: tuple[str, ...]
    title_prefixes: tuple[str, ...]
    after_name: tuple[str, ...]
    not_given_names: frozenset[str]
    left_stops: frozenset[str]
    verbs: dict[str, tuple[str, ...]]
    surnames: frozenset[str]
    domain_words: tuple[str, ...] = ()

    def suffix_kind(self, table: str, name: str) -> tuple[str, str] | None:
        """``(suffix, kind)`` of the longest suffix of ``table`` that ends ``name``."""
        d: dict[str, str] = getattr(self, table)
        for s in longest_first(d):
            if name.endswith(s):
                return s, d[s]
        return None


def _check_kinds(d: dict[str, str], label: str, where: str) -> dict[str, str]:
    allowed = load_schema().label(label).properties["kind"].values
    for word, kind in d.items():
        if kind not in allowed:
            raise ValueError(f"ingest/extract/data/rules.yaml {where}: {word}: {kind!r} is not a {label}.kind "
                             f"({', '.join(allowed)})")
    return {str(k): str(v) for k, v in d.items()}


@lru_cache(maxsize=1)
def rules() -> Rules:
    doc = yaml.safe_load(_data("rules.yaml"))
    surnames: set[str] = set()
    for line in _data("surnames.txt").splitlines():
        if not line.startswith("#"):
            surnames.update(line.split())
    return Rules(
        org_suffixes=_check_kinds(doc["organization_suffixes"], "Organization", "organization_suffixes"),
        kind_inside_company=_check_kinds(doc["kind_inside_company"], "Organization", "kind_inside_company"),
        station_suffixes=longest_first(doc["station_suffixes"]),
        consulate_suffixes=longest_first(doc["consulate_suffixes"]),
        programme_suffixes=_check_kinds(doc["programme_suffixes"], "Programme", "programme_suffixes"),
        event_suffixes=_check_kinds(doc["event_suffixes"], "Event", "event_suffixes"),
        titles=longest_first(doc["titles"]),
        head_titles=frozenset(doc["head_titles"]),
        titles_after=longest_first(doc["titles_after"]),
        title_prefixes=longest_first(doc["title_prefixes"]),
        after_name=longest_first(doc["after_name"]),
        not_given_names=frozenset(doc["not_given_names"]),
        left_stops=frozenset(doc["left_stops"]),
        verbs={k: longest_first(v) for k, v in doc["verbs"].items()},
        surnames=frozenset(surnames),
        domain_words=tuple(doc.get("domain_words") or ()),
    )


@dataclass(frozen=True)
class PlaceInfo:
    name_zh: str
    name_en: str
    kind: str
    code: str  # ISO code of the country/region/province; a foreign city's country code
    aliases: tuple[str, ...]

    @property
    def iso(self) -> str:
        """The place's own ISO code (none for cities and districts)."""
        return self.code if self.kind in ("country", "region", "province") else ""

    @property
    def foreign(self) -> bool:
        """Outside the Chinese mainland (a country other than China, or HK/Macao/Taiwan...).

        >>> places()["伦敦"].foreign, places()["成都"].foreign, places()["香港"].foreign
        (True, False, True)
        """
        return bool(self.code) and not self.code.startswith("CN")


@lru_cache(maxsize=1)
def places() -> dict[str, PlaceInfo]:
    """Every place name and alias of ``places.yaml`` -> its :class:`PlaceInfo`."""
    doc = yaml.safe_load(_data("places.yaml"))
    allowed = load_schema().label("Place").properties["kind"].values
    out: dict[str, PlaceInfo] = {}
    for kind, entries in doc.items():
        if kind not in allowed:
            raise ValueError(f"ingest/extract/data/places.yaml: {kind!r} is not a Place.kind ({', '.join(allowed)})")
        for zh, vals in entries.items():
            en, code, *aliases = [str(v) for v in vals]
            info = PlaceInfo(str(zh), en, kind, code, tuple(aliases))
            for name in (str(zh), *aliases):
                out.setdefault(name, info)
    return out


def country_of(info: PlaceInfo) -> PlaceInfo | None:
    """The country a place is in, when the place list knows it.

    >>> country_of(places()["伦敦"]).name_zh, country_of(places()["亚利桑那州"]).name_en
    ('英国', 'United States')
    >>> country_of(places()["成都"]).name_zh
    '中国'
    """
    code = (info.code or ("CN" if info.kind in ("province", "city", "district") else "")).split("-")[0]
    if not code:
        return None
    for p in places().values():
        if p.kind in ("country", "region") and p.code == code:
            return p
    return None
