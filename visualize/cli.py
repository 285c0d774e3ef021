"""``kg map``: write a network map as one HTML file that opens anywhere, offline.

    kg map [--ego ID_OR_NAME --hops N] [--label L ...] [--type T ...]   whole, filtered or ego network
    kg map --path A B | --gaps | --connectors | --partners ENTITY      short forms of the commands below
    kg map path A B [--k 3 --max-hops 6 --avoid X]                     paths between two entities
    kg map gaps [--years 3 --as-of YEAR --kind K]                      partnership gaps
    kg map connectors [--top 20 --sample N]                            key connectors (betweenness)
    kg map partners ENTITY [--top 10]                                  partners and candidate partners

Every command takes ``--lang zh|en|both``, ``--out FILE`` and the store options.
Above ``--max-nodes`` (10,000) the command refuses and suggests an ego or
filtered map instead of writing a page too slow to use.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import typer

from kg.cli_common import DatabaseOpt, PasswordOpt, State, StoreOpt, UserOpt, fail, store_from
from visualize.limits import MAX_EDGES, MAX_NODES

if TYPE_CHECKING:  # networkx (via visualize.maps) only when a map is made: `kg` starts faster
    from visualize.maps import MapPlan

LangOpt = typer.Option("zh", "--lang", "-l", help="Labels in Chinese, English or both: zh, en, both")
MaxNodesOpt = typer.Option(MAX_NODES, "--max-nodes", help="Refuse maps with more nodes than this")
JsonOpt = typer.Option(False, "--json", help="Print what was written as JSON")


def _out(out: Optional[Path], kind: str) -> Path:
    return out if out is not None else Path(f"kg-map-{kind}.html")


def _lang(lang: str) -> str:
    if lang not in ("zh", "en", "both"):
        fail(f"--lang must be zh, en or both, not {lang!r}")
    return lang


def _too_large(message: str, kind: str) -> None:
    hint = ("draw part of it: an ego map (kg map --ego ID_OR_NAME --hops 2) or a filtered one "
            "(kg map --label Station --label Organization, or --type ...)")
    if kind != "whole":
        hint = "narrow it (fewer hops, --context-hops 1, --top) or raise --max-nodes"
    fail(f"{message}: a page that large is too slow to use; {hint}")


def write_map(plan: MapPlan, sources: dict[str, Any], lang: str, out: Path, max_nodes: int,
              as_json: bool, t0: float) -> None:
    """Check the size, render, write, and say what was written."""
    from visualize.maps import check_size
    from visualize.page import write_page
    from visualize.render import render_map

    if plan.graph.number_of_nodes() == 0:
        fail("nothing to draw: no node matches (check --label / --type)")
    problem = check_size(plan.graph, max_nodes=max_nodes, max_edges=max(MAX_EDGES, max_nodes * 6))
    if problem:
        _too_large(problem, plan.kind)
    text = render_map(plan, lang=lang, sources=sources)
    path = write_page(out, text)
    n, m = plan.graph.number_of_nodes(), plan.graph.number_of_edges() + len(plan.extra_edges)
    size = path.stat().st_size
    secs = time.perf_counter() - t0
    if as_json:
        print(json.dumps({"path": str(path), "kind": plan.kind, "nodes": n, "edges": m, "bytes": size,
                          "seconds": round(secs, 3)}, ensure_ascii=False))
        return
    print(f"wrote {path}: {plan.kind} map, {n:,} nodes, {m:,} relationships, {size / 1e6:.1f} MB, "
          f"{secs:.1f} s (one file, no internet needed)")


def _run(store: Optional[str], user: Optional[str], password: Optional[str], database: Optional[str],
         labels: Optional[list[str]], types: Optional[list[str]],
         make: Callable[[Any, Any, dict[str, Any]], MapPlan], lang: str, out: Path, max_nodes: int,
         as_json: bool) -> None:
    from kg.stores import NoGraphError, StoreError
    from visualize.query_maps import NothingToDraw
    from visualize.render import load_graph

    t0 = time.perf_counter()
    lang = _lang(lang)
    with store_from(store, user, password, database) as st:
        try:
            g, sources = load_graph(st, labels=labels or None, types=types or None)
            plan = make(st, g, sources)
        except (NoGraphError, StoreError, NothingToDraw) as e:
            fail(str(e))
        except LookupError as e:  # AmbiguousEntity, EntityNotFound
            fail(str(e))
        except ValueError as e:  # unknown label/type, bad numbers
            if State.debug:
                raise
            fail(str(e))
    write_map(plan, sources, lang, out, max_nodes, as_json, t0)


def register(app: typer.Typer) -> None:
    map_app = typer.Typer(name="map", no_args_is_help=False, invoke_without_command=True,
                          help="Write a network map: one self-contained HTML file (offline, bilingual).")
    app.add_typer(map_app, name="map")

    @map_app.callback()
    def whole_or_ego(
        ctx: typer.Context,
        ego: Optional[str] = typer.Option(None, "--ego", help="Draw the network around this entity (id or name)"),
        hops: int = typer.Option(2, "--hops", min=1, max=6, help="With --ego: how many steps out"),
        path: Optional[tuple[str, str]] = typer.Option(None, "--path", metavar="A B",
                                                      help="Same as: kg map path A B"),
        gaps: bool = typer.Option(False, "--gaps", help="Same as: kg map gaps"),
        connectors: bool = typer.Option(False, "--connectors", help="Same as: kg map connectors"),
        partners: Optional[str] = typer.Option(None, "--partners", metavar="ENTITY",
                                               help="Same as: kg map partners ENTITY"),
        label: list[str] = typer.Option([], "--label", help="Only these node labels (repeatable)"),
        type_: list[str] = typer.Option([], "--type", help="Only these relationship types (repeatable)"),
        lang: str = LangOpt, out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file to write"),
        max_nodes: int = MaxNodesOpt, as_json: bool = JsonOpt,
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """The whole network (or only some labels/types), or an ego network with --ego.
        --path/--gaps/--connectors/--partners are short forms of the commands below (their defaults)."""
        if ctx.invoked_subcommand is not None:
            return
        chosen = [k for k, v in (("--ego", ego), ("--path", path), ("--gaps", gaps), ("--connectors", connectors),
                                 ("--partners", partners)) if v]
        if len(chosen) > 1:
            fail(f"choose one kind of map, not {' and '.join(chosen)}")
        if (label or type_) and chosen and chosen[0] != "--ego":
            fail("--label/--type filter the whole and ego maps only")
        kind = {"--ego": "ego", "--path": "path", "--gaps": "gaps", "--connectors": "connectors",
                "--partners": "partners"}.get(chosen[0] if chosen else "", "whole")

        def make(st: Any, g: Any, sources: dict[str, Any]) -> MapPlan:
            from visualize import query_maps as qm
            from visualize.maps import ego_map, whole_map

            if kind == "ego":
                return ego_map(g, qm.resolve(g, ego), hops=hops)  # type: ignore[arg-type]
            if kind == "path":
                return qm.path_plan(g, path[0], path[1])  # type: ignore[index]
            if kind == "gaps":
                from queries.gaps import find_gaps

                return qm.gaps_plan(g, find_gaps(st))
            if kind == "connectors":
                return qm.connectors_plan(g)
            if kind == "partners":
                return qm.partners_plan(g, partners)  # type: ignore[arg-type]
            return whole_map(g)

        _run(store, user, password, database, label, type_, make, lang, _out(out, kind), max_nodes, as_json)

    @map_app.command("path")
    def path_cmd(
        a: str = typer.Argument(..., help="One end (id or name)"),
        b: str = typer.Argument(..., help="The other end (id or name)"),
        k: int = typer.Option(3, "--k", min=1, help="How many shortest paths"),
        max_hops: int = typer.Option(6, "--max-hops", min=1),
        type_: list[str] = typer.Option([], "--type", help="Only paths over these relationship types"),
        avoid: list[str] = typer.Option([], "--avoid", help="Entities the paths must not pass (repeatable)"),
        context_hops: Optional[int] = typer.Option(None, "--context-hops", min=0,
                                                   help="Show only this many hops around the paths (default: all)"),
        lang: str = LangOpt, out: Optional[Path] = typer.Option(None, "--out", "-o"),
        max_nodes: int = MaxNodesOpt, as_json: bool = JsonOpt,
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Paths between two entities (kg query paths), highlighted, the rest faded."""
        from visualize.query_maps import path_plan

        def make(st: Any, g: Any, sources: dict[str, Any]) -> MapPlan:
            return path_plan(g, a, b, k=k, max_hops=max_hops, types=type_ or None, avoid=avoid,
                             context_hops=context_hops)

        _run(store, user, password, database, None, None, make, lang, _out(out, "path"), max_nodes, as_json)

    @map_app.command("gaps")
    def gaps_cmd(
        years: int = typer.Option(3, "--years", min=1, help="Inactive: nothing recorded in this many years"),
        as_of: Optional[int] = typer.Option(None, "--as-of", help="The year to count back from (default: this year)"),
        kind: list[str] = typer.Option([], "--kind", help="Only these gap kinds (repeatable)"),
        context_hops: Optional[int] = typer.Option(1, "--context-hops", min=0,
                                                   help="Hops of context around each gap"),
        lang: str = LangOpt, out: Optional[Path] = typer.Option(None, "--out", "-o"),
        max_nodes: int = MaxNodesOpt, as_json: bool = JsonOpt,
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Partnership gaps (kg query gaps): entities with a gap marked, their surroundings shown."""
        from queries.gaps import find_gaps
        from visualize.query_maps import gaps_plan

        def make(st: Any, g: Any, sources: dict[str, Any]) -> MapPlan:
            return gaps_plan(g, find_gaps(st, years=years, as_of=as_of, kinds=kind or None), context_hops)

        _run(store, user, password, database, None, None, make, lang, _out(out, "gaps"), max_nodes, as_json)

    @map_app.command("connectors")
    def connectors_cmd(
        top: int = typer.Option(20, "--top", min=1, help="How many connectors to rank"),
        sample: Optional[int] = typer.Option(None, "--sample", min=1, help="Sampled betweenness from N sources"),
        lang: str = LangOpt, out: Optional[Path] = typer.Option(None, "--out", "-o"),
        max_nodes: int = MaxNodesOpt, as_json: bool = JsonOpt,
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Key connectors (kg query connectors): size by betweenness, articulation points marked."""
        from visualize.query_maps import connectors_plan

        def make(st: Any, g: Any, sources: dict[str, Any]) -> MapPlan:
            return connectors_plan(g, top=top, sample=sample)

        _run(store, user, password, database, None, None, make, lang, _out(out, "connectors"), max_nodes, as_json)

    @map_app.command("partners")
    def partners_cmd(
        entity: str = typer.Argument(..., help="The station or organisation (id or name)"),
        top: int = typer.Option(10, "--top", min=1, help="How many candidates"),
        lang: str = LangOpt, out: Optional[Path] = typer.Option(None, "--out", "-o"),
        max_nodes: int = MaxNodesOpt, as_json: bool = JsonOpt,
        store: Optional[str] = StoreOpt, user: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
        database: Optional[str] = DatabaseOpt,
    ) -> None:
        """Partners (solid) and candidate partners (dashed, with their score) of one entity."""
        try:
            from visualize.query_maps import partners_plan
            import queries.partners  # noqa: F401
        except ImportError:
            fail("kg map partners needs queries.partners, which this installation does not have yet")

        def make(st: Any, g: Any, sources: dict[str, Any]) -> MapPlan:
            return partners_plan(g, entity, top=top)

        _run(store, user, password, database, None, None, make, lang, _out(out, "partners"), max_nodes, as_json)

