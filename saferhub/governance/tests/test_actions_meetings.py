"""Meeting actions: attendance and named substitutes, the quorum, inquorate meetings, declarations
and decisions – each with its audit row."""

import datetime as dt

import pytest
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions, queries
from saferhub.governance.models import AgendaItemKind, Attendance, Decision, Declaration, MeetingStatus, Recommendation
from saferhub.governance.tests.factories import attend, make_meeting, make_panel, person, user

pytestmark = pytest.mark.django_db
D = dt.date


def quorum(meeting):
    return queries.quorum_for(queries.meeting_with_record(meeting.pk))


def record(via, meeting, **kwargs):
    """Record one attendance row through the single-row action or the bulk one."""
    if via == "single":
        return actions.record_attendance(meeting, **kwargs)
    acting_user = kwargs.pop("acting_user")
    return actions.record_attendance_many(meeting, rows=[kwargs], acting_user=acting_user).records[0]


def decide(via, item, **kwargs):
    """Record one decision through the single-row action or the bulk one."""
    if via == "single":
        return actions.record_decision(item, **kwargs)
    acting_user = kwargs.pop("acting_user")
    return actions.record_decisions(item.meeting, rows=[{"agenda_item": item, **kwargs}],
                                    acting_user=acting_user).records[0]


VIA = pytest.mark.parametrize("via", ["single", "bulk"])


@VIA
def test_named_substitute_attends_and_counts_towards_quorum(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:4])
    assert quorum(meeting).voting_present == 4
    row = record(via, meeting, person=panel.substitute(5), status="present", acting_user=SYSTEM)
    assert (row.role, row.substitute_for, row.voting) == ("substitute", panel.member(5), True)
    result = quorum(meeting)
    assert (result.voting_present, result.quorate) == (5, True)
    event = AuditEvent.objects.filter(code="governance.attendance.recorded", target_id=str(meeting.pk)).first()
    assert event.data["person"] == panel.substitute(5).display_name


@VIA
def test_only_the_named_substitute_may_attend_for_a_member(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    with pytest.raises(RuleViolation, match="is the named substitute for .*, not") as exc:
        record(via, meeting, person=panel.substitute(5), status="present", substitute_for=panel.member(6),
                                  acting_user=SYSTEM)
    assert exc.value.rule_code == "governance.named_substitute"
    assert not Attendance.objects.filter(meeting=meeting).exists()


@VIA
def test_a_councillor_who_is_no_substitute_cannot_substitute(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    outsider = person("Outsider", organisation=panel.districts[0])
    with pytest.raises(RuleViolation, match="not a named substitute"):
        record(via, meeting, person=outsider, status="present", role="substitute",
                                  substitute_for=panel.member(3), acting_user=SYSTEM)


@VIA
def test_substitute_cannot_attend_when_member_is_present_and_vice_versa(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    record(via, meeting, person=panel.member(2), status="present", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="their substitute cannot attend"):
        record(via, meeting, person=panel.substitute(2), status="present", substitute_for=panel.member(2),
                                  acting_user=SYSTEM)
    record(via, meeting, person=panel.member(2), status="apologies", acting_user=SYSTEM)
    record(via, meeting, person=panel.substitute(2), status="present", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="cannot both be present"):
        record(via, meeting, person=panel.member(2), status="present", acting_user=SYSTEM)


@VIA
def test_officers_never_count_towards_the_quorum(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:4])
    row = record(via, meeting, person=panel.officer, status="present", acting_user=SYSTEM)
    assert (row.role, row.status, row.voting) == ("officer", "in_attendance", False)
    assert quorum(meeting).voting_present == 4


def test_non_voting_co_opted_member_does_not_count():
    panel = make_panel()
    co = person("Co-opted", councillor=False)
    actions.appoint_member(panel.committee, person=co, role="co_opted", start_date=D(2020, 5, 1), acting_user=SYSTEM)
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:4] + [co])
    assert quorum(meeting).voting_present == 4


@VIA
def test_finalising_below_quorum_makes_the_meeting_inquorate(via):
    panel = make_panel()
    meeting = make_meeting(panel, items=3)
    attend(meeting, panel.members[:3])
    with pytest.raises(RuleViolation, match="enter the time it was declared inquorate"):
        actions.finalise_attendance(meeting, acting_user=SYSTEM)
    meeting = actions.finalise_attendance(meeting, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    assert meeting.status == MeetingStatus.INQUORATE
    assert meeting.declared_inquorate_at == dt.time(10, 5)
    items = list(meeting.agenda_items.order_by("position"))
    minute = next(i for i in items if i.kind == AgendaItemKind.INQUORATE)
    assert "declared inquorate at 10.05 am" in minute.minute_text and "Only 3 members were present" in minute.minute_text
    assert all(i.carry_forward for i in items if i.kind == AgendaItemKind.REPORT)
    with pytest.raises(RuleViolation, match="inquorate, so no business was transacted"):
        decide(via, items[-1], verb="NOTED", text="the report.", acting_user=SYSTEM)
    assert not Decision.objects.filter(agenda_item__meeting=meeting).exists()


@VIA
def test_finalising_with_quorum_holds_the_meeting(via):
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:5])
    meeting = actions.finalise_attendance(meeting, acting_user=SYSTEM)
    assert meeting.status == MeetingStatus.HELD
    assert not meeting.agenda_items.filter(carry_forward=True).exists()
    with pytest.raises(RuleViolation, match="already confirmed"):
        actions.finalise_attendance(meeting, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="reopen it"):
        record(via, meeting, person=panel.member(6), status="present", acting_user=SYSTEM)


def test_reopening_an_inquorate_meeting_removes_the_minute_and_carry_forward():
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:2])
    actions.finalise_attendance(meeting, declared_at=dt.time(10, 3), acting_user=SYSTEM)
    meeting = actions.reopen_attendance(meeting, acting_user=SYSTEM)
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.declared_inquorate_at is None
    assert not meeting.agenda_items.filter(kind=AgendaItemKind.INQUORATE).exists()
    assert not meeting.agenda_items.filter(carry_forward=True).exists()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_future_meeting_cannot_be_finalised():
    panel = make_panel()
    meeting = make_meeting(panel, date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(RuleViolation, match="not taken place"):
        actions.finalise_attendance(meeting, acting_user=SYSTEM)


def test_dpi_records_that_the_member_took_no_part():
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:5])
    item = meeting.agenda_items.first()
    with pytest.raises(RuleViolation, match="Say which agenda item"):
        actions.record_declaration(meeting, person=panel.member(0), interest_type="DPI", nature="Owns land", acting_user=SYSTEM)
    d = actions.record_declaration(meeting, person=panel.member(0), interest_type="DPI", nature="Owns land nearby",
                                   agenda_item=item, acting_user=SYSTEM)
    assert d.took_no_part is True
    other = actions.record_declaration(meeting, person=panel.member(1), interest_type="Other", nature="Trustee of a charity",
                                       acting_user=SYSTEM)
    assert other.took_no_part is False
    assert AuditEvent.objects.filter(code="governance.declaration.recorded").count() == 2


def test_only_councillors_present_may_declare():
    panel = make_panel()
    meeting = make_meeting(panel)
    with pytest.raises(RuleViolation, match="not recorded as present"):
        actions.record_declaration(meeting, person=panel.member(0), interest_type="Other", nature="x", acting_user=SYSTEM)
    assert not Declaration.objects.exists()


@VIA
def test_recommendations_get_a_two_month_response_date(via):
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2023, 6, 8))
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    item = meeting.agenda_items.first()
    decision = decide(via, item, verb="RECOMMENDED", text="to the Partnership;", acting_user=SYSTEM,
                                       recommendations=[{"text": "Report on stalking powers.", "addressee_organisation": panel.partnership}])
    rec = Recommendation.objects.get(decision=decision)
    assert rec.response_due == D(2023, 8, 8) and rec.status == "awaiting_response"
    with pytest.raises(RuleViolation, match="needs at least one recommendation"):
        decide(via, item, verb="RECOMMENDED", text="to the Partnership", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Only a RECOMMENDED decision"):
        decide(via, item, verb="NOTED", text="x", acting_user=SYSTEM,
                                recommendations=[{"text": "y", "addressee_organisation": panel.partnership}])


@VIA
def test_decisions_are_numbered_in_order(via):
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    item = meeting.agenda_items.first()
    first = decide(via, item, verb="NOTED", text="the report.", acting_user=SYSTEM)
    second = decide(via, item, verb="AGREED", text="to delegate.", acting_user=SYSTEM)
    assert (first.sequence, second.sequence) == (1, 2)


def test_cancelled_meeting_carries_its_items_forward():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 12, 8))
    with pytest.raises(RuleViolation, match="reason"):
        actions.cancel_meeting(meeting, reason=" ", acting_user=SYSTEM)
    meeting = actions.cancel_meeting(meeting, reason="Snow", acting_user=SYSTEM)
    assert meeting.status == "cancelled"
    assert meeting.agenda_items.filter(carry_forward=True).count() == 2


def test_postponing_moves_items_to_the_new_meeting():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2021, 12, 16))
    new = actions.postpone_meeting(meeting, new_date=D(2022, 2, 24), acting_user=SYSTEM)
    meeting.refresh_from_db()
    assert meeting.status == "postponed" and meeting.postponed_to == new
    moved = list(new.agenda_items.all())
    assert len(moved) == 2 and all(i.carried_from.meeting == meeting for i in moved)
    with pytest.raises(RuleViolation, match="Only a scheduled meeting"):
        actions.postpone_meeting(meeting, new_date=D(2022, 3, 1), acting_user=SYSTEM)


def test_two_meetings_on_one_day_are_refused():
    panel = make_panel()
    make_meeting(panel, date=D(2022, 6, 9))
    with pytest.raises(RuleViolation, match="already has a meeting"):
        actions.schedule_meeting(panel.committee, date=D(2022, 6, 9), acting_user=SYSTEM)


def test_the_chair_of_a_meeting_must_be_present():
    panel = make_panel()
    meeting = make_meeting(panel)
    with pytest.raises(RuleViolation, match="not recorded as present"):
        actions.record_chair(meeting, person=panel.member(0), capacity="chair", acting_user=SYSTEM)
    attend(meeting, [panel.member(4)])
    actions.record_chair(meeting, person=panel.member(4), capacity="vice_chair", note="Vice-Chair in the Chair", acting_user=SYSTEM)


@pytest.mark.parametrize(
    "role,supports,allowed",
    [(Role.ADMINISTRATOR, False, True), (Role.COMMITTEE_OFFICER, True, True), (Role.COMMITTEE_OFFICER, False, False),
     (Role.COUNCILLOR, False, False), (Role.PARTNERSHIP_OFFICER, False, False)],
)
@VIA
def test_who_may_record_attendance(via, role, supports, allowed):
    panel = make_panel()
    meeting = make_meeting(panel)
    u = user(f"rec-{role}-{supports}", role, supports=panel.committee if supports else None)
    if allowed:
        record(via, meeting, person=panel.member(0), status="present", acting_user=u)
        assert AuditEvent.objects.get(code="governance.attendance.recorded").actor == u
    else:
        with pytest.raises(ActionPermissionDenied):
            record(via, meeting, person=panel.member(0), status="present", acting_user=u)
        assert not Attendance.objects.exists()


def test_outcome_without_attendance_needs_evidence_and_a_past_date():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2021, 9, 16))
    with pytest.raises(RuleViolation, match="what shows"):
        actions.record_outcome_without_attendance(meeting, status="held", evidence="", acting_user=SYSTEM)
    meeting = actions.record_outcome_without_attendance(meeting, status="held", evidence="Minutes confirmed later.", acting_user=SYSTEM)
    assert meeting.status == "held" and "Minutes confirmed later." in meeting.note
