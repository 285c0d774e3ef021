"""The analyst's questions: partnership gaps, key connectors, collaboration
paths, candidate overseas partners and programme KPIs.

Every question is a plain function that takes a store (or, for the graph
algorithms, a networkx graph) and returns typed rows (dataclasses; turn them
into dicts with ``dataclasses.asdict``). ``kg query NAME`` prints the same rows
as a table, JSON (a list of objects with these field names) or CSV.

Stable API (other modules code against these names)
---------------------------------------------------
``queries.gaps``
    ``find_gaps(store, years=3, as_of=None, kinds=None) -> list[GapRow]``
    ``GapRow(gap, id, label, name_zh, name_en, missing, counts, reason, reason_zh)``
    gap kinds: ``station_no_overseas_partner``, ``field_no_overseas``,
    ``single_station_org``, ``consulate_only_country``, ``inactive_station``.
``queries.connectors``
    ``find_connectors(store, top=20, sample=None, engine="auto", seed=0) -> ConnectorsResult``
    ``connectors_from_graph(g, top=20, sample=None, engine="auto", seed=0) -> ConnectorsResult``
    ``ConnectorsResult(top: list[ConnectorRow], articulation: list[CutRow], bridges: list[BridgeRow],
    brokerage: list[BrokerRow], method: str, engine: str, nodes: int, edges: int, sample: int | None,
    articulation_total: int, bridges_total: int, notes: list[str])``; ``top=None``: every row.
    ``sample``: None = exact up to 5000 nodes, else 256 sources; 0 = exact; N = N sources.
``queries.resolve``
    ``resolve_entity(store, text, labels=None) -> Entity(id, label, name_zh, name_en)``
    (raises ``AmbiguousEntity`` listing ``.candidates`` or ``EntityNotFound``);
    ``resolve_in_graph(g, text, labels=None) -> Entity``
``queries.paths``
    ``find_paths(store, a, b, k=3, max_hops=6, types=None, avoid=()) -> list[PathResult]``
    ``paths_from_graph(g, a_id, b_id, k=3, max_hops=6, types=None, avoid=()) -> list[PathResult]``
    ``PathResult(rank, length, nodes: list[Entity], hops: list[Hop], text_zh, text_en)``,
    ``Hop(src, dst, type, rel_id, sentence_zh, sentence_en, evidence, source_id, confidence, also)``
``queries.partners``
    ``rank_partners(store, entity, top=10, weights=None) -> list[PartnerCandidate]``
    ``rank_partners_from_graph(g, entity_id, top=10, weights=None, index=None) -> list[PartnerCandidate]``
    (``g``: an analysis projection, ``queries.network.analysis_graph``; ``PartnerIndex(g)``
    reuses the preparation for many entities)
    ``PartnerCandidate(rank, id, name_zh, name_en, country, score, field, proximity,
    introducers, diversity, popularity, partners_now, hops, shared_fields, introduced_by, reason)``
``queries.kpis``
    ``compute_kpis(store) -> Kpis`` with ``.counts: list[KpiRow]``,
    ``.stations: list[StationScorecard]``, ``.reported: list[ReportedRow]``
``queries.network``
    ``collaboration_graph(store)`` (actors and ties), ``analysis_graph(store)`` (plus
    fields and places), ``network_view(g)``, ``undirected(g)``: the projections the
    algorithms run on; ``side(attrs)`` (``"overseas"`` / ``"domestic"``) and
    ``group(attrs)`` (``"domestic"`` or the overseas country).
``queries.algorithms``
    ``betweenness``, ``articulation_points``, ``bridges``,
    ``personalized_pagerank``: networkx (the reference) or igraph (fast), same
    results.

>>> import queries
>>> queries.__name__
'queries'
"""
