"""Two baselines to measure the extractor against (organisations, persons, places):

* ``jieba-pos``: plain jieba part-of-speech tags, nt -> Organization,
  nr/nrfg/nrt -> Talent, ns -> Place (jieba's own dictionary, no user words).
* ``suffix``: the longest run of Chinese characters that ends with an
  organisation suffix (有限公司, 大学, 研究院 … from ``data/rules.yaml``), cut after
  the last function word (在, 与, 和 …); persons and places as in jieba-pos.

>>> sorted(e.name for e in suffix_baseline("与重庆大学合作。").entities if e.label == "Organization")
['重庆大学']
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
import jieba.posseg

from .model import Entity, Extraction, Mention
from .resources import longest_first, rules

_TAGS = {"nt": "Organization", "nr": "Talent", "nrfg": "Talent", "nrt": "Talent", "ns": "Place"}
_FUNCTION_CHARS = "在与和及由对向从到为是被把将了的等就也都还又并而或该其这那此各每"


@lru_cache(maxsize=1)
def _plain() -> jieba.posseg.POSTokenizer:
    t = jieba.Tokenizer()
    t.initialize()
    return jieba.posseg.POSTokenizer(t)


def _extraction(text: str, found: list[tuple[str, str, int]], rule: str) -> Extraction:
    ents: dict[tuple[str, str], Entity] = {}
    for label, name, start in found:
        m = Mention(label, name, start, start + len(name), rule, 0.5)
        e = ents.setdefault((label, name), Entity(label, name, [], {}, id=f"{label}:{name}"))
        e.mentions.append(m)
    return Extraction(text, list(ents.values()), [])


def _pos(text: str, labels: tuple[str, ...]) -> list[tuple[str, str, int]]:
    out = []
    pos = 0
    for pair in _plain().cut(text):
        label = _TAGS.get(pair.flag)
        if label in labels and len(pair.word) >= 2:
            out.append((label, pair.word, pos))
        pos += len(pair.word)
    return out


def jieba_pos_baseline(text: str, date: str | None = None) -> Extraction:
    """Entities from jieba's part-of-speech tags alone."""
    return _extraction(text, _pos(text, ("Organization", "Talent", "Place")), "jieba-pos")


def suffix_baseline(text: str, date: str | None = None) -> Extraction:
    """Organisations by suffix regex; persons and places from jieba tags."""
    found: list[tuple[str, str, int]] = []
    for run in re.finditer(r"[\u4e00-\u9fff()（）]+", text):
        s = run.group()
        sfx = longest_first(rules().org_suffixes)
        end = max((s.rfind(x) + len(x) for x in sfx if x in s), default=-1)
        if end <= 0:
            continue
        name = s[:end]
        cut = max(name.rfind(ch) for ch in _FUNCTION_CHARS)
        name = name[cut + 1:]
        if len(name) >= 4 and name not in rules().org_suffixes:
            found.append(("Organization", name, run.start() + end - len(name)))
    found += _pos(text, ("Talent", "Place"))
    return _extraction(text, found, "suffix")


BASELINES = {"jieba-pos": jieba_pos_baseline, "suffix": suffix_baseline}
