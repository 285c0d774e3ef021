"""Programme KPIs on the hand-built fixture (tests/fixtures/queries); every number counted by hand
from the CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dataset import load_dataset
from kg.build import build
from queries.kpis import compute_kpis

QFIX = Path(__file__).resolve().parent / "fixtures" / "queries"


@pytest.fixture(scope="module")
def kpis(any_store):
    build(load_dataset(QFIX), any_store)
    return compute_kpis(any_store)


def _section(kpis, section):
    return {(r.key, r.measure): r.value for r in kpis.counts if r.section == section}


def test_counts_by_label(kpis):
    assert _section(kpis, "label") == {
        ("Station", "nodes"): 3, ("Organization", "nodes"): 10, ("Talent", "nodes"): 3, ("Consulate", "nodes"): 2,
        ("Project", "nodes"): 2, ("Field", "nodes"): 3, ("Place", "nodes"): 6, ("Programme", "nodes"): 0,
        ("Event", "nodes"): 1, ("Source", "nodes"): 2, ("Metric", "nodes"): 3}
    assert kpis.value("label", "Station", "nodes") == 3


def test_counts_by_year(kpis):
    assert _section(kpis, "year") == {
        ("2018", "stations_approved"): 1, ("2019", "stations_approved"): 1, ("2021", "stations_approved"): 1,
        ("2020", "projects"): 1, ("2023", "projects"): 1, ("2022", "events"): 1, ("2022", "fundings"): 1,
        ("2022", "partnerships_begun"): 1, ("2023", "partnerships_begun"): 1, ("2024", "partnerships_begun"): 1}


def test_counts_by_field_district_country(kpis):
    fields = _section(kpis, "field")
    assert fields[("field:aviation", "stations")] == 1
    assert fields[("field:aviation", "overseas_organizations")] == 0
    assert fields[("field:graphene", "organizations")] == 3          # 甲公司, ASU, NTU
    assert fields[("field:graphene", "overseas_organizations")] == 2
    assert fields[("field:biomedicine", "overseas_organizations")] == 2  # Karolinska, Oxford
    # gamma by its district property, alpha by property and place, beta by its LOCATED_IN place only
    assert _section(kpis, "district") == {("江北区", "stations"): 1, ("渝北区", "stations"): 2}
    countries = _section(kpis, "country")
    assert countries == {
        ("Australia", "consulates"): 1, ("Australia", "overseas_organizations"): 1, ("Hungary", "consulates"): 1,
        ("Singapore", "overseas_organizations"): 1, ("Sweden", "overseas_organizations"): 1,
        ("Sweden", "overseas_talents"): 1, ("Ukraine", "overseas_organizations"): 1,
        ("United Kingdom", "overseas_organizations"): 1, ("United States", "overseas_organizations"): 1}


def test_funding_totals(kpis):
    assert _section(kpis, "funding") == {("Project", "project_amounts_cny"): 7_000_000,
                                         ("Station", "funded_cny"): 300_000}


def test_station_scorecards(kpis):
    cards = {c.id: (c.talents, c.projects, c.partners, c.overseas_partners, c.events, c.funding_cny, c.district)
             for c in kpis.stations}
    assert cards == {
        "station:alpha": (1, 1, 2, 2, 1, 300_000.0, "渝北区"),
        "station:beta": (1, 1, 1, 1, 0, 0.0, "渝北区"),
        "station:gamma": (1, 0, 0, 0, 0, 0.0, "江北区"),
    }
    assert kpis.stations[0].hosts == ["org:alpha-co"]


def test_reported_beside_counted(kpis):
    rows = {r.key: (r.reported, r.counted, r.counted_as, r.qualifier, r.unit) for r in kpis.reported}
    assert rows == {
        "stations_total": (64, 3, "Station nodes", "exact", "stations"),
        "overseas_talents_total": (402, 1, "overseas or returnee Talent nodes", "exact", "persons"),
        "stations_approved_2021": (2, 1, "Station nodes with approved_year 2021", "exact", "stations"),
    }
    assert {r.source_id for r in kpis.reported} == {"source:news-2024"}
    assert all(r.measures == ["org:cqast"] for r in kpis.reported)


def test_counted_for_unknown_keys_says_so():
    from queries.kpis import counted_for

    assert counted_for("offshore_base_incubated_projects", {}) == (
        None, "not counted: the graph has no matching entities")
    with pytest.raises(KeyError):
        counted_for("stations_total", {})  # counts are required for a known key
