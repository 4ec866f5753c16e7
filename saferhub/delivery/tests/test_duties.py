"""The statutory-duty calendar (issue 12, item 6; Plan Appendix 2, seed 003:997-1024): due dates follow the
frequency, a record meets one due date once with evidence, overdue duties warn on the dashboard."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import Role
from saferhub.delivery import actions, rules
from saferhub.governance.tests.factories import user

pytestmark = pytest.mark.django_db
D = dt.date


def test_due_dates_follow_the_frequency_and_keep_month_ends():
    assert rules.duty_due_dates(first_due=D(2022, 3, 31), frequency="quarterly", until=D(2023, 1, 1)) == [
        D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]
    assert rules.duty_due_dates(first_due=D(2024, 2, 29), frequency="annual", until=D(2028, 3, 1)) == [
        D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]
    assert rules.duty_due_dates(first_due=D(2022, 5, 1), frequency="once", until=D(2030, 1, 1)) == [D(2022, 5, 1)]
    assert rules.duty_due_dates(first_due=None, frequency="annual", until=D(2030, 1, 1)) == []


def test_duty_state():
    state = rules.duty_state(first_due=D(2022, 3, 31), frequency="annual", done={D(2022, 3, 31)},
                             today=D(2023, 4, 5))
    assert (state.state, state.missed, state.next_due) == ("overdue", (D(2023, 3, 31),), D(2023, 3, 31))
    state = rules.duty_state(first_due=D(2022, 3, 31), frequency="annual", done={D(2022, 3, 31)},
                             today=D(2023, 3, 10))
    assert (state.state, state.next_due) == ("due_soon", D(2023, 3, 31))
    state = rules.duty_state(first_due=D(2022, 3, 31), frequency="annual", done={D(2022, 3, 31)},
                             today=D(2022, 12, 1))
    assert (state.state, state.next_due) == ("up_to_date", D(2023, 3, 31))
    assert rules.duty_state(first_due=None, frequency="annual", done=set(), today=D(2022, 1, 1)).state == \
        "not_scheduled"
    once = rules.duty_state(first_due=D(2022, 1, 10), frequency="once", done={D(2022, 1, 10)}, today=D(2025, 1, 1))
    assert (once.state, once.next_due) == ("up_to_date", None)


@pytest.fixture
def plan():
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    duty = actions.add_duty(plan, title="Annual strategic assessment", frequency="annual", source="003:1005",
                            acting_user=SYSTEM)
    return {"plan": plan, "duty": duty}


def test_recording_a_duty_meets_one_due_date_once_with_evidence(plan):
    duty = plan["duty"]
    with pytest.raises(RuleViolation) as exc:
        actions.record_duty_done(duty, due_on=D(2022, 3, 31), done_on=D(2022, 3, 1), evidence="Published.",
                                 acting_user=SYSTEM, today=D(2022, 4, 1))
    assert exc.value.rule_code == "delivery.duty_not_scheduled"
    actions.schedule_duty(duty, first_due=D(2022, 3, 31), frequency="annual", acting_user=SYSTEM)
    cases = [({"due_on": D(2022, 4, 30)}, "delivery.duty_not_a_due_date"),
             ({"done_on": D(2022, 5, 1)}, "delivery.duty_done_in_future"),
             ({"evidence": "  "}, "delivery.duty_evidence_required")]
    for change, code in cases:
        fields = {"due_on": D(2022, 3, 31), "done_on": D(2022, 3, 20), "evidence": "Assessment agreed by the board.",
                  **change}
        with pytest.raises(RuleViolation) as exc:
            actions.record_duty_done(duty, acting_user=SYSTEM, today=D(2022, 4, 1), **fields)
        assert exc.value.rule_code == code
    actions.record_duty_done(duty, due_on=D(2022, 3, 31), done_on=D(2022, 3, 20), evidence="Agreed by the board.",
                             acting_user=SYSTEM, today=D(2022, 4, 1))
    with pytest.raises(RuleViolation) as exc:
        actions.record_duty_done(duty, due_on=D(2022, 3, 31), done_on=D(2022, 3, 21), evidence="Again.",
                                 acting_user=SYSTEM, today=D(2022, 4, 1))
    assert exc.value.rule_code == "delivery.duty_already_recorded"
    # a new schedule that would orphan the record is refused
    with pytest.raises(RuleViolation) as exc:
        actions.schedule_duty(duty, first_due=D(2022, 4, 30), frequency="annual", acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.duty_schedule_breaks_records"
    actions.schedule_duty(duty, first_due=D(2021, 3, 31), frequency="annual", acting_user=SYSTEM)  # still includes it


def test_only_the_partnership_team_records_duties(plan):
    with pytest.raises(ActionPermissionDenied):
        actions.schedule_duty(plan["duty"], first_due=D(2022, 3, 31), frequency="annual",
                              acting_user=user("cllr", Role.COUNCILLOR))


@time_machine.travel("2023-04-05T12:00+00:00", tick=False)  # the expectations are for this day
def test_duties_pages_and_the_dashboard_warning(client, plan):
    duty = plan["duty"]
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get(f"/plan/snp/duties/{duty.pk}/").content.decode()
    assert "No due date set" in page and "Record that it was done" not in page
    response = client.post(f"/plan/snp/duties/{duty.pk}/", {
        "schedule": "1", "schedule-first_due_day": "31", "schedule-first_due_month": "3",
        "schedule-first_due_year": "2022", "schedule-frequency": "annual"})
    assert response.status_code == 302
    page = client.get("/plan/snp/duties/").content.decode()
    assert "Overdue" in page and "Missed: 31 Mar 2022, 31 Mar 2023" in page
    assert "1 statutory duty is overdue: Annual strategic assessment." in client.get("/dashboard/").content.decode()
    page = client.post(f"/plan/snp/duties/{duty.pk}/", {
        "record": "1", "record-due_on": "2022-03-31", "record-done_on_day": "20", "record-done_on_month": "3",
        "record-done_on_year": "2022", "record-evidence": ""}).content.decode()
    assert "Error: " in page and "Enter the evidence that the duty was done" in page
    client.post(f"/plan/snp/duties/{duty.pk}/", {
        "record": "1", "record-due_on": "2022-03-31", "record-done_on_day": "20", "record-done_on_month": "3",
        "record-done_on_year": "2022", "record-evidence": "Agreed by the board."})
    client.post(f"/plan/snp/duties/{duty.pk}/", {
        "record": "1", "record-due_on": "2023-03-31", "record-done_on_day": "2", "record-done_on_month": "4",
        "record-done_on_year": "2023", "record-evidence": "Agreed late."})
    page = client.get(f"/plan/snp/duties/{duty.pk}/").content.decode()
    assert "Late</strong>" in page and "Up to date" in page
    assert "statutory duty is overdue" not in client.get("/dashboard/").content.decode()


def test_duties_pages_are_for_the_partnership_team_only(client, plan):
    url = f"/plan/snp/duties/{plan['duty'].pk}/"
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get("/plan/snp/duties/").status_code == 404 and client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
