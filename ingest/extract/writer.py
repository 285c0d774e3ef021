"""Write an extraction as a review folder: a dataset folder that ``kg build``
reads (``dataset.yaml``, ``nodes/<Label>.csv``, ``relationships/<TYPE>.csv``,
``sources/<slug>.txt``) whose rows all carry ``status = candidate`` plus the
review columns (``ingest.dataset.REVIEW_COLUMNS``): offsets of the evidence,
the rule, the graph id linked to and its score, the words in the text.
``kg build`` loads only accepted rows, so nothing unreviewed reaches the graph.

Entities linked to the graph keep the graph's id and properties; new ones get
``<prefix>:x-<hash of the name>`` and, when no English name is known, the
Chinese name as a placeholder ``name_en`` (said in the ``note``).

>>> slugify("Chongqing Haizhi Article.TXT"), slugify("重庆文章")
('chongqing-haizhi-article-txt', '')
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.dataset import REVIEW_COLUMNS
from ingest.normalize import normalize_name

from kg.schema import Schema, load_schema

from .model import Entity, Extraction
from .resources import places

PLACEHOLDER_NOTE = "name_en: no English name known; the Chinese name stands in"


def slugify(text: str) -> str:
    """An ASCII slug (lower case, digits, '-'); empty when nothing ASCII is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


@dataclass
class SourceInfo:
    """The article being read: it becomes the review folder's Source row."""

    slug: str
    title: str = ""
    url: str = ""
    date: str = ""
    author: str = ""
    publisher: str = ""
    file: str = ""

    @property
    def id(self) -> str:
        return f"source:{self.slug}"

    @classmethod
    def make(cls, text: str, source_id: str | None = None, file: str = "", **kw: Any) -> SourceInfo:
        """Slug from ``source_id`` (``source:`` optional) or the file name, else a hash of the text.

        >>> SourceInfo.make("文", "source:cq-2023").id, SourceInfo.make("文", file="a/重庆.txt").id[:15]
        ('source:cq-2023', 'source:article-')
        """
        slug = ""
        if source_id:
            slug = source_id.split(":", 1)[1] if source_id.startswith("source:") else source_id
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", slug):
                raise ValueError(f"--source-id {source_id!r}: use ASCII letters, digits, '-', '_' or '.' (no spaces)")
        if not slug and file:
            slug = slugify(Path(file).stem)
        if not slug:
            slug = "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        title = kw.pop("title", "") or first_line(text)
        return cls(slug, title=title, file=file, **kw)


def first_line(text: str) -> str:
    """The first non-empty line, as a title (at most 100 characters)."""
    for ln in text.splitlines():
        if ln.strip():
            return ln.strip()[:100]
    return ""


@dataclass
class Written:
    folder: Path
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    linked: int = 0
    new: int = 0


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "|".join(str(x).replace("|", "/") for x in v if str(x).strip())
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".")
    return str(v)


def _name_en(e: Entity) -> tuple[str, bool]:
    if e.graph_props and e.graph_props.get("name_en"):
        return str(e.graph_props["name_en"]), False
    if e.props.get("_name_en"):
        return str(e.props["_name_en"]), False
    if e.label == "Place" and e.name in places():
        return places()[e.name].name_en, False
    return e.name, True


def _defaults(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """Required properties the rules may not have set."""
    if label == "Organization":
        props.setdefault("kind", "other")
        props.setdefault("overseas", False)
    elif label == "Programme":
        props.setdefault("kind", "programme")
    elif label == "Event":
        props.setdefault("kind", "other")
    elif label == "Place":
        props.setdefault("kind", "city")
    elif label == "Consulate":
        props.setdefault("country", "")
    return props


def node_row(e: Entity, x: Extraction, src: SourceInfo, schema: Schema) -> dict[str, Any]:
    """The review row of one entity."""
    lab = schema.label(e.label)
    own = {k for k in lab.properties if k not in ("id", "name_zh", "name_en", "aliases", "source_id",
                                                   "evidence", "confidence", "note")}
    props = {k: v for k, v in e.props.items() if k in own}
    if e.graph_props:
        props.update({k: v for k, v in e.graph_props.items() if k in own and v not in (None, "")})
    props = _defaults(e.label, props)
    name_en, placeholder = _name_en(e)
    graph_aliases = list((e.graph_props or {}).get("aliases") or [])
    aliases = list(dict.fromkeys([*graph_aliases, *[a for a in e.aliases if normalize_name(a) != e.name]]))
    m = e.first
    sent = _sentence(x, m.start)
    notes = []
    if e.link_id:
        notes.append(f"linked to {e.link_id} ({e.link_how}, score {e.link_score:.2f})")
    elif e.link_how:
        notes.append(e.link_how)
    else:
        notes.append("new entity")
    if placeholder:
        notes.append(PLACEHOLDER_NOTE)
    if m.note:
        notes.append(m.note)
    if m.nested:
        notes.append("named inside a longer name")
    return {"id": e.id, "name_zh": e.name, "name_en": name_en, "aliases": aliases, **props,
            "source_id": src.id, "evidence": sent, "confidence": e.confidence, "note": "; ".join(notes),
            "status": "candidate", "offset_start": m.start, "offset_end": m.end, "rule": "+".join(e.rules),
            "link_id": e.link_id or "", "link_score": e.link_score if e.link_score is not None else "",
            "mention": m.text if "\n" not in m.text else m.text.split("\n")[0]}


def _sentence(x: Extraction, offset: int) -> str:
    from .sentences import sentence_at, split_sentences

    ss = getattr(x, "_sentences", None)
    if ss is None:
        ss = split_sentences(x.text)
        x._sentences = ss  # type: ignore[attr-defined]
    i = sentence_at(ss, offset)
    return ss[i].text if i >= 0 else ""


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])


def write_review(x: Extraction, folder: Path | str, src: SourceInfo, schema: Schema | None = None) -> Written:
    """Write the review folder (files of earlier runs in it are replaced)."""
    schema = schema or load_schema()
    folder = Path(folder)
    out = Written(folder)
    for sub in ("nodes", "relationships"):
        d = folder / sub
        if d.is_dir():
            for p in d.glob("*.csv"):
                p.unlink()
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / f"{src.slug}.txt").write_text(x.text, encoding="utf-8")
    meta = {
        "name": f"review-{src.slug}",
        "title_zh": f"候选事实（待审核）：{src.title}",
        "title_en": f"Candidate facts for review: {src.title}",
        "description": ("Written by kg extract. Every row is a candidate: set status to accepted or rejected "
                        "(or run kg accept), then kg build loads only the accepted rows."),
        "sources": [src.id],
    }
    (folder / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    src_row = {"id": src.id, "name_zh": src.title or src.slug, "name_en": src.title or src.slug,
               "title": src.title, "url": src.url, "publisher": src.publisher, "author": src.author,
               "date": src.date, "note": f"read by kg extract from {src.file}" if src.file else "read by kg extract",
               "status": "accepted", "rule": "input"}
    _write_csv(folder / "nodes" / "Source.csv", schema.label("Source").columns + list(REVIEW_COLUMNS), [src_row])
    by_label: dict[str, list[dict[str, Any]]] = {}
    for e in x.entities:
        by_label.setdefault(e.label, []).append(node_row(e, x, src, schema))
        if e.link_id:
            out.linked += 1
        else:
            out.new += 1
    for label, rows in by_label.items():
        _write_csv(folder / "nodes" / f"{label}.csv", schema.label(label).columns + list(REVIEW_COLUMNS), rows)
        out.nodes[label] = len(rows)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in x.relations:
        rt = schema.rel(r.type)
        props = {k: v for k, v in r.props.items() if k in rt.properties}
        evidence = x.text[r.start:r.end]
        span_text = x.text[r.span[0]:r.span[1]]
        by_type.setdefault(r.type, []).append({
            "src": r.src.id, "dst": r.dst.id, "key": "", **props, "source_id": src.id, "evidence": evidence,
            "confidence": r.confidence, "note": r.note or f"{r.src.name} -> {r.dst.name}", "status": "candidate",
            "offset_start": r.start, "offset_end": r.end, "rule": r.rule, "link_id": "", "link_score": "",
            "mention": span_text if "\n" not in span_text and len(span_text) <= 200 else ""})
    for rtype, rows in by_type.items():
        _write_csv(folder / "relationships" / f"{rtype}.csv", schema.rel(rtype).columns + list(REVIEW_COLUMNS), rows)
        out.relationships[rtype] = len(rows)
    return out
