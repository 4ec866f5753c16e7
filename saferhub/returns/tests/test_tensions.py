"""The community tension log (001:772): the personal-data warning, triage within the configured time,
configurable grades, escalation with date and person, named contacts, feedback, retention, the audit."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent, Organisation
from saferhub.core.permissions import Role, can
from saferhub.returns import actions, queries_logs, rules
from saferhub.returns.models import FeedbackAudience, TensionReport
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db
T0 = "2023-06-01T09:00+00:00"


def report(by, **kw):
    data = {"what": "Leaflets against a new mosque left on cars", "where": "Thetford town centre",
            "occurred_on": dt.date(2023, 5, 30), "communities": "Muslim residents", "source": "A partner agency"}
    return actions.submit_tension(acting_user=by, **{**data, **kw})


@pytest.fixture
def people(django_user_model):
    return {"analyst": user_with(django_user_model, Role.TENSION_ANALYST, "analyst"),
            "pro": user_with(django_user_model, Role.AGENCY_OFFICER, "pro"),
            "other": user_with(django_user_model, Role.PARTNERSHIP_OFFICER, "other")}


@pytest.fixture
def council():
    return Organisation.objects.create(name="Breckland Council", kind="district_council")


# -- the personal-data rule ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Mr Smith shouted at them", "seen with Mrs. Patel", "Dr Jones said",
                                  "a man called Ahmed", "known as Tommo", "DOB 01/02/1990", "date of birth unknown",
                                  "born on 3/4/1990", "write to jo.bloggs@example.org"])
def test_text_that_looks_like_it_names_a_person_is_caught(text):
    assert rules.personal_data_matches(text)


@pytest.mark.parametrize("text", ["Graffiti in Great Yarmouth", "Tension after the match in King's Lynn",
                                  "Mr and Mrs are titles", "Residents were born here"])
def test_plain_text_is_not_caught(text):
    assert rules.personal_data_matches(text) == []


def test_a_report_naming_a_person_needs_the_submitters_confirmation(people):
    with pytest.raises(RuleViolation, match="looks like it names or identifies a person") as exc:
        report(people["pro"], what="Mr Smith threatened the shopkeeper")
    assert exc.value.field == "confirm_personal" and not TensionReport.objects.exists()
    r = report(people["pro"], what="Mr Smith threatened the shopkeeper", confirm_personal=True)
    assert r.personal_warning == ["a title and a name: Mr Smith"]


def test_a_report_needs_what_where_communities_and_source_and_a_past_date(people):
    with pytest.raises(RuleViolation, match="Enter the communities affected"):
        report(people["pro"], communities="  ")
    with pytest.raises(RuleViolation, match="cannot be in the future"):
        report(people["pro"], occurred_on=dt.date.today() + dt.timedelta(days=2))


def test_only_staff_accounts_may_submit(django_user_model):
    with pytest.raises(ActionPermissionDenied):
        report(user_with(django_user_model, None, "nobody"))


# -- triage, grades, escalation -------------------------------------------------------------------------

def test_only_analysts_triage_and_only_with_a_configured_grade(people):
    r = report(people["pro"])
    with pytest.raises(ActionPermissionDenied):
        actions.triage_tension(r, acting_user=people["other"], grade="Low")
    with pytest.raises(RuleViolation, match="Choose a grade: Low, Medium, High"):
        actions.triage_tension(r, acting_user=people["analyst"], grade="Amber")
    actions.configure_log(acting_user=SYSTEM, triage_hours=48, grades=["Green", "Amber", "Red"], retention_months=12,
                          centre_check_months=6)
    r = actions.triage_tension(r, acting_user=people["analyst"], grade="Amber", note="Watch the weekend")
    assert (r.status, r.grade, r.triaged_by) == ("triaged", "Amber", people["analyst"])
    first = r.triaged_at
    r = actions.triage_tension(r, acting_user=people["analyst"], grade="Red")
    assert r.triaged_at == first and r.grade == "Red"
    codes = list(AuditEvent.objects.filter(target_id=str(r.pk), code__startswith="returns.tension").values_list("code", flat=True).order_by("pk"))
    assert codes == ["returns.tension.submitted", "returns.tension.triaged", "returns.tension.regraded"]


def test_grades_must_be_at_least_two_different_ones():
    with pytest.raises(RuleViolation, match="at least two different grades"):
        actions.configure_log(acting_user=SYSTEM, triage_hours=48, grades=["Red", "Red"], retention_months=12,
                              centre_check_months=6)


def test_escalation_records_the_date_and_who_after_triage_once(people):
    with time_machine.travel(T0, tick=False):
        r = report(people["pro"])
        with pytest.raises(RuleViolation, match="Triage the report before escalating"):
            actions.escalate_tension(r, acting_user=people["analyst"], escalated_on=dt.date(2023, 6, 1))
        actions.triage_tension(r, acting_user=people["analyst"], grade="High")
        with pytest.raises(RuleViolation, match="between the day the report came in and today"):
            actions.escalate_tension(r, acting_user=people["analyst"], escalated_on=dt.date(2023, 5, 31))
        r = actions.escalate_tension(r, acting_user=people["analyst"], escalated_on=dt.date(2023, 6, 1))
        assert (r.escalated_on, r.escalated_by) == (dt.date(2023, 6, 1), people["analyst"])
        with pytest.raises(RuleViolation, match="already been escalated"):
            actions.escalate_tension(r, acting_user=people["analyst"], escalated_on=dt.date(2023, 6, 1))
    assert AuditEvent.objects.filter(code="returns.tension.escalated", target_id=str(r.pk)).count() == 1


def test_triage_is_late_past_the_configured_hours():
    start = dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC)
    later = start + dt.timedelta(hours=80)
    assert rules.triage_late(submitted_at=start, triaged_at=later, now=later, hours=72)
    assert not rules.triage_late(submitted_at=start, triaged_at=later, now=later, hours=96)
    assert rules.triage_late(submitted_at=start, triaged_at=None, now=later, hours=72)  # still waiting


def test_volumes_count_time_to_triage_against_the_configured_time(people):
    with time_machine.travel(T0, tick=False):
        fast, slow = report(people["pro"]), report(people["pro"])
    with time_machine.travel("2023-06-02T09:00+00:00", tick=False):
        actions.triage_tension(fast, acting_user=people["analyst"], grade="Low")
    with time_machine.travel("2023-06-05T09:00+00:00", tick=False):
        actions.triage_tension(slow, acting_user=people["analyst"], grade="Low")
        ids = {fast.partnership_id}
        [row] = queries_logs.tension_volumes(triage_hours=72, partnership_ids=ids)
        assert (row.received, row.triaged, row.on_time, row.late, row.median_hours) == (2, 2, 1, 1, 60)
        [row] = queries_logs.tension_volumes(triage_hours=100, partnership_ids=ids)
        assert (row.on_time, row.late) == (2, 0)


# -- named contacts and feedback ------------------------------------------------------------------------

def test_a_named_contact_may_read_the_report_and_receive_feedback(people, council, django_user_model):
    contact = user_with(django_user_model, Role.PARTNERSHIP_OFFICER, "contact")
    r = report(people["pro"])
    assert not can(contact, "returns.view_tension", r)
    with pytest.raises(RuleViolation, match="name them first"):
        actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CONTACT,
                                given_on=dt.date.today(), summary="Patrols increased")
    named = actions.name_recipient(r, acting_user=people["analyst"], user=contact, authority=council)
    assert can(contact, "returns.view_tension", r) and not can(people["other"], "returns.view_tension", r)
    with pytest.raises(RuleViolation, match="already named"):
        actions.name_recipient(r, acting_user=people["analyst"], user=contact, authority=council)
    actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CONTACT, recipient=named,
                            given_on=dt.date.today(), summary="Patrols increased")
    actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CRPSG,
                            given_on=dt.date.today(), summary="Reported to the group")
    assert [f.audience for f in r.feedback.all()] == ["contact", "crpsg"]
    with pytest.raises(ActionPermissionDenied):
        actions.record_feedback(r, acting_user=contact, audience=FeedbackAudience.CRPSG, given_on=dt.date.today(),
                                summary="x")


def test_feedback_to_a_contact_of_another_report_is_refused(people, council):
    a, b = report(people["pro"]), report(people["pro"])
    named_on_b = actions.name_recipient(b, acting_user=people["analyst"], user=people["other"], authority=council)
    with pytest.raises(RuleViolation, match="named on this report"):
        actions.record_feedback(a, acting_user=people["analyst"], audience=FeedbackAudience.CONTACT,
                                recipient=named_on_b, given_on=dt.date.today(), summary="x")


def test_the_submitter_sees_their_own_report_only(people):
    mine, theirs = report(people["pro"]), report(people["other"])
    assert list(queries_logs.tensions_for(people["pro"])) == [mine]
    assert set(queries_logs.tensions_for(people["analyst"])) == {mine, theirs}


# -- retention ------------------------------------------------------------------------------------------

def test_free_text_is_erased_after_the_configured_retention_on_the_report_and_in_its_audit(people):
    with time_machine.travel(T0, tick=False):
        r = report(people["pro"], what="Mr Smith's shop was targeted", confirm_personal=True)
        actions.triage_tension(r, acting_user=people["analyst"], grade="High", note="Spoke to Mr Smith")
        actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CRPSG,
                                given_on=dt.date(2023, 6, 1), summary="Mr Smith reassured")
    assert actions.erase_expired_tensions(acting_user=SYSTEM, today=dt.date(2025, 5, 31)) == []
    assert actions.erase_expired_tensions(acting_user=SYSTEM, today=dt.date(2025, 6, 1)) == [r.pk]
    r.refresh_from_db()
    assert "Smith" not in r.what + r.source + r.triage_note and r.erased_at and r.personal_warning == []
    assert r.where == "Thetford town centre" and r.grade == "High"  # kept for the figures
    assert "Smith" not in r.feedback.get().summary
    rows = AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(TensionReport), target_id=str(r.pk))
    assert not any("Smith" in str(e.data) for e in rows)
    assert AuditEvent.objects.filter(code="core.audit.redacted").exists()
    with pytest.raises(RuleViolation, match="erased under the retention policy"):
        actions.triage_tension(r, acting_user=people["analyst"], grade="Low")


def test_the_retention_period_is_configured(people):
    with time_machine.travel(T0, tick=False):
        r = report(people["pro"])
    actions.configure_log(acting_user=SYSTEM, triage_hours=72, grades=["Low", "High"], retention_months=6,
                          centre_check_months=6)
    assert actions.erase_expired_tensions(acting_user=SYSTEM, today=dt.date(2023, 12, 1)) == [r.pk]


def test_the_nightly_task_erases_what_is_due_and_queues_its_next_run(people):
    from django_tasks_db.models import DBTaskResult

    from saferhub.returns.tasks import erase_expired_tensions_task

    with time_machine.travel(T0, tick=False):
        r = report(people["pro"])
    with time_machine.travel("2025-06-02T12:00+01:00", tick=False):
        assert erase_expired_tensions_task.call(reschedule=False) == [r.pk]
        assert not DBTaskResult.objects.exists()
        assert erase_expired_tensions_task.call(reschedule=True) == []  # already erased
    r.refresh_from_db()
    assert r.erased_at is not None
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.returns.tasks.erase_expired_tensions_task"
    assert queued.args_kwargs["kwargs"] == {"reschedule": True}
    assert queued.run_after == dt.datetime(2025, 6, 3, 2, 45, tzinfo=ZoneInfo("Europe/London"))


def test_the_retention_command_runs_now_and_with_schedule_queues_the_nightly_task(people, capsys):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    with time_machine.travel(T0, tick=False):
        report(people["pro"])
    with time_machine.travel("2025-06-02T12:00+01:00", tick=False):
        call_command("returns_tension_retention")
        assert "1 report(s) erased" in capsys.readouterr().out
        assert not DBTaskResult.objects.exists()
        call_command("returns_tension_retention", "--schedule")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.returns.tasks.erase_expired_tensions_task"
    assert f"Next run queued ({queued.id})." in capsys.readouterr().out


def test_retention_months_are_calendar_months():
    assert not rules.erasure_due(submitted_on=dt.date(2023, 1, 31), months=1, today=dt.date(2023, 2, 27))
    assert rules.erasure_due(submitted_on=dt.date(2023, 1, 31), months=1, today=dt.date(2023, 2, 28))


def test_feedback_needs_a_summary_and_a_date_in_range(people):
    with time_machine.travel(T0, tick=False):
        r = report(people["pro"])
        with pytest.raises(RuleViolation, match="Enter what was fed back"):
            actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CRPSG,
                                    given_on=dt.date(2023, 6, 1), summary=" ")
        for day in (dt.date(2023, 5, 31), dt.date(2023, 6, 2)):
            with pytest.raises(RuleViolation, match="between the day the report came in and today"):
                actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CRPSG,
                                        given_on=day, summary="x")
        with pytest.raises(RuleViolation, match="Choose who the feedback went to"):
            actions.record_feedback(r, acting_user=people["analyst"], audience="press", given_on=dt.date(2023, 6, 1),
                                    summary="x")


def test_a_contact_must_be_an_active_account(people, council, django_user_model):
    r = report(people["pro"])
    with pytest.raises(RuleViolation, match="Choose the person to name"):
        actions.name_recipient(r, acting_user=people["analyst"], user=None, authority=council)
    gone = user_with(django_user_model, Role.PARTNERSHIP_OFFICER, "gone")
    gone.is_active = False
    with pytest.raises(RuleViolation, match="Choose the person to name"):
        actions.name_recipient(r, acting_user=people["analyst"], user=gone, authority=council)


@pytest.mark.parametrize("field", ["triage_hours", "retention_months", "centre_check_months"])
def test_log_settings_are_whole_numbers_of_one_or_more(field):
    values = {"triage_hours": 72, "retention_months": 24, "centre_check_months": 6, field: 0}
    with pytest.raises(RuleViolation, match="whole number, 1 or more"):
        actions.configure_log(acting_user=SYSTEM, grades=["Low", "High"], **values)


def test_every_change_is_audited(people, council):
    with time_machine.travel(T0, tick=False):
        r = report(people["pro"])
        actions.triage_tension(r, acting_user=people["analyst"], grade="Low")
        actions.escalate_tension(r, acting_user=people["analyst"], escalated_on=dt.date(2023, 6, 1))
        named = actions.name_recipient(r, acting_user=people["analyst"], user=people["other"], authority=council)
        actions.record_feedback(r, acting_user=people["analyst"], audience=FeedbackAudience.CONTACT, recipient=named,
                                given_on=dt.date(2023, 6, 1), summary="Told")
    actions.erase_expired_tensions(acting_user=SYSTEM, today=dt.date(2030, 1, 1))
    rows = AuditEvent.objects.filter(target_id=str(r.pk), code__startswith="returns.tension").order_by("pk")
    assert [(e.code, e.actor_id) for e in rows] == [
        ("returns.tension.submitted", people["pro"].pk), ("returns.tension.triaged", people["analyst"].pk),
        ("returns.tension.escalated", people["analyst"].pk), ("returns.tension.recipient_named", people["analyst"].pk),
        ("returns.tension.feedback_recorded", people["analyst"].pk), ("returns.tension.erased", None)]
