"""Staff pages: the role × page matrix (public pages included), the builder's forms, keying in a paper
return, coding typed answers into themes, publishing."""

import datetime as dt

import pytest
from django.urls import reverse

from saferhub.consultations import actions
from saferhub.consultations.models import Answer, Question, Response, Survey
from saferhub.consultations.tests.factories import GOOD, MANAGES, ROLES, small_survey, user_with
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def signed_in(client, django_user_model, role):
    user = user_with(django_user_model, role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_role_page_matrix(client, django_user_model, role):
    survey = small_survey()
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    small_survey("unpublished")
    actions.publish_results(survey, acting_user=SYSTEM)
    if role:
        signed_in(client, django_user_model, role)
    staff = role in MANAGES
    public = {
        "public list": reverse("consultations:index"),
        "start": reverse("consultations:start", args=["small"]),
        "question": reverse("consultations:question", args=["small", "district"]),
        "check": reverse("consultations:check", args=["small"]),
        "complete": reverse("consultations:complete", args=["small"]),
        "published results": reverse("consultations:results", args=["small"]),
        "published results pdf": reverse("consultations:results-pdf", args=["small"]),
    }
    for name, url in public.items():
        assert client.get(url).status_code == 200, (name, role)
    assert client.get(reverse("consultations:results", args=["unpublished"])).status_code == 404
    staff_pages = {
        "staff list": reverse("consultations:staff-index"),
        "create": reverse("consultations:create"),
        "detail": reverse("consultations:detail", args=["small"]),
        "dates": reverse("consultations:schedule", args=["small"]),
        "add section": reverse("consultations:add-section", args=["unpublished"]),
        "add question": reverse("consultations:add-question", args=["unpublished"]),
        "paper": reverse("consultations:paper", args=["small"]),
        "results": reverse("consultations:staff-results", args=["unpublished"]),
        "results pdf": reverse("consultations:staff-results-pdf", args=["unpublished"]),
        "coding": reverse("consultations:coding", args=["small", "safer"]),
    }
    for name, url in staff_pages.items():
        status = client.get(url).status_code
        if role is None:
            assert status == 302, name  # to sign in
        else:
            assert status == (200 if staff else 404), (name, role)
    status = client.post(reverse("consultations:publish", args=["small"]), {"withdraw": "1"}).status_code
    assert status == (302 if staff or role is None else 404)
    assert Survey.objects.get(slug="small").results_published_at is None if staff else True


def test_staff_builds_a_survey_through_the_forms(client, django_user_model):
    user = signed_in(client, django_user_model, "partnership_officer")
    response = client.post(reverse("consultations:create"), {
        "slug": "park-safety", "title": "Park safety", "opens_on_day": "1", "opens_on_month": "6",
        "opens_on_year": "2025", "closes_on_day": "31", "closes_on_month": "5", "closes_on_year": "2025",
        "retention_days": "365"})
    page = response.content.decode()
    assert "<title>Error:" in page and "closing date must be the same as or after" in page
    assert not Survey.objects.exists()
    response = client.post(reverse("consultations:create"), {
        "slug": "park-safety", "title": "Park safety", "opens_on_day": "1", "opens_on_month": "6",
        "opens_on_year": "2025", "closes_on_day": "31", "closes_on_month": "7", "closes_on_year": "2025",
        "retention_days": "365"})
    assert response["Location"] == reverse("consultations:detail", args=["park-safety"])
    client.post(reverse("consultations:add-section", args=["park-safety"]), {"title": "Your views"})
    section = Survey.objects.get().sections.get()
    page = client.post(reverse("consultations:add-question", args=["park-safety"]), {
        "key": "feel", "kind": "single", "text": "Do you feel safe?", "options": "Yes"}).content.decode()
    assert "at least two choices" in page and not Question.objects.exists()
    client.post(reverse("consultations:add-question", args=["park-safety"]), {
        "key": "feel", "kind": "grid", "text": "How safe do you feel?", "required": "on", "section": section.pk,
        "options": "Safe\nUnsafe", "rows": "By day\nAfter dark", "dont_know_option": "on"})
    question = Question.objects.get()
    assert question.choices == ["Safe", "Unsafe", "Don't know"] and question.rows == ["By day", "After dark"]
    assert question.section == section and question.required
    assert AuditEvent.objects.filter(actor=user, code__startswith="consultations.").count() == 3


def test_paper_return_keyed_in_with_channel(client, django_user_model):
    small_survey()
    officer = signed_in(client, django_user_model, "partnership_officer")
    url = reverse("consultations:paper", args=["small"])
    page = client.post(url, {"district-answer": "North"}).content.decode()
    assert "<title>Error:" in page and "How was this response received?" in page
    page = client.post(url, {"meta-channel": "paper", "district-answer": "Mars"}).content.decode()
    assert "Select one of the answers shown" in page and not Response.objects.exists()
    response = client.post(url, {"meta-channel": "event", "district-answer": "South", "safer-answer": "Lights"})
    assert response.status_code == 302
    saved = Response.objects.get()
    assert (saved.channel, saved.entered_by) == ("event", officer)
    assert sorted(Answer.objects.values_list("question__key", flat=True)) == ["district", "safer"]


def test_coding_typed_answers_ranks_themes(client, django_user_model):
    survey = small_survey()
    for text in ["Lights", "More lights", "Police"]:
        actions.submit_response(survey, acting_user=SYSTEM, answers={**GOOD, "safer": {"text": text}})
    signed_in(client, django_user_model, "partnership_officer")
    url = reverse("consultations:coding", args=["small", "safer"])
    client.post(url, {"form": "theme", "label": "Street lighting"})
    client.post(url, {"form": "theme", "label": "Visible policing"})
    page = client.post(url, {"form": "theme", "label": "street lighting"}).content.decode()
    assert "already exists" in page
    themes = {t.label: t.pk for t in survey.questions.get(key="safer").themes.all()}
    answers = {a.text: a.pk for a in Answer.objects.filter(question__key="safer")}
    for text in ["Lights", "More lights"]:
        client.post(url, {"answer": answers[text], "themes": [themes["Street lighting"]]})
    client.post(url, {"answer": answers["Police"], "themes": [themes["Visible policing"], "999999", "x"]})
    assert client.post(url, {"answer": "0"}).status_code == 404
    page = client.get(url).content.decode()
    assert page.index("Street lighting: 2") < page.index("Visible policing: 1")
    results = client.get(reverse("consultations:staff-results", args=["small"])).content.decode()
    assert "Themes in the typed answers, most mentioned first (3 answers coded)" in results
    assert "66.7%" in results and "Not published" in results


def test_publish_from_the_results_page(client, django_user_model):
    survey = small_survey()
    signed_in(client, django_user_model, "administrator")
    client.post(reverse("consultations:publish", args=["small"]), {"summary": "x"})
    assert Survey.objects.get().results_published_at is None  # no responses: refused with a message
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    client.post(reverse("consultations:publish", args=["small"]), {"summary": "Thanks to all"})
    survey.refresh_from_db()
    assert survey.results_published_at and survey.results_summary == "Thanks to all"


def test_results_page_query_count_is_constant(client, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    survey = small_survey()
    signed_in(client, django_user_model, "partnership_officer")
    url = reverse("consultations:staff-results", args=["small"])
    client.get(url)  # the first request of a session reads more (the user, the site settings)
    counts = []
    for _ in range(2):
        for _ in range(3):
            actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 20


def test_staff_see_a_draft_and_open_it_once_it_has_questions(client, django_user_model):
    user = signed_in(client, django_user_model, "partnership_officer")
    actions.create_survey(acting_user=user, slug="park", title="Park safety", opens_on=dt.date(2000, 1, 1),
                          closes_on=dt.date(2099, 1, 1))
    listing = client.get(reverse("consultations:staff-index")).content.decode()
    assert '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' in listing
    page = client.get(reverse("consultations:detail", args=["park"])).content.decode()
    assert "Draft: not on the public pages" in page and "Open survey" in page
    assert reverse("consultations:start", args=["park"]) not in page
    refused = client.post(reverse("consultations:open", args=["park"]), follow=True).content.decode()
    assert "must have at least one question before it can be opened" in refused
    assert Survey.objects.get(slug="park").is_draft
    actions.add_question(Survey.objects.get(slug="park"), acting_user=user, key="feel", kind="text",
                         text="How safe do you feel?")
    opened = client.post(reverse("consultations:open", args=["park"]), follow=True).content.decode()
    assert "Survey opened." in opened and "Open survey</button>" not in opened
    assert not Survey.objects.get(slug="park").is_draft
    assert AuditEvent.objects.get(code="consultations.survey.opened").actor == user
    listing = client.get(reverse("consultations:staff-index")).content.decode()
    assert "govuk-tag--grey" not in listing and ">Open</td>" in listing


@pytest.mark.parametrize("role", [None, "councillor", "agency_officer"])
def test_only_survey_managers_may_open_a_survey(client, django_user_model, role):
    small_survey(opened=False)
    if role:
        signed_in(client, django_user_model, role)
    status = client.post(reverse("consultations:open", args=["small"])).status_code
    assert status == (302 if role is None else 404)  # to sign in, or as if it did not exist
    assert Survey.objects.get(slug="small").is_draft
