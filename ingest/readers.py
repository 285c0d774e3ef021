"""Read tabular files into rows: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030),
XLSX (first sheet), YAML and JSON (a list of objects).

Every row comes back with the 1-based line/row number an analyst sees in a
spreadsheet (the header is row 1, so the first data row is row 2).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "Field.csv"
>>> _ = p.write_bytes("id,name_zh\\nfield:x,石墨烯\\n".encode("gbk"))
>>> t = read_table(p)
>>> t.encoding, t.header, t.rows[0]
('gb18030', ['id', 'name_zh'], (2, {'id': 'field:x', 'name_zh': '石墨烯'}))
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import yaml

TABLE_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml", ".json")


class ReadError(ValueError):
    """A file that cannot be read at all (encoding, syntax, shape)."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


class Table:
    """The rows of one file: ``rows`` as ``(row number, {column: value})``, or,
    for CSV, kept as lists of values (dicts are made only when ``rows`` is read;
    :meth:`column` reads one column without them).

    >>> t = Table.from_values(Path("x.csv"), ["id", "name"], [2, 3], [["a:1", "甲"], ["a:2", "乙"]])
    >>> t.column("name"), t.column("missing"), t.lines, t.rows[1]
    (['甲', '乙'], [None, None], [2, 3], (3, {'id': 'a:2', 'name': '乙'}))
    """

    def __init__(self, path: Path, header: list[str], rows: list[tuple[int, dict[str, Any]]] | None = None,
                 encoding: str = ""):
        self.path, self.header, self.encoding = path, header, encoding
        self._rows = rows if rows is not None else []
        self._lines: list[int] | None = None
        self._values: list[list[str]] | None = None

    @classmethod
    def from_values(cls, path: Path, header: list[str], lines: list[int], values: list[list[str]],
                    encoding: str = "") -> Table:
        """A table of ``values`` (one list per row, as wide as ``header``) at those row numbers."""
        t = cls(path, header, None, encoding)
        t._rows, t._lines, t._values = None, lines, values  # type: ignore[assignment]
        return t

    @property
    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        if self._rows is None:
            header = self.header
            self._rows = [(i, dict(zip(header, v))) for i, v in zip(self._lines or [], self._values or [])]
        return self._rows

    @property
    def lines(self) -> list[int]:
        """The row numbers, in order."""
        return list(self._lines) if self._rows is None else [i for i, _ in self._rows]

    def column(self, name: str) -> list[Any]:
        """Every row's value of column ``name`` (``None`` where there is none), in row order."""
        if self._rows is None and self._values is not None:
            if name not in self.header:
                return [None] * len(self._values)
            i = len(self.header) - 1 - self.header[::-1].index(name)  # the last one, as a dict keeps it
            return list(map(itemgetter(i), self._values))
        return list(map(dict.get, (r for _, r in self.rows), repeat(name)))

    def __len__(self) -> int:
        return len(self._values) if self._rows is None and self._values is not None else len(self.rows)


_CJK = re.compile("[\u4e00-\u9fff]")
_IPA_TO_NKO = re.compile("[\u0250-\u07ff]")


def _has_cjk(text: str) -> bool:
    """Whether ``text`` has a CJK unified ideograph (a regular expression: C speed, stops at the first)."""
    return _CJK.search(text) is not None


# Unicode blocks of the two-byte UTF-8 range (U+0080..U+07FF) that are real scripts:
# text written in one of them alone is what it says (Київ, Αθήνα, שלום).
_SCRIPT_BLOCKS = ((0x0370, 0x03FF), (0x0400, 0x052F), (0x0530, 0x058F), (0x0590, 0x05FF), (0x0600, 0x06FF))


def _block(ch: str) -> int:
    o = ord(ch)
    for lo, hi in _SCRIPT_BLOCKS:
        if lo <= o <= hi:
            return lo
    return 0x0080 if o < 0x0250 else o & ~0x3F  # Latin-1/Extended as one block, the rest by 64-char block


def _looks_like_gbk(text: str, data: bytes) -> bool:
    """Whether valid UTF-8 ``data`` without Chinese is really short GBK text.

    Short GBK text can be valid UTF-8 (石墨烯 in GBK reads as 'ʯīϩ'). Such
    mojibake mixes unrelated blocks (IPA, Latin, Coptic) and its GB18030
    reading is common Chinese (every character in GB2312). Text in one real
    script (Київ, Ελλάδα) or with a lone combining accent ('é' as e + U+0301,
    whose GB18030 reading '虂' is not in GB2312) stays UTF-8.

    >>> _looks_like_gbk("ʯīϩ", "石墨烯".encode("gbk")), _looks_like_gbk("банк", "банк".encode())
    (True, False)
    >>> _looks_like_gbk("e\u0301", "e\u0301".encode())
    False
    """
    blocks = {_block(c) for c in text if ord(c) > 0x7F}
    if len(blocks) == 1 and next(iter(blocks)) in {lo for lo, _ in _SCRIPT_BLOCKS}:
        return False
    try:
        alt = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    if not _has_cjk(alt):
        return False
    try:
        "".join(c for c in alt if ord(c) > 0x7F).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        if not _has_cjk(text) and _IPA_TO_NKO.search(text) and _looks_like_gbk(text, data):
            return data.decode("gb18030"), "gb18030"
        return text, "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ReadError(
            path,
            f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not GBK/GB18030 either; "
            "save it as CSV UTF-8",
        ) from None


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if b"\x00" in data:
        raise ReadError(path, "contains NUL bytes: it is not a CSV text file (UTF-16? binary?)")
    text, enc = _decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as e:
        raise ReadError(path, f"CSV syntax error near line {reader.line_num}: {e}") from None
    if not rows:
        return Table(path, [], [], enc)
    header = [h.strip() for h in rows[0]]
    width = len(header)
    lines: list[int] = []
    out: list[list[str]] = []
    append = out.append
    for i, values in enumerate(rows[1:], start=2):
        if not "".join(values).strip():
            continue  # blank line (no value holds anything but whitespace)
        if len(values) != width:
            if len(values) > width:
                if "".join(values[width:]).strip():
                    raise ReadError(path, f"row {i}: {len(values)} values but the header has {width} columns")
                values = values[:width]
            else:
                values = values + [""] * (width - len(values))
        lines.append(i)
        append(values)
    return Table.from_values(path, header, lines, out, enc)


def _cell(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else v


def _read_xlsx(path: Path) -> Table:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:
        raise ReadError(path, f"not a readable .xlsx workbook: {e}") from None
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        first = next(it, None)
        if first is None:
            return Table(path, [], [], "xlsx")
        header = [str(h).strip() if h is not None else "" for h in first]
        while header and header[-1] == "":
            header.pop()
        out = []
        for i, values in enumerate(it, start=2):
            cells = [_cell(v) for v in values]
            if not any(str(c).strip() for c in cells):
                continue
            out.append((i, {h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header)}))
        return Table(path, header, out, "xlsx")
    finally:
        wb.close()


def _read_structured(path: Path) -> Table:
    text, enc = _decode(path, path.read_bytes())
    try:
        doc = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise ReadError(path, f"syntax error: {e}") from None
    if doc is None:
        doc = []
    if not isinstance(doc, list) or not all(isinstance(r, dict) for r in doc):
        raise ReadError(path, "expected a list of objects (one object per row)")
    header: list[str] = []
    for r in doc:
        for k in r:
            if str(k) not in header:
                header.append(str(k))
    rows = [(i, {str(k): ("" if v is None else v) for k, v in r.items()}) for i, r in enumerate(doc, start=1)]
    for i, r in rows:
        for k, v in r.items():
            if _has_nul(v):
                raise ReadError(path, f"row {i}, field '{k}': contains a NUL character (\\u0000), which the "
                                      "graph stores cannot hold; remove it")
    return Table(path, header, rows, enc)


def _has_nul(v: Any) -> bool:
    """Whether a cell (or a string in a list/dict cell) holds U+0000 (CSV files with NUL bytes are refused whole).

    >>> _has_nul("a\\x00b"), _has_nul(["x", "y\\x00"]), _has_nul("ab"), _has_nul(3)
    (True, True, False, False)
    """
    if isinstance(v, str):
        return "\x00" in v
    if isinstance(v, (list, tuple)):
        return any(map(_has_nul, v))
    if isinstance(v, dict):
        return any(map(_has_nul, v.values())) or any(map(_has_nul, v.keys()))
    return False


def read_table(path: Path) -> Table:
    """Read one CSV/XLSX/YAML/JSON file into a :class:`Table`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".yaml", ".yml", ".json"):
        return _read_structured(path)
    raise ReadError(path, f"unsupported file type {suffix!r}; use one of {', '.join(TABLE_SUFFIXES)}")
