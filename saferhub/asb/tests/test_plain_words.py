"""Staff read words a person uses (issue 16 item 6): the case history names what happened, who did it and
what changed without internal codes, class names or ``False → True``; staff forms say what to enter, never
Django's generic "This field is required."."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from saferhub.asb import actions, forms, history
from saferhub.asb.models import Case
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM, SystemActor
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return fx.world()


def _online_case(w) -> Case:
    complaint = {"behaviour_date": dt.date(2026, 2, 1), "reported_date": dt.date(2026, 2, 2), "agency_name": "Police"}
    return actions.submit_application(area=w.norwich, channel="web_form", application_date=dt.date(2026, 3, 2),
                                      victim_name="Fictional victim", complaints=[complaint],
                                      acting_user=AnonymousUser())


def test_history_page_reads_as_sentences(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = _online_case(w)
    actions.add_case_document(case, file=SimpleUploadedFile("diary.pdf", b"%PDF-1.7 x"), title="Diary",
                              acting_user=SystemActor("Online application form"))
    actions.update_application(case, publication_consent=True, acting_user=SYSTEM)
    county = Client()
    county.force_login(fx.user(Role.ASB_COUNTY_TEAM))
    page = county.get(reverse("asb:case-history", args=[case.pk])).content.decode()
    for internal in ("asb.document.added", "asb.case.submitted", "AnonymousUser", "False → True", "False", "True"):
        assert internal not in page, internal
    assert "Stored a document on the case" in page and "Received an ASB Case Review application" in page
    assert history.PUBLIC_APPLICANT in page
    assert "SaferHub (automatic): Online application form" in page and "SaferHub (automatic)</td>" in page
    assert "<strong>Publication consent</strong>: changed from No to Yes" in page


def test_readable_values():
    from saferhub.asb.models import Case as C

    assert history.readable_value(C._meta.get_field("victim_consent"), False) == "No"
    assert history.readable_value(C._meta.get_field("application_date"), "2026-03-02") == "2 March 2026"
    assert history.readable_value(C._meta.get_field("channel"), "web_form") == dict(
        C._meta.get_field("channel").flatchoices)["web_form"]
    assert history.readable_value(None, None) == "–"
    assert history.what("asb.unknown.code") == "Changed the case"


STAFF_FORM_ARGS = {
    forms.StaffApplicationForm: {"areas": [("1", "Norwich")]},
    forms.TriageForm: {"areas": [("1", "Norwich")]},
    forms.AppealForm: {"areas": [("1", "Norwich")]},
    forms.AuditForm: {"items": [("q1", "Was the victim kept informed?")]},
}


@pytest.mark.parametrize("form_class", forms.STAFF_FORMS, ids=lambda c: c.__name__)
def test_staff_forms_never_show_the_generic_message(form_class):
    org = type("Org", (), {"pk": 1, "name": "Norfolk Constabulary"})()
    kwargs = dict(STAFF_FORM_ARGS.get(form_class, {}))
    if "organisations" in form_class.__init__.__code__.co_varnames:
        kwargs["organisations"] = [org]
    form = form_class({"x": "1"}, {}, **kwargs)
    form.is_valid()
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert not any(m.startswith(("This field is required", "Select a valid choice", "Enter a whole number"))
                   for m in messages), messages
    for message in messages:
        assert message[:1].isupper()


def test_specific_messages_name_the_field():
    form = forms.PanelDateForm({})
    assert form.errors["panel_date"] == ["Enter the panel date"]
    form = forms.LeadAgencyForm({"lead-lead_agency": "99"}, prefix="lead",
                                organisations=[type("Org", (), {"pk": 1, "name": "Police"})()])
    assert form.errors["lead_agency"] == ["Choose the lead agency from the list"]
    assert form.errors["reviewer_name"] == ["Enter the name of the person carrying out the initial review"]
    form = forms.StaffApplicationForm({"app-victim_age": "old"}, prefix="app", areas=[("1", "Norwich")])
    assert form.errors["victim_age"] == ["Enter the victim's age as a whole number"]
    assert form.errors["area"] == ["Select the OPT area"]
    assert form.errors["victim_type"] == ["Select whether the victim is a person, a business or a community group"]
    form = forms.OverrunForm({})
    assert form.errors["method"] == ["Select how the victim was told"]
