"""The synthetic world's fixed facts: ids, communities, and the attributes of
every entity as pure functions of its index (so any part of the generator can
ask about an entity generated elsewhere without storing it).

Memory is O(provinces + vocabulary), whatever the scale.

>>> w = World(plan(1), seed=7)
>>> w.station_id(3), w.host_id(3), w.talent_id("intro", 12)
('station:syn-000003', 'org:syn-host-000003', 'talent:syn-intro-000012')
>>> sorted({w.station_year(i) for i in range(64)})[:3]
[2015, 2016, 2017]
>>> sum(w.station_year(i) == 2022 for i in range(64))
12
>>> w.station_partner_free(11), w.station_partner_free(12)
(True, False)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from . import vocab
from .plan import Plan, plan  # noqa: F401  (plan: doctest)
from .rand import AffinePerm, Blocks, Hasher, Weighted, split_exact

# How strongly picks favour hubs (see rand.powerlaw_index): higher = more skew.
ALPHA_STATION = 2.0
ALPHA_OVERSEAS = 2.5
ALPHA_PRESTIGE = 3.0
LAST_YEAR = 2023
DORMANT_BEFORE = 2020  # dormant stations have no activity from this year on


class World:
    def __init__(self, p: Plan, seed: int):
        self.p, self.seed = p, seed
        self.provinces = vocab.PROVINCES[: p.provinces]
        pw = [x[4] for x in self.provinces]
        self.pw = pw
        self.province_pick = Weighted(pw)
        self.st = Blocks(p.stations, pw)
        self.intro = Blocks(p.talents_introduced, pw)
        self.bases = Blocks(p.offshore_bases, pw)
        self.events = Blocks(p.events, pw)
        self.unis = Blocks(p.domestic_universities, pw)
        self.companies = Blocks(p.incubated_companies, pw)
        # every province has at least one city (its first city is the capital)
        city_sizes = [1 + k for k in split_exact(p.cities - p.provinces, pw)]
        self.city_starts = [0, *accumulate(city_sizes)][:-1]
        self.city_sizes = city_sizes
        self.fields = Weighted([f[3] for f in vocab.FIELDS])
        self.fields_overseas_weights = [0.0 if k == vocab.DOMESTIC_ONLY_FIELD else f[3]
                                        for k, f in enumerate(vocab.FIELDS)]
        self.fields_overseas = Weighted(self.fields_overseas_weights)
        self.ov_fields = Blocks(p.overseas_orgs, self.fields_overseas_weights)
        self.countries = Weighted([c[4] for c in vocab.COUNTRIES])
        self.consulate_countries = Weighted(vocab.CONSULATE_WEIGHTS)
        self.host_kinds = Weighted([k[3] for k in vocab.HOST_KINDS])
        self.overseas_kinds = Weighted([k[3] for k in vocab.OVERSEAS_KINDS])
        self.titles = Weighted([t[1] for t in vocab.TALENT_TITLES])
        self.event_kinds = Weighted([k[1] for k in vocab.EVENT_KINDS])
        years = [y for y, _ in vocab.APPROVAL_YEARS]
        per_year = split_exact(p.stations, [n for _, n in vocab.APPROVAL_YEARS])
        self._years, self._year_cum = years, list(accumulate(per_year))
        self._year_perm = AffinePerm(p.stations, b=seed)
        self.h = {t: Hasher(seed, t) for t in (
            "st.field", "st.city", "st.dormant", "st.state", "ov.kind", "ov.country",
            "ov.primary", "host.kind", "amount", "st.funding", "uni.field", "co.field", "base.city",
            "co.city", "uni.city", "intro.station", "intro.org", "talent.country",
        )}
        # disjoint index ranges of names.brand() for the Chinese organisations
        self.brand_offset = {}
        start = 0
        for kind, n in (("host", p.stations), ("uni", p.domestic_universities),
                        ("company", p.incubated_companies), ("platform", p.platforms), ("base", p.offshore_bases)):
            self.brand_offset[kind] = start
            start += n

    # -- ids -------------------------------------------------------------------
    def station_id(self, i: int) -> str:
        return f"station:syn-{i:06d}"

    def host_id(self, i: int) -> str:
        return f"org:syn-host-{i:06d}"

    def overseas_id(self, j: int) -> str:
        return f"org:syn-overseas-{j:06d}"

    def base_id(self, b: int) -> str:
        return f"org:syn-base-{b:06d}"

    def platform_id(self, k: int) -> str:
        return f"org:syn-platform-{k:06d}"

    def uni_id(self, k: int) -> str:
        return f"org:syn-university-{k:06d}"

    def company_id(self, k: int) -> str:
        return f"org:syn-company-{k:06d}"

    def assoc_id(self, c: int) -> str:
        return f"org:syn-association-{self.provinces[c][0]}"

    CAST_ID = "org:syn-cast"

    def talent_id(self, kind: str, i: int) -> str:
        return f"talent:syn-{kind}-{i:06d}"

    def project_id(self, i: int) -> str:
        return f"project:syn-{i:06d}"

    def incubated_id(self, i: int) -> str:
        return f"project:syn-incubated-{i:06d}"

    def consulate_id(self, k: int) -> str:
        return f"consulate:syn-{k:06d}"

    def event_id(self, e: int) -> str:
        return f"event:syn-{e:06d}"

    CHINA_ID = "place:syn-china"

    def country_id(self, k: int) -> str:
        return f"place:syn-country-{vocab.COUNTRIES[k][0]}"

    def province_id(self, c: int) -> str:
        return f"place:syn-province-{self.provinces[c][0]}"

    def city_id(self, k: int) -> str:
        return f"place:syn-city-{k:06d}"

    def field_id(self, f: int) -> str:
        return f"field:syn-{vocab.FIELDS[f][0]}"

    PLAN_ID = "programme:syn-haizhi-plan"
    MECHANISM_ID = "programme:syn-western-mechanism"

    def programme_id(self, c: int) -> str:
        return f"programme:syn-haizhi-{self.provinces[c][0]}"

    def measures_id(self, c: int) -> str:
        return f"programme:syn-measures-{self.provinces[c][0]}"

    # -- places --------------------------------------------------------------
    def city_community(self, k: int) -> int:
        return bisect_right(self.city_starts, k) - 1

    def city_pick(self, c: int, u: float) -> int:
        """A city of province ``c``; the capital (first) most often."""
        return self.city_starts[c] + min(self.city_sizes[c] - 1, int(self.city_sizes[c] * u ** 2.0))

    def city_name(self, k: int) -> tuple[str, str]:
        from .names import brand, mark

        prov = self.provinces[self.city_community(k)]
        b = brand(k)
        return mark(f"{prov[1]}{b[0]}区", f"{b[1]} District, {prov[2]}", k)

    # -- stations ------------------------------------------------------------
    def station_year(self, i: int) -> int:
        r = self._year_perm.at(i)
        return self._years[bisect_right(self._year_cum, r)]

    def station_field(self, i: int) -> int:
        return self.fields.pick(self.h["st.field"](i))

    def station_city(self, i: int) -> int:
        return self.city_pick(self.st.community(i), self.h["st.city"](i))

    def station_partner_free(self, i: int) -> bool:
        """About 1 station in 12 has no overseas partner (a gap)."""
        return i % 12 == 11

    def station_dormant(self, i: int) -> bool:
        """About 12 % of the stations approved before 2020 show no activity since then."""
        return self.station_year(i) < DORMANT_BEFORE and self.h["st.dormant"](i) < 0.12

    def station_state(self, i: int) -> str:
        return "dropped" if self.station_dormant(i) and self.h["st.state"](i) < 0.5 else "active"

    def activity_year(self, i: int, u: float) -> int:
        """A year of activity (partnership, project) of station ``i``."""
        start = self.station_year(i)
        end = DORMANT_BEFORE - 1 if self.station_dormant(i) else LAST_YEAR
        return start + int(u * (end - start + 1))

    # -- organisations ---------------------------------------------------------
    def host_kind(self, i: int) -> int:
        return self.host_kinds.pick(self.h["host.kind"](i))

    def overseas_kind(self, j: int) -> int:
        return self.overseas_kinds.pick(self.h["ov.kind"](j))

    def overseas_country(self, j: int) -> int:
        return self.countries.pick(self.h["ov.country"](j))

    def overseas_field(self, j: int) -> int:
        """Overseas organisations are grouped by field (contiguous index blocks)."""
        return self.ov_fields.community(j)

    def overseas_pick(self, u: float, v: float, alpha: float, field: int | None = None) -> int:
        """An overseas organisation: in ``field`` (else a field drawn by weight),
        the field's hubs first."""
        f = self.fields_overseas.pick(u) if field is None else field
        return self.ov_fields.pick(f, v, alpha)

    def overseas_primary_station(self, j: int) -> int:
        """The station that partners with overseas org ``j`` first (every org has one)."""
        s = int(self.h["ov.primary"](j) * self.p.stations)
        if self.station_partner_free(s):
            s = (s + 1) % self.p.stations
        return s

    def base_community(self, b: int) -> int:
        return self.bases.community(b)

    def uni_field(self, k: int) -> int:
        return self.fields.pick(self.h["uni.field"](k))

    def company_field(self, k: int) -> int:
        return self.fields.pick(self.h["co.field"](k))

    # -- talents -------------------------------------------------------------
    def intro_station(self, t: int) -> int:
        return self.st.pick(self.intro.community(t), self.h["intro.station"](t), ALPHA_STATION)

    def talent_kinds(self) -> list[tuple[str, int, int]]:
        """(kind, count, first person number) for every kind of talent."""
        p = self.p
        out, start = [], 0
        for kind, n in (("intro", p.talents_introduced), ("returnee", p.returnees), ("expert", p.experts),
                        ("head", p.station_heads), ("ambassador", p.ambassadors)):
            out.append((kind, n, start))
            start += n
        return out
