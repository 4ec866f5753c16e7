"""The public form: one question per page, answers in the session only until sent, check your answers,
the honeypot and rate limit, odd input, closed and not-yet-open surveys, published results."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from saferhub.consultations import actions
from saferhub.consultations.models import Answer, Response
from saferhub.consultations.tests.factories import GOOD, small_survey
from saferhub.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def q_url(key, slug="small"):
    return reverse("consultations:question", args=[slug, key])


def answer_all(client):
    client.post(q_url("district"), {"q-answer": "Other (please specify)", "q-other": "Suffolk"})
    client.post(q_url("priorities"), {"q-row_0": "Agree", "q-row_1": "Don't know", "q-comment": "Good list"})
    client.post(q_url("channels"), {"q-answer": ["Facebook", "Library"]})
    return client.post(q_url("safer"), {"q-answer": "Street lights"})


def test_a_resident_answers_page_by_page_checks_and_sends(client):
    small_survey()
    start = client.get(reverse("consultations:start", args=["small"])).content.decode()
    assert "Start now" in start and q_url("district") in start
    page = client.get(q_url("district")).content.decode()
    assert '<h1 class="govuk-fieldset__heading">Which district do you live in?</h1>' in page
    assert "Prefer not to say" in page and "If other, please specify" in page and "Question 1 of 4" in page
    response = client.post(q_url("district"), {"q-answer": "North"})
    assert response.status_code == 302 and response["Location"] == q_url("priorities")
    response = answer_all(client)
    assert response["Location"] == reverse("consultations:check", args=["small"])
    check = client.get(response["Location"]).content.decode()
    assert "Other (please specify): Suffolk" in check and "Fraud: Agree" in check and "Comments: Good list" in check
    assert not Response.objects.exists()  # nothing written before the person sends it
    done = client.post(reverse("consultations:check", args=["small"]), {"website": ""})
    assert done["Location"] == reverse("consultations:complete", args=["small"])
    response = Response.objects.get()
    assert response.channel == "online"
    assert Answer.objects.get(question__key="district").text == "Suffolk"
    assert not any(k.startswith("consultation:") for k in client.session.keys())  # forgotten once sent


def test_an_abandoned_response_leaves_nothing(client):
    small_survey()
    client.post(q_url("district"), {"q-answer": "North"})
    client.post(q_url("priorities"), {"q-row_0": "Agree", "q-row_1": "Agree"})
    assert not Response.objects.exists() and not Answer.objects.exists()
    client.post(reverse("consultations:discard", args=["small"]))
    assert not client.session.get(f"consultation:{Response._meta.apps.get_model('consultations', 'Survey').objects.get().pk}")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_change_link_returns_to_check_page(client):
    small_survey()
    answer_all(client)
    page = client.get(q_url("district") + "?change=1").content.decode()
    assert "Save and return to your answers" in page and 'value="Suffolk"' in page
    response = client.post(q_url("district") + "?change=1", {"q-answer": "South"})
    assert response["Location"] == reverse("consultations:check", args=["small"])


def test_required_question_shows_error_summary(client):
    small_survey()
    page = client.post(q_url("district"), {}).content.decode()
    assert "<title>Error:" in page and "govuk-error-summary" in page and "must be answered" in page
    page = client.post(q_url("priorities"), {"q-row_0": "Agree"}).content.decode()
    assert "Select an answer for “Burglary”" in page


def test_check_page_refuses_to_send_an_incomplete_response(client):
    small_survey()
    client.post(q_url("safer"), {"q-answer": "Lights"})
    response = client.post(reverse("consultations:check", args=["small"]), {"website": ""})
    assert response.status_code == 422 and "must be answered before you send" in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize("data", [
    {"q-answer": "Narnia"},
    {"q-answer": "North", "q-other": "x" * 2000},
    {"q-answer": "\x00"},
])
def test_tampered_or_odd_input_gets_a_message_not_a_500(client, data):
    small_survey()
    response = client.post(q_url("district"), data)
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_two_answers_to_a_single_choice_keep_one(client):
    small_survey()
    assert client.post(q_url("district"), {"q-answer": ["North", "South"]}).status_code == 302


def test_huge_text_and_bad_grid_values_get_messages(client):
    small_survey()
    page = client.post(q_url("safer"), {"q-answer": "x" * 101}).content.decode()
    assert "100 characters or fewer" in page
    page = client.post(q_url("priorities"), {"q-row_0": "Hmm", "q-row_1": "Agree"}).content.decode()
    assert "Select one of the answers shown" in page
    page = client.post(q_url("channels"), {"q-answer": ["Facebook", "<b>x</b>"]}).content.decode()
    assert "Select one of the answers shown" in page


def test_bad_addresses_are_404(client):
    small_survey()
    assert client.get(q_url("nope")).status_code == 404
    assert client.get(reverse("consultations:start", args=["nope"])).status_code == 404
    assert client.get("/consultations/" + "a" * 500 + "/").status_code == 404


def test_honeypot_keeps_nothing(client):
    small_survey()
    answer_all(client)
    client.post(q_url("district"), {"q-answer": "North"})
    response = client.post(reverse("consultations:check", args=["small"]), {"website": "http://spam.example"})
    assert response.status_code == 302 and not Response.objects.exists()


@override_settings(CONSULTATIONS_RATE_LIMITS={"submit": (1, 3600)})
def test_sending_is_rate_limited(client):
    small_survey()
    answer_all(client)
    client.post(q_url("district"), {"q-answer": "North"})
    assert client.post(reverse("consultations:check", args=["small"]), {"website": ""}).status_code == 302
    answer_all(client)
    client.post(q_url("district"), {"q-answer": "North"})
    response = client.post(reverse("consultations:check", args=["small"]), {"website": ""})
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert Response.objects.count() == 1


def test_closed_and_not_open_surveys_say_so(client):
    small_survey("closed", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    small_survey("later", opens_on=dt.date(2098, 1, 1), closes_on=dt.date(2098, 2, 1))
    page = client.get(reverse("consultations:start", args=["closed"])).content.decode()
    assert "closed on 16 July 2021" in page and "Start now" not in page
    page = client.get(reverse("consultations:start", args=["later"])).content.decode()
    assert "opens on 1 January 2098" in page and "Start now" not in page
    assert client.post(q_url("district", "closed"), {"q-answer": "North"}).status_code == 302
    assert client.post(reverse("consultations:check", args=["closed"])).status_code == 302
    assert not Response.objects.exists()


def test_results_are_public_only_once_published(client):
    survey = small_survey()
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    url = reverse("consultations:results", args=["small"])
    pdf = reverse("consultations:results-pdf", args=["small"])
    assert client.get(url).status_code == 404 and client.get(pdf).status_code == 404
    actions.publish_results(survey, acting_user=SYSTEM)
    page = client.get(url).content.decode()
    assert "1 response." in page and "<svg" in page and "Code the typed answers" not in page
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    listing = client.get(reverse("consultations:index")).content.decode()
    assert "Small survey: results" in listing


def test_a_draft_is_on_no_public_page(client):
    draft = small_survey("draft", opened=False)
    actions.create_survey(acting_user=SYSTEM, slug="empty", title="Empty survey", opens_on=dt.date(2000, 1, 1),
                          closes_on=dt.date(2099, 1, 1))
    small_survey("open")
    urls = [reverse("consultations:start", args=["draft"]), q_url("district", "draft"),
            reverse("consultations:check", args=["draft"]), reverse("consultations:complete", args=["draft"]),
            reverse("consultations:results", args=["draft"]), reverse("consultations:results-pdf", args=["draft"]),
            reverse("consultations:start", args=["empty"])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(q_url("district", "draft"), {"q-answer": "North"}).status_code == 404
    assert client.post(reverse("consultations:check", args=["draft"]), {"website": ""}).status_code == 404
    assert client.post(reverse("consultations:discard", args=["draft"])).status_code == 404
    listing = client.get(reverse("consultations:index")).content.decode()
    assert "/consultations/open/" in listing
    assert "/consultations/draft/" not in listing and "Empty survey" not in listing
    assert not Response.objects.exists()
    actions.open_survey(draft, acting_user=SYSTEM)
    assert client.get(reverse("consultations:start", args=["draft"])).status_code == 200
    assert "/consultations/draft/" in client.get(reverse("consultations:index")).content.decode()
