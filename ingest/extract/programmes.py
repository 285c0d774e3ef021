"""Programmes (plans, mechanisms, policies, networks) and events (meetings,
forums, signings) by their written form: 《book titles》, “quoted names”
ending with a programme or event word, a quoted name followed by an event
word (“…行动”启动暨…会议), and unquoted names ending with such a word
(加强海智工作站建设三年行动计划, 2024年度重庆海智工作站评审会).

>>> from ingest.extract.doc import Doc
>>> d = Doc.prepare("2020年,市科协印发了《重庆海智工作站建设管理办法》。开展“青智结对计划”,不定期举办站长沙龙。")
>>> [(m.label, m.name, m.props["kind"]) for m in find_programmes(d)]
[('Programme', '重庆海智工作站建设管理办法', 'policy'), ('Programme', '青智结对计划', 'programme'), ('Event', '站长沙龙', 'meeting')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .doc import Doc
from .model import Mention
from .names import EVENT, PROGRAMME, has_proper_part, walk_left
from .resources import longest_first, rules

_BOOK = re.compile(r"《([^《》\n]{2,40})》")
_QUOTE = re.compile(r"“([^“”\n]{2,30})”")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{1,6}[)）]$")
NOUNS = ("n", "vn", "nz", "ng", "an")
ORGANIZE = ("举办", "召开", "举行", "组织", "主办", "承办")


@lru_cache(maxsize=1)
def _suffix_re(table: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in longest_first(getattr(rules(), table))))


def _kind(table: str, name: str) -> str | None:
    sk = rules().suffix_kind(table, _TRAILING_NOTE.sub("", name))
    return sk[1] if sk else None


def event_kind(name: str) -> str:
    """launch / signing / the suffix's kind (meeting ...).

    >>> event_kind("“西部地区海智计划协同发展行动”启动暨协作机制第一次会议"), event_kind("工作协议签字仪式")
    ('launch', 'signing')
    """
    if "启动" in name or "揭牌" in name:
        return "launch"
    if "签字" in name or "签约" in name or "签署" in name:
        return "signing"
    return _kind("event_suffixes", name) or "other"


def _event_date(doc: Doc, start: int) -> dict:
    i = doc.sentence_index(start)
    if i < 0:
        return {}
    ds = [d for d in doc.dates_in(i) if d.start < start and d.iso]
    if not ds:
        return {}
    d = ds[0]
    return {"date": d.iso, **({"end_date": d.end_iso} if d.end_iso else {})}


def find_programmes(doc: Doc) -> list[Mention]:
    """Programme and Event mentions (see the module doc)."""
    text = doc.text
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(label: str, s: int, e: int, rule: str, conf: float, kind: str, name: str | None = None) -> None:
        props: dict = {"kind": kind}
        if label == "Event":
            props.update(_event_date(doc, s))
        out.append(Mention(label, text[s:e], s, e, rule, conf, name=name or text[s:e], props=props))
        taken.append((s, e))

    for m in _BOOK.finditer(text):
        name = m.group(1)
        add("Programme", m.start(1), m.end(1), "programme-book-title", 0.9,
            _kind("programme_suffixes", name) or "policy")
    for m in _QUOTE.finditer(text):
        name = m.group(1)
        tail = re.match(r"[\u4e00-\u9fff]{1,15}", text[m.end():m.end() + 15])
        ev = None
        if tail:
            ev = next(iter(_suffix_re("event_suffixes").finditer(tail.group())), None)
        if ev is not None:
            add("Event", m.start(), m.end() + ev.end(), "event-quoted", 0.85,
                event_kind(text[m.start():m.end() + ev.end()]))
        kind = _kind("programme_suffixes", name)
        if kind:
            add("Programme", m.start(1), m.end(1), "programme-quoted", 0.9, kind)
        elif _kind("event_suffixes", name):
            add("Event", m.start(1), m.end(1), "event-quoted", 0.85, event_kind(name))
        elif tail and ev is None:
            ps = re.match(r"[\u4e00-\u9fff]{0,4}?(" + _suffix_re("programme_suffixes").pattern + ")", tail.group())
            if ps:
                e = m.end() + ps.end()
                add("Programme", m.start(), e, "programme-quoted", 0.8,
                    _kind("programme_suffixes", text[m.start():e]) or "mechanism")

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    found: list[tuple[int, int, str, str, str]] = []
    for label, table, how, rule in (("Event", "event_suffixes", EVENT, "event-suffix"),
                                    ("Programme", "programme_suffixes", PROGRAMME, "programme-suffix")):
        for m in _suffix_re(table).finditer(text):
            ss, se = m.start(), m.end()
            if not (doc.is_boundary(se) or se == len(text)) or not free(ss, se):
                continue
            k = doc.token_index(se)
            if 0 <= k < len(doc.tokens) and doc.tokens[k].start == se and doc.tokens[k].flag in NOUNS:
                continue  # 制度设计: the word goes on, it does not end a name
            start = walk_left(doc, ss, how)
            if ss - start < 2 or not free(start, se):
                continue
            organized = label == "Event" and text[max(0, start - 2):start] in ORGANIZE
            if not (organized or has_proper_part(doc, start, ss) or re.search(r"\d{4}", text[start:ss])):
                continue
            found.append((start, se, label, rule, _kind(table, text[start:se]) or "other"))
    for start, se, label, rule, kind in found:
        if any(o[0] <= start and se < o[1] for o in found):
            continue  # 西部地区海智计划 inside 西部地区海智计划协同发展行动
        add(label, start, se, rule, 0.75 if label == "Programme" else 0.7,
            event_kind(text[start:se]) if label == "Event" else kind)
    return out
