"""Spreadsheet templates generated from the schema (``kg template DIR``).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> files = write_templates(d)
>>> (d / "nodes" / "Station.csv").read_text(encoding="utf-8-sig").splitlines()[0]
'id,name_zh,name_en,aliases,approved_year,state,district,source_id,evidence,confidence,note'
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from kg.schema import Schema, load_schema


def _describe(prop) -> str:  # type: ignore[no-untyped-def]
    t = prop.type + (f" ({'/'.join(prop.values)})" if prop.values else "")
    return f"{prop.zh} / {prop.en}: {t}{', required' if prop.required else ''}"


def write_templates(folder: Path, schema: Schema | None = None, xlsx: bool = False) -> list[Path]:
    """Write an empty file per label and relationship type, plus dataset.yaml.

    CSV files are UTF-8 with a BOM so that Excel shows Chinese headers right;
    with ``xlsx=True`` workbooks are written, each column header carrying a
    bilingual comment that describes the column.
    """
    schema = schema or load_schema()
    folder = Path(folder)
    written: list[Path] = []
    specs: list[tuple[Path, list[str], list[str]]] = []
    for name, label in schema.labels.items():
        specs.append((folder / "nodes" / name, label.columns, [_describe(p) for p in label.properties.values()]))
    for name, rel in schema.relationships.items():
        desc = [f"{'/'.join(rel.sources)} id", f"{'/'.join(rel.targets)} id",
                "optional: tells apart two relationships with the same ends"]
        desc += [_describe(p) for p in rel.properties.values()]
        specs.append((folder / "relationships" / name, rel.columns, desc))
    for base, cols, desc in specs:
        base.parent.mkdir(parents=True, exist_ok=True)
        if xlsx:
            from openpyxl import Workbook
            from openpyxl.comments import Comment

            wb = Workbook()
            ws = wb.active
            ws.title = base.name[:31]
            ws.append(cols)
            for cell, d in zip(ws[1], desc):
                cell.comment = Comment(d, "haizhi-kg")
            p = base.with_suffix(".xlsx")
            wb.save(p)
        else:
            p = base.with_suffix(".csv")
            with open(p, "w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerow(cols)
        written.append(p)
    meta = folder / "dataset.yaml"
    if not meta.exists():
        meta.write_text(
            yaml.safe_dump({"name": folder.name, "title_zh": "", "title_en": "", "description": ""},
                           allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        written.append(meta)
    return written
