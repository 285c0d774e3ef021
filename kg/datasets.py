"""Where the bundled datasets are: inside the installed package (``kg/data``)
or, in a source checkout, the repository's ``data/`` folder.

>>> bundled_dataset("chongqing").name
'chongqing'
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_root() -> Path:
    for candidate in (_PKG / "data", _PKG.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled data folder is missing from this installation")


def bundled_dataset(name: str = "chongqing") -> Path:
    p = data_root() / name
    if not p.is_dir():
        raise FileNotFoundError(f"no bundled dataset named {name!r} in {data_root()}")
    return p
