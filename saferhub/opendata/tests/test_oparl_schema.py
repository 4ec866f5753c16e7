"""Every OParl object type SaferHub publishes validates against the official OParl 1.1 JSON
schemas (tests/data/oparl-1.1-schema, OParl/spec v1.1.1, CC BY-SA 4.0), alone and in list pages.

The schemas refer to embedded objects with a custom ``"schema": "File.json"`` keyword. Each is
rewritten as a ``$ref`` and resolved between the files with a ``referencing`` registry, so an
embedded File, Location, AgendaItem or Membership is validated as strictly as a top-level one.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from saferhub.opendata.tests.factories import build_world

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "data" / "oparl-1.1-schema"
BASE = "https://schema.oparl.org/1.1/schema/"
TYPES = ["System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper", "File",
         "Consultation", "LegislativeTerm", "Location"]


def _link_embedded(node):
    """Turn OParl's ``"schema": "X.json"`` into ``"$ref": "X.json"`` everywhere in a schema."""
    if isinstance(node, dict):
        out = {k: _link_embedded(v) for k, v in node.items()}
        if isinstance(node.get("schema"), str) and node.get("type") == "object":
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [_link_embedded(v) for v in node]
    return node


def _load():
    schemas, resources = {}, []
    for name in TYPES:
        raw = json.loads((SCHEMAS / f"{name}.json").read_text())
        schema = _link_embedded(copy.deepcopy(raw))
        schema["$id"] = BASE + f"{name}.json"
        schemas[name] = schema
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return schemas, Registry().with_resources(resources)


SCHEMA_BY_TYPE, REGISTRY = _load()
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    parsed = dt.datetime.fromisoformat(value)
    return parsed.tzinfo is not None and "T" in value


@FORMATS.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    dt.date.fromisoformat(value)
    return len(value) == 10


def validate(obj: dict) -> str:
    kind = obj["type"].rsplit("/", 1)[-1]
    validator = jsonschema.Draft7Validator(SCHEMA_BY_TYPE[kind], registry=REGISTRY, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, f"{kind} {obj['id']}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return kind


LIST_PAGE = {
    "type": "object",
    "required": ["data", "links", "pagination"],
    "properties": {
        "data": {"type": "array", "items": {"type": "object", "required": ["id", "type"]}},
        "pagination": {"type": "object", "properties": {
            "totalElements": {"type": "integer", "minimum": 0},
            "elementsPerPage": {"type": "integer", "minimum": 1},
            "currentPage": {"type": "integer", "minimum": 1},
            "totalPages": {"type": "integer", "minimum": 1}}},
        "links": {"type": "object", "required": ["first"], "properties": {
            k: {"type": "string", "format": "url"} for k in ("first", "prev", "next", "last")}},
    },
}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_schemas_are_the_official_ones_with_their_licence():
    assert "Attribution-ShareAlike 4.0" in (SCHEMAS / "LICENSE").read_text()
    assert "v1.1.1" in (SCHEMAS / "README.md").read_text()
    # The embedded links were turned into $refs and resolve through the registry.
    meeting = SCHEMA_BY_TYPE["Meeting"]
    assert meeting["properties"]["location"]["$ref"] == "Location.json"
    assert REGISTRY.resolver(base_uri=BASE + "Meeting.json").lookup("File.json").contents["title"] == "File"


def test_a_bad_embedded_object_fails_validation():
    with pytest.raises(AssertionError, match="location"):
        validate({"id": "https://x.test/oparl/v1/meeting/1", "type": "https://schema.oparl.org/1.1/Meeting",
                  "location": {"id": "https://x.test/l/1", "type": "https://schema.oparl.org/1.1/Location",
                               "description": 5}})
    with pytest.raises(AssertionError, match="start"):
        validate({"id": "https://x.test/oparl/v1/meeting/1", "type": "https://schema.oparl.org/1.1/Meeting",
                  "start": "8 June 2023"})


def test_every_object_type_and_list_validates(client, django_capture_on_commit_callbacks):
    world = build_world()
    world.annex.refresh_from_db()
    seen: set[str] = set()
    system = get(client, "/oparl/v1/system")
    seen.add(validate(system))
    body_list = get(client, system["body"])
    jsonschema.validate(body_list, LIST_PAGE, format_checker=FORMATS)
    body = get(client, body_list["data"][0]["id"])
    seen.add(validate(body))
    for term in body["legislativeTerm"]:
        seen.add(validate(term))
    lists = ["organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file",
             "locationList", "legislativeTermList"]
    singles = 0
    for key in lists:
        url = body[key]
        while url:
            page = get(client, url + ("&" if "?" in url else "?") + "limit=100" if "limit" not in url else url)
            jsonschema.validate(page, LIST_PAGE, format_checker=FORMATS)
            assert page["data"], f"{key} list is empty"
            for obj in page["data"]:
                seen.add(validate(obj))
                single = get(client, obj["id"])
                validate(single)
                assert single == obj, f"{obj['id']} differs between its list and its own URL"
                singles += 1
            url = page["links"].get("next")
    assert seen == set(TYPES)
    assert singles > 30
    meeting = get(client, f"/oparl/v1/meeting/{world.held.pk}")
    assert meeting["resultsProtocol"]["mimeType"] == "application/pdf"
    upcoming = get(client, f"/oparl/v1/meeting/{world.upcoming.pk}")
    assert upcoming["invitation"]["type"].endswith("/File")
    assert upcoming["location"]["description"] == "County Hall, Norwich"
    # The report's item links its consultation and its annex, embedded and at its own URL alike.
    embedded = next(i for i in upcoming["agendaItem"] if i.get("consultation"))
    assert [f["id"] for f in embedded["auxiliaryFile"]] == [f"http://testserver/oparl/v1/file/{world.annex.pk}"]
    assert get(client, embedded["id"]) == embedded


def test_deleted_objects_validate(client):
    from saferhub.core.actors import SYSTEM
    from saferhub.governance.tests.factories import make_meeting
    from saferhub.papers.actions import withdraw_document
    from saferhub.papers.models import Document

    world = build_world(render=False)
    doomed = make_meeting(world.panel, items=2)
    item_ids = list(doomed.agenda_items.values_list("pk", flat=True))
    doomed_pk = doomed.pk
    doomed.delete()  # as the admin would; post_delete leaves tombstones
    for url in [f"/oparl/v1/meeting/{doomed_pk}", *(f"/oparl/v1/agendaitem/{pk}" for pk in item_ids)]:
        obj = get(client, url)
        assert obj["deleted"] is True
        assert set(obj) <= {"id", "type", "created", "modified", "deleted", "order"}
        validate(obj)
    Document.objects.filter(pk=world.annex.pk).update(published_at=world.annex.created_at)
    world.annex.refresh_from_db()
    withdraw_document(world.annex, reason="Wrong file", acting_user=SYSTEM)
    obj = get(client, f"/oparl/v1/file/{world.annex.pk}")
    assert obj["deleted"] is True
    validate(obj)
    listed = get(client, "/oparl/v1/body/1/meeting?limit=100")
    assert any(m["id"].endswith(f"/meeting/{doomed_pk}") and m.get("deleted") for m in listed["data"])
    for m in listed["data"]:
        validate(m)
