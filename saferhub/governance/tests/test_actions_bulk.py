"""The bulk actions (many attendance rows, agenda items or decisions at once) apply the same rules
as the single-row actions, row by row in order, and write the same records and audit rows with a
number of queries that does not grow with the number of rows. The single-row refusal tests in
``test_actions_meetings.py`` run through both paths."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import AgendaItem, Attendance, Decision, Recommendation
from saferhub.governance.tests.factories import attend, make_meeting, make_panel, person, user

pytestmark = pytest.mark.django_db
D = dt.date
FIELDS = ["person_id", "role", "status", "substitute_for_id", "membership_id", "voting", "organisation_id", "title",
          "recorded_name", "note", "position"]


def rows_for(panel):
    """A realistic meeting: members, a member sending apologies and their named substitute,
    an officer, and a second row changing an earlier one."""
    return [
        {"person": panel.member(0), "status": "present", "recorded_name": "Cllr M0"},
        {"person": panel.member(1), "status": "present"},
        {"person": panel.member(5), "status": "apologies"},
        {"person": panel.substitute(5), "status": "present"},
        {"person": panel.officer, "status": "present", "title": "Officer, the Partnership"},
        {"person": panel.member(2), "status": "present"},
        {"person": panel.member(2), "status": "apologies", "note": "Left before the item"},
    ]


def snapshot(meeting):
    return [tuple(getattr(a, f) for f in FIELDS) for a in Attendance.objects.filter(meeting=meeting).order_by("person_id")]


def audit_data(meeting, code):
    return [e.data for e in AuditEvent.objects.filter(code=code, target_id=str(meeting.pk)).order_by("id")]


def test_bulk_attendance_writes_what_single_rows_write():
    panel = make_panel()
    one = make_meeting(panel, date=D(2022, 6, 9))
    many = make_meeting(panel, date=D(2022, 9, 28))
    for row in rows_for(panel):
        actions.record_attendance(one, acting_user=SYSTEM, **row)
    outcome = actions.record_attendance_many(many, rows=rows_for(panel), acting_user=SYSTEM)
    assert snapshot(one) == snapshot(many)
    assert audit_data(one, "governance.attendance.recorded") == audit_data(many, "governance.attendance.recorded")
    assert len(audit_data(many, "governance.attendance.recorded")) == 7
    sub = outcome.records[3]
    assert (sub.role, sub.substitute_for, sub.voting) == ("substitute", panel.member(5), True)
    assert outcome.records[5].pk == outcome.records[6].pk and outcome.records[6].status == "apologies"


def test_rows_are_checked_in_order_within_one_call_and_a_refusal_saves_nothing():
    panel = make_panel()
    meeting = make_meeting(panel)
    rows = [{"person": panel.member(2), "status": "present"},
            {"person": panel.substitute(2), "status": "present", "substitute_for": panel.member(2)}]
    with pytest.raises(RuleViolation, match="their substitute cannot attend") as exc:
        actions.record_attendance_many(meeting, rows=rows, acting_user=SYSTEM)
    assert exc.value.rule_code == "governance.named_substitute"
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not AuditEvent.objects.filter(code="governance.attendance.recorded").exists()


def test_collected_refusals_leave_out_only_the_refused_rows():
    panel = make_panel()
    meeting = make_meeting(panel)
    outsider = person("Outsider", organisation=panel.districts[0])
    rows = [{"person": panel.member(2), "status": "present"},
            {"person": panel.substitute(2), "status": "present", "substitute_for": panel.member(2)},
            {"person": outsider, "status": "present", "role": "substitute", "substitute_for": panel.member(3)},
            {"person": panel.member(3), "status": "present"}]
    outcome = actions.record_attendance_many(meeting, rows=rows, acting_user=SYSTEM, collect_refusals=True)
    assert sorted(outcome.refused) == [1, 2]
    assert "their substitute cannot attend" in outcome.refused[1].text
    assert "not a named substitute" in outcome.refused[2].text
    assert outcome.records[1] is None and outcome.records[0].pk and outcome.records[3].pk
    assert set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True)) == {
        panel.member(2).pk, panel.member(3).pk}
    assert AuditEvent.objects.filter(code="governance.attendance.recorded").count() == 2


def test_bulk_attendance_refuses_a_confirmed_meeting_and_unknown_fields():
    panel = make_panel()
    meeting = make_meeting(panel)
    attend(meeting, panel.members[:5])
    with pytest.raises(TypeError):
        actions.record_attendance_many(meeting, rows=[{"person": panel.member(6), "status": "present", "colour": 1}],
                                       acting_user=SYSTEM)
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="reopen it"):
        actions.record_attendance_many(meeting, rows=[{"person": panel.member(6), "status": "present"}],
                                       acting_user=SYSTEM, collect_refusals=True)


@pytest.mark.parametrize("role,allowed", [(Role.COMMITTEE_OFFICER, True), (Role.COUNCILLOR, False)])
def test_who_may_use_the_bulk_actions(role, allowed):
    panel = make_panel()
    meeting = make_meeting(panel)
    u = user(f"bulk-{role}", role, supports=panel.committee if role == Role.COMMITTEE_OFFICER else None)
    calls = [
        lambda: actions.record_attendance_many(meeting, rows=[{"person": panel.member(0), "status": "present"}],
                                               acting_user=u),
        lambda: actions.add_agenda_items(meeting, rows=[{"title": "Urgent business", "kind": "other"}], acting_user=u),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(ActionPermissionDenied):
                call()
    assert Attendance.objects.filter(meeting=meeting).exists() is allowed


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_bulk_actions_use_a_constant_number_of_queries():
    panel = make_panel()
    small, large = make_meeting(panel, date=D(2022, 6, 9), items=0), make_meeting(panel, date=D(2022, 9, 28), items=0)
    few = [{"person": panel.member(0), "status": "present"}, {"person": panel.substitute(6), "status": "present"}]
    lots = [{"person": p, "status": "present"} for p in panel.members[:4]] + [
        {"person": panel.member(5), "status": "apologies"}, {"person": panel.substitute(5), "status": "present"},
        {"person": panel.officer, "status": "present"}]
    assert count_queries(lambda: actions.record_attendance_many(small, rows=few, acting_user=SYSTEM)) == count_queries(
        lambda: actions.record_attendance_many(large, rows=lots, acting_user=SYSTEM))
    items = [{"title": f"Report {n}"} for n in range(2)]
    more = [{"title": "Minutes", "kind": "minutes", "confirms": [small]}] + [{"title": f"Report {n}"} for n in range(8)]
    q_small = count_queries(lambda: actions.add_agenda_items(small, rows=items, acting_user=SYSTEM))
    q_large = count_queries(lambda: actions.add_agenda_items(large, rows=more, acting_user=SYSTEM))
    assert q_large <= q_small + 1  # the one insert of the minutes links
    small, large = make_meeting(panel, date=D(2022, 12, 8), items=2), make_meeting(panel, date=D(2023, 2, 24), items=8)
    for m in (small, large):
        attend(m, panel.members[:5])
        actions.finalise_attendance(m, acting_user=SYSTEM)
    small_items, large_items = list(small.agenda_items.all()), list(large.agenda_items.all())
    rec = [{"text": "Report back.", "addressee_organisation": panel.partnership}]
    q_small = count_queries(lambda: actions.record_decisions(small, rows=[
        {"agenda_item": small_items[0], "verb": "RECOMMENDED", "text": "to the Partnership", "recommendations": rec}],
        acting_user=SYSTEM))
    q_large = count_queries(lambda: actions.record_decisions(large, rows=[
        {"agenda_item": i, "verb": "RECOMMENDED", "text": "to the Partnership", "recommendations": rec * 2}
        for i in large_items[1:]], acting_user=SYSTEM))
    assert q_small == q_large
    assert Recommendation.objects.filter(decision__agenda_item__meeting=large).count() == 14


def test_bulk_agenda_items_match_single_items_and_refuse_the_same():
    panel = make_panel()
    earlier = make_meeting(panel, date=D(2022, 2, 24), items=0)
    one = make_meeting(panel, date=D(2022, 6, 9), items=0)
    many = make_meeting(panel, date=D(2022, 9, 28), items=0)
    rows = [{"title": "Introductions", "kind": "other", "number": ""},
            {"title": "Minutes", "kind": "minutes", "confirms": [earlier]},
            {"title": "Serious Violence", "minute_text": "The Sub Panel received the report."},
            {"title": "Forward Work Programme", "kind": "work_programme", "page": 40}]
    for row in rows:
        actions.add_agenda_item(one, acting_user=SYSTEM, **row)
    actions.add_agenda_items(many, rows=rows, acting_user=SYSTEM)

    def shape(m):
        return [(i.position, i.number, i.title, i.kind, i.page, i.minute_text, [x.pk for x in i.confirms_minutes_of.all()])
                for i in AgendaItem.objects.filter(meeting=m).order_by("position")]

    assert shape(one) == shape(many)
    assert audit_data(one, "governance.agenda_item.added") == audit_data(many, "governance.agenda_item.added")
    for bad, message in [({"title": "  "}, "Enter the item's title"),
                         ({"title": "Again", "position": 1}, "already an item at position 1"),
                         ({"title": "Report", "confirms": [earlier]}, "Only a minutes item"),
                         ({"title": "Minutes", "kind": "minutes", "confirms": [many]}, "earlier meetings")]:
        for call in (lambda bad=bad: actions.add_agenda_item(one, acting_user=SYSTEM, **bad),
                     lambda bad=bad: actions.add_agenda_items(many, rows=[{"title": "Fine"}, bad], acting_user=SYSTEM)):
            with pytest.raises(RuleViolation, match=message):
                call()
    assert AgendaItem.objects.filter(meeting=many).count() == 4  # the failed call left nothing behind


def test_bulk_decisions_refuse_an_inquorate_meeting_and_number_in_order():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 6, 9), items=1)
    item = meeting.agenda_items.get()
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    outcome = actions.record_decisions(meeting, rows=[
        {"agenda_item": item, "verb": "NOTED", "text": "the report."},
        {"agenda_item": item, "verb": "RECOMMENDED", "text": "to the Partnership"},
        {"agenda_item": item, "verb": "AGREED", "text": "to delegate."}], acting_user=SYSTEM, collect_refusals=True)
    assert list(outcome.refused) == [1] and "needs at least one recommendation" in outcome.refused[1].text
    assert [(d.sequence, d.verb) for d in Decision.objects.filter(agenda_item=item)] == [(1, "NOTED"), (2, "AGREED")]
    other = make_meeting(panel, date=D(2022, 9, 28), items=1)
    attend(other, panel.members[:2])
    actions.finalise_attendance(other, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="inquorate, so no business"):
        actions.record_decisions(other, rows=[{"agenda_item": other.agenda_items.first(), "verb": "NOTED",
                                               "text": "x"}], acting_user=SYSTEM, collect_refusals=True)
    with pytest.raises(RuleViolation, match="another meeting's agenda"):
        actions.record_decisions(meeting, rows=[{"agenda_item": other.agenda_items.first(), "verb": "NOTED",
                                                 "text": "x"}], acting_user=SYSTEM)
