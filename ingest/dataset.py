"""Read and validate a dataset folder against the schema.

Nothing is written anywhere here: :func:`load_dataset` returns a
:class:`Dataset` only when every file is valid, and raises
:class:`DatasetInvalid` with every problem found (file, row, field, message)
otherwise.

>>> from pathlib import Path
>>> ds = load_dataset(Path("data/chongqing"))           # doctest: +SKIP
>>> len(ds.nodes["Station"]) > 0                         # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from itertools import repeat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.schema import Schema, load_schema

from .normalize import CoerceError, coerce, coercer
from .readers import TABLE_SUFFIXES, ReadError, Table, read_table

# Columns written by `kg extract` for review; `kg build` reads `status` and
# ignores the rest. Rows whose status is not empty/accepted are skipped.
REVIEW_COLUMNS = ("status", "offset_start", "offset_end", "rule", "link_id", "link_score", "mention")
ACCEPTED = ("", "accepted")
STATUS_VALUES = ("candidate", "accepted", "rejected")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*:[^\s|]+$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class DatasetInvalid(ValueError):
    """The dataset has errors; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errs = [p for p in problems if p.severity == "error"]
        head = f"{len(errs)} error(s) in the dataset; nothing was written"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in errs[:200]))


@dataclass(slots=True)  # no per-row __dict__: less memory and faster at 1M+ rows
class NodeRow:
    label: str
    props: dict[str, Any]
    file: str
    row: int

    @property
    def id(self) -> str:
        return self.props["id"]


@dataclass(slots=True)
class RelRow:
    type: str
    src: str
    dst: str
    key: str
    props: dict[str, Any]
    file: str
    row: int
    src_label: str = ""
    dst_label: str = ""

    @property
    def id(self) -> str:
        return rel_id(self.src, self.type, self.dst, self.key)


def rel_id(src: str, rtype: str, dst: str, key: str = "") -> str:
    """A stable relationship id from its ends, type and key.

    >>> rel_id("org:a", "HOSTS", "station:a")
    'HOSTS:org:a->station:a'
    >>> rel_id("org:a", "HOSTS", "station:a", "2")
    'HOSTS:org:a->station:a#2'
    """
    base = f"{rtype}:{src}->{dst}"
    rid = f"{base}#{key}" if key else base
    if len(rid) > 400:  # keep index keys short
        rid = f"{rtype}:{hashlib.sha1(rid.encode()).hexdigest()}"
    return rid


@dataclass
class Dataset:
    path: Path
    meta: dict[str, Any]
    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    rels: dict[str, list[RelRow]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0  # review rows not accepted

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or self.path.name)

    def node_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.nodes.items()) if v}

    def rel_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.rels.items()) if v}

    def node(self, node_id: str) -> NodeRow | None:
        for rows in self.nodes.values():
            for r in rows:
                if r.id == node_id:
                    return r
        return None


def _files(folder: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    if not folder.is_dir():
        return out
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in TABLE_SUFFIXES and not p.name.startswith((".", "~$")):
            out.setdefault(p.stem, p)
    return out


def _rel_path(p: Path, root: Path) -> str:
    try:
        return str(p.relative_to(root.parent))
    except ValueError:
        return str(p)


def _check_header(table: Table, allowed: list[str], required: list[str], fname: str,
                  problems: list[Problem]) -> bool:
    ok = True
    seen: set[str] = set()
    for col in table.header:
        if col in seen:
            problems.append(Problem(fname, 1, col, "column appears twice in the header"))
            ok = False
        seen.add(col)
        if col not in allowed and col not in REVIEW_COLUMNS:
            problems.append(Problem(fname, 1, col, f"unknown column; allowed: {', '.join(allowed)}"))
            ok = False
    for col in required:
        if col not in table.header:
            problems.append(Problem(fname, 1, col, "required column is missing"))
            ok = False
    return ok


def _status(row: dict[str, Any], fname: str, line: int, problems: list[Problem]) -> str | None:
    status = str(row.get("status", "") or "").strip().lower()
    if status and status not in STATUS_VALUES:
        problems.append(Problem(fname, line, "status", f"{status!r} is not one of {', '.join(STATUS_VALUES)}"))
        return None
    return status


def _present(props: dict[str, Any], header: list[str]) -> list[tuple[str, Any, Any]]:
    """(name, property, converter) for the properties that have a column in
    ``header``, in schema order. A missing column reads as empty, and required
    columns are checked by ``_check_header``, so coercing only these gives the
    same rows and problems."""
    cols = set(header)
    return [(name, prop, _memo(coercer(prop.type, prop.values)) if name in MEMO_COLUMNS else
             coercer(prop.type, prop.values)) for name, prop in props.items() if name in cols]


# Columns with few distinct values (every row of a file often names the same
# source): their converted values are remembered per file.
MEMO_COLUMNS = ("source_id",)


def _memo(convert: Any) -> Any:
    seen: dict[Any, Any] = {}

    def cached(value: Any) -> Any:
        try:
            return seen[value]
        except (KeyError, TypeError):
            out = convert(value)
            if len(seen) < 1024 and isinstance(value, str):
                seen[value] = out
            return out
    return cached


def _coerce_row(row: dict[str, Any], props: dict[str, Any] | list[tuple[str, Any, Any]], fname: str, line: int,
                problems: list[Problem]) -> dict[str, Any] | None:
    if isinstance(props, dict):
        props = [(name, prop, coercer(prop.type, prop.values)) for name, prop in props.items()]
    out: dict[str, Any] = {}
    ok = True
    for name, prop, convert in props:
        raw = row.get(name)
        if raw is None or raw == "":
            val = None  # what coerce() gives for an empty cell, without the call
        else:
            try:
                val = convert(raw)
            except CoerceError as e:
                problems.append(Problem(fname, line, name, str(e)))
                ok = False
                continue
        if val is None:
            if prop.required:
                problems.append(Problem(fname, line, name, "required value is empty"))
                ok = False
            continue
        if prop.type in ("int", "float") and (
            (prop.min is not None and val < prop.min) or (prop.max is not None and val > prop.max)
        ):
            problems.append(Problem(fname, line, name, f"{val} is outside {prop.min}..{prop.max}"))
            ok = False
            continue
        out[name] = val
    return out if ok else None


_NOT_SINGLE_SPACE = re.compile(r"[^\S ]|  ")  # whitespace other than one plain space


def _convert_column(raw: list[Any], prop: Any, convert: Any) -> list[Any] | None:
    """The cells of one column converted as :func:`_coerce_row` converts them
    (``None`` for an empty cell), or ``None`` when any cell of it would be a
    problem (the caller then checks the file row by row for the messages).

    >>> from kg.schema import load_schema
    >>> prop = load_schema().labels["Station"].properties["approved_year"]
    >>> _convert_column(["2015", " 2016", "", "2015"], prop, coercer("int"))
    [2015, 2016, None, 2015]
    >>> _convert_column(["2015", "1800"], prop, coercer("int")) is None  # below the minimum 1990
    True
    """
    try:
        kinds = set(map(type, raw))
        distinct = set(raw) if kinds <= {str, type(None)} else None
        if distinct is None:
            col = [None if v is None or v == "" else convert(v) for v in raw]
        elif len(distinct) * 2 <= len(raw) or len(raw) <= 64:
            # few distinct values (source ids, evidence, kinds, years, booleans ...): each converted once
            memo = {v: None if v is None or v == "" else convert(v) for v in distinct}
            col = list(map(memo.__getitem__, raw))
        elif type(None) in kinds:
            col = [None if v is None or v == "" else convert(v) for v in raw]
        elif prop.type == "string":
            # unchanged by normalize_name when NFKC-normalised with no whitespace but single spaces
            # ("\x00" between the cells is neither whitespace nor changed by NFKC)
            stripped = list(map(str.strip, raw))
            joined = "\x00".join(stripped)
            if unicodedata.is_normalized("NFKC", joined) and not _NOT_SINGLE_SPACE.search(joined):
                col = [v or None for v in stripped] if "" in stripped else stripped
            else:
                col = [None if v == "" else convert(v) for v in raw]
        elif prop.type == "text":
            col = [v or None for v in map(str.strip, raw)]
        elif prop.type == "int":
            stripped = list(map(str.strip, raw))
            digits = "".join(stripped)
            if digits.isascii() and digits.isdigit() and "" not in stripped:
                col = list(map(int, stripped))
            else:
                col = [None if v == "" else convert(v) for v in raw]
        else:
            col = [None if v == "" else convert(v) for v in raw]
    except CoerceError:
        return None
    if prop.required and None in col:
        return None
    if prop.type in ("int", "float") and (prop.min is not None or prop.max is not None):
        vals = [v for v in col if v is not None]
        if vals and ((prop.min is not None and min(vals) < prop.min) or (prop.max is not None and max(vals) > prop.max)):
            return None
    return col


def _dicts(names: list[str], cols: list[list[Any]], n: int) -> list[dict[str, Any]]:
    """``n`` dicts, one per row, from the columns (in ``names`` order), without the ``None`` values.

    >>> _dicts(["a", "b"], [[1, 2], ["x", None]], 2), _dicts([], [], 2)
    ([{'a': 1, 'b': 'x'}, {'a': 2}], [{}, {}])
    """
    if not cols:
        return [{} for _ in range(n)]
    out = list(map(dict, map(zip, repeat(names), zip(*cols))))
    for name, col in zip(names, cols):
        if None in col:
            for i in [i for i, v in enumerate(col) if v is None]:
                del out[i][name]
    return out


class _Context:
    """The state of one dataset's validation: the problems, the node ids seen so
    far and their labels, the provenance already verified."""

    def __init__(self, schema: Schema, ds: Dataset, problems: list[Problem], root: Path):
        self.schema, self.ds, self.problems, self.root = schema, ds, problems, root
        self.where: dict[str, tuple[str, int]] = {}
        self.id_label: dict[str, str] = {}
        # ids of rows (or labels of files) that already have an error: a relationship
        # pointing at them is not reported again as dangling
        self.failed_ids: set[str] = set()
        self.failed_labels: set[str] = set()
        self.verified: set[tuple[str, str]] = set()  # (source, evidence) pairs already found in the text
        self.source_ids: set[str] = set()
        self.texts: dict[str, str] = {}
        self.as_string = coercer("string")

    # -- files -----------------------------------------------------------------
    def read_file(self, kind: str, name: str, spec: Any, p: Path) -> list[Any] | None:
        """The valid rows of one node (``kind="node"``) or relationship file, its
        problems added; ``None`` when the file cannot be read or its header is wrong
        (or it is empty)."""
        fname = _rel_path(p, self.root)
        try:
            table = read_table(p)
        except ReadError as e:
            self.problems.append(Problem(fname, None, None, e.message))
            if kind == "node":
                self.failed_labels.add(name)
            return None
        if not table.header and not len(table):
            return None  # empty file: no rows
        required = [n for n, pr in spec.properties.items() if pr.required]
        if kind == "rel":
            required = ["src", "dst", *required]
        if not _check_header(table, spec.columns, required, fname, self.problems):
            if kind == "node":
                self.failed_labels.add(name)
            return None
        present = _present(spec.properties, table.header)
        if "status" not in table.header:
            rows = self._fast(kind, name, spec, table, fname, present)
            if rows is not None:
                return rows
        return self._row_by_row(kind, name, spec, table, fname, present)

    def _fast(self, kind: str, name: str, spec: Any, table: Table, fname: str,
              present: list[tuple[str, Any, Any]]) -> list[Any] | None:
        """The whole file column by column; ``None`` (nothing changed) as soon as
        anything is not plainly valid, for :meth:`_row_by_row` to report."""
        lines = table.lines
        n = len(lines)
        names, cols = [], []
        for pname, prop, convert in present:
            col = _convert_column(table.column(pname), prop, convert)
            if col is None:
                return None
            names.append(pname)
            cols.append(col)
        get = self.id_label.get
        if kind == "node":
            ids = cols[names.index("id")]
            prefix = spec.id_prefix + ":"
            if not (all(map(ID_RE.match, ids)) and all(map(str.startswith, ids, repeat(prefix)))
                    and len(set(ids)) == len(ids) and self.where.keys().isdisjoint(ids)):
                return None
            props = _dicts(names, cols, n)
            self.where.update(zip(ids, zip(repeat(fname), lines)))
            self.id_label.update(zip(ids, repeat(name)))
            return list(map(NodeRow, repeat(name), props, repeat(fname), lines))
        try:
            src = table.column("src")
            dst = table.column("dst")
            src_labels, dst_labels = list(map(get, src)), list(map(get, dst))
        except TypeError:  # an unhashable cell
            return None
        if None in src_labels or None in dst_labels or not (set(src_labels) <= set(spec.sources)
                                                             and set(dst_labels) <= set(spec.targets)):
            return None
        if "key" in table.header:
            keys = [self.as_string(v) or "" for v in table.column("key")]
        else:
            keys = [""] * n
        rids = list(map(rel_id, src, repeat(name), dst, keys))
        if len(set(rids)) != len(rids):
            return None
        sids = cols[names.index("source_id")] if "source_id" in names else [None] * n
        evs = cols[names.index("evidence")] if "evidence" in names else [None] * n
        pairs = set(zip(sids, evs))
        if any(self._provenance_error(sid, ev) for sid, ev in pairs):
            return None
        self.verified.update((sid, ev) for sid, ev in pairs if sid is not None and isinstance(ev, str))
        props = _dicts(names, cols, n)
        return list(map(RelRow, repeat(name), src, dst, keys, props, repeat(fname), lines, src_labels, dst_labels))

    def _row_by_row(self, kind: str, name: str, spec: Any, table: Table, fname: str,
                    present: list[tuple[str, Any, Any]]) -> list[Any]:
        problems, ds = self.problems, self.ds
        has_status = "status" in table.header
        has_key = "key" in table.header
        as_string = self.as_string
        seen: dict[str, int] = {}
        out: list[Any] = []
        for line, row in table.rows:
            status = _status(row, fname, line, problems) if has_status else ""
            if status is None:
                continue
            if status not in ACCEPTED:
                ds.skipped += 1
                continue
            if kind == "node":
                props = _coerce_row(row, present, fname, line, problems)
                if props is None:
                    self.failed_ids.add(str(row.get("id", "")).strip())
                    continue
                nid = props["id"]
                if not ID_RE.match(nid):
                    problems.append(Problem(fname, line, "id", f"{nid!r} is not of the form prefix:slug (no spaces)"))
                    continue
                if not nid.startswith(spec.id_prefix + ":"):
                    problems.append(Problem(fname, line, "id",
                                            f"{nid!r} should start with '{spec.id_prefix}:' for a {name}"))
                    continue
                if nid in self.where:
                    f0, l0 = self.where[nid]
                    problems.append(Problem(fname, line, "id", f"duplicate id {nid!r} (first at {f0}, row {l0})"))
                    continue
                self.where[nid] = (fname, line)
                self.id_label[nid] = name
                out.append(NodeRow(name, props, fname, line))
                continue
            bad = False
            ends = {}
            for end, allowed in (("src", spec.sources), ("dst", spec.targets)):
                raw = row.get(end)
                try:
                    # an exact node id is already normalised (normalize_name is idempotent)
                    nid = raw if raw.__class__ is str and raw in self.id_label else as_string(raw)
                except CoerceError as e:  # pragma: no cover - strings always coerce
                    problems.append(Problem(fname, line, end, str(e)))
                    bad = True
                    continue
                if not nid:
                    problems.append(Problem(fname, line, end, "required value is empty"))
                    bad = True
                    continue
                lab = self.id_label.get(nid)
                if lab is None:
                    if nid not in self.failed_ids and self.schema.label_of_id(nid) not in self.failed_labels:
                        problems.append(Problem(fname, line, end, f"no node has id {nid!r}"))
                    bad = True
                elif lab not in allowed:
                    problems.append(Problem(fname, line, end,
                                            f"{nid!r} is a {lab}; {name} {end} must be one of {', '.join(allowed)}"))
                    bad = True
                ends[end] = (nid, lab)
            props = _coerce_row(row, present, fname, line, problems)
            if bad or props is None:
                continue
            key = (as_string(row.get("key")) if has_key else None) or ""
            rel = RelRow(name, ends["src"][0], ends["dst"][0], key, props, fname, line,
                         ends["src"][1], ends["dst"][1])
            rid = rel.id
            if rid in seen:
                problems.append(Problem(fname, line, "dst",
                                        f"duplicate relationship {rel.src} -{name}-> {rel.dst} "
                                        f"(first at row {seen[rid]}); add a distinct 'key' to keep both"))
                continue
            seen[rid] = line
            self.check_provenance(props, fname, line)
            out.append(rel)
        return out

    # -- provenance --------------------------------------------------------------
    def start_provenance(self) -> None:
        """Once every node file is read: the Source ids and the texts in ``sources/``."""
        self.source_ids = {r.id for r in self.ds.nodes.get("Source", [])}
        self.texts = source_texts(self.root)

    def _provenance_error(self, sid: Any, ev: Any) -> tuple[str, str] | None:
        """(field, message) when ``source_id`` / ``evidence`` are not right, else ``None``."""
        if sid is None or (sid, ev) in self.verified:
            return None
        if sid not in self.source_ids:
            return "source_id", f"unknown source {sid!r} (not in nodes/Source)"
        text = self.texts.get(sid.split(":", 1)[1])
        if text is not None and ev and ev not in text:
            return "evidence", f"the evidence is not found verbatim in sources/{sid.split(':', 1)[1]}.txt"
        return None

    def check_provenance(self, props: dict[str, Any], fname: str, line: int) -> None:
        sid = props.get("source_id")
        if sid is None:
            return
        ev = props.get("evidence")
        err = self._provenance_error(sid, ev)
        if err is not None:
            self.problems.append(Problem(fname, line, *err))
        elif isinstance(ev, str):
            self.verified.add((sid, ev))

    def check_node_provenance(self, rows: list[NodeRow]) -> None:
        """:meth:`check_provenance` of every row, each distinct pair looked at once
        when all of them are right."""
        try:
            pairs = {(r.props.get("source_id"), r.props.get("evidence")) for r in rows}
        except TypeError:  # pragma: no cover - evidence is text
            pairs = None
        if pairs is not None and not any(self._provenance_error(sid, ev) for sid, ev in pairs):
            self.verified.update((sid, ev) for sid, ev in pairs if sid is not None and isinstance(ev, str))
            return
        for r in rows:
            self.check_provenance(r.props, r.file, r.row)


def read_meta(path: Path) -> dict[str, Any]:
    meta_file = path / "dataset.yaml"
    if not meta_file.exists():
        return {"name": path.name}
    try:
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise DatasetInvalid([Problem(str(meta_file), None, None, f"cannot read: {e}")]) from None
    if not isinstance(meta, dict):
        raise DatasetInvalid([Problem(str(meta_file), None, None, "expected a mapping")])
    return meta


def source_texts(path: Path) -> dict[str, str]:
    """Texts in ``sources/``: ``sources/NAME.txt`` is the text of ``source:NAME``
    (or of the Source whose file name is given in a ``file`` note)."""
    out: dict[str, str] = {}
    folder = path / "sources"
    if folder.is_dir():
        for p in sorted(folder.glob("*.txt")):
            out[p.stem] = p.read_text(encoding="utf-8", errors="replace")
    return out


def load_dataset(path: Path | str, schema: Schema | None = None) -> Dataset:
    """Read and validate the dataset folder at ``path``; raise on any error."""
    steps = iter_dataset(path, schema)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def iter_dataset(path: Path | str, schema: Schema | None = None) -> Iterator[tuple[str, str, list[Any]]]:
    """:func:`load_dataset` step by step: yields ``("node", label, rows)`` after each
    node file and ``("rel", type, rows)`` after each relationship file, as soon as
    that file is read, then returns the :class:`Dataset` (``StopIteration.value``)
    or raises :class:`DatasetInvalid` like :func:`load_dataset`. The rows yielded
    are only known valid once the generator has returned (a later file can still
    show an error, e.g. an evidence not found in its source): a consumer writing
    them early must be able to throw its work away.
    """
    schema = schema or load_schema()
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_dir():
        raise DatasetInvalid([Problem(str(path), None, None, "is not a dataset folder")])
    meta = read_meta(path)
    ds = Dataset(path=path, meta=meta)

    node_files = _files(path / "nodes")
    rel_files = _files(path / "relationships")
    if not node_files:
        problems.append(Problem(str(path / "nodes"), None, None, "no node files found (nodes/<Label>.csv)"))
    for stem, p in node_files.items():
        if stem not in schema.labels:
            problems.append(Problem(_rel_path(p, path), None, None,
                                    f"'{stem}' is not a node label of the schema; labels: {', '.join(schema.labels)}"))
    for stem, p in rel_files.items():
        if stem not in schema.relationships:
            problems.append(Problem(_rel_path(p, path), None, None,
                                    f"'{stem}' is not a relationship type of the schema; "
                                    f"types: {', '.join(schema.relationships)}"))

    ctx = _Context(schema, ds, problems, path)
    for label_name, label in schema.labels.items():
        p = node_files.get(label_name)
        if p is None:
            continue
        rows = ctx.read_file("node", label_name, label, p)
        if rows is None:
            continue
        ds.nodes[label_name] = rows
        yield "node", label_name, rows

    ctx.start_provenance()
    for rows in ds.nodes.values():
        ctx.check_node_provenance(rows)

    for type_name, rtype in schema.relationships.items():
        p = rel_files.get(type_name)
        if p is None:
            continue
        rels = ctx.read_file("rel", type_name, rtype, p)
        if rels is None:
            continue
        ds.rels[type_name] = rels
        yield "rel", type_name, rels

    if any(p.severity == "error" for p in problems):
        raise DatasetInvalid(problems)
    from .dedupe import possible_duplicates

    ds.warnings.extend(possible_duplicates(ds))
    return ds
