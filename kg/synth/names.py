"""Names of synthetic entities: deterministic from an index, unique (every
name carries the entity's serial and the word 合成 / "synthetic"), and
different enough from their neighbours that the duplicate-name check of
``kg validate`` stays quiet.

>>> person_name(0)
('王伟(合成000000)', 'Wang Wei (synthetic 000000)')
>>> person_name(60, foreign=True)
('约翰·A·威尔逊(合成000060)', 'John A. Wilson (synthetic 000060)')
>>> brand(0), brand(1)
(('长安', 'Changan'), ('再腾', 'Zaiteng'))
"""

from __future__ import annotations

from .vocab import BRAND_FIRST, BRAND_SECOND, FOREIGN_FIRST, FOREIGN_LAST, GIVEN, OVERSEAS_WORDS, SURNAMES

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def serial(i: int, width: int = 6) -> str:
    return f"{i:0{width}d}"


def mark(zh: str, en: str, i: int) -> tuple[str, str]:
    """Append the synthetic marker and serial to a (zh, en) name pair."""
    s = serial(i)
    return f"{zh}(合成{s})", f"{en} (synthetic {s})"


def person_name(i: int, foreign: bool = False) -> tuple[str, str]:
    """A Chinese (or foreign) person name for person number ``i``."""
    if foreign:
        f, last, m = FOREIGN_FIRST[i % 20], FOREIGN_LAST[(i // 20) % 20], LETTERS[(i // 400) % 26]
        return mark(f"{f[0]}·{m}·{last[0]}", f"{f[1]} {m}. {last[1]}", i)
    s = SURNAMES[i % len(SURNAMES)]
    g1 = GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
    k = (i // (len(SURNAMES) * len(GIVEN))) % (len(GIVEN) + 1)
    g2 = GIVEN[k - 1] if k else ("", "")
    return mark(s[0] + g1[0] + g2[0], f"{s[1]} {(g1[1] + g2[1]).capitalize()}", i)


def brand(i: int) -> tuple[str, str]:
    """A two-character brand (like 长安) for organisation number ``i``: unique
    for ``i < 3600``, and neighbours differ in both characters."""
    n = len(BRAND_FIRST)
    a = i % n
    b = (i // n + 7 * a) % len(BRAND_SECOND)
    return BRAND_FIRST[a][0] + BRAND_SECOND[b][0], (BRAND_FIRST[a][1] + BRAND_SECOND[b][1]).capitalize()


def overseas_word(i: int) -> tuple[str, str]:
    return OVERSEAS_WORDS[i % len(OVERSEAS_WORDS)]
