"""How things look on a map, derived from the schema: colours, shapes, legend
glyphs, bilingual text, faded and highlighted variants.

Nothing here knows about a particular map; every function takes data and
returns data.

>>> from kg.schema import load_schema
>>> s = load_schema()
>>> node_look(s, "Station")["shape"], node_look(s, "Station")["color"]["background"]
('diamond', '#e4572e')
>>> bilingual("人才", "Talent", "both")
'人才 Talent'
>>> faded("#e4572e")
'rgba(228,87,46,0.18)'
"""

from __future__ import annotations

from typing import Any

from kg.schema import Schema

LANGS = ("zh", "en", "both")

# The font stack for the page and for labels drawn on the canvas: CJK fonts first
# so Chinese never falls back to boxes or "?".
FONT_FACE = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
             '"Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif')

# A text glyph for each vis-network shape, for the legend (drawn as text, in the label's colour).
SHAPE_GLYPHS = {
    "dot": "●", "circle": "●", "diamond": "◆", "triangle": "▲", "triangleDown": "▼",
    "square": "■", "hexagon": "⬢", "ellipse": "⬬", "star": "★", "box": "▬",
    "database": "⛁", "text": "T",
}

EDGE_COLOR = "#8a949e"
EDGE_FOCUS_COLOR = "#1f2d3d"
FADE_ALPHA = 0.18
MARK_BORDER = "#111111"


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGS`, else ``ValueError``.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def bilingual(zh: str, en: str, lang: str, sep: str = " ") -> str:
    """The Chinese text, the English text, or both (``sep`` between); a missing
    one falls back to the other.

    >>> bilingual("设立", "hosts", "zh"), bilingual("", "hosts", "zh"), bilingual("设立", "hosts", "both", " / ")
    ('设立', 'hosts', '设立 / hosts')
    """
    zh, en = (zh or "").strip(), (en or "").strip()
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    if zh and en and zh != en:
        return f"{zh}{sep}{en}"
    return zh or en


def node_name(attrs: dict[str, Any], lang: str, sep: str = "\n") -> str:
    """A node's display name from ``name_zh``/``name_en`` (falling back to its id).

    >>> node_name({"id": "talent:x", "name_zh": "张三", "name_en": "Zhang San"}, "both")
    '张三\\nZhang San'
    >>> node_name({"id": "talent:x"}, "en")
    'talent:x'
    """
    return bilingual(str(attrs.get("name_zh") or ""), str(attrs.get("name_en") or ""), lang, sep) \
        or str(attrs.get("id", ""))


def hex_rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rgb``) as a tuple of ints.

    >>> hex_rgb("#e4572e"), hex_rgb("#abc")
    ((228, 87, 46), (170, 187, 204))
    """
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    if len(c) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def shade(color: str, factor: float) -> str:
    """Darker (``factor`` < 1) or lighter (> 1, towards white) ``#rrggbb``.

    >>> shade("#808080", 0.5), shade("#808080", 2.0)
    ('#404040', '#ffffff')
    """
    r, g, b = hex_rgb(color)
    if factor <= 1:
        r, g, b = (round(v * factor) for v in (r, g, b))
    else:
        t = min(factor - 1, 1.0)
        r, g, b = (round(v + (255 - v) * t) for v in (r, g, b))
    return "#{:02x}{:02x}{:02x}".format(r, g, b)


def faded(color: str, alpha: float = FADE_ALPHA) -> str:
    """``color`` made see-through, for the part of a map that is context only."""
    r, g, b = hex_rgb(color)
    return f"rgba({r},{g},{b},{alpha:g})"


def node_look(schema: Schema, label: str, fade: bool = False, marked: bool = False) -> dict[str, Any]:
    """vis-network ``color``/``shape``/``borderWidth``/``font`` for a node of ``label``.

    ``fade`` greys it into the background; ``marked`` gives it a thick dark
    border (articulation points, gaps).

    >>> from kg.schema import load_schema
    >>> look = node_look(load_schema(), "Talent", fade=True)
    >>> look["color"]["background"], look["font"]["color"]
    ('rgba(246,174,45,0.18)', 'rgba(60,60,60,0.35)')
    """
    lab = schema.label(label)
    base = lab.color
    if fade:
        color = {"background": faded(base), "border": faded(shade(base, 0.7)),
                 "highlight": {"background": base, "border": shade(base, 0.5)},
                 "hover": {"background": faded(base, 0.5), "border": shade(base, 0.7)}}
        font = {"color": "rgba(60,60,60,0.35)"}
    else:
        color = {"background": base, "border": shade(base, 0.7),
                 "highlight": {"background": shade(base, 1.35), "border": MARK_BORDER},
                 "hover": {"background": shade(base, 1.2), "border": shade(base, 0.5)}}
        font = {"color": "#1b1b1b"}
    look: dict[str, Any] = {"color": color, "shape": lab.shape, "font": font, "borderWidth": 1}
    if marked:
        look["borderWidth"] = 4
        look["color"] = {**color, "border": MARK_BORDER}
        look["shapeProperties"] = {"borderDashes": False}
    return look


def label_legend(schema: Schema, counts: dict[str, int], lang: str) -> list[dict[str, Any]]:
    """One legend row per label present (schema order): name, text, colour, shape, glyph, count.

    >>> from kg.schema import load_schema
    >>> [r["text"] for r in label_legend(load_schema(), {"Talent": 2, "Station": 1}, "en")]
    ['Haizhi Workstation', 'Talent']
    """
    rows = []
    for name, lab in schema.labels.items():
        if counts.get(name):
            rows.append({"name": name, "text": bilingual(lab.zh, lab.en, lang), "color": lab.color,
                         "shape": lab.shape, "glyph": SHAPE_GLYPHS.get(lab.shape, "●"),
                         "count": counts[name]})
    return rows


def type_legend(schema: Schema, counts: dict[str, int], lang: str) -> list[dict[str, Any]]:
    """One legend row per relationship type present (schema order); unknown types last.

    >>> from kg.schema import load_schema
    >>> type_legend(load_schema(), {"HOSTS": 3, "CANDIDATE": 1}, "zh")[0]
    {'name': 'HOSTS', 'text': '设立', 'count': 3}
    """
    rows = []
    for name, rt in schema.relationships.items():
        if counts.get(name):
            rows.append({"name": name, "text": bilingual(rt.zh, rt.en, lang), "count": counts[name]})
    for name in sorted(set(counts) - set(schema.relationships)):
        rows.append({"name": name, "text": name, "count": counts[name]})
    return rows
