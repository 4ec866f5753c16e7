"""The online application as one action: the acknowledgement email is queued for the task worker after the
commit, never before it and never for an application that was rolled back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from saferhub.asb import actions
from saferhub.asb.models import Case
from saferhub.asb.tests import factories as fx

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def w(db):
    return fx.world()


def _application(w, **overrides):
    from django.contrib.auth.models import AnonymousUser

    complaint = {"behaviour_date": dt.date(2026, 2, 1), "reported_date": dt.date(2026, 2, 2), "agency_name": "Police"}
    values = {"area": w.norwich, "application_date": dt.date(2026, 3, 2), "victim_name": "Alex Example",
              "applicant_name": "Alex Example", "applicant_email": "alex@example.org", "complaints": [complaint]}
    values.update(overrides)
    return actions.submit_online_application(acting_user=AnonymousUser(), **values)


def test_the_email_goes_out_after_the_commit(w, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = _application(w)
        assert mailoutbox == []  # nothing is sent inside the transaction
    assert len(callbacks) == 1 and mailoutbox == []
    callbacks[0]()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["alex@example.org"]
    assert case.reference in mailoutbox[0].subject
    ack = case.notifications.get(kind="acknowledgement")
    assert ack.method == "email" and "Sent automatically" in ack.note


def test_no_email_when_the_application_rolls_back(w, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _application(w)
            raise RuntimeError("something later in the same transaction failed")
    assert callbacks == [] and mailoutbox == [] and not Case.objects.exists()


def test_the_task_is_queued_for_the_worker(w, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        case = _application(w)
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("send_acknowledgement_email_task") and task.args_kwargs["args"] == [case.pk]


def test_no_email_without_an_address_or_twice(w, settings, mailoutbox, django_capture_on_commit_callbacks):
    from saferhub.asb.tasks import send_acknowledgement_email_task

    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _application(w, applicant_email="")
    assert callbacks == [] and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        case = _application(w)
    assert len(mailoutbox) == 1
    assert send_acknowledgement_email_task.call(case.pk) is False  # already acknowledged: not sent again
    assert len(mailoutbox) == 1
