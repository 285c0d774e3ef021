"""The HTML page: one self-contained file with vis-network's script and style
(from the pyvis package) and the map's own script inlined. No CDN, no
Bootstrap, no tom-select: the page makes no network request at all, and its
Content-Security-Policy forbids any (``default-src 'none'``) and runs only the
page's own scripts (by hash), so nothing injected through the data could run.

Data reaches the page only as one JSON block whose ``<``, ``>`` and ``&`` are
written as ``\\u003c`` ...; the script puts every text into the page with
``textContent``.

>>> safe_json({"name": "</script><img src=x onerror=alert(1)>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from visualize import style
from visualize.assemble import Assembled

VIS_VERSION = "9.1.2"

UI = {  # (zh, en) of every fixed text on the page
    "search": ("搜索名称", "Search by name"),
    "labels": ("节点类型（点击筛选）", "Node types (click to filter)"),
    "types": ("关系类型", "Relationship types"),
    "marks": ("图例", "Key"),
    "source": ("来源", "Source"),
    "evidence": ("证据", "Evidence"),
    "nodes": ("节点", "nodes"),
    "edges": ("关系", "relationships"),
    "noMatch": ("没有匹配的节点", "No matching node"),
    "close": ("关闭", "Close"),
}

TEMPLATE = """<!DOCTYPE html>
<html lang="@LANG@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="@CSP@">
<meta name="generator" content="haizhi-kg (vis-network @VIS@ via pyvis)">
<title>@TITLE@</title>
<style>@VISCSS@</style>
<style>:root { --kg-font: @FONT@; }
@MAPCSS@</style>
</head>
<body>
<div id="kg-network"></div>
<aside class="kg-panel" id="kg-panel">
<h1 id="kg-title"></h1>
<div class="kg-status" id="kg-status"></div>
<input id="kg-search" type="search" autocomplete="off" spellcheck="false" placeholder="@SEARCH@" aria-label="@SEARCH@">
<ul class="kg-results" id="kg-results"></ul>
<ul class="kg-notes" id="kg-notes"></ul>
<h2>@LABELS@</h2>
<ul class="kg-legend" id="kg-labels"></ul>
<h2 id="kg-types-h">@TYPES@</h2>
<ul class="kg-legend" id="kg-types"></ul>
<h2 id="kg-marks-h">@MARKS@</h2>
<ul class="kg-legend" id="kg-marks"></ul>
</aside>
<div class="kg-tip" id="kg-tip" hidden></div>
<aside class="kg-details" id="kg-details" hidden><button type="button" class="kg-close" id="kg-close" aria-label="@CLOSE@" title="@CLOSE@">×</button><div id="kg-details-body"></div></aside>
<script type="application/json" id="kg-data">@DATA@</script>
<script>@VISJS@</script>
<script>@MAPJS@</script>
</body>
</html>
"""

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)


def safe_json(value: Any) -> str:
    """JSON that can sit inside ``<script>``: ``<``, ``>``, ``&`` and the two
    JavaScript line separators are escaped, so no text can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_text(js: str) -> str:
    """A script made safe to inline: no source-map comment (a request when dev
    tools open) and no ``</script`` inside."""
    js = _SOURCE_MAP.sub("", js.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)


@lru_cache(maxsize=None)
def assets() -> dict[str, str]:
    """vis-network's JS and CSS (shipped in the pyvis package) and the map's own JS/CSS."""
    lib = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    here = Path(__file__).resolve().parent / "assets"
    return {
        "visjs": _script_text(lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")),
        "viscss": lib.joinpath("vis-network.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        "mapjs": _script_text((here / "map.js").read_text(encoding="utf-8")),
        "mapcss": (here / "map.css").read_text(encoding="utf-8"),
    }


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: list[str]) -> str:
    """The page's Content-Security-Policy: nothing may be fetched; only these scripts run.

    >>> csp(["x"]).split("; ")[0]
    "default-src 'none'"
    """
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_hash(s) for s in scripts),
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


class _Table:
    """Strings numbered in order of first use."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def compact_info(info: dict[str, dict[Any, dict[str, Any]]]) -> dict[str, Any]:
    """Tooltip data as written into the page: repeated texts (property names,
    type and label names, sources) numbered once in tables; an edge's heading
    is made in the page from its ends' names; empty fields left out.

    >>> c = compact_info({"n": {"a": {"k": "Talent", "h": "甲", "sub": "人才", "rows": [["中文名称", "甲"]],
    ...                                "src": "S [source:s]", "ev": "", "q": "a 甲"}},
    ...                   "e": {"r": {"t": "HEADS", "h": "甲 → 乙", "sub": "负责", "rows": [],
    ...                                "src": "S [source:s]", "ev": "甲负责乙"}}})
    >>> c["n"]["a"], c["e"]["r"], c["keys"], c["sub"], c["src"]
    ({'k': 'Talent', 'h': '甲', 'b': 0, 'q': 'a 甲', 'r': [[0, '甲']], 's': 0}, {'t': 'HEADS', 'b': 1, 's': 0, 'ev': '甲负责乙'}, ['中文名称'], ['人才', '负责'], ['S [source:s]'])
    """
    keys, subs, srcs = _Table(), _Table(), _Table()

    def one(d: dict[str, Any], kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {"k": d["k"], "h": d["h"]} if kind == "n" else {"t": d["t"]}
        out["b"] = subs(d["sub"])
        if kind == "n":
            out["q"] = d["q"]
        if d.get("rows"):
            out["r"] = [[keys(k), v] for k, v in d["rows"]]
        if d.get("src"):
            out["s"] = srcs(d["src"])
        if d.get("ev"):
            out["ev"] = d["ev"]
        return out

    n = {i: one(d, "n") for i, d in info["n"].items()}
    e = {i: one(d, "e") for i, d in info["e"].items()}
    return {"n": n, "e": e, "keys": keys.items, "sub": subs.items, "src": srcs.items}


def ui_text(lang: str) -> dict[str, str]:
    """The page's fixed texts in ``lang``.

    >>> ui_text("en")["search"], ui_text("both")["search"]
    ('Search by name', '搜索名称 Search by name')
    """
    return {k: style.bilingual(zh, en, lang, " ") for k, (zh, en) in UI.items()}


def render_page(m: Assembled) -> str:
    """The whole HTML page for an assembled map, as text (write it as UTF-8)."""
    nodes, edges, _heading, _height, _width, options = m.net.get_network_data()
    lang = m.meta["lang"]
    ui = ui_text(lang)
    payload = {"meta": m.meta, "ui": ui, "legend": m.legend, "info": compact_info(m.info), "nodes": nodes,
               "edges": edges,
               "options": json.loads(options) if isinstance(options, str) else options}
    a = assets()
    esc = html.escape
    parts = {
        "@LANG@": "en" if lang == "en" else "zh-CN",
        "@CSP@": esc(csp([a["visjs"], a["mapjs"]])),
        "@VIS@": VIS_VERSION,
        "@TITLE@": esc(m.meta["title"]),
        "@FONT@": style.FONT_FACE,
        "@SEARCH@": esc(ui["search"]),
        "@LABELS@": esc(ui["labels"]),
        "@TYPES@": esc(ui["types"]),
        "@MARKS@": esc(ui["marks"]),
        "@CLOSE@": esc(ui["close"]),
        "@VISCSS@": a["viscss"],
        "@MAPCSS@": a["mapcss"],
        "@DATA@": safe_json(payload),
        "@VISJS@": a["visjs"],
        "@MAPJS@": a["mapjs"],
    }
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    # one pass, so no replaced text (data, scripts) is ever searched for markers again
    return pattern.sub(lambda mo: parts[mo.group(0)], TEMPLATE)


def write_page(path: str | Path, text: str) -> Path:
    """Write the page as UTF-8 (never the platform's default encoding: that is
    how Chinese turns into "????")."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8", newline="\n")
    return p
