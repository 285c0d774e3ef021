r"""The ``CYPHER `name`=value ...`` parameter prefix that the ``falkordb`` client
puts in front of a query, made with less work per value.

The client (``falkordb.Graph._build_params_header`` with
``falkordb.helpers.stringify_param_value``) walks every value through a chain
of ``isinstance`` tests and checks every map key each time it meets it; for the
~95 MB of rows of a 100k-node build that is 1.6-3.4 s of the GIL. This module
writes the very same text (byte for byte: the tests compare it with the
client's) with one dispatch on the exact class per value and each map key
checked and quoted once per process:

* ``str``: ``"`` + the text with ``\`` and ``"`` escaped by a backslash + ``"``;
  every other character (newlines, control characters, any Unicode) as it is;
* ``None``: ``null``; ``bool``, ``int``, ``float``: ``str(value)`` (``True``,
  ``-3``, ``1e-05``); lists and tuples: ``[a,b]``; dicts: ``{`key`:value,...}``.

Anything else (a subclass, bytes, a key that is not a ``str``, an empty key or
one with a backtick) makes the whole header come from the client's own
encoder, so the result is never different from the client's.

>>> print(params_header({"rows": [{"id": "a:1", "name": 'say "hi" \\', "n": 2, "ok": True, "x": None,
...                                "tags": ["p", "q"], "f": 0.5}]}))
CYPHER `rows`=[{`id`:"a:1",`name`:"say \"hi\" \\",`n`:2,`ok`:True,`x`:null,`tags`:["p","q"],`f`:0.5}]
>>> params_header({}), params_header(None)
('CYPHER ', '')
"""

from __future__ import annotations

from typing import Any


class _Fallback(Exception):
    """A value this encoder does not write itself: use the client's encoder."""


class _Keys(dict):
    """``key -> "`key`:"`` for the map keys met so far (str keys only)."""

    def __missing__(self, key: Any) -> str:
        if key.__class__ is not str or not key or "`" in key:
            raise _Fallback
        text = self[key] = f"`{key}`:"
        return text


_KEYS = _Keys()


def _str(v: str) -> str:
    if '"' in v or "\\" in v:
        v = v.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + v + '"'


def _list(v: Any) -> str:
    return "[" + ",".join([_ENC[x.__class__](x) for x in v]) + "]"


def _map(d: dict[Any, Any]) -> str:
    keys, enc = _KEYS, _ENC
    parts = []
    for k, v in d.items():
        c = v.__class__
        if c is str:
            if '"' in v or "\\" in v:
                v = v.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'{keys[k]}"{v}"')
        else:
            parts.append(keys[k] + enc[c](v))
    return "{" + ",".join(parts) + "}"


def _null(_v: None) -> str:
    return "null"


class Encoded:
    """A parameter value already written as Cypher literal text (by :func:`encode_value`
    or code that gives the same text); ``len`` is the number of rows it holds.

    >>> params_header({"rows": Encoded('[{`a`:1}]', 1)})
    'CYPHER `rows`=[{`a`:1}] '
    """

    __slots__ = ("text", "n")

    def __init__(self, text: str, n: int):
        self.text, self.n = text, n

    def __len__(self) -> int:
        return self.n

    def __str__(self) -> str:  # what the client's own encoder writes for it
        return self.text


def _encoded(v: Encoded) -> str:
    return v.text


_ENC: dict[type, Any] = {str: _str, int: int.__repr__, float: float.__repr__, bool: str, type(None): _null,
                         list: _list, tuple: _list, dict: _map, Encoded: _encoded}

# for code that writes Cypher literal text itself (kg.build's relationship rows)
encode_str = _str
encode_map = _map


def encode_value(value: Any) -> str:
    """One parameter value as the Cypher literal text the ``falkordb`` client writes.

    >>> print(encode_value(["a\\nb", 1, 2.5, None, False, {"k": 'q"'}]))
    ["a
    b",1,2.5,null,False,{`k`:"q\\""}]
    """
    try:
        return _ENC[value.__class__](value)
    except (_Fallback, KeyError):
        from falkordb.helpers import stringify_param_value

        return stringify_param_value(value)


def params_header(params: dict[str, Any] | None) -> str:
    """The ``CYPHER `name`=value ... `` prefix for ``params`` (``""`` for ``None``),
    exactly as ``falkordb.Graph`` builds it; send it as
    ``graph.query(params_header(params) + query)``.

    >>> params_header({"ids": ["x", "y"], "n": 3})
    'CYPHER `ids`=["x","y"] `n`=3 '
    """
    if params is None:
        return ""
    if not isinstance(params, dict):
        raise TypeError("'params' must be a dict")
    try:
        return "CYPHER " + "".join([f"{_KEYS[k][:-1]}={_ENC[v.__class__](v)} " for k, v in params.items()])
    except (_Fallback, KeyError):
        from falkordb.graph import Graph

        return Graph._build_params_header(None, params)  # type: ignore[arg-type]  # self is not used
