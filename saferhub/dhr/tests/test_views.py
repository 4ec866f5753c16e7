"""The pages: every role × every review page and endpoint, partnership separation, audited reads, the refusal
message on the page, and the public learning page showing only published learning."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.dhr import actions
from saferhub.dhr.tests import factories as f

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world():
    a, b = f.partnership(), f.partnership("Beta Community Safety Partnership")
    case = f.case(a, victim_pseudonym="Person Alpha")
    f.decide(case)
    other = f.case(b, victim_pseudonym="Person Beta")
    return {"a": a, "b": b, "case": case, "other": other}


def staff_urls(case):
    """Every staff page and every form endpoint of a case (each section the case page posts to)."""
    from saferhub.dhr.views import _builders

    sections = [*_builders(case), "erase"]
    return [("get", reverse("dhr:case-list")), ("get", reverse("dhr:case-new")), ("post", reverse("dhr:case-new")),
            ("get", reverse("dhr:case", args=[case.pk])),
            *[("post", reverse("dhr:case-post", args=[case.pk, section])) for section in sections]]


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_permission_matrix_only_the_partnerships_team_reaches_a_case(world, role):
    """Every role (and a superuser) without a place on partnership A's team gets 404 on every staff page
    (as if the case did not exist); a team member of A gets the pages of A's case."""
    case = world["case"]
    user = f.user(role) if role else f.user()
    if role == Role.ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save()
    client = signed_in(user)
    for method, url in staff_urls(case):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (role, url, response.status_code)
    assert client.get(reverse("dhr:learning")).status_code == 200


def test_the_dhr_role_without_a_team_place_sees_nothing(world):
    client = signed_in(f.user(Role.DHR_TEAM))
    assert client.get(reverse("dhr:case-list")).status_code == 404
    assert client.get(reverse("dhr:case", args=[world["case"].pk])).status_code == 404


def test_the_team_member_reaches_every_page_of_their_partnerships_case(world):
    client = signed_in(f.team_member(world["a"]))
    case = world["case"]
    for method, url in staff_urls(case):
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302), (url, response.status_code)


def test_staff_of_partnership_a_see_nothing_of_partnership_b(world):
    client = signed_in(f.team_member(world["a"]))
    listing = client.get(reverse("dhr:case-list")).content.decode()
    assert world["case"].reference in listing and "Beta Community Safety Partnership" not in listing
    assert client.get(reverse("dhr:case", args=[world["other"].pk])).status_code == 404
    assert client.post(reverse("dhr:case-post", args=[world["other"].pk, "decision"])).status_code == 404
    assert client.get(reverse("dhr:case", args=[999999])).status_code == 404
    # The notification form offers only the user's own partnerships.
    form = client.get(reverse("dhr:case-new")).content.decode()
    assert "Alpha Community Safety Partnership" in form and "Beta Community Safety Partnership" not in form


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = Client().get(reverse("dhr:case", args=[world["case"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert response["Cache-Control"] == "no-store, private"


def test_every_read_of_a_case_page_is_audited(world):
    member = f.team_member(world["a"])
    client = signed_in(member)
    client.get(reverse("dhr:case", args=[world["case"].pk]))
    client.get(reverse("dhr:case", args=[world["case"].pk]))
    rows = AuditEvent.objects.filter(code="dhr.case.viewed", actor=member, target_id=str(world["case"].pk))
    assert rows.count() == 2
    signed_in(f.team_member(world["b"])).get(reverse("dhr:case", args=[world["case"].pk]))
    assert AuditEvent.objects.filter(code="dhr.case.viewed").count() == 2


def test_telling_the_family_of_a_not_review_decision_too_early_is_refused_on_the_page(world):
    case = f.case(world["a"], victim_pseudonym="Person Gamma")
    f.decide(case, "not_review")
    client = signed_in(f.team_member(world["a"]))
    response = client.post(reverse("dhr:case-post", args=[case.pk, "family-told"]),
                           {"family-on_day": "1", "family-on_month": "2", "family-on_year": "2026"})
    body = response.content.decode()
    assert response.status_code == 200 and "000:98" in body and "<title>Error:" in body
    assert case.decisions.get().family_told_on is None


def test_a_notification_through_the_page_opens_a_case(world):
    client = signed_in(f.team_member(world["a"]))
    response = client.post(reverse("dhr:case-new"), {
        "partnership": world["a"].pk, "source": "police", "date_notified_day": "3", "date_notified_month": "2",
        "date_notified_year": "2026", "notified_by": "DI Example", "victim_age": "15"})
    assert response.status_code == 200 and "aged 16 or over" in response.content.decode()
    response = client.post(reverse("dhr:case-new"), {
        "partnership": world["a"].pk, "source": "police", "date_notified_day": "3", "date_notified_month": "2",
        "date_notified_year": "2026", "notified_by": "DI Example", "victim_age": "40"})
    assert response.status_code == 302


def test_the_task_list_shows_the_review_stages(world):
    client = signed_in(f.team_member(world["a"]))
    body = client.get(reverse("dhr:case", args=[world["case"].pk])).content.decode()
    assert "govuk-task-list" in body and "Appoint the chair and report author" in body and "Cannot start yet" in body
    response = client.post(reverse("dhr:case-post", args=[world["case"].pk, "step-chair"]), {
        "step-chair-done_on_day": "2", "step-chair-done_on_month": "2", "step-chair-done_on_year": "2026",
        "step-chair-chair_name": "Chair", "step-chair-author_name": "Author"})
    assert "independent" in response.content.decode()
    response = client.post(reverse("dhr:case-post", args=[world["case"].pk, "step-chair"]), {
        "step-chair-done_on_day": "2", "step-chair-done_on_month": "2", "step-chair-done_on_year": "2026",
        "step-chair-chair_name": "Chair", "step-chair-author_name": "Author",
        "step-chair-independence_confirmed": "on"})
    assert response.status_code == 302


def test_the_learning_page_shows_published_learning_only(world):
    published = f.case(world["a"], victim_pseudonym="Person Published")
    f.decide(published)
    f.through(published, "published")
    body = Client().get(reverse("dhr:learning")).content.decode()
    assert published.reference in body and "Coercive control" in body
    assert "coercive control through the daily" in body  # the recommendation
    for secret in ("Person Published", "Person Alpha", "Person Beta", "DI Example", world["case"].reference):
        assert secret not in body
    # Councillors (the Sub Panel) see the same page and no more.
    councillor = signed_in(f.user(Role.COUNCILLOR))
    assert published.reference in councillor.get(reverse("dhr:learning")).content.decode()


def test_the_review_name_shown_is_the_partnerships_setting(world):
    actions.save_settings(partnership=world["a"], review_name="Domestic Abuse Related Death Review",
                          acting_user=SYSTEM)
    client = signed_in(f.team_member(world["a"]))
    assert "Domestic Abuse Related Death Review" in client.get(reverse("dhr:case", args=[world["case"].pk])).content.decode()
    assert dt.date  # dates are passed explicitly in these tests


def test_an_administrator_sets_the_review_name_and_the_team_in_the_admin_but_sees_no_case(world):
    admin_user = f.user(Role.ADMINISTRATOR)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = signed_in(admin_user)
    response = client.post(reverse("admin:dhr_dhrsettings_add"), {
        "partnership": world["a"].pk, "review_name": "Domestic Abuse Related Death Review", "short_name": "DARDR",
        "decision_months": 1, "review_months": 6, "at_risk_days": 14, "resubmission_weeks": 8,
        "publication_notice_days": 7, "retention_years": 15})
    assert response.status_code == 302, response.content[:500]
    member = f.user(Role.DHR_TEAM)
    # The review team is a core partnership membership in the dhr_team role (docs/CONVENTIONS.md).
    response = client.post(reverse("admin:core_partnershipmembership_add"), {
        "user": member.pk, "partnership": world["b"].pk, "role": "dhr_team"})
    assert response.status_code == 302, response.content[:500]
    assert AuditEvent.objects.filter(code__in=["dhr.settings.saved", "core.partnership_member.added"]).count() >= 2
    assert signed_in(member).get(reverse("dhr:case", args=[world["other"].pk])).status_code == 200
    assert client.get(reverse("dhr:case", args=[world["case"].pk])).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_case_list_and_learning_pages_make_a_constant_number_of_queries(world):
    client = signed_in(f.team_member(world["a"]))
    published = f.case(world["a"], victim_pseudonym="P1")
    f.decide(published)
    f.through(published, "published")
    _queries(client, reverse("dhr:case-list"))  # the first request of a session does more (sign-in bookkeeping)
    list_before = _queries(client, reverse("dhr:case-list"))
    learning_before = _queries(client, reverse("dhr:learning"))
    for n in range(3):
        extra = f.case(world["a"], victim_pseudonym=f"P{n + 2}")
        f.decide(extra)
        f.through(extra, "published")
    assert _queries(client, reverse("dhr:case-list")) == list_before
    assert _queries(client, reverse("dhr:learning")) == learning_before


def test_a_case_page_shown_again_with_errors_is_an_audited_read_too(world):
    member = f.team_member(world["a"])
    signed_in(member).post(reverse("dhr:case-post", args=[world["case"].pk, "extension"]), {})
    assert AuditEvent.objects.filter(code="dhr.case.viewed", actor=member).count() == 1


def test_the_dashboard_shows_the_team_its_open_cases_and_nobody_else(world):
    body = signed_in(f.team_member(world["a"])).get("/dashboard/").content.decode()
    assert "Domestic Homicide Reviews" in body and "2 open cases" not in body and "1 open case" in body
    assert "Your partnership&#x27;s cases" not in signed_in(f.user(Role.COUNCILLOR)).get("/dashboard/").content.decode()
    assert "Learning from published reviews" in Client().get("/").content.decode()
