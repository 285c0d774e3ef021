"""Relationship rules over one sentence at a time: each rule reads the mentions
and the words between them and proposes a relationship between two mentions
(resolved to entities later). Types come from the schema; a rule may also add
mentions the text implies (a dated visit becomes an Event; a person heading
his company's 海智工作站 implies that station).

>>> from ingest.extract.pipeline import extract_text
>>> x = extract_text("2021年初,海归学者张效初博士在重庆注册成立了重庆效隆神思科技发展有限公司。")
>>> x.triples("FOUNDED")
[('FOUNDED', '张效初', '重庆效隆神思科技发展有限公司')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .doc import Doc
from .model import Mention, RelCandidate, outermost
from .resources import rules
from .stations import CITY_ABBREV, coreferent_org, COREF

ACTORS = ("Organization", "Station")
SEPARATORS = ("、", "和", "及", "与", "以及", ",", "，")
_CLAUSE_END = re.compile(r"[,，;；:：。]")


class Ctx:
    """The article and its mentions, with position look-ups."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.text = doc.text
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.new: list[Mention] = []
        self.rels: list[RelCandidate] = []

    def of(self, labels: Iterable[str], start: int, end: int, nested: bool = False) -> list[Mention]:
        labels = tuple(labels)
        return [m for m in self.mentions if m.label in labels and start <= m.start and m.end <= end
                and (nested or not m.nested)]

    def ending_at(self, labels: Iterable[str], pos: int) -> Mention | None:
        ms = [m for m in self.of(labels, 0, pos, nested=True) if m.end == pos]
        return max(ms, key=lambda m: (not m.nested, m.end - m.start, m.confidence)) if ms else None

    def starting_at(self, labels: Iterable[str], pos: int, slack: int = 0) -> Mention | None:
        ms = [m for m in self.mentions if m.label in tuple(labels) and pos <= m.start <= pos + slack]
        return min(ms, key=lambda m: (m.start, -(m.end - m.start))) if ms else None

    def add(self, rtype: str, src: Mention, dst: Mention, rule: str, conf: float, sent_i: int,
            props: dict | None = None, note: str = "") -> None:
        s = self.doc.sentences[sent_i]
        self.rels.append(RelCandidate(rtype, src, dst, rule, conf, s.start, s.end,
                                      {k: v for k, v in (props or {}).items() if v is not None}, note))

    def mention(self, m: Mention) -> Mention:
        self.new.append(m)
        self.mentions.append(m)
        return m

    def clause_start(self, pos: int, floor: int) -> int:
        cut = [m.end() for m in _CLAUSE_END.finditer(self.text, floor, pos)]
        return cut[-1] if cut else floor

    def year(self, sent_i: int) -> int | None:
        d = self.doc.recent_date(sent_i)
        return d.year if d else None


def coordinated_before(ctx: Ctx, labels: Iterable[str], end: int, floor: int,
                       gap: str = r"(?:联合|共同)?") -> list[Mention]:
    """The list of mentions A、B和C that ends right before ``end`` (``gap`` allowed)."""
    labels = tuple(labels)
    ms = [m for m in ctx.of(labels, floor, end) if re.fullmatch(gap, ctx.text[m.end:end])]
    if not ms:
        return []
    last = max(ms, key=lambda m: (m.end, m.end - m.start))
    if any(m.rule == "org-coordinated" for m in ms if m.end == last.end):
        return [m for m in ms if m.end == last.end and m.rule == "org-coordinated"]
    group = [last]
    for m in sorted(outermost(ctx.of(labels, floor, last.start)), key=lambda m: -m.end):
        if ctx.text[m.end:group[0].start] in SEPARATORS:
            group.insert(0, m)
        elif m.end < group[0].start - 6:
            break
    return group


# --- rules -----------------------------------------------------------------------------

def hosts(ctx: Ctx) -> None:
    """A station and its host organisation."""
    for m in [m for m in ctx.mentions if m.label == "Station" and m.info.get("host") is not None]:
        i = ctx.doc.sentence_index(m.start)
        ctx.add("HOSTS", m.info["host"], m, m.rule, m.confidence, i)


def approvals(ctx: Ctx) -> None:
    """在A、B……设立海智工作站 after 审批同意/批准: APPROVED_BY with the year."""
    verbs = rules().verbs["approve"]
    for m in [m for m in ctx.mentions if m.rule == "station-enumerated"]:
        i = ctx.doc.sentence_index(m.start)
        s = ctx.doc.sentences[i]
        host = m.info["host"]
        seg = ctx.text[s.start:host.start]
        at = max((seg.rfind(v) for v in verbs), default=-1)
        if at < 0:
            continue
        approver = [o for o in ctx.of(["Organization"], s.start, s.start + at)]
        if not approver:
            continue
        year = ctx.year(i)
        if year:
            m.props["approved_year"] = year
        ctx.add("APPROVED_BY", m, approver[-1], "approval", 0.85, i, {"year": year})


def _title_start(ctx: Ctx, ts: int) -> int:
    for p in rules().title_prefixes:
        if ctx.text.endswith(p, 0, ts):
            return ts - len(p)
    return ts


def jobs(ctx: Ctx) -> None:
    """ORG + title + person (also a chain 甲中心主任、乙中心专家委员会主任某某, and 该公司总经理某某)."""
    head = rules().head_titles
    for p in [m for m in ctx.mentions if m.label == "Talent" and "title_span" in m.info]:
        ts, te = p.info["title_span"]
        title = ctx.text[ts:te]
        i = ctx.doc.sentence_index(p.start)
        floor = ctx.doc.sentences[i].start if i >= 0 else 0
        pairs: list[tuple[Mention, str, str, float]] = []
        while True:
            t0 = _title_start(ctx, ts)
            org = ctx.ending_at(("Organization", "Consulate"), t0)
            rule, conf = "job-title", 0.85
            if org is None:
                for word in sorted(COREF, key=len, reverse=True):
                    if ctx.text.endswith(word, 0, t0):
                        org, rule, conf = coreferent_org(ctx.doc, [m for m in ctx.mentions if m.label == "Organization"],
                                                         word, t0 - len(word)), "job-title-coreference", 0.7
                        break
            if org is None:
                break
            pairs.append((org, ctx.text[t0:te] if t0 != ts else title, rule, conf))
            # 甲中心主任、乙中心专家委员会主任史浩飞: the title before 、 belongs to the same person
            if org.start - 1 >= floor and ctx.text[org.start - 1] == "、":
                prev = [t for t in rules().titles if ctx.text.endswith(t, 0, org.start - 1)]
                if prev:
                    te, ts = org.start - 1, org.start - 1 - len(prev[0])
                    title = prev[0]
                    continue
            break
        for org, t, rule, conf in pairs:
            ctx.add("WORKS_AT", p, org, rule, conf, i, {"title": t})
            if t in head:
                ctx.add("HEADS", p, org, rule, conf - 0.05, i, {"role": t})
            p.info.setdefault("orgs", []).append(org)


def _station_of(ctx: Ctx, org: Mention, at: int, end: int) -> Mention:
    for m in ctx.mentions:
        if m.label == "Station" and m.info.get("host") is org:
            return m
    st = ctx.mention(Mention("Station", ctx.text[at:end], at, end, "station-of-head", 0.7, info={"host": org},
                             note="the station of the person's organisation (the text names it 海智工作站)"))
    ctx.add("HOSTS", org, st, "station-of-head", 0.7, ctx.doc.sentence_index(at))
    return st


_STATION_WORD = re.compile(r"海智(?:工作)?站")


def heads(ctx: Ctx) -> None:
    """Who heads a station: 某某担任(X)海智工作站负责人/站长, X海智工作站由某某负责,
    某某亲自抓海智站工作."""
    text = ctx.text
    for i, s in enumerate(ctx.doc.sentences):
        persons = ctx.of(["Talent"], s.start, s.end)
        for p in persons:
            after = text[p.end:s.end]
            m = re.match(r"(?:教授|博士|院士)?(担任|出任|兼任)([^,，。;；]{0,40}?)(海智(?:工作)?站)(站长|负责人|主任)", after)
            m2 = re.match(r"(?:教授|博士)?(?:亲自)?(抓|负责|主抓|分管)[^,，。;；]{0,4}?(海智(?:工作)?站)", after)
            if m:
                st_end = p.end + m.end(3)
                st = ctx.ending_at(["Station"], st_end)
                role = m.group(4)
                if st is None:
                    orgs = p.info.get("orgs") or []
                    if not orgs:
                        continue
                    st = _station_of(ctx, orgs[-1], p.end + m.start(3), st_end)
                ctx.add("HEADS", p, st, "heads-station", 0.85, i, {"role": role})
            elif m2:
                orgs = p.info.get("orgs") or []
                if not orgs:
                    continue
                st = _station_of(ctx, orgs[-1], p.end + m2.start(2), p.end + m2.end(2))
                ctx.add("HEADS", p, st, "heads-station", 0.75, i, {"role": "负责人"})
        for st in ctx.of(["Station"], s.start, s.end, nested=True):
            m = re.match(r"由([^,，。;；]{0,20}?)负责", text[st.end:s.end])
            if not m:
                continue
            ps = ctx.of(["Talent"], st.end, st.end + m.end())
            if ps:
                ctx.add("HEADS", ps[-1], st, "heads-station", 0.8, i, {})


def founded(ctx: Ctx) -> None:
    """某某(在X)创办了/注册成立了ORG."""
    verbs = "|".join(rules().verbs["found"])
    for i, s in enumerate(ctx.doc.sentences):
        for v in re.finditer(rf"(?:{verbs})了?", s.text):
            at, end = s.start + v.start(), s.start + v.end()
            org = ctx.starting_at(["Organization"], end, slack=1)
            persons = ctx.of(["Talent"], s.start, at)
            if org is None or not persons or org.start > end + 1:
                continue
            d = ctx.doc.recent_date(i)
            ctx.add("FOUNDED", persons[-1], org, "founded", 0.8, i, {"year": d.year if d else None})


def partners(ctx: Ctx) -> None:
    """X与A、B(等)建立了合作关系 / 签订合作协议 / 合作开展."""
    verbs = "|".join(re.escape(v) for v in rules().verbs["cooperate"])
    orgs = [m for m in ctx.mentions if m.label == "Organization"]
    for i, s in enumerate(ctx.doc.sentences):
        for v in re.finditer(verbs, s.text):
            at = s.start + v.start()
            yu = ctx.text.rfind("与", s.start, at)
            if yu < 0:
                continue
            between = ctx.text[yu + 1:at]
            ps = [m for m in ctx.of(("Organization", "Consulate"), yu + 1, at)]
            if not ps:
                for word in sorted(COREF, key=len, reverse=True):
                    if between.startswith(word):
                        o = coreferent_org(ctx.doc, orgs, word, yu)
                        if o is not None:
                            ps = [o]
                        break
            if not ps:
                continue
            subj = None
            for lab in (["Station"], ["Organization"]):
                cands = [m for m in ctx.of(lab, s.start, yu, nested=False)
                         if re.fullmatch(r"[已也还并均都先后已经正]{0,4}", ctx.text[m.end:yu])]
                if cands:
                    subj = cands[-1]
                    break
            if subj is None:
                cands = [m for m in ctx.of(["Organization"], s.start, yu)]
                subj = cands[-1] if cands else None
            if subj is None:
                continue
            for p in ps:
                if p is not subj:
                    ctx.add("PARTNERS_WITH", subj, p, "partners", 0.8, i)


def consulates(ctx: Ctx) -> None:
    """A consulate represents its country and is located in its city."""
    places = [m for m in ctx.mentions if m.label == "Place"]
    for c in [m for m in ctx.mentions if m.label == "Consulate"]:
        i = ctx.doc.sentence_index(c.start)
        for key, rtype in (("country_span", "REPRESENTS"), ("city_span", "LOCATED_IN")):
            if key not in c.info:
                continue  # a consulate known by name only
            a, b = c.info[key]
            pl = next((p for p in places if p.start == a and p.end == b), None)
            if pl is None and key == "city_span" and ctx.text[a:b] in CITY_ABBREV:
                pl = ctx.mention(Mention("Place", ctx.text[a:b], a, b, "place-abbreviation", 0.8,
                                         name=CITY_ABBREV[ctx.text[a:b]]))
            if pl is not None:
                ctx.add(rtype, c, pl, "consulate", 0.9, i)


def members(ctx: Ctx) -> None:
    """A、B……等N个科协负责人签署了“…机制”: each signatory is a member."""
    verbs = "|".join(rules().verbs["join"])
    for i, s in enumerate(ctx.doc.sentences):
        for v in re.finditer(rf"(?:{verbs})了?“?", s.text):
            end = s.start + v.end()
            prog = ctx.starting_at(["Programme"], end, slack=1)
            if prog is None or prog.props.get("kind") not in ("mechanism", "network", "programme"):
                continue
            floor = ctx.clause_start(s.start + v.start(), s.start)
            ms = [m for m in ctx.of(["Organization"], floor, s.start + v.start())]
            coord = [m for m in ms if m.rule == "org-coordinated"]
            for m in coord or ms:
                ctx.add("MEMBER_OF", m, prog, "member", 0.8, i)


def issued(ctx: Ctx) -> None:
    """A、B联合印发了《…》: each issued the policy, with the year."""
    verbs = "|".join(rules().verbs["issue"])
    for p in [m for m in ctx.mentions if m.rule == "programme-book-title"]:
        i = ctx.doc.sentence_index(p.start)
        s = ctx.doc.sentences[i]
        m = re.search(rf"({verbs})了?《$", ctx.text[s.start:p.start])
        if not m:
            continue
        vat = s.start + m.start()
        floor = ctx.clause_start(vat, s.start)
        orgs = coordinated_before(ctx, ["Organization"], vat, floor)
        if not orgs:
            near = ctx.of(["Organization"], floor, vat)
            orgs = near[-1:] or ctx.of(["Organization"], s.start, vat)[:1]
        year = ctx.year(i) if ctx.doc.dates_in(i) else None
        for o in orgs:
            ctx.add("ISSUED", o, p, "issued", 0.8, i, {"year": year})


def events(ctx: Ctx) -> None:
    """ORG举办/召开EVENT; EVENT由A和B主办; EVENT在PLACE召开/举行."""
    org_verbs = "|".join(rules().verbs["organize"])
    held = "|".join(rules().verbs["held"])
    evs = [m for m in ctx.mentions if m.label == "Event"]
    for e in evs:
        i = ctx.doc.sentence_index(e.start)
        s = ctx.doc.sentences[i]
        before = ctx.text[s.start:e.start]
        m = re.search(rf"({org_verbs})“?$", before)
        if m:
            subj = ctx.of(["Organization"], s.start, s.start + m.start())
            if subj:
                ctx.add("ORGANIZED", subj[0], e, "organized", 0.8, i)
        m = re.match(rf"”?在([^,，。]{{1,20}}?)({held})", ctx.text[e.end:s.end])
        if m:
            at = ctx.of(("Place", "Organization", "Station"), e.end + m.start(1), e.end + m.end(1), nested=True)
            if at:
                ctx.add("HELD_AT", e, max(at, key=lambda x: (x.end, x.start)), "held-at", 0.8, i)
    for i, s in enumerate(ctx.doc.sentences):
        m = re.search(rf"由(.{{2,40}}?)(?:联合|共同)?({org_verbs})", s.text)
        if not m:
            continue
        host_end = s.start + m.start(2)
        orgs = [o for o in ctx.of(["Organization"], s.start + m.start(1), host_end)]
        ev = [e for e in evs if e.end <= s.start + m.start()]
        if not orgs or not ev:
            continue
        e = max(ev, key=lambda e: e.end)
        if ctx.doc.sentence_index(e.start) < i - 2:
            continue
        for o in orgs:
            ctx.add("ORGANIZED", o, e, "organized-by", 0.75, i)


_GO = re.compile(r"(前往|来到|走进|深入|到|赴)")
_VISIT = re.compile(r"(调研|考察|参观|走访|视察|访问)")


def visits(ctx: Ctx) -> None:
    """A dated visit: 日期,ORG……前往/到 X 调研 (or 某某视察重庆) becomes an Event of kind
    visit: ORGANIZED by the visiting organisation, HELD_AT the place visited."""
    for i, s in enumerate(ctx.doc.sentences):
        dates = [d for d in ctx.doc.dates_in(i) if d.iso]
        if not dates:
            continue
        date = dates[0]
        for g in _GO.finditer(s.text):
            gat, gend = s.start + g.start(), s.start + g.end()
            target = ctx.starting_at(("Station", "Organization", "Place"), gend, slack=0)
            if target is None:
                continue
            ends = [m for m in ctx.mentions if m.start == target.start and m.label in ("Station", "Organization")]
            target = max(ends or [target], key=lambda m: m.end)
            v = _VISIT.match(ctx.text, target.end) or _VISIT.match(ctx.text, target.end + 1)
            if not v:
                continue
            visitors = ctx.of(("Organization", "Consulate"), s.start, gat)
            if not visitors:
                continue
            visitor = visitors[0]
            name = f"{visitor.name}赴{target.text}{v.group()}"
            ev = ctx.mention(Mention("Event", ctx.text[visitor.start:v.end()], visitor.start, v.end(), "visit", 0.8,
                                     name=name, props={"kind": "visit", "date": date.iso}))
            rtype = "ORGANIZED" if visitor.label in ("Organization", "Station") else "PARTICIPATED_IN"
            ctx.add(rtype, visitor, ev, "visit", 0.8, i)
            for p in ctx.of(["Talent"], visitor.start, gat):
                ctx.add("PARTICIPATED_IN", p, ev, "visit", 0.75, i)
            ctx.add("HELD_AT", ev, target, "visit", 0.8, i)
            break
        for p in ctx.of(["Talent"], s.start, s.end):
            m = re.match(r"[\u4e00-\u9fff]{0,4}?(视察|考察|访问)", ctx.text[p.end:s.end])
            if not m:
                continue
            place = ctx.starting_at(("Place", "Organization", "Station"), p.end + m.end(), slack=0)
            if place is None:
                continue
            ev = ctx.mention(Mention("Event", ctx.text[p.start:place.end], p.start, place.end, "visit", 0.75,
                                     props={"kind": "visit", "date": date.iso}))
            ctx.add("PARTICIPATED_IN", p, ev, "visit", 0.75, i)
            ctx.add("HELD_AT", ev, place, "visit", 0.75, i)


RULES = (hosts, approvals, jobs, heads, founded, partners, consulates, members, issued, events, visits)


def find_relations(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[RelCandidate]]:
    """Run every rule; return the mentions the rules added and the relationship candidates."""
    ctx = Ctx(doc, mentions)
    for rule in RULES:
        rule(ctx)
    return ctx.new, ctx.rels
