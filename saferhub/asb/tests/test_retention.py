"""Retention: expired closed cases are anonymised and logged; legal hold is respected."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from saferhub.asb import actions, queries
from saferhub.asb.models import Case, Complaint, RetentionLog
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db
D = dt.date


def closed_b(w, day: D, **kw) -> Case:
    case = f.application(w, n=2, application_date=day, victim_name=kw.pop("victim_name", "Fictional Person Gamma"),
                         victim_address="1 Fictional Row", **kw)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                determined_on=day + dt.timedelta(days=3), acting_user=SYSTEM)
    return Case.objects.get(pk=case.pk)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_expired_cases_anonymised_recent_kept_legal_hold_skipped(tmp_path, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    w = f.world()
    old = closed_b(w, D(2018, 1, 8))
    actions.add_case_document(old, file=SimpleUploadedFile("a.pdf", b"%PDF-1 x"), title="Letter B",
                              acting_user=SYSTEM)
    actions.lodge_appeal(old, received_on=D(2018, 1, 15), grounds="application", reviewing_area=w.west,
                         details="Fictional Person Gamma disagrees", acting_user=SYSTEM)
    held = closed_b(w, D(2018, 2, 5), victim_name="Fictional Person Delta")
    actions.set_legal_hold(held, hold=True, reason="Civil claim", acting_user=SYSTEM)
    recent = closed_b(w, D.today() - dt.timedelta(days=100))
    open_case = f.application(w, application_date=D(2018, 1, 8))
    with django_capture_on_commit_callbacks(execute=True):  # files are deleted once each case commits
        logs = actions.apply_retention(acting_user=SYSTEM, today_=D.today())
    assert sorted((log.case_reference, log.outcome) for log in logs) == sorted(
        [(old.reference, "anonymised"), (held.reference, "skipped_legal_hold")])
    old.refresh_from_db()
    assert old.victim_name == "Anonymised" and old.victim_address == "" and old.anonymised_at
    assert old.determination == "B" and old.area == w.norwich  # statistics survive
    assert not old.documents.exists() and not list(tmp_path.rglob("a.pdf"))
    assert set(Complaint.objects.filter(case=old).values_list("description", flat=True)) == {""}
    assert old.appeals.get().details == ""
    history = queries.case_history(old)
    assert "Fictional Person Gamma" not in str(list(history.values_list("data", flat=True)))
    assert history.last().code == "asb.case.anonymised"
    assert Case.objects.get(pk=held.pk).victim_name == "Fictional Person Delta"
    assert Case.objects.get(pk=recent.pk).anonymised_at is None
    assert Case.objects.get(pk=open_case.pk).anonymised_at is None
    # A second run does not touch the anonymised case again, and logs the hold again.
    again = actions.apply_retention(acting_user=SYSTEM)
    assert [(log.case_reference, log.outcome) for log in again] == [(held.reference, "skipped_legal_hold")]


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_retention_period_is_configurable(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    w = f.world()
    case = closed_b(w, D.today() - dt.timedelta(days=800))
    assert actions.apply_retention(acting_user=SYSTEM) == []
    actions.update_asb_settings(acting_user=SYSTEM, retention_years=1)
    assert [log.case_reference for log in actions.apply_retention(acting_user=SYSTEM)] == [case.reference]


def test_retention_command_and_task(capsys):
    from saferhub.asb.tasks import apply_retention_task

    w = f.world()
    closed_b(w, D(2017, 3, 6))
    call_command("asb_retention")
    assert "anonymised: 1" in capsys.readouterr().out
    assert RetentionLog.objects.count() == 1
    assert apply_retention_task.call(reschedule=False) == {}


def test_retention_task_schedules_next_run():
    from django_tasks_db.models import DBTaskResult

    from saferhub.asb.tasks import apply_retention_task

    apply_retention_task.call(reschedule=True)
    queued = DBTaskResult.objects.get()
    assert queued.run_after is not None and queued.args_kwargs["kwargs"] == {"reschedule": True}


def test_only_administrators_run_retention_by_hand():
    f.world()
    with pytest.raises(ActionPermissionDenied):
        actions.apply_retention(acting_user=f.user(Role.ASB_COUNTY_TEAM))


def test_legal_hold_needs_a_reason():
    from saferhub.core.exceptions import RuleViolation

    w = f.world()
    case = f.application(w)
    with pytest.raises(RuleViolation, match="legal hold"):
        actions.set_legal_hold(case, hold=True, acting_user=SYSTEM)
