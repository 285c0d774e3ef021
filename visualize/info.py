"""What a node's or an edge's tooltip says: its properties (with the schema's
Chinese/English property names) and its provenance (source and evidence).

The result is plain data; the page turns it into DOM text nodes (never HTML).

>>> from kg.schema import load_schema
>>> s = load_schema()
>>> attrs = {"id": "talent:x", "label": "Talent", "name_zh": "张三", "name_en": "Zhang San",
...          "returnee": True, "source_id": "source:a", "evidence": "张三回国创业。"}
>>> d = node_info(s, attrs, "en", {"source:a": {"title": "An article"}})
>>> d["h"], d["sub"], d["rows"][:2], d["src"], d["ev"]
('Zhang San', 'Talent', [['ID', 'talent:x'], ['Chinese name', '张三']], 'An article [source:a]', '张三回国创业。')
>>> ["Returnee", "yes"] in d["rows"]
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from kg.schema import Property, Schema
from visualize.style import bilingual, node_name

PROVENANCE = ("source_id", "evidence")
# attributes the projection adds that are not stored properties
_INTERNAL = {"label", "type", "key"}


def search_key(*texts: Any) -> str:
    """Lower-cased, NFKC-normalised text to match a search box against
    (full-width letters and digits become ASCII). The page normalises the query the same way.

    >>> search_key("ＮＴＵ", "南洋理工大学", None)
    'ntu 南洋理工大学'
    """
    parts = []
    for t in texts:
        if t is None or t == "":
            continue
        if isinstance(t, (list, tuple)):
            parts.extend(str(x) for x in t if x)
        else:
            parts.append(str(t))
    return unicodedata.normalize("NFKC", " ".join(parts)).lower()


def format_value(value: Any, lang: str) -> str:
    """A property value as display text.

    >>> format_value(True, "zh"), format_value(False, "both"), format_value(["NTU", "南洋"], "en")
    ('是', '否 no', 'NTU, 南洋')
    >>> format_value(0.9000000001, "en"), format_value(12000000.0, "en")
    ('0.9', '12000000')
    """
    if isinstance(value, bool):
        return bilingual("是", "yes", lang) if value else bilingual("否", "no", lang)
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


def _rows(props: Mapping[str, Property], attrs: Mapping[str, Any], lang: str) -> list[list[str]]:
    rows: list[list[str]] = []
    done = set(_INTERNAL) | set(PROVENANCE)
    for name, p in props.items():
        if name in done:
            continue
        done.add(name)
        v = attrs.get(name)
        if v is None or v == "" or v == []:
            continue
        rows.append([bilingual(p.zh, p.en, lang), format_value(v, lang)])
    for name in sorted(k for k in attrs if k not in done):  # stored but not in the schema
        v = attrs[name]
        if v is None or v == "" or v == []:
            continue
        rows.append([name, format_value(v, lang)])
    return rows


def source_text(source_id: str | None, sources: Mapping[str, Mapping[str, Any]] | None) -> str:
    """How a source is cited: its title (or name) and its id.

    >>> source_text("source:a", {"source:a": {"title": "报道", "publisher": "重庆科技报", "date": "2023"}})
    '报道 (重庆科技报, 2023) [source:a]'
    >>> source_text("source:b", {})
    'source:b'
    """
    if not source_id:
        return ""
    s = (sources or {}).get(source_id) or {}
    title = s.get("title") or s.get("name_zh") or s.get("name_en") or ""
    extra = ", ".join(str(s[k]) for k in ("publisher", "date") if s.get(k))
    if not title:
        return str(source_id)
    return f"{title}{f' ({extra})' if extra else ''} [{source_id}]"


def node_info(schema: Schema, attrs: Mapping[str, Any], lang: str,
              sources: Mapping[str, Mapping[str, Any]] | None = None,
              extra: list[list[str]] | None = None) -> dict[str, Any]:
    """Tooltip data of one node: ``k`` label, ``h`` name, ``sub`` label text,
    ``rows`` [[property, value]...], ``src``/``ev`` provenance, ``q`` search key."""
    label = str(attrs.get("label", ""))
    lab = schema.labels.get(label)
    props = lab.properties if lab else {}
    return {
        "k": label,
        "h": node_name(dict(attrs), lang, " / "),
        "sub": bilingual(lab.zh, lab.en, lang) if lab else label,
        "rows": _rows(props, attrs, lang) + [list(r) for r in (extra or [])],
        "src": source_text(attrs.get("source_id"), sources),
        "ev": str(attrs.get("evidence") or ""),
        "q": search_key(attrs.get("id"), attrs.get("name_zh"), attrs.get("name_en"), attrs.get("aliases") or []),
    }


def edge_info(schema: Schema, attrs: Mapping[str, Any], src_name: str, dst_name: str, lang: str,
              sources: Mapping[str, Mapping[str, Any]] | None = None,
              extra: list[list[str]] | None = None) -> dict[str, Any]:
    """Tooltip data of one edge: ``t`` type, ``h`` "A → B", ``sub`` type text,
    ``rows``, ``src``/``ev`` provenance.

    >>> from kg.schema import load_schema
    >>> d = edge_info(load_schema(), {"type": "HOSTS", "id": "HOSTS:a->b", "evidence": "甲设立乙"}, "甲", "乙", "zh")
    >>> d["h"], d["sub"], d["rows"], d["ev"]
    ('甲 → 乙', '设立', [['id', 'HOSTS:a->b']], '甲设立乙')
    """
    t = str(attrs.get("type", ""))
    rt = schema.relationships.get(t)
    props = rt.properties if rt else {}
    return {
        "t": t,
        "h": f"{src_name} → {dst_name}",
        "sub": bilingual(rt.zh, rt.en, lang) if rt else t,
        "rows": _rows(props, attrs, lang) + [list(r) for r in (extra or [])],
        "src": source_text(attrs.get("source_id"), sources),
        "ev": str(attrs.get("evidence") or ""),
    }
