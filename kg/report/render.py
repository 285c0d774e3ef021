"""The report as one HTML page: a Jinja2 template with autoescaping (every
text from the data is escaped), the stylesheet inlined, charts as inline SVG,
maps as iframes of local files. The page has no script at all, and its
Content-Security-Policy forbids fetching anything but the local map frames.

Headings and fixed texts are bilingual: ``lang`` ``zh``, ``en`` or ``both``.
Label and relationship names come from the schema.

>>> str(bi("缺口", "Gaps", "both"))
'缺口 <span class="en">Gaps</span>'
>>> str(bi("<b>", "x", "zh"))
'&lt;b&gt;'
>>> str(names("重庆大学", "Chongqing University", "both"))
'重庆大学<span class="sub">Chongqing University</span>'
>>> safe_url("javascript:alert(1)"), safe_url("https://example.org/a?b=1")
('', 'https://example.org/a?b=1')
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from kg.report.charts import bar_chart
from kg.report.collect import ReportData
from kg.report.maps import MapLink
from kg.schema import Schema, load_schema

HERE = Path(__file__).resolve().parent
LANGS = ("zh", "en", "both")

QUALIFIERS = {  # how a reported figure is qualified (Metric.qualifier), zh / en
    "exact": ("", ""), "at_least": ("至少", "at least"), "more_than": ("多于", "more than"),
    "about": ("约", "about"), "range": ("区间", "range"),
}

# Sections in order: (id, zh, en). The table of contents and the tests read this.
SECTIONS = (
    ("summary", "概览", "Summary"),
    ("kpis", "指标：报告值与图中计数", "KPIs: reported vs counted"),
    ("charts", "图表", "Charts"),
    ("gaps", "合作缺口", "Partnership gaps"),
    ("connectors", "关键连接者", "Key connectors"),
    ("partners", "候选海外合作伙伴", "Candidate overseas partners"),
    ("paths", "合作路径示例", "Collaboration path examples"),
    ("maps", "网络图", "Network maps"),
    ("sources", "数据来源", "Data sources"),
    ("methods", "方法与说明", "Methods and notes"),
)

# Nothing may be fetched; no script runs; frames may show local files (the maps).
CSP = ("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "frame-src file: 'self'; base-uri 'none'; form-action 'none'")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def bi(zh: str, en: str, lang: str) -> Markup:
    """A fixed text in ``lang``; with ``both`` the English follows in a lighter span."""
    zh, en = zh or en, en or zh
    if lang == "zh":
        return escape(zh)
    if lang == "en" or zh == en:
        return escape(en)
    return Markup('{} <span class="en">{}</span>').format(zh, en)


def names(zh: str, en: str, lang: str) -> Markup:
    """An entity's names: the Chinese name, the English one under it (``both``)."""
    zh, en = zh or en or "", en or zh or ""
    if lang == "en":
        return escape(en)
    if lang == "zh" or zh == en:
        return escape(zh)
    return Markup('{}<span class="sub">{}</span>').format(zh, en)


def pick(zh: str, en: str, lang: str, sep: str = " / ") -> str:
    """Plain text in ``lang`` (for attributes and sentences)."""
    zh, en = zh or en or "", en or zh or ""
    if lang == "zh":
        return zh
    if lang == "en" or zh == en:
        return en
    return f"{zh}{sep}{en}"


def num(v: Any, digits: int = 2) -> str:
    """A number for people: thousands separators, at most ``digits`` decimals; ``—`` for none.

    >>> num(420000000), num(0.5762), num(None), num(64.0)
    ('420,000,000', '0.58', '—', '64')
    """
    if v is None or v == "":
        return "—"
    if isinstance(v, bool):
        return "✓" if v else "✗"
    if isinstance(v, (int, float)):
        if float(v).is_integer():
            return f"{int(v):,}"
        return f"{v:,.{digits}f}"
    return str(v)


def pct(v: Any) -> str:
    """``0.576`` → ``57.6%``.

    >>> pct(0.5762), pct(None)
    ('57.6%', '—')
    """
    return "—" if v is None else f"{float(v) * 100:.1f}%"


def raw(v: Any) -> str:
    """A value for a ``data-value`` attribute: exact, machine-readable.

    >>> raw(0.1), raw(None), raw(64)
    ('0.1', '', '64')
    """
    return "" if v is None else repr(v) if isinstance(v, float) else str(v)


def clip(text: str, n: int) -> str:
    """``text`` cut to ``n`` characters, with an ellipsis when cut.

    >>> clip("abcdef", 4), clip("abc", 4)
    ('abc…', 'abc')
    """
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def safe_url(url: str | None) -> str:
    """``url`` if it is an http(s) address (safe to link), else ``""``."""
    u = (url or "").strip()
    return u if u.lower().startswith(("http://", "https://")) else ""


def qualifier(q: str, lang: str) -> str:
    """How a reported figure is qualified, in ``lang``.

    >>> qualifier("more_than", "both"), qualifier("exact", "en")
    ('多于 more than', '')
    """
    zh, en = QUALIFIERS.get(q or "", (q or "", q or ""))
    return pick(zh, en, lang, " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(num=num, pct=pct, raw=raw, safe_url=safe_url, clip=clip)
    return env


def render_report(data: ReportData, maps: list[MapLink], lang: str = "both", schema: Schema | None = None,
                  map_notes: list[tuple[str, str]] | None = None) -> str:
    """The report page as text (write it as UTF-8)."""
    from visualize.style import FONT_FACE

    check_lang(lang)
    schema = schema or load_schema()

    def t(zh: str, en: str) -> Markup:
        return bi(zh, en, lang)

    def nm(zh: str, en: str) -> Markup:
        return names(zh, en, lang)

    def p(zh: str, en: str, sep: str = " / ") -> str:
        return pick(zh, en, lang, sep)

    def label(name: str) -> Markup:
        if name in schema.labels:
            lab = schema.label(name)
            return bi(lab.zh, lab.en, lang)
        return escape(name)

    def rel(name: str) -> Markup:
        if name in schema.relationships:
            r = schema.rel(name)
            return bi(r.zh, r.en, lang)
        return escape(name)

    def chart(c: Any) -> Markup:
        return Markup(bar_chart(c, lang))  # charts escape their own text

    tpl = environment().get_template("report.html.j2")
    return tpl.render(
        d=data, maps=maps, map_notes=map_notes or [], lang=lang, html_lang="en" if lang == "en" else "zh-CN",
        sections=SECTIONS, csp=CSP, font=FONT_FACE, css=(HERE / "templates" / "report.css").read_text("utf-8"),
        schema=schema, t=t, nm=nm, p=p, label=label, rel=rel, chart=chart,
        qualifier=lambda q: qualifier(q, lang),
    )
