"""resolve_entity on the mini graph: ids through their label's index, names as before."""

from __future__ import annotations

import pytest

from kg.build import build
from queries.resolve import AmbiguousEntity, Entity, EntityNotFound, FIND_BY_ID, resolve_entity


@pytest.fixture(scope="module")
def store(local_store, mini_dataset):
    build(mini_dataset, local_store)
    return local_store


def test_an_id_is_one_indexed_lookup(store):
    assert resolve_entity(store, "org:asu") == Entity("org:asu", "Organization", "美国亚利桑那州立大学",
                                                      "Arizona State University")
    assert resolve_entity(store, " station:host-b ", labels=["Station"]).name_en == "Example University Haizhi Workstation"
    # the query sent is the label's indexed look-up (an analyst can paste it)
    assert store.run(FIND_BY_ID.format(label="Organization"), {"id": "org:ntu"})[0]["name_en"] == \
        "Nanyang Technological University"


def test_ids_of_another_label_or_missing_ids_are_not_found(store):
    with pytest.raises(EntityNotFound, match="no entity among Organization, Station has the id 'talent:zhang-san'"):
        resolve_entity(store, "talent:zhang-san", labels=["Station", "Organization"])
    with pytest.raises(EntityNotFound, match="has the id 'org:nowhere'"):
        resolve_entity(store, "org:nowhere")


def test_names_aliases_and_fuzzy_names_still_resolve(store):
    assert resolve_entity(store, "ASU").id == "org:asu"  # alias
    assert resolve_entity(store, "示例大学").id == "org:host-b"  # exact Chinese name
    assert resolve_entity(store, "nanyang technological univ").id == "org:ntu"  # fuzzy
    with pytest.raises(AmbiguousEntity):
        resolve_entity(store, "海智工作站")
