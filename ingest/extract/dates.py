"""Dates written in Chinese news: 2022年7月20日, 2021年初, 今年2月20日至23日,
6月12日至13日 (the year taken from the context or the article's date).

>>> [(d.iso, d.end_iso) for d in find_dates("今年2月20日至23日,在重庆召开", default_year=2023)]
[('2023-02-20', '2023-02-23')]
>>> [d.iso for d in find_dates("2022年7月20日,2021年初,2020年")]
['2022-07-20', '2021', '2020']
>>> find_dates("去年3月", default_year=2024)[0].iso
'2023-03'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年|前年|明年))?"
    r"(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号])?"
    r"(?:(?:至|到|—|-|~)(?:(?P<m2>1[0-2]|0?[1-9])月)?(?P<d2>3[01]|[12]\d|0?[1-9])[日号])?)?"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None

    @property
    def iso(self) -> str | None:
        return _iso(self.year, self.month, self.day)

    @property
    def end_iso(self) -> str | None:
        if self.end_day is None:
            return None
        return _iso(self.year, self.end_month or self.month, self.end_day)


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None:
        return None
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:
        return None
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Date expressions in ``text``, in order; a date without a year gets ``default_year``."""
    out: list[DateMention] = []
    for m in _DATE.finditer(text):
        if not m.group(0) or (m.group("y") is None and m.group("m") is None):
            continue
        if m.group("y") is None and m.group("rel") is None and m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        year: int | None
        if m.group("y"):
            year = int(m.group("y"))
        elif m.group("rel") and default_year:
            year = default_year + {"今年": 0, "去年": -1, "前年": -2, "明年": 1}[m.group("rel")]
        else:
            year = default_year
        month = int(m.group("m")) if m.group("m") else None
        day = int(m.group("d")) if m.group("d") else None
        out.append(DateMention(m.start(), m.end(), m.group(0), year, month, day,
                               int(m.group("m2")) if m.group("m2") else None,
                               int(m.group("d2")) if m.group("d2") else None))
    return out


def year_of(iso: str | None) -> int | None:
    """The year of an ISO date string.

    >>> year_of("2023-02-20"), year_of(None)
    (2023, None)
    """
    if not iso or not iso[:4].isdigit():
        return None
    return int(iso[:4])
