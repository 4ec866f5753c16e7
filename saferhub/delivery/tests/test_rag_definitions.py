"""The partnership's wording of its RAG scale (issue 12, item 4: "with the partnership's definitions"): every
status needs a meaning; what is not reworded keeps the default; owners and the public read the plan's own."""

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent, Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions, rules
from saferhub.governance.tests.factories import person, user

OWN_RED = "The action will miss its due date or its success measure; the owner has asked the board for help."


def test_the_partnerships_wording_and_the_defaults():
    assert rules.rag_definitions({}) == rules.RAG_DEFINITIONS
    assert rules.rag_definitions({"red": f"  {OWN_RED} "})["red"] == OWN_RED
    assert rules.rag_definitions({"red": OWN_RED})["green"] == rules.RAG_DEFINITIONS["green"]
    given = {**rules.RAG_DEFINITIONS, "red": OWN_RED}
    assert rules.check_rag_definitions(given) == {"red": OWN_RED}  # only what differs is kept
    with pytest.raises(RuleViolation, match="Enter what Amber means.") as exc:
        rules.check_rag_definitions({**given, "amber": " "})
    assert exc.value.rule_code == "delivery.rag_definition_required"
    with pytest.raises(RuleViolation, match="300 characters or fewer"):
        rules.check_rag_definitions({**given, "green": "x" * 301})
    with pytest.raises(RuleViolation, match="not a RAG status"):
        rules.check_rag_definitions({**given, "purple": "No."})


@pytest.mark.django_db
def test_the_team_rewords_the_scale_and_owners_and_the_public_read_it(client):
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final", acting_user=SYSTEM)
    row = actions.add_version_row(version, key="a", number="1.1", action="Referral routes", owners=[police],
                                  acting_user=SYSTEM)
    actions.publish_version(version, acting_user=SYSTEM)
    url = "/plan/snp/rag/"
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    assert f'href="{url}"' in client.get("/plan/snp/").content.decode()
    page = client.get(url).content.decode()
    assert rules.RAG_DEFINITIONS["green"].split(":")[0] in page  # the form starts from the wording in use
    data = {**rules.RAG_DEFINITIONS, "red": OWN_RED, "amber": ""}
    page = client.post(url, data).content.decode()
    assert "Error: " in page and "Enter what Amber means." in page
    plan.refresh_from_db()
    assert plan.rag_definitions == {}
    response = client.post(url, {**data, "amber": rules.RAG_DEFINITIONS["amber"]})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.rag_definitions == {"red": OWN_RED}
    assert AuditEvent.objects.filter(code="delivery.rag_definitions.set").count() == 1
    client.logout()
    assert OWN_RED in client.get("/plan/snp/").content.decode()
    owner = user("olive", Role.AGENCY_OFFICER, person=person("Olive Owner", councillor=False, organisation=police))
    client.force_login(owner)
    assert OWN_RED in client.get(f"/plan/snp/actions/{row.pk}/update/").content.decode()
    assert client.get(url).status_code == 404
    assert client.post(url, {**data, "amber": "x"}).status_code == 404
