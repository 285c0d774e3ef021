"""Normalise names and coerce cell values to the schema's property types.

>>> normalize_name("  重庆长安汽车股份有限公司\\u3000 ")
'重庆长安汽车股份有限公司'
>>> normalize_name("ＡＢＣ　Lab")
'ABC Lab'
>>> coerce("２０２２", "int")
2022
>>> coerce("是", "bool")
True
>>> coerce("a| b ||c", "list")
['a', 'b', 'c']
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

_WS = re.compile(r"\s+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
TRUE = {"true", "1", "yes", "y", "t", "是", "真", "对"}
FALSE = {"false", "0", "no", "n", "f", "否", "假", "错"}


_ALNUM = re.compile(r"[^\W_]+")  # runs of str.isalnum() characters (re's \w is isalnum or "_")


def normalize_name(s: str) -> str:
    """NFKC (full-width to half-width), collapse whitespace, strip."""
    if s.isascii() and s.isprintable() and "  " not in s:
        return s.strip()  # NFKC leaves printable ASCII alone; no run of whitespace to collapse
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    return _WS.sub(" ", s).strip()


def name_key(s: str) -> str:
    """A comparison key: normalised, lower case, no spaces or punctuation."""
    return "".join(_ALNUM.findall(normalize_name(s).lower()))


_NOT_ALNUM_OR_NUL = re.compile(r"[^\w\x00]+")  # then "_" (a \w character but no letter or digit)
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not (chr(b).isalnum() or b == 0))


def name_keys(names: list[str]) -> list[str]:
    """``[name_key(s) for s in names]``, made on all the names at once.

    Joined by ``"\\x00"`` (NFKC and ``lower`` leave it alone and treat it as
    a boundary, and it is no letter or digit), normalised, lower-cased and
    stripped of what is not a letter or digit in three whole-text passes; the
    spaces ``normalize_name`` collapses or strips are dropped from a key anyway.

    >>> name_keys(["ＡＢＣ　Lab", "重庆 长安(汽车)", "", "A_b"])
    ['abclab', '重庆长安汽车', '', 'ab']
    """
    if not names:
        return []
    joined = "\x00".join(names) if all(s.__class__ is str for s in names) else None
    if joined is None or joined.count("\x00") != len(names) - 1:
        return [name_key(s) for s in names]
    if joined.isascii():  # NFKC leaves ASCII alone; drop every byte but letters, digits and NUL at C speed
        return joined.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii").split("\x00")
    if not unicodedata.is_normalized("NFKC", joined):
        joined = unicodedata.normalize("NFKC", joined)
    return _NOT_ALNUM_OR_NUL.sub("", joined.lower()).replace("_", "").split("\x00")


class CoerceError(ValueError):
    pass


def _nfkc(s: str) -> str:
    """``unicodedata.normalize("NFKC", s)``, skipped for ASCII (which it leaves unchanged)."""
    return s if s.isascii() else unicodedata.normalize("NFKC", s)


def coerce(value: Any, ptype: str, values: tuple[str, ...] = ()) -> Any:
    """Convert a cell to the property type; ``None`` for an empty cell.

    Raises :class:`CoerceError` with a short reason when the value does not fit.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if ptype not in ("text",):
            value = value.strip()
        if value == "":
            return None
    if ptype in ("string",):
        return normalize_name(str(value)) if isinstance(value, str) else str(value)
    if ptype == "text":
        return str(value).strip() or None
    if ptype == "int":
        if isinstance(value, bool):
            raise CoerceError(f"expected a whole number, got {value!r}")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return int(value)  # plain ASCII digits: what the general path gives, without NFKC
        s = _nfkc(str(value)).replace(",", "").strip()
        if re.fullmatch(r"[+-]?\d+", s):
            return int(s)
        raise CoerceError(f"expected a whole number, got {value!r}")
    if ptype == "float":
        if isinstance(value, bool):
            raise CoerceError(f"expected a number, got {value!r}")
        if isinstance(value, (int, float)):
            f = float(value)
        else:
            s = _nfkc(str(value)).replace(",", "").strip()
            try:
                f = float(s)
            except ValueError:
                raise CoerceError(f"expected a number, got {value!r}") from None
        if math.isnan(f) or math.isinf(f):
            raise CoerceError(f"expected a finite number, got {value!r}")
        return f
    if ptype == "bool":
        if isinstance(value, bool):
            return value
        s = _nfkc(str(value)).strip().lower()
        if s in TRUE:
            return True
        if s in FALSE:
            return False
        raise CoerceError(f"expected true/false, got {value!r}")
    if ptype == "date":
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()[:10]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        s = _nfkc(str(value)).strip()
        m = _DATE.match(s)
        if not m:
            raise CoerceError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            dt.date(y, mo, d)
        except ValueError:
            raise CoerceError(f"not a real date: {value!r}") from None
        return s
    if ptype == "list":
        if isinstance(value, (list, tuple)):
            items = [normalize_name(str(v)) for v in value]
        else:
            items = [normalize_name(p) for p in str(value).split("|")]
        items = [i for i in items if i]
        return items or None
    if ptype == "enum":
        s = normalize_name(str(value))
        if s not in values:
            raise CoerceError(f"{value!r} is not one of {', '.join(values)}")
        return s
    raise CoerceError(f"unknown type {ptype}")  # pragma: no cover


def _coerce_string(value: Any) -> Any:
    if value.__class__ is str:
        value = value.strip()
        if value == "":
            return None
        if value.isascii() and value.isprintable() and "  " not in value:
            return value  # normalize_name would return it unchanged
        return normalize_name(value)
    return coerce(value, "string")


def _coerce_text(value: Any) -> Any:
    if value.__class__ is str:
        return value.strip() or None
    return coerce(value, "text")


def _coerce_int(value: Any) -> Any:
    if value.__class__ is str and value.isascii() and value.isdigit():
        return int(value)
    return coerce(value, "int")


def coercer(ptype: str, values: tuple[str, ...] = ()) -> Any:
    """A function ``f(value)`` that returns what ``coerce(value, ptype, values)``
    returns (and raises what it raises), with fast paths for plain strings.

    >>> coercer("string")("  重庆 "), coercer("int")("2022"), coercer("text")("  ")
    ('重庆', 2022, None)
    """
    fast = {"string": _coerce_string, "text": _coerce_text, "int": _coerce_int}.get(ptype)
    if fast is not None:
        return fast
    return lambda value: coerce(value, ptype, values)
