"""Split text into sentences with character offsets.

A sentence ends at 。！？!?； or a line end; closing quotes and brackets stay
with it. Over-long runs without such a mark are cut at a comma (or hard, at
``max_len``) so that no rule ever sees an unbounded string. Every sentence is
``text[start:end]`` exactly, without surrounding spaces.

>>> [(s.start, s.end, s.text) for s in split_sentences("重庆是一座城。“好!”他说。\\n\\n下一段")]
[(0, 7, '重庆是一座城。'), (7, 11, '“好!”'), (11, 14, '他说。'), (16, 19, '下一段')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LEN = 300
_END = re.compile(r"[。！？!?；;]+[”’」』）)\]]*|\n+")
_SOFT = re.compile(r"[,，、:：]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int = 0  # index of the paragraph (blank-line or line separated block)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while end - start > max_len:
        window = text[start:start + max_len]
        cut = max((m.end() for m in _SOFT.finditer(window)), default=0)
        if cut < max_len // 3:
            cut = max_len
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def split_sentences(text: str, max_len: int = MAX_LEN) -> list[Sentence]:
    """The sentences of ``text`` in order (see the module doc)."""
    out: list[Sentence] = []
    pos = 0
    para = 0
    for m in _END.finditer(text):
        chunk_end = m.end() if not m.group().startswith("\n") else m.start()
        for a, b in _cut_long(text, pos, chunk_end, max_len):
            a, b = _trimmed(text, a, b)
            if a < b:
                out.append(Sentence(a, b, text[a:b], para))
        if m.group().startswith("\n"):
            para += 1
        pos = m.end()
    for a, b in _cut_long(text, pos, len(text), max_len):
        a, b = _trimmed(text, a, b)
        if a < b:
            out.append(Sentence(a, b, text[a:b], para))
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence that holds ``offset`` (binary search; -1 if none).

    >>> ss = split_sentences("甲。乙。")
    >>> sentence_at(ss, 0), sentence_at(ss, 2), sentence_at(ss, 9)
    (0, 1, -1)
    """
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    return -1
