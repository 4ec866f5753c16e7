"""The Partnership team checks a version before publishing it: what it changes from the version it revises,
renumbering a row (a number another row has is refused, nothing changes), and publishing it."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent, Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance.tests.factories import user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def plan():
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    draft = actions.create_version(plan, title="Delivery plan", stage="draft", label="Draft", acting_user=SYSTEM,
                                   version_date=D(2021, 9, 16))
    actions.add_version_row(draft, key="a", number="1.13", action="Strong referral routes", owners=[police],
                            acting_user=SYSTEM)
    actions.publish_version(draft, acting_user=SYSTEM)
    final = actions.create_version(plan, title="Delivery plan (final)", stage="final", label="Final",
                                   previous=draft, version_date=D(2022, 2, 24), acting_user=SYSTEM)
    kept = actions.add_version_row(final, key="a", number="1.13", action="Strong referral routes", owners=[police],
                                   acting_user=SYSTEM)
    new = actions.add_version_row(final, key="b", number="1.12", action="Victims of neighbourhood crime",
                                  owners=[police], acting_user=SYSTEM)
    return {"plan": plan, "draft": draft, "final": final, "kept": kept, "new": new}


def test_renumbering_that_collides_is_refused_by_the_action(plan):
    with pytest.raises(RuleViolation, match="Two actions would be numbered 1.12"):
        actions.renumber_row(plan["kept"], number="1.12", acting_user=SYSTEM)
    plan["kept"].refresh_from_db()
    assert plan["kept"].number == "1.13"


def test_the_team_renumbers_and_publishes_a_version(client, plan):
    url = f"/plan/snp/versions/{plan['final'].pk}/"
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get(url).content.decode()
    assert "What publishing it will change from Draft" in page and "1 action: 1.12" in page
    assert f'href="{url}"' in client.get("/plan/snp/versions/").content.decode()

    page = client.post(url, {"renumber": "1", "row": plan["kept"].pk, "number": "1.12"}).content.decode()
    assert "Error: " in page and "Two actions would be numbered 1.12 in this version" in page
    plan["kept"].refresh_from_db()
    assert plan["kept"].number == "1.13"
    assert "Choose the action to renumber." in client.post(url, {"renumber": "1", "number": "1.20"}).content.decode()

    response = client.post(url, {"renumber": "1", "row": plan["kept"].pk, "number": "1.14"})
    assert response.status_code == 302
    plan["kept"].refresh_from_db()
    assert plan["kept"].number == "1.14"
    assert "1.13 is now 1.14" in client.get(url).content.decode()

    response = client.post(url, {"publish": "1"})
    assert response.status_code == 302 and response.url == "/plan/snp/versions/"
    plan["final"].refresh_from_db()
    assert plan["final"].is_published
    assert AuditEvent.objects.filter(code="delivery.version.published").count() == 2
    assert "is published: 1 added, 1 renumbered" in client.get(response.url).content.decode()
    page = client.get(url).content.decode()
    assert "Publish Final" not in page and "Renumber" not in page.replace("Renumbered", "")
    client.post(url, {"renumber": "1", "row": plan["kept"].pk, "number": "1.15"})
    plan["kept"].refresh_from_db()
    assert plan["kept"].number == "1.14"


def test_the_version_page_is_for_the_team_only(client, plan):
    url = f"/plan/snp/versions/{plan['final'].pk}/"
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get(url).status_code == 404
    assert client.post(url, {"publish": "1"}).status_code == 404
    plan["final"].refresh_from_db()
    assert not plan["final"].is_published
