"""Possible duplicates: entities of one label whose names or aliases are equal
after normalisation, or close (rapidfuzz). Reported with both ids, never merged.

>>> from types import SimpleNamespace as NS
>>> rows = [NS(id="org:a", label="Organization", file="f", row=2,
...            props={"name_zh": "重庆长安汽车股份有限公司", "name_en": "Changan"}),
...         NS(id="org:b", label="Organization", file="f", row=3,
...            props={"name_zh": "重庆长安汽车股份有限公司 ", "name_en": "Changan Auto"})]
>>> [p.message.split(" (")[0] for p in duplicates_in(rows)]
['possible duplicate of org:a']
"""

from __future__ import annotations

from typing import Any

from .normalize import name_key, name_keys

FUZZY_LIMIT = 3000  # above this many entities of one label only exact keys are compared
FUZZY_CUTOFF = 92.0


def _names(props: dict[str, Any]) -> list[tuple[str, str]]:
    out = [(f, props[f]) for f in ("name_zh", "name_en") if props.get(f)]
    out += [("aliases", a) for a in props.get("aliases") or []]
    return out


def _some_key_shared(rows: list[Any]) -> bool:
    """Whether two different rows have a name (name_zh, name_en, an alias) with the
    same key of 2+ characters: the keys of every name made at once (``name_keys``).

    >>> from types import SimpleNamespace as NS
    >>> _some_key_shared([NS(props={"name_zh": "ABC", "name_en": "abc"}), NS(props={"name_zh": "XY"})])
    False
    >>> _some_key_shared([NS(props={"name_zh": "ABC"}), NS(props={"aliases": ["x", "a b c"]})])
    True
    """
    names: list[str] = []
    owner: list[int] = []
    for field in ("name_zh", "name_en"):
        col = [r.props.get(field) for r in rows]
        idx = [i for i, v in enumerate(col) if v]
        names += [col[i] for i in idx]
        owner += idx
    for i, r in enumerate(rows):
        aliases = r.props.get("aliases")
        if aliases:
            names += aliases
            owner += [i] * len(aliases)
    keys = name_keys(names)
    long = [(k, o) for k, o in zip(keys, owner) if len(k) >= 2]
    if len({k for k, _ in long}) == len(long):
        return False
    first: dict[str, int] = {}
    for k, o in long:
        if first.setdefault(k, o) != o:
            return True
    return False  # shared only between names of one row


def duplicates_in(rows: list[Any]) -> list[Any]:
    from .dataset import Problem

    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    if _some_key_shared(rows):  # else no two entities can share a key: nothing to report
        by_key: dict[str, tuple[str, str]] = {}
        for r in rows:
            own: set[str] = set()
            for fieldname, name in _names(r.props):
                k = name_key(name)
                if len(k) < 2 or k in own:
                    continue
                own.add(k)
                other = by_key.get(k)
                if other and other[0] != r.id and (other[0], r.id) not in reported:
                    reported.add((other[0], r.id))
                    problems.append(Problem(r.file, r.row, fieldname,
                                            f"possible duplicate of {other[0]} (same {fieldname} after "
                                            f"normalisation: {name!r})", "warning"))
                by_key.setdefault(k, (r.id, fieldname))
    if 1 < len(rows) <= FUZZY_LIMIT:
        from rapidfuzz import fuzz, process

        zh = name_keys([r.props.get("name_zh", "") for r in rows])
        import numpy as np

        scores = process.cdist(zh, zh, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, workers=1)
        for i, j in np.argwhere(np.triu(scores, 1) > 0):
            s = float(scores[i][j])
            if len(zh[i]) >= 4 and (rows[i].id, rows[j].id) not in reported:
                reported.add((rows[i].id, rows[j].id))
                problems.append(Problem(rows[j].file, rows[j].row, "name_zh",
                                        f"possible duplicate of {rows[i].id} (name similarity {s:.0f}/100)",
                                        "warning"))
    return problems


def possible_duplicates(ds: Any) -> list[Any]:
    """Warnings for every label of a dataset (see :func:`duplicates_in`)."""
    out: list[Any] = []
    for label, rows in ds.nodes.items():
        if label in ("Metric", "Source"):
            continue
        out.extend(duplicates_in(rows))
    return out

