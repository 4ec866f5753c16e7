"""The Plan's permission matrix: every page of the delivery app for every role (and the public). Public
pages answer everyone; the Partnership team's pages (versions and their drafts' actions, rounds, uploads,
duties, funding, the performance report and its documents) answer 404 to other signed-in users and send the public to sign in; an action's update
page answers its owners and the team."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance.tests.factories import person, user

pytestmark = pytest.mark.django_db
D = dt.date
MANAGERS = {"administrator", "committee_officer", "partnership_officer"}
ROLES = ["anonymous", "administrator", "committee_officer", "partnership_officer", "councillor", "owner", "other"]


@pytest.fixture
def world():
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    outcome = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    measure = actions.add_measure(outcome, name="Incidents", geography="county", acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=D(2022, 2, 24), acting_user=SYSTEM)
    row = actions.add_version_row(version, key="a1", number="1.1", action="Referral routes", owners=[police],
                                  outcomes=[outcome], acting_user=SYSTEM)
    actions.publish_version(version, acting_user=SYSTEM)
    round_ = actions.open_round(plan, acting_user=SYSTEM, title="Quarter 1", period_start=D(2022, 4, 1),
                                period_end=D(2022, 6, 30), due_by=D(2022, 7, 15))
    duty = actions.add_duty(plan, title="Strategic assessment", acting_user=SYSTEM)
    draft = actions.create_version(plan, title="Delivery plan", stage="revised", label="Revised",
                                   version_date=D(2023, 4, 1), copy_published=True, acting_user=SYSTEM)
    users = {role: user(f"u-{role}", role) for role in ("administrator", "committee_officer", "partnership_officer",
                                                         "councillor")}
    users["owner"] = user("u-owner", Role.AGENCY_OFFICER, person=person("Olive Owner", councillor=False,
                                                                       organisation=police))
    users["other"] = user("u-other", Role.AGENCY_OFFICER, person=person("Otto Other", councillor=False))
    return {"plan": plan, "measure": measure, "row": row, "round": round_, "duty": duty, "users": users,
            "version": version, "draft": draft, "draft_row": draft.actions.get()}


def _pages(w):
    public = {role: 200 for role in ROLES}
    manage = {role: 200 if role in MANAGERS else 302 if role == "anonymous" else 404 for role in ROLES}
    update = {**manage, "owner": 200}
    signed_in = {role: 302 if role == "anonymous" else 200 for role in ROLES}
    return {
        "/plan/": public,
        "/plan/snp/": public,
        "/plan/snp/versions/": public,
        f"/plan/snp/versions/{w['version'].pk}/": manage,
        "/plan/snp/versions/new/": manage,
        f"/plan/snp/versions/{w['draft'].pk}/": manage,
        f"/plan/snp/versions/{w['draft'].pk}/actions/add/": manage,
        f"/plan/snp/versions/{w['draft'].pk}/actions/{w['draft_row'].pk}/reword/": manage,
        f"/plan/snp/versions/{w['draft'].pk}/actions/{w['draft_row'].pk}/remove/": manage,
        f"/plan/snp/measures/{w['measure'].pk}/": public,
        f"/plan/snp/actions/{w['row'].pk}/": public,
        f"/plan/snp/actions/{w['row'].pk}/update/": update,
        "/plan/snp/values/upload/": manage,
        f"/plan/snp/measures/{w['measure'].pk}/values/add/": manage,
        f"/plan/snp/measures/{w['measure'].pk}/target/": manage,
        "/plan/snp/rounds/": manage,
        f"/plan/snp/rounds/{w['round'].pk}/": manage,
        "/plan/snp/my-actions/": signed_in,
        "/plan/snp/duties/": manage,
        f"/plan/snp/duties/{w['duty'].pk}/": manage,
        "/plan/snp/funding/": manage,
        "/plan/snp/rag/": manage,
        "/plan/snp/report/": manage,
        f"/plan/snp/report/?round={w['round'].pk}": manage,
        f"/plan/snp/report/{w['round'].pk}.pdf": manage,
        "/plan/snp/report/now.docx": manage,
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    answers = {url: client.get(url).status_code for url in _pages(world)}
    assert answers == {url: expected[role] for url, expected in _pages(world).items()}
