"""Inline SVG bar charts: text stays text (the browser renders it with the
page's CJK fonts, so Chinese shows on any machine), no script, no image file.

Every text from the data is escaped; each bar carries ``data-key`` and
``data-value`` so a test can read the numbers back from the page.

>>> from kg.report.collect import Bar, Chart
>>> svg = bar_chart(Chart("c", "图", "Chart", "#e4572e", [Bar("a", "<甲>", "<A>", 3), Bar("b", "乙", "B", 1)]), "both")
>>> svg.startswith("<svg") and "&lt;甲&gt;" in svg and "<甲>" not in svg
True
>>> 'data-key="a" data-value="3"' in svg
True
>>> "no data" in bar_chart(Chart("e", "空", "Empty", "#000", []), "en")
True
"""

from __future__ import annotations

import unicodedata
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.report.collect import Chart

WIDTH = 560
LABEL_W = 200      # room for the bar labels
VALUE_W = 48       # room for the number after the longest bar
ROW_ONE = 24       # row height with one line of label
ROW_TWO = 34       # with a Chinese and an English line
BAR_H = 14
TOP = 8


def text_width(text: str) -> float:
    """Rough width in "half-width" units: wide (CJK) characters count 2.

    >>> text_width("ab"), text_width("重庆")
    (2, 4)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit(text: str, units: float) -> str:
    """``text`` cut to ``units`` half-width units, with an ellipsis when cut.

    >>> fit("Chongqing University", 10), fit("重庆大学附属肿瘤医院", 8), fit("short", 10)
    ('Chongqing…', '重庆大…', 'short')
    """
    if text_width(text) <= units:
        return text
    out, w = "", 0.0
    for ch in text:
        cw = text_width(ch)
        if w + cw > units - 1:
            break
        out += ch
        w += cw
    return out + "…"


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}"


def bar_chart(chart: Chart, lang: str = "both", width: int = WIDTH) -> str:
    """One horizontal bar chart as an ``<svg>`` element (text, safe to inline in HTML)."""
    title = {"zh": chart.title_zh, "en": chart.title_en}.get(lang, f"{chart.title_zh} {chart.title_en}")
    if not chart.bars:
        empty = {"zh": "暂无数据", "en": "no data"}.get(lang, "暂无数据 no data")
        return (f'<svg class="chart" role="img" viewBox="0 0 {width} 40" width="{width}" height="40" '
                f'data-chart="{escape(chart.id)}" aria-label="{escape(title)}">'
                f'<text x="0" y="24" class="chart-empty">{escape(empty)}</text></svg>')
    two = lang == "both"
    row = ROW_TWO if two else ROW_ONE
    height = TOP * 2 + row * len(chart.bars)
    hi = max(b.value for b in chart.bars) or 1
    span = width - LABEL_W - VALUE_W
    units = LABEL_W / 6.5  # half-width characters that fit at the chart's font size
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'data-chart="{escape(chart.id)}" aria-label="{escape(title)}">']
    for i, b in enumerate(chart.bars):
        y = TOP + i * row
        color = chart.colors.get(b.key, chart.color)
        w = max(2.0, span * b.value / hi) if b.value else 0.0
        zh, en = b.zh or b.en, b.en or b.zh
        full = zh if zh == en else f"{zh} / {en}"
        parts.append(f'<g class="bar" data-key="{escape(b.key)}" data-value="{b.value}">'
                     f'<title>{escape(full)}: {_num(b.value)}</title>')
        bar_y = y + (row - BAR_H) / 2
        if two and zh != en:
            parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" class="bar-label">'
                         f'{escape(fit(zh, units))}</text>'
                         f'<text x="{LABEL_W - 8}" y="{y + 28}" text-anchor="end" class="bar-label-en">'
                         f'{escape(fit(en, units * 1.2))}</text>')
        else:
            label = en if lang == "en" else zh
            parts.append(f'<text x="{LABEL_W - 8}" y="{bar_y + BAR_H - 3}" text-anchor="end" class="bar-label">'
                         f'{escape(fit(label, units))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{bar_y}" width="{w:.1f}" height="{BAR_H}" rx="2" '
                     f'fill="{escape(color)}"/>'
                     f'<text x="{LABEL_W + w + 6:.1f}" y="{bar_y + BAR_H - 3}" class="bar-value">'
                     f'{_num(b.value)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
