"""The Terms of Reference review as a secretariat task: made on the review date, never twice, overdue after it,
done when a new version comes into force or when the review is recorded as "reviewed, no change" (which moves
the next review date by the configured interval)."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance.tests.factories import user
from saferhub.groups import actions, queries, rules
from saferhub.groups.models import SecretariatTask, TaskKind
from saferhub.groups.tests.factories import make_group, secretariat_user

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: str):
    return time_machine.travel(f"{day}T12:00+00:00", tick=False)


@pytest.fixture
def group():
    with at("2022-06-01"):
        return make_group()


def review_tasks(body):
    return list(SecretariatTask.objects.filter(tor__body=body, kind=TaskKind.TOR_REVIEW).order_by("due"))


# -- Rules ---------------------------------------------------------------------------------------------------


def test_next_review_date_follows_the_configured_interval_else_a_year():
    assert rules.next_review_date(D(2022, 10, 5), 6) == D(2023, 4, 5)
    assert rules.next_review_date(D(2022, 10, 5), None) == D(2023, 10, 5)
    assert rules.next_review_date(D(2024, 2, 29), 12) == D(2025, 2, 28)


def test_a_no_change_review_is_on_a_day_the_version_was_in_force_and_not_in_the_future():
    rules.check_review_no_change(D(2022, 10, 5), D(2022, 10, 5), D(2021, 7, 1), None, "2.0")
    with pytest.raises(RuleViolation, match="today or in the past"):
        rules.check_review_no_change(D(2022, 10, 6), D(2022, 10, 5), D(2021, 7, 1), None, "2.0")
    with pytest.raises(RuleViolation, match="not in force on 30 June 2021"):
        rules.check_review_no_change(D(2021, 6, 30), D(2022, 10, 5), D(2021, 7, 1), None, "2.0")
    with pytest.raises(RuleViolation, match="not in force"):
        rules.check_review_no_change(D(2022, 10, 1), D(2022, 10, 5), D(2021, 7, 1), D(2022, 9, 30), "2.0")


# -- Made at the right date, once ------------------------------------------------------------------------------


def test_recording_a_version_makes_its_review_task_due_on_the_review_date(group):
    [task] = review_tasks(group.body)
    assert (task.due, task.done_on, task.meeting_id) == (D(2022, 9, 30), None, None)
    assert task.tor.version == "2.0" and "version 2.0" in task.rule
    assert AuditEvent.objects.filter(code="groups.tor.review_task_created", target_id=str(group.body.pk)).count() == 1
    # Overdue only after the review date.
    assert not queries.review_tasks(group.body, D(2022, 9, 30))[0].overdue
    assert queries.review_tasks(group.body, D(2022, 10, 1))[0].overdue


def test_a_review_cycle_without_a_date_is_due_that_many_months_after_the_version_starts(group):
    with at("2022-06-01"):
        actions.add_tor_version(group.body, version="3.0", in_force_from=D(2022, 6, 1), review_months=18,
                                acting_user=SYSTEM)
    tasks = {t.tor.version: t for t in review_tasks(group.body)}
    assert tasks["3.0"].due == D(2023, 12, 1) and "every 18 months" in tasks["3.0"].rule


def test_the_sweep_and_its_reruns_never_make_a_second_task(group):
    with at("2022-10-01"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)
    assert len(review_tasks(group.body)) == 1
    # A version recorded before the tasks existed gets one from the sweep, once.
    SecretariatTask.objects.filter(tor__body=group.body).delete()
    with at("2022-10-01"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (1, 0)
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)
    assert [t.due for t in review_tasks(group.body)] == [D(2022, 9, 30)]


def test_the_database_refuses_a_second_task_for_the_same_version_and_date(group):
    [task] = review_tasks(group.body)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecretariatTask.objects.create(tor=task.tor, kind=TaskKind.TOR_REVIEW, due=task.due, rule="again")


def test_the_review_task_cannot_simply_be_ticked_off(group):
    [task] = review_tasks(group.body)
    with pytest.raises(RuleViolation, match="new version comes into force"):
        actions.complete_task(task, acting_user=SYSTEM)
    task.refresh_from_db()
    assert task.done_on is None


# -- Done by a new version -------------------------------------------------------------------------------------


def test_a_new_version_in_force_closes_the_review_and_brings_its_own(group):
    with at("2022-11-01"):
        actions.add_tor_version(group.body, version="3.0", in_force_from=D(2022, 10, 15), review_date=D(2023, 10, 15),
                                acting_user=SYSTEM)
    old, new = review_tasks(group.body)
    assert (old.tor.version, old.done_on) == ("2.0", D(2022, 10, 15))  # the day the new version came into force
    assert (new.tor.version, new.due, new.done_on) == ("3.0", D(2023, 10, 15), None)
    assert AuditEvent.objects.filter(code="groups.tor.review_task_done").count() == 1
    with at("2022-11-02"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)


def test_a_version_agreed_for_later_closes_the_review_only_when_it_starts(group):
    with at("2022-10-01"):
        actions.add_tor_version(group.body, version="3.0", in_force_from=D(2022, 12, 1), review_date=D(2023, 12, 1),
                                acting_user=SYSTEM)
    old = next(t for t in review_tasks(group.body) if t.tor.version == "2.0")
    assert old.done_on is None
    with at("2022-11-30"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)
    with at("2022-12-02"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 1)
    old.refresh_from_db()
    assert old.done_on == D(2022, 12, 1)


# -- Done by "reviewed, no change" -----------------------------------------------------------------------------


def test_reviewed_no_change_closes_the_task_and_moves_the_next_review(group):
    secretariat = secretariat_user(group)
    tor = queries.version_in_force(group.body, D(2022, 10, 1))
    with at("2022-10-10"):
        tor = actions.record_tor_review_no_change(tor, reviewed_on=D(2022, 10, 5), note="At the October meeting",
                                                  acting_user=secretariat)
    assert tor.review_date == D(2023, 10, 5)  # no interval configured: a year
    done, next_one = review_tasks(group.body)
    assert (done.due, done.done_on, done.done_by) == (D(2022, 9, 30), D(2022, 10, 5), secretariat)
    assert (next_one.due, next_one.done_on) == (D(2023, 10, 5), None)
    event = AuditEvent.objects.get(code="groups.tor.reviewed_no_change")
    assert event.data["next_review"] == "2023-10-05" and event.data["was_due"] == "2022-09-30"
    with at("2022-10-11"):
        assert actions.sweep_tor_reviews(acting_user=SYSTEM) == (0, 0)
    assert len(review_tasks(group.body)) == 2


def test_reviewed_no_change_uses_the_configured_interval(group):
    with at("2022-06-01"):
        tor = actions.add_tor_version(group.body, version="3.0", in_force_from=D(2022, 6, 1), review_months=6,
                                      acting_user=SYSTEM)
    with at("2022-12-05"):
        tor = actions.record_tor_review_no_change(tor, reviewed_on=D(2022, 12, 1), acting_user=SYSTEM)
    assert tor.review_date == D(2023, 6, 1)
    assert [(t.due, t.done_on) for t in review_tasks(group.body) if t.tor_id == tor.pk] == [
        (D(2022, 12, 1), D(2022, 12, 1)), (D(2023, 6, 1), None)]


def test_reviewed_no_change_refusals_save_nothing(group):
    tor = queries.version_in_force(group.body, D(2022, 10, 1))
    other = make_group()
    with at("2022-09-01"):
        meeting = actions.schedule_group_meeting(other.body, date=D(2022, 9, 15), acting_user=SYSTEM)
    with at("2022-10-10"):
        with pytest.raises(RuleViolation, match="today or in the past"):
            actions.record_tor_review_no_change(tor, reviewed_on=D(2022, 10, 11), acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="meeting of this body"):
            actions.record_tor_review_no_change(tor, reviewed_on=D(2022, 10, 5), meeting=meeting, acting_user=SYSTEM)
        with pytest.raises(ActionPermissionDenied):
            actions.record_tor_review_no_change(tor, reviewed_on=D(2022, 10, 5),
                                                acting_user=user("officer2", Role.COMMITTEE_OFFICER))
    tor.refresh_from_db()
    assert tor.review_date == D(2022, 9, 30)
    assert [t.done_on for t in review_tasks(group.body)] == [None]
    assert not AuditEvent.objects.filter(code="groups.tor.reviewed_no_change").exists()


# -- The body's page -------------------------------------------------------------------------------------------


def test_the_secretariat_sees_the_overdue_task_and_records_the_review(client, group):
    secretariat = secretariat_user(group)
    url = reverse("groups:body", args=[group.body.slug])
    client.force_login(secretariat)
    with at("2022-10-10"):
        page = client.get(url).content.decode()
        assert "Review the Terms of Reference" in page and "Overdue" in page and "is overdue" in page
        bad = client.post(reverse("groups:review-no-change", args=[group.body.slug]),
                          {"rev-reviewed_on_day": "11", "rev-reviewed_on_month": "10", "rev-reviewed_on_year": "2022"})
        assert bad.status_code == 422
        assert "There is a problem" in bad.content.decode() and "today or in the past" in bad.content.decode()
        ok = client.post(reverse("groups:review-no-change", args=[group.body.slug]),
                         {"rev-reviewed_on_day": "5", "rev-reviewed_on_month": "10", "rev-reviewed_on_year": "2022"})
        assert ok.status_code == 302
        page = client.get(url).content.decode()
    assert "Overdue" not in page and "5 October 2023" in page
    client.logout()
    with at("2022-10-10"):
        public = client.get(url)
    assert public.status_code == 404 or "Review the Terms of Reference" not in public.content.decode()


def test_the_sweep_command_runs_the_task(group):
    from io import StringIO

    from django.core.management import call_command

    SecretariatTask.objects.filter(tor__body=group.body).delete()
    out = StringIO()
    with at("2022-10-01"):
        call_command("sweep_tor_reviews", stdout=out)
    assert "1 review task(s) made, 0 closed" in out.getvalue()
    assert len(review_tasks(group.body)) == 1
