"""A resident answers the Safer Norfolk Plan consultation in the browser, one question per page, with and
without JavaScript, checks their answers and sends them; a resident who leaves part-way leaves nothing in
the database. axe-core finds no violation on the form's pages or the results."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from saferhub.consultations import actions
from saferhub.consultations.loader import load_baselines, load_survey
from saferhub.consultations.models import Answer, Response
from saferhub.core.actors import SYSTEM
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "snp-rehearsal"


def _survey():
    load_baselines()
    return load_survey(slug=SLUG, opens_on=dt.date(2000, 1, 1), closes_on=dt.date(2099, 12, 31)).survey


def _clean(page, name: str, js: bool) -> None:
    screenshot(page, f"consultation-{name}{'' if js else '-no-js'}")
    if js:
        assert axe_violations(page) == [], name


def _continue(page, heading: str) -> None:
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=heading, exact=False).first).to_be_visible()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_resident_completes_the_consultation(browser, live_server, js):
    survey = _survey()
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/{SLUG}/")
    _clean(page, "start", js)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Which district do you live in?")).to_be_visible()
    page.get_by_role("button", name="Continue").click()  # required: an error first
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _clean(page, "error", js)
    page.get_by_label("South Norfolk").check()
    _continue(page, "Do you agree that the following should be priorities")
    _clean(page, "grid", js)
    for i in range(8):
        value = "Agree" if i != 2 else "Don't know"
        page.locator(f'input[name="q-row_{i}"][value="{value}"]').check()
    page.get_by_label("Comments on the priorities (optional)").fill("Add rural crime")
    _continue(page, "Do you agree with the NCCSP's long-term outcomes?")
    page.get_by_label("Strongly agree").check()
    _continue(page, "Do you have any further comments")
    page.get_by_label("Do you have any further comments").fill("Focus on prevention please")
    _continue(page, "What would make you feel safer")
    _clean(page, "text", js)
    page.get_by_label("What would make you feel safer").fill("Better street lighting")
    _continue(page, "What is your gender?")
    page.get_by_label("Prefer not to say").check()
    _continue(page, "How old are you?")
    page.get_by_label("45-54").check()
    _continue(page, "What is your ethnic group?")
    page.get_by_label("White", exact=True).check()
    _continue(page, "Which of the following options best describes your sexuality")
    page.get_by_label("Other (please specify)").check()
    page.get_by_label("If other, please specify").fill("Asexual")
    _continue(page, "What is your religion or belief?")
    _continue(page, "Do you have a disability?")  # optional: skipped
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before sending your response")).to_be_visible()
    _clean(page, "check", js)
    expect(page.get_by_text("Other (please specify): Asexual")).to_be_visible()
    assert not Response.objects.exists()
    page.get_by_role("link", name="Change your answer to: How old are you?").click()
    page.get_by_label("55-64").check()
    page.get_by_role("button", name="Save and return to your answers").click()
    expect(page.get_by_role("heading", name="Check your answers before sending your response")).to_be_visible()
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    _clean(page, "complete", js)
    response = Response.objects.get()
    assert response.channel == "online"
    assert Answer.objects.get(question__key="age").value == "55-64"
    assert Answer.objects.get(question__key="sexuality").text == "Asexual"
    assert Answer.objects.filter(question__key="priorities", row_key="comment").get().text == "Add rural crime"

    actions.publish_results(survey, acting_user=SYSTEM)
    page.goto(f"{live_server.url}/consultations/{SLUG}/results/")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    _clean(page, "results", js)
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_partial_response_leaves_nothing(browser, live_server, js):
    _survey()
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/{SLUG}/questions/district/")
    page.get_by_label("Norwich").check()
    _continue(page, "Do you agree that the following should be priorities")
    page.locator('input[name="q-row_0"][value="Agree"]').check()
    page.goto(f"{live_server.url}/consultations/{SLUG}/")
    expect(page.get_by_role("button", name="Stop and delete my answers")).to_be_visible()
    context.close()  # the resident leaves without sending
    assert not Response.objects.exists() and not Answer.objects.exists()

    context = browser.new_context(java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/{SLUG}/questions/district/")
    page.get_by_label("Norwich").check()
    page.get_by_role("button", name="Continue").click()
    page.goto(f"{live_server.url}/consultations/{SLUG}/")
    page.get_by_role("button", name="Stop and delete my answers").click()
    expect(page.get_by_text("Your answers have been deleted")).to_be_visible()
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    assert not Response.objects.exists() and not Answer.objects.exists()
    context.close()


def test_staff_results_page_is_accessible(browser, live_server, django_user_model, client):
    from django.contrib.auth.models import Group

    from saferhub.consultations.demo import load_demo_responses
    from saferhub.core.permissions import Role, group_name

    survey = _survey()
    load_demo_responses(survey, count=15)
    actions.withdraw_results(survey, acting_user=SYSTEM)
    user = django_user_model.objects.create_user(username="po", password="saferhub-demo-password")
    user.groups.add(Group.objects.get_or_create(name=group_name(Role.PARTNERSHIP_OFFICER))[0])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    for name, path in [("staff-results", "results/"), ("coding", "questions/feel-safer/coding/"),
                       ("paper", "paper/"), ("detail", "")]:
        page.goto(f"{live_server.url}/surveys/{SLUG}/{path}")
        expect(page.locator("h1")).to_be_visible()
        _clean(page, name, True)
    context.close()
