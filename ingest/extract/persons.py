"""Person names: a job title then a family name and one or two more characters
(总经理伏刚, 记者 刘代荣), a name then a title (习近平总书记, 程程教授), a
transliterated name with a middle dot (总领事马克·杜邦), or a jieba person
name followed by a speech verb (杨金明介绍). The given name's length is read
from what follows it: a speech verb, a title, a function word or punctuation.

>>> from ingest.extract.doc import Doc
>>> d = Doc.prepare("该公司总经理伏刚亲自抓海智站工作。首席科学家程程教授说。杨金明介绍,公司很好。")
>>> [(m.name, m.props.get("title"), m.rule) for m in find_persons(d)]
[('伏刚', '总经理', 'person-title'), ('程程', '首席科学家', 'person-title'), ('杨金明', None, 'person-speech')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .doc import Doc
from .model import Mention
from .resources import rules

_CJK = re.compile(r"[\u4e00-\u9fff]")
_FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,5}(?:[·•・][\u4e00-\u9fff]{1,10})+")
SPEECH = ("说", "表示", "介绍", "指出", "强调", "认为", "谈到", "坦言")
RETURNEE = ("海归", "旅美", "旅英", "旅德", "旅日", "旅法", "留学归国", "归国", "留美", "留英")
_BAD_GIVEN_START = set("的了在和与及等是也就都还又被把对向从到为说")


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in rules().titles))


@lru_cache(maxsize=1)
def _after_title_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in rules().titles_after))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    r = rules()
    return frozenset(r.not_given_names) | frozenset(r.org_suffixes) | frozenset(r.programme_suffixes) \
        | frozenset(r.event_suffixes) | frozenset(r.titles)


def _ends_well(doc: Doc, end: int) -> bool:
    """Can a name end at ``end``: punctuation, the end, or a word that follows names?"""
    text = doc.text
    if end >= len(text):
        return True
    nxt = text[end]
    if not _CJK.match(nxt):
        return True
    return text.startswith(rules().after_name, end) or text.startswith(rules().titles_after, end)


def _plausible(doc: Doc, name: str) -> bool:
    if name in _not_names() or name[1:2] in _BAD_GIVEN_START:
        return False
    if not all(_CJK.match(ch) for ch in name):
        return False
    # a frequent dictionary word is not a name (站长沙龙 is no person 沙龙)
    return not doc.is_common_word(name)


def name_after(doc: Doc, p: int) -> tuple[int, int] | None:
    """The Chinese personal name that starts at offset ``p``, if any: ``(start, end)``."""
    text = doc.text
    r = rules()
    m = _FOREIGN.match(text, p)
    if m:
        last_dot = max(m.group().rfind(d) for d in "·•・") + m.start()
        for end in range(last_dot + 2, m.end() + 1):
            if _ends_well(doc, end):
                return m.start(), end
        return None
    for sl in (2, 1):
        sur = text[p:p + sl]
        if len(sur) < sl or sur not in r.surnames:
            continue
        ok = [g for g in (2, 1) if _ends_well(doc, p + sl + g) and _plausible(doc, text[p:p + sl + g])]
        if not ok:
            continue
        g = ok[0]
        # 主任张三在: prefer the short name when the third character is itself a word that follows names
        if g == 2 and 1 in ok and text[p + sl + 1] in "在和与及等说为是也就对向从到赴率摄的":
            g = 1
        return p, p + sl + g
    return None


def _returnee(doc: Doc, start: int) -> bool:
    """Is the person called a returnee (海归, 旅美学者 ...) in the clause before the name?"""
    s = doc.sentence_of(start)
    clause = re.split(r"[,，;；。]", doc.text[s.start:start])[-1]
    return any(w in clause for w in RETURNEE)


def find_persons(doc: Doc) -> list[Mention]:
    """Person mentions, each with the title that introduced it (``props['title']``)
    and, in ``info['title_span']``, where that title is (for WORKS_AT)."""
    text = doc.text
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for m in _title_re().finditer(text):
        if not doc.is_boundary(m.end()):
            continue  # 领事 inside 总领事馆
        p = m.end()
        if text[p:p + 1] in (" ", "\u3000"):
            p += 1
        span = name_after(doc, p)
        if span is None or span in seen:
            continue
        seen.add(span)
        s, e = span
        props: dict = {"title": m.group()}
        if _returnee(doc, m.start()):
            props["returnee"] = True
        out.append(Mention("Talent", text[s:e], s, e, "person-title", 0.9, props=props,
                           info={"title_span": (m.start(), m.end())}))
    for m in _after_title_re().finditer(text):
        if m.group() == "博士" and text.startswith("博士后", m.start()):
            continue
        for n in (3, 2, 4):
            s = m.start() - n
            if s < 0 or (s, m.start()) in seen or not doc.is_boundary(s):
                continue
            name = text[s:m.start()]
            k = doc.token_index(s)
            flags = {t.flag for t in doc.tokens[k:doc.token_index(m.start() - 1) + 1]}
            if name[:1] in rules().surnames or name[:2] in rules().surnames:
                if flags & {"nr", "nrfg", "nrt"} and _plausible(doc, name) and \
                        not any(o.start <= s < o.end for o in out):
                    seen.add((s, m.start()))
                    out.append(Mention("Talent", name, s, m.start(), "person-title-after", 0.85,
                                       props={"title": m.group()},
                                       info={"title_after_span": (m.start(), m.end())}))
                    break
    toks = doc.tokens
    for i, t in enumerate(toks):
        if not t.flag.startswith("nr"):
            continue
        s, e = t.start, t.end
        if len(t.word) == 1 and i + 1 < len(toks) and toks[i + 1].flag.startswith("nr") and toks[i + 1].start == e:
            e = toks[i + 1].end  # 杨/nr 金明/nr
        name = text[s:e]
        if not (2 <= len(name) <= 3) or not text.startswith(SPEECH, e):
            continue
        if name[:1] not in rules().surnames or not _plausible(doc, name):
            continue
        if any(o.start <= s < o.end for o in out) or (s, e) in seen:
            continue
        seen.add((s, e))
        out.append(Mention("Talent", name, s, e, "person-speech", 0.65))
    out.sort(key=lambda m: m.start)
    return out

