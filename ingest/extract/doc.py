"""One article prepared for the rules: its text, sentences, tokens (with a
lookup from offsets to tokens) and the known names found in it.

>>> d = Doc.prepare("重庆澳龙生物制品有限公司。")
>>> [t.word for t in d.tokens][:2], d.is_boundary(2), d.is_boundary(3)
(['重庆', '澳龙'], True, False)
>>> d.token_index(4), d.sentence_of(3).text   # 生物制品 is token 2
(2, '重庆澳龙生物制品有限公司。')
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from .dates import DateMention, find_dates
from .gazetteer import Gazetteer, Hit
from .graph import Graph
from .sentences import Sentence, sentence_at, split_sentences
from .tokens import Token, tokenize, tokenizer


@dataclass
class Doc:
    text: str
    sentences: list[Sentence]
    tokens: list[Token]
    hits: list[Hit]
    freq: dict[str, int]
    source_year: int | None = None
    _starts: list[int] = field(default_factory=list, repr=False)
    _bounds: set[int] = field(default_factory=set, repr=False)
    _dates: dict[int, list[DateMention]] = field(default_factory=dict, repr=False)
    _hit_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def prepare(cls, text: str, graph: Graph | None = None, source_year: int | None = None) -> Doc:
        tok = tokenizer(graph.tagged_names() if graph is not None else None)
        sentences = split_sentences(text)
        tokens: list[Token] = []
        for s in sentences:  # tokenise sentence by sentence: bounded work per call
            for t in tokenize(tok, s.text):
                tokens.append(Token(t.word, t.flag, t.start + s.start, t.end + s.start))
        hits = Gazetteer.build(graph).find(text)
        freq = dict(tok.tokenizer.FREQ)
        freq.update(getattr(tok, "dictionary_freq", {}))  # our user words do not make names common words
        d = cls(text, sentences, tokens, hits, freq, source_year)
        d._starts = [t.start for t in tokens]
        d._bounds = {t.start for t in tokens} | {t.end for t in tokens}
        d._hit_starts = [h.start for h in hits]
        return d

    def hits_in(self, start: int, end: int) -> list[Hit]:
        """Known-name occurrences that lie inside ``[start, end)``."""
        i = bisect.bisect_left(self._hit_starts, start)
        out = []
        while i < len(self.hits) and self.hits[i].start < end:
            if self.hits[i].end <= end:
                out.append(self.hits[i])
            i += 1
        return out

    # --- tokens -------------------------------------------------------------
    def is_boundary(self, offset: int) -> bool:
        """True when a token starts or ends at ``offset``."""
        return offset in self._bounds

    def token_index(self, offset: int) -> int:
        """Index of the token that holds ``offset`` (-1 before the first)."""
        return bisect.bisect_right(self._starts, offset) - 1

    def is_common_word(self, word: str, min_freq: int = 100) -> bool:
        """A frequent word of jieba's dictionary (not a name)."""
        return self.freq.get(word, 0) >= min_freq

    def is_unknown_word(self, word: str) -> bool:
        """Not in jieba's dictionary at all (names often are not)."""
        return not self.freq.get(word)

    # --- sentences ----------------------------------------------------------
    def sentence_index(self, offset: int) -> int:
        return sentence_at(self.sentences, offset)

    def sentence_of(self, offset: int) -> Sentence:
        i = sentence_at(self.sentences, offset)
        return self.sentences[i] if i >= 0 else Sentence(offset, offset, "")

    def dates_in(self, i: int) -> list[DateMention]:
        """Dates in sentence ``i`` (offsets in the whole text)."""
        if i not in self._dates:
            s = self.sentences[i]
            self._dates[i] = [DateMention(d.start + s.start, d.end + s.start, d.text, d.year, d.month, d.day,
                                          d.end_month, d.end_day)
                              for d in find_dates(s.text, self.source_year)]
        return self._dates[i]

    def recent_date(self, i: int, back: int = 3) -> DateMention | None:
        """The first date of sentence ``i``, else the last of the ``back`` sentences before it
        (in the same paragraph)."""
        own = [d for d in self.dates_in(i) if d.year]
        if own:
            return own[0]
        para = self.sentences[i].paragraph
        for j in range(i - 1, max(-1, i - 1 - back), -1):
            if self.sentences[j].paragraph != para:
                break
            ds = [d for d in self.dates_in(j) if d.year]
            if ds:
                return ds[-1]
        return None

    # --- places -------------------------------------------------------------
    def main_place(self) -> str | None:
        """The province or city named most often: what 市科协 and 市委 refer to."""
        c = Counter(h.entry.name for h in self.hits
                    if h.entry.label == "Place" and h.entry.place is not None
                    and h.entry.place.kind in ("province", "city") and not h.entry.place.foreign)
        return c.most_common(1)[0][0] if c else None
