"""jieba word segmentation with a user dictionary built from the graph's names,
the place list and the rule words (suffixes such as 有限公司、研究院、大学、医院、
领事馆、工作站 and job titles), so that known names and suffixes come out as
single tokens. Tokens carry their character offsets.

>>> tok = tokenizer({"nt": ["澳龙生物"]})
>>> [(t.word, t.flag, t.start) for t in tokenize(tok, "重庆澳龙生物有限公司")]
[('重庆', 'ns', 0), ('澳龙生物', 'nt', 2), ('有限公司', 'sfx', 6)]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from .resources import places, rules

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Token:
    word: str
    flag: str
    start: int
    end: int


def rule_words() -> dict[str, tuple[str, ...]]:
    """User-dictionary words from the rule lists, by the tag they get."""
    r = rules()
    return {
        "sfx": tuple(r.org_suffixes) + r.station_suffixes + r.consulate_suffixes,
        "psfx": tuple(r.programme_suffixes),
        "esfx": tuple(r.event_suffixes),
        "title": r.titles,
        "ns": tuple(places()),
    }


def tokenizer(tagged: dict[str, Iterable[str]] | None = None) -> jieba.posseg.POSTokenizer:
    """A jieba POS tokenizer whose user dictionary holds the rule words and the
    ``tagged`` names (tag -> names, e.g. the graph's names by label). Cached:
    the same names give the same tokenizer."""
    frozen = tuple((tag, tuple(sorted(set(ws)))) for tag, ws in sorted((tagged or {}).items()))
    return _build(frozen)


@lru_cache(maxsize=4)
def _build(tagged: tuple[tuple[str, tuple[str, ...]], ...]) -> jieba.posseg.POSTokenizer:
    base = jieba.Tokenizer()
    base.initialize()
    words: dict[str, str] = {}
    for tag, ws in rule_words().items():
        for w in ws:
            words[w] = tag
    for tag, ws in tagged:
        for w in ws:
            if 2 <= len(w) <= 40 and not any(ch.isspace() for ch in w):
                words[w] = tag
    base_freq = {w: base.FREQ.get(w, 0) for w in words}
    for w, tag in words.items():
        # a frequency high enough that the word is kept whole
        base.add_word(w, freq=max(base.suggest_freq(w, False), 2000), tag=tag)
    pos = jieba.posseg.POSTokenizer(base)
    pos.dictionary_freq = base_freq  # type: ignore[attr-defined]  # frequencies before our words
    return pos


def tokenize(tok: jieba.posseg.POSTokenizer, text: str) -> list[Token]:
    """Tokens of ``text`` with offsets (whitespace tokens are kept, tagged 'x')."""
    out: list[Token] = []
    pos = 0
    for pair in tok.cut(text, HMM=True):
        w, f = pair.word, pair.flag
        out.append(Token(w, f, pos, pos + len(w)))
        pos += len(w)
    return out
