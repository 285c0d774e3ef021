"""Mentions into entities: mentions of one name (after normalisation) become one
entity; short forms join the full name written elsewhere in the article
(再升 -> 重庆再升科技股份有限公司); each entity is linked to the graph (see
:mod:`.link`) and gets the graph's id, or a new stable id. Stations are named
after their host once the host is resolved.

>>> from ingest.extract.model import Mention
>>> ms = [Mention("Organization", "重庆市科协", 0, 5, "r", 0.9, props={"kind": "association"}),
...       Mention("Organization", "重庆科协", 9, 13, "r", 0.75, props={"kind": "association"})]
>>> ents, where = resolve(ms, None)
>>> [(e.name, e.id, len(e.mentions)) for e in ents]
[('重庆市科协', 'org:x-222d6f34e4', 2)]
"""

from __future__ import annotations

from collections import defaultdict

from ingest.normalize import name_key

from kg.schema import load_schema

from .graph import Graph
from .link import LINK_THRESHOLD, Matcher, is_short_form, new_id, norm_key, same_core
from .model import Entity, Mention
from .names import STRICT_FLAGS, has_proper_part

STATION_WORD = "海智工作站"


# rules whose mention text is a phrase around the name, not another name for it
PHRASE_RULES = {"org-coordinated", "consulate", "consulate-coordinated", "station-enumerated",
                "station-coreference", "visit"}


def _pick_name(ms: list[Mention]) -> str:
    top = [m for m in ms if not m.nested] or ms
    return sorted(top, key=lambda m: (-m.confidence, -len(m.name), m.start))[0].name


def _group(mentions: list[Mention]) -> list[Entity]:
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.label, norm_key(m.name))].append(m)
    out = []
    for (label, _), ms in groups.items():
        props: dict = {}
        for m in sorted(ms, key=lambda m: m.confidence):
            props.update({k: v for k, v in m.props.items() if v is not None})
        out.append(Entity(label, _pick_name(ms), ms, props))
    return out


def _merge_into(target: Entity, other: Entity) -> None:
    target.mentions.extend(other.mentions)
    for k, v in other.props.items():
        target.props.setdefault(k, v)


def _merge_short_forms(ents: list[Entity]) -> list[Entity]:
    """Within one label: a short form, or a name with the same core, joins a longer name."""
    by_label: dict[str, list[Entity]] = defaultdict(list)
    for e in ents:
        by_label[e.label].append(e)
    out: list[Entity] = []
    for label, es in by_label.items():
        es.sort(key=lambda e: -len(e.name))
        kept: list[Entity] = []
        for e in es:
            short = any(m.info.get("short_form") for m in e.mentions)
            target = None
            for k in kept:
                if same_core(e.name, k.name) or (short and is_short_form(e.name, k.name)):
                    target = k
                    break
            if target is None and len(e.name) >= 4 and label in ("Organization", "Programme"):
                # a unique longer name that ends with this one (离岸创新创业基地 / 海外人才离岸创新创业基地)
                tails = [k for k in kept if k.name.endswith(e.name) and k.name != e.name]
                if len(tails) == 1:
                    target = tails[0]
            if target is not None:
                _merge_into(target, e)
            else:
                kept.append(e)
        out.extend(kept)
    return out


def _link(ents: list[Entity], matcher: Matcher, prefix: dict[str, str]) -> list[Entity]:
    by_id: dict[str, Entity] = {}
    out: list[Entity] = []
    for e in ents:
        known = [m.known_id for m in e.mentions if m.known_id]
        hit = None
        if known:
            hit = (known[0], 1.0, "graph name in the text")
        else:
            short = any(m.info.get("short_form") for m in e.mentions)
            for cand in [e.name, *{m.name for m in e.mentions}, *{a for m in e.mentions for a in m.aliases}]:
                got = matcher.best(e.label, cand, short_form=short)
                if got and (hit is None or got[1] > hit[1]):
                    hit = got
        if hit and hit[1] >= LINK_THRESHOLD:
            k = matcher.graph.get(hit[0])
            e.id, e.link_id, e.link_score, e.link_how = hit[0], hit[0], hit[1], hit[2]
            if k is not None:
                e.name, e.graph_props = k.name, dict(k.props)
        else:
            e.id = new_id(prefix[e.label], e.name)
            if hit:
                e.link_how = f"possible match {hit[0]} ({hit[1]:.2f}, {hit[2]}); below {LINK_THRESHOLD}"
        if e.id in by_id:
            _merge_into(by_id[e.id], e)
            continue
        by_id[e.id] = e
        out.append(e)
    return out


def resolve(mentions: list[Mention], graph: Graph | None, doc=None) -> tuple[list[Entity], dict[int, Entity]]:  # type: ignore[no-untyped-def]
    """Entities for ``mentions``, and a map from ``id(mention)`` to its entity.

    Short-form hosts that neither join a name of the article nor link to the
    graph are kept only when they look like a name (``doc`` given)."""
    schema = load_schema()
    prefix = {name: lab.id_prefix for name, lab in schema.labels.items()}
    matcher = Matcher(graph)
    stations = [m for m in mentions if m.label == "Station"]
    others = [m for m in mentions if m.label != "Station"]
    hosts = [m.info["host"] for m in stations if m.info.get("host") is not None]
    extra_hosts = [h for h in hosts if not any(h is o for o in others)]
    ents = _link(_merge_short_forms(_group(others + extra_hosts)), matcher, prefix)
    where: dict[int, Entity] = {}
    for e in ents:
        for m in e.mentions:
            where[id(m)] = e
    # short hosts that stayed alone and unlinked: keep them only if they look like a name
    dropped: set[int] = set()
    for e in list(ents):
        if all(m.info.get("short_form") for m in e.mentions) and e.link_id is None:
            m0 = e.mentions[0]
            if doc is None or not has_proper_part(doc, m0.start, m0.end, flags=STRICT_FLAGS):
                ents.remove(e)
                dropped.update(id(m) for m in e.mentions)
    station_ms = [m for m in stations if m.info.get("host") is None and m.known_id]  # named in the graph
    for m in stations:
        host = m.info.get("host")
        if host is None or id(host) in dropped or id(host) not in where:
            continue
        h = where[id(host)]
        m.name = h.name + STATION_WORD
        if m.text.endswith(("海智工作站", "海智站")) and name_key(m.text) != name_key(m.name):
            m.aliases = (m.text,)
        m.info["host_entity"] = h
        station_ms.append(m)
    sents = _link(_group(station_ms), matcher, prefix)
    for e in sents:
        for m in e.mentions:
            where[id(m)] = e
        e.aliases = sorted({a for m in e.mentions for a in m.aliases})
    for e in ents:
        e.aliases = sorted({a for m in e.mentions
                            for a in (*m.aliases, m.name, *((m.text,) if m.rule not in PHRASE_RULES else ()))}
                           - {e.name} - {""})
        e.aliases = [a for a in e.aliases if name_key(a) and "\n" not in a and len(a) <= 60]
    return ents + sents, where
