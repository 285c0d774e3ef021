"""The schema is declared once (kg/schema.yaml); everything else derives from it."""

from __future__ import annotations

import pytest
import yaml

from ingest.template import write_templates
from kg.schema import load_schema, parse_schema, schema_path
from kg.stores import dialect

REQUIRED_LABELS = {"Station", "Organization", "Talent", "Consulate", "Project", "Field", "Place",
                   "Programme", "Event", "Source"}
REQUIRED_TYPES = {"HOSTS", "HEADS", "WORKS_AT", "AFFILIATED_WITH", "PARTNERS_WITH", "LEADS", "HOSTED_BY",
                  "PARTNER_IN", "IN_FIELD", "LOCATED_IN", "REPRESENTS", "MEMBER_OF", "APPROVED_BY",
                  "PARTICIPATED_IN"}


def test_schema_declares_the_domain():
    s = load_schema()
    assert REQUIRED_LABELS <= set(s.labels)
    assert REQUIRED_TYPES <= set(s.relationships)
    org = s.label("Organization")
    assert set(org.properties["kind"].values) >= {"company", "university", "hospital", "research_institute",
                                                  "association", "government", "offshore_base", "platform"}
    assert org.properties["overseas"].type == "bool" and org.properties["overseas"].required
    assert s.rel("HOSTS").sources == ("Organization",) and s.rel("HOSTS").targets == ("Station",)
    assert s.rel("REPRESENTS").sources == ("Consulate",)


def test_every_label_is_bilingual_and_has_provenance_columns():
    s = load_schema()
    for lab in s.labels.values():
        assert lab.zh and lab.en
        assert lab.columns[:3] == ["id", "name_zh", "name_en"]
        assert lab.columns[-4:] == ["source_id", "evidence", "confidence", "note"]
        assert lab.properties["source_id"].required is lab.provenance
        for p in lab.properties.values():
            assert p.zh and p.en, (lab.name, p.name)
    for rel in s.relationships.values():
        assert rel.properties["source_id"].required and rel.properties["evidence"].required
        assert "{src}" in rel.sentence_zh and "{dst}" in rel.sentence_en


def test_ddl_is_derived_one_per_label_and_type():
    s = load_schema()
    neo = dialect.neo4j_constraints(s)
    assert sum(st.startswith("CREATE CONSTRAINT") for st in neo) == len(s.labels) + 1  # + KgBuild
    assert sum("ON (e.id)" in st for st in neo) == len(s.relationships)
    fk = dialect.falkordb_indexes(s)
    assert len(fk) == 2 * len(s.labels) + len(s.relationships)


def test_templates_follow_the_schema(tmp_path):
    s = load_schema()
    files = write_templates(tmp_path)
    assert len(files) == len(s.labels) + len(s.relationships) + 1
    head = (tmp_path / "relationships" / "PARTNERS_WITH.csv").read_text(encoding="utf-8-sig").strip()
    assert head == "src,dst,key,since,source_id,evidence,confidence,note"


def test_whitelist_refuses_names_outside_the_schema():
    s = load_schema()
    assert s.checked_label("Station") == "Station"
    for bad in ("Station) DETACH DELETE n //", "Nope", "`Station`"):
        with pytest.raises(ValueError):
            s.checked_label(bad)
    with pytest.raises(ValueError):
        s.checked_type("HOSTS]->() DELETE r //")


def test_schema_rejects_inconsistent_documents():
    doc = yaml.safe_load(schema_path().read_text(encoding="utf-8"))
    doc["relationships"]["HOSTS"]["to"] = ["Nowhere"]
    with pytest.raises(ValueError, match="unknown label 'Nowhere'"):
        parse_schema(doc)
    doc = yaml.safe_load(schema_path().read_text(encoding="utf-8"))
    doc["labels"]["Station"]["properties"]["bad name"] = {"type": "string"}
    with pytest.raises(ValueError, match="not a plain identifier"):
        parse_schema(doc)
