"""Mentions of names the graph or the place list already knows: an occurrence
counts when jieba cuts the text at both of its ends, or when it sits inside a
longer name (重庆 in 重庆大学, 伦敦 in 伦敦布鲁内尔大学) without ending it
(市科协 at the end of 重庆市科协 is that name's tail, not a mention).

>>> from ingest.extract.doc import Doc
>>> d = Doc.prepare("与匈牙利驻重庆总领事馆和新加坡南洋理工大学合作,完成都很好")
>>> [(m.name, m.nested) for m in known_mentions(d, [(13, 21)])]
[('匈牙利', False), ('重庆', False), ('新加坡', False)]
"""

from __future__ import annotations

from .doc import Doc
from .gazetteer import Hit
from .model import Mention


def place_props(hit: Hit) -> dict:
    """Place properties from the graph entity or the place list."""
    e = hit.entry
    if e.known is not None:
        return {k: e.known.props[k] for k in ("kind", "iso") if e.known.props.get(k)}
    info = e.place
    if info is None:
        return {}
    return {"kind": info.kind, **({"iso": info.iso} if info.iso else {}), "_name_en": info.name_en}


def _within_tokens(doc: Doc, start: int, end: int) -> bool:
    """No token runs across either end of ``[start, end)`` (unless it holds it all)."""
    k = doc.token_index(start)
    while 0 <= k < len(doc.tokens) and doc.tokens[k].start < end:
        t = doc.tokens[k]
        if not (start <= t.start and t.end <= end) and not (t.start <= start and end <= t.end):
            if (t.start < start < t.end) or (t.start < end < t.end):
                return False
        k += 1
    return True


def known_mentions(doc: Doc, containers: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of known names, aligned or nested in one of ``containers`` (spans of longer names)."""
    out: list[Mention] = []
    spans = sorted(containers)
    aligned_spans = [(h.start, h.end) for h in doc.hits if doc.is_boundary(h.start) and doc.is_boundary(h.end)
                     and h.entry.label in ("Organization", "Station", "Consulate")]
    place_spans = [(h.start, h.end) for h in doc.hits if h.entry.label == "Place"]
    for h in doc.hits:
        aligned = doc.is_boundary(h.start) and doc.is_boundary(h.end)
        nested = False
        if not aligned:
            inside = [c for c in spans + aligned_spans
                      if c[0] <= h.start and h.end <= c[1] and (c[1] - c[0]) > (h.end - h.start)]
            if not inside or all(c[1] == h.end and c[0] < h.start for c in inside):
                continue
            if not _within_tokens(doc, h.start, h.end):
                continue  # 长沙 across 站长|沙龙
            if h.entry.label == "Place" and any(a <= h.start and h.end <= b and (a, b) != (h.start, h.end)
                                                for a, b in place_spans):
                continue  # 蒙古 inside 内蒙古
            nested = True
        e = h.entry
        props = place_props(h) if e.label == "Place" else {}
        conf = (0.95 if e.known is not None else 0.85) - (0.1 if nested else 0.0)
        out.append(Mention(e.label, h.text, h.start, h.end, "graph-name" if e.known is not None else "place-list",
                           conf, name=e.name, props=props, known_id=e.known.id if e.known else None,
                           nested=nested))
    return out
