"""Where does a name end on its left? Given the offset where a suffix (有限公司,
研究院, 计划 ...) starts, walk left over jieba tokens until a token that cannot
be part of a name: punctuation, a function word (在, 与, 由 ...), a verb that
introduces a name (设立, 前往 ...), a pronoun, a number. Brackets such as
(中国) and a dash joining two names (重庆邮电大学—伦敦布鲁内尔大学) stay inside.

>>> from ingest.extract.doc import Doc
>>> d = Doc.prepare("审批同意在林同国际工程咨询(中国)有限公司设立")
>>> s = d.text.index("有限公司")
>>> d.text[walk_left(d, s, ORG):s]
'林同国际工程咨询(中国)'
"""

from __future__ import annotations

from dataclasses import dataclass

from .doc import Doc
from .resources import rules

PUNCT = set("、,，。:：;；!！?？“”\"'‘’《》「」『』<>〈〉[]【】…·•/\\|~～%％#＃&@*+=　 \t\n")
OPEN, CLOSE = "(（", ")）"
DASHES = "—–"
_TIME_CHARS = set("年月日时今昨明前后初末底上")
_MEASURE_CHARS = set("个家名所次位项批条地套")
_NUMERALS = set("一二两三四五六七八九十百千几多数各每首")


@dataclass(frozen=True)
class WalkRules:
    stop_flags: frozenset[str]
    extra_stops: frozenset[str] = frozenset()
    allow_numbers: bool = False
    allow_titles: bool = False
    dash: bool = False
    max_chars: int = 32
    unknown_ok: bool = False  # a word jieba does not know never stops the walk (再升)


_FUNCTION_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o", "r", "q"})
ORG = WalkRules(stop_flags=_FUNCTION_FLAGS, dash=True)
_LEAD_VERBS = frozenset({"实施", "开展", "建好", "用好", "管好", "完善", "打造", "建立", "推动", "启动", "发起",
                         "策划", "参加", "召开", "举办", "举行", "组织", "成立", "组建"})
# programme names may start with a verb such as 加强 (加强海智工作站建设三年行动计划)
PROGRAMME = WalkRules(stop_flags=_FUNCTION_FLAGS, allow_numbers=True, allow_titles=True,
                      extra_stops=_LEAD_VERBS | {"好"})
EVENT = WalkRules(stop_flags=_FUNCTION_FLAGS, allow_numbers=True, allow_titles=True,
                  extra_stops=_LEAD_VERBS | {"加强"})
SHORT_HOST = WalkRules(stop_flags=_FUNCTION_FLAGS | {"v", "vn", "d", "a", "ad", "m", "t", "f", "ns", "s"},
                       max_chars=8, unknown_ok=True)


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or (len(word) <= 3 and word[-1] in _MEASURE_CHARS)


def stops(doc: Doc, i: int, how: WalkRules) -> bool:
    """True when token ``i`` cannot be part of a name (under ``how``)."""
    t = doc.tokens[i]
    w = t.word
    if not w.strip() or any(ch in PUNCT for ch in w) or (w in OPEN):
        return True
    stop_words = rules().left_stops | how.extra_stops
    if w in stop_words or any(w[-n:] in stop_words for n in (2, 3) if len(w) > n):
        return True  # 专程前往 ends with 前往
    if t.flag in how.stop_flags and not (how.unknown_ok and doc.is_unknown_word(w)):
        return True
    if len(w) <= 3 and w[0] in _NUMERALS and w[-1] in _MEASURE_CHARS:
        return True  # 两地, 三家 (whatever jieba tags them)
    if t.flag == "title" and not how.allow_titles:
        return True
    if not how.allow_numbers:
        if t.flag == "m" and _is_number(w):
            return True
        if t.flag == "t" and (any(ch in _TIME_CHARS for ch in w) or any(ch.isdigit() for ch in w)):
            return True
    if t.flag == "x" and not any("\u4e00" <= ch <= "\u9fff" for ch in w):
        return True
    return False


def _ends_with_org_suffix(word: str) -> bool:
    return any(word.endswith(s) for s in rules().org_suffixes)


def walk_left(doc: Doc, suffix_start: int, how: WalkRules) -> int:
    """Offset where the name whose suffix starts at ``suffix_start`` begins."""
    k = doc.token_index(suffix_start)
    if k < 0:
        return suffix_start
    start = suffix_start
    tokens = doc.tokens
    floor = doc.sentence_of(suffix_start).start  # names do not cross sentences
    if tokens[k].start < suffix_start:  # the suffix ends a longer token (肿瘤医院): keep its head
        start = tokens[k].start
    i = k - 1
    while i >= 0:
        t = tokens[i]
        if suffix_start - t.start > how.max_chars or t.start < floor or t.end != start:
            break
        if t.word in CLOSE:
            j = i - 1
            while j >= 0 and tokens[j].word not in OPEN and t.start - tokens[j].start <= 12 \
                    and tokens[j].word not in CLOSE and not any(ch in PUNCT for ch in tokens[j].word):
                j -= 1
            if j >= 0 and tokens[j].word in OPEN and j < i - 1:
                start, i = tokens[j].start, j - 1
                continue
            break
        if how.dash and t.word in DASHES and i > 0 and _ends_with_org_suffix(tokens[i - 1].word):
            start, i = t.start, i - 1
            continue
        if stops(doc, i, how):
            break
        start, i = t.start, i - 1
    return start


PROPER_FLAGS = ("ns", "nr", "nrt", "nrfg", "nz", "nt", "eng", "j", "nw")
STRICT_FLAGS = ("ns", "nr", "nrt", "nrfg", "nt", "eng", "j")


def has_proper_part(doc: Doc, start: int, end: int, extra: tuple[str, ...] = (),
                    flags: tuple[str, ...] = PROPER_FLAGS) -> bool:
    """Does ``text[start:end]`` hold something name-like: a place, a person or
    organisation name, a word jieba does not know, an abbreviation, a bracket,
    Latin letters, or one of ``extra`` (domain words)?"""
    if start >= end:
        return False
    part = doc.text[start:end]
    if any(w in part for w in (*extra, *rules().domain_words)):
        return True
    if any(ch in OPEN for ch in part) or any(ch.isascii() and ch.isalpha() for ch in part):
        return True
    if any(h.entry.label in ("Place", "Organization", "Talent") for h in doc.hits_in(start, end)):
        return True
    k = max(doc.token_index(start), 0)
    while k < len(doc.tokens) and doc.tokens[k].start < end:
        t = doc.tokens[k]
        if t.start >= start and t.end <= end:
            if t.flag in flags:
                return True
            if any("\u4e00" <= ch <= "\u9fff" for ch in t.word) and doc.is_unknown_word(t.word):
                return True
        elif t.flag in ("nt", "nz", "ns"):  # a known name that runs past the part (哈佛大学医学院)
            return True
        k += 1
    return False
