"""Turn a :class:`~visualize.maps.MapPlan` into a pyvis ``Network`` (nodes
with positions, colours, shapes, sizes; edges; vis-network options) plus the
tooltip data, the legend and the page's metadata.

pyvis is used in bulk: ``add_nodes`` for the nodes, and the edge list handed
over directly (``Network.add_edge`` checks every existing node and edge, so
adding edges one by one, as ``from_nx`` does, grows quadratically).

>>> import networkx as nx
>>> from kg.schema import load_schema
>>> from visualize.maps import whole_map
>>> g = nx.MultiDiGraph()
>>> g.add_node("org:a", label="Organization", id="org:a", name_zh="甲", name_en="A")
>>> g.add_node("station:a", label="Station", id="station:a", name_zh="甲站", name_en="A station")
>>> _ = g.add_edge("org:a", "station:a", key="HOSTS:org:a->station:a", type="HOSTS")
>>> m = assemble(whole_map(g), load_schema(), "zh")
>>> [n["label"] for n in m.net.nodes], [(e["from"], e["to"]) for e in m.net.edges]
(['甲', '甲站'], [('org:a', 'station:a')])
>>> m.info["e"]["HOSTS:org:a->station:a"]["sub"], m.net.options["physics"]["enabled"]
('设立', False)
>>> m.net.nodes[1]["group"], m.net.options["groups"]["Station"]["shape"]
('Station', 'diamond')
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pyvis.network import Network

from kg.schema import Schema
from visualize import style
from visualize.info import edge_info, format_value, node_info
from visualize.layout import positions as compute_positions
from visualize.maps import MapPlan

EDGE_LABEL_LIMIT = 150  # draw relationship names on edges only on maps this small (else in tooltips)
LARGE_EDGES = 3000      # above this, edges are hidden while dragging/zooming, arrows are smaller
SIZE_MIN, SIZE_MAX = 8.0, 30.0     # node size (px at zoom 1) of the lowest and highest value on a map
FONT_MIN, FONT_MAX = 14, 34        # label size follows: hubs stay labelled when the whole map is in view


class _IdList(list):
    """pyvis keeps node ids in a list and checks ``id not in node_ids`` for every
    node added: quadratic (1.2 s of 10,000 nodes' assembly). Same list, set-backed membership."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[Any] = set()

    def append(self, item: Any) -> None:
        self._seen.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._seen


@dataclass
class Assembled:
    net: Network
    info: dict[str, dict[Hashable, dict[str, Any]]]
    legend: dict[str, list[dict[str, Any]]]
    meta: dict[str, Any] = field(default_factory=dict)


def _facts(facts: list[tuple[str, str, Any]], lang: str) -> list[list[str]]:
    """Facts as tooltip rows; a value ``{"zh": ..., "en": ...}`` is shown in ``lang``.

    >>> _facts([("缺口", "Gap", {"zh": "没有海外合作", "en": "no overseas partner"}), ("排名", "Rank", 2)], "en")
    [['Gap', 'no overseas partner'], ['Rank', '2']]
    """
    out = []
    for zh, en, v in facts:
        if isinstance(v, dict) and ("zh" in v or "en" in v):
            text = style.bilingual(str(v.get("zh") or ""), str(v.get("en") or ""), lang, " / ")
        else:
            text = format_value(v, lang)
        out.append([style.bilingual(zh, en, lang), text])
    return out


def _default_sizes(plan: MapPlan) -> dict[Hashable, float]:
    if plan.sizes:
        return plan.sizes
    deg = dict(plan.graph.degree())
    hi = max(deg.values(), default=0) or 1
    return {n: math.sqrt(d / hi) for n, d in deg.items()}


def vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: physics off (positions are precomputed), straight
    edges, hover for tooltips; large maps hide edges while moving.

    >>> o = vis_options(10, 5000)
    >>> o["physics"]["enabled"], o["layout"]["improvedLayout"], o["interaction"]["hideEdgesOnDrag"]
    (False, False, True)
    """
    large = n_edges > LARGE_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False, "multiselect": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"borderWidth": 1, "font": {"face": style.FONT_FACE, "size": 14, "strokeWidth": 3,
                                             "strokeColor": "#ffffff"},
                  "scaling": {"min": SIZE_MIN, "max": SIZE_MAX,
                              "label": {"enabled": True, "min": FONT_MIN, "max": FONT_MAX,
                                        "maxVisible": FONT_MAX, "drawThreshold": 7}}},
        "edges": {"smooth": False, "width": 1,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.35 if large else 0.5}},
                  "color": {"color": style.EDGE_COLOR, "highlight": style.EDGE_FOCUS_COLOR,
                            "hover": style.EDGE_FOCUS_COLOR, "inherit": False},
                  "font": {"face": style.FONT_FACE, "size": 10, "strokeWidth": 3, "align": "middle",
                           "color": "#333333"},
                  "selectionWidth": 1.5, "hoverWidth": 1.5},
    }


def _curves(pairs: list[tuple[Hashable, Hashable]]) -> list[dict[str, Any] | None]:
    """Parallel edges between the same two nodes get different curvatures.

    >>> _curves([("a", "b"), ("b", "a"), ("a", "c")])
    [{'enabled': True, 'type': 'curvedCW', 'roundness': 0.15}, {'enabled': True, 'type': 'curvedCCW', 'roundness': 0.3}, None]
    """
    groups: dict[frozenset, list[int]] = defaultdict(list)
    for i, (u, v) in enumerate(pairs):
        groups[frozenset((u, v))].append(i)
    out: list[dict[str, Any] | None] = [None] * len(pairs)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        for j, i in enumerate(idx):
            u, v = pairs[i]
            # curvedCW bends to the right of the direction of travel: flip it for
            # reversed edges so that every edge of the group bends to the same side
            kind = "curvedCW" if str(u) <= str(v) else "curvedCCW"
            out[i] = {"enabled": True, "type": kind, "roundness": round(0.15 * (j + 1), 2)}
    return out


def assemble(plan: MapPlan, schema: Schema, lang: str,
             sources: Mapping[str, Mapping[str, Any]] | None = None, seed: int = 7,
             pos: Mapping[Hashable, tuple[float, float]] | None = None) -> Assembled:
    """Lay out ``plan`` (unless ``pos`` is given) and build the pyvis network."""
    style.check_lang(lang)
    g = plan.graph
    if pos is None:
        layout_graph = g
        if plan.extra_edges:
            layout_graph = g.copy()
            layout_graph.add_edges_from((e.src, e.dst) for e in plan.extra_edges)
        pos = compute_positions(layout_graph, seed=seed, center=plan.center)
    sizes = _default_sizes(plan)
    fade_nodes = plan.focus_nodes is not None
    fade_edges = plan.focus_edges is not None

    ids: list[str] = []
    labels: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    groups: list[str] = []
    group_looks: dict[str, dict[str, Any]] = {}
    node_values: list[float] = []
    info_n: dict[Hashable, dict[str, Any]] = {}
    label_counts: Counter[str] = Counter()
    for n, a in g.nodes(data=True):
        lab = a.get("label") or schema.label_of_id(str(n)) or ""
        if lab not in schema.labels:
            raise ValueError(f"node {n!r} has no schema label (got {lab!r})")
        label_counts[lab] += 1
        faded = fade_nodes and n not in plan.focus_nodes  # type: ignore[operator]
        marked = n in plan.marked and not faded
        # one vis-network group per label and emphasis: the look is written once, not per node
        group = lab + (".faded" if faded else ".marked" if marked else "")
        if group not in group_looks:
            group_looks[group] = style.node_look(schema, lab, fade=faded, marked=marked)
        ids.append(str(n))
        labels.append(style.node_name({**a, "id": a.get("id", n)}, lang))
        xs.append(pos[n][0])
        ys.append(pos[n][1])
        groups.append(group)
        # vis-network maps values linearly onto SIZE_MIN..SIZE_MAX (and FONT_MIN..FONT_MAX)
        node_values.append(round(100 * max(0.0, min(1.0, sizes.get(n, 0.0))), 2))
        info_n[str(n)] = node_info(schema, {**a, "label": lab, "id": a.get("id", n)}, lang, sources,
                                   _facts(plan.node_facts.get(n, []), lang))

    net = Network(directed=True)
    net.node_ids = _IdList()
    net.add_nodes(ids, label=labels, x=xs, y=ys, value=node_values)
    for nid, group in zip(ids, groups):
        d = net.node_map[nid]
        del d["shape"], d["color"]  # pyvis's defaults: the group gives them
        d["group"] = group

    # edges: the graph's, then the plan's extra ones (candidates)
    rows: list[tuple[str, str, str, dict[str, Any], bool]] = []
    for u, v, k, d in g.edges(keys=True, data=True):
        rows.append((str(u), str(v), str(k), d, False))
    for e in plan.extra_edges:
        rows.append((str(e.src), str(e.dst), e.id, {"type": e.type, "_extra": e}, True))
    curves = _curves([(r[0], r[1]) for r in rows])
    n_edges = len(rows)
    show_labels = n_edges <= EDGE_LABEL_LIMIT
    focus_count = len(plan.focus_edges or ()) + len(plan.extra_edges)
    edges: list[dict[str, Any]] = []
    info_e: dict[Hashable, dict[str, Any]] = {}
    type_counts: Counter[str] = Counter()
    known = set(ids)
    for (u, v, eid, d, is_extra), curve in zip(rows, curves):
        if u not in known or v not in known:
            raise ValueError(f"edge {eid!r} ends outside the map")
        if eid in info_e:
            raise ValueError(f"two edges share the id {eid!r}")
        t = str(d.get("type", ""))
        type_counts[t] += 1
        rt = schema.relationships.get(t)
        type_text = style.bilingual(rt.zh, rt.en, lang) if rt else t
        e: dict[str, Any] = {"id": eid, "from": u, "to": v}
        focus = is_extra or (fade_edges and eid in plan.focus_edges)  # type: ignore[operator]
        if is_extra:
            x = d["_extra"]
            e.update(dashes=x.dashed, width=2, color={"color": "#c44536", "highlight": "#7b2d26",
                                                      "hover": "#7b2d26"},
                     label=x.label, font={"color": "#7b2d26", "size": 12})
            info_e[eid] = edge_info(schema, {"type": t}, info_n[u]["h"], info_n[v]["h"], lang, sources,
                                    _facts(x.facts, lang))
            info_e[eid]["sub"] = style.bilingual("候选合作", "Candidate partnership", lang)
        else:
            if focus:
                e.update(width=3, color={"color": style.EDGE_FOCUS_COLOR})
            elif fade_edges:
                e.update(color={"color": style.faded(style.EDGE_COLOR, 0.15)})
            if show_labels or (focus and focus_count <= EDGE_LABEL_LIMIT):
                e["label"] = type_text
                if fade_edges and not focus:
                    e["font"] = {"color": "rgba(51,51,51,0.3)"}
            info_e[eid] = edge_info(schema, d, info_n[u]["h"], info_n[v]["h"], lang, sources)
        if curve:
            e["smooth"] = curve
        edges.append(e)
    net.edges.extend(edges)
    net.options = vis_options(len(ids), n_edges)
    net.options["groups"] = group_looks

    legend = {
        "labels": style.label_legend(schema, dict(label_counts), lang),
        "types": style.type_legend(schema, {k: v for k, v in type_counts.items() if k != "CANDIDATE"}, lang),
        "marks": [{"style": m["style"], "text": style.bilingual(m["zh"], m["en"], lang)} for m in plan.marks_legend],
    }
    meta = {
        "kind": plan.kind,
        "lang": lang,
        "title": style.bilingual(plan.title[0], plan.title[1], lang, " · "),
        "notes": [style.bilingual(zh, en, lang, "\n") for zh, en in plan.notes],
        "counts": {"nodes": len(ids), "edges": n_edges},
        "focus": sorted(str(n) for n in (plan.focus_nodes or ())),
        "center": str(plan.center) if plan.center is not None else None,
    }
    return Assembled(net, {"n": info_n, "e": info_e}, legend, meta)
