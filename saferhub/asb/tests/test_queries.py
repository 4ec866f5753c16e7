"""Dashboard and statistics queries."""

import datetime as dt

import pytest
import time_machine

from saferhub.asb import actions, queries
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db
D = dt.date


@time_machine.travel("2026-03-11T12:00Z", tick=False)  # a Wednesday; the expectations are for that week
def test_due_this_week_per_area_and_overdue():
    w = f.world()
    # Applied Wed 4 March: acknowledgement due Wed 11 March (this week), determination 18 March.
    norwich = f.application(w, area=w.norwich, application_date=D(2026, 3, 4))
    # Applied 2 Feb: acknowledgement due 9 Feb, determination 16 Feb: overdue.
    breck = f.application(w, area=w.breckland, application_date=D(2026, 2, 2))
    week = queries.due_this_week(None)
    assert [(g["area"].name, [(c["reference"], c["step"], c["status"]) for c in g["clocks"]]) for g in week] == [
        ("Norwich", [(norwich.reference, "acknowledgement", "at_risk")])]
    assert queries.due_this_week_counts() == {"Norwich": 1}
    overdue = queries.overdue_clocks()
    assert [(o["reference"], o["step"]) for o in overdue] == [(breck.reference, "acknowledgement"),
                                                               (breck.reference, "determination")]
    assert overdue[0]["days_overdue"] == 30
    assert queries.overdue_counts() == {"Breckland": 2}
    # Due today (Wednesday 11 March) is at risk; the determination due 18 March is not yet.
    assert [(c["reference"], c["step"]) for c in queries.at_risk_clocks()] == [(norwich.reference, "acknowledgement")]
    # Filtered by what the user may see.
    spoc = f.user(Role.ASB_SPOC, area=w.norwich)
    assert queries.overdue_clocks(spoc) == []
    assert len(queries.due_this_week(spoc)) == 1
    actions.record_acknowledgement(norwich, sent_on=D(2026, 3, 10), acting_user=SYSTEM)
    assert queries.due_this_week(None) == []


@time_machine.travel("2026-09-30T12:00+01:00", tick=False)
def test_sub_panel_report_figures():
    w = f.world()
    met = f.to_action_plan(w, f.application(w, area=w.norwich, application_date=D(2026, 2, 2), channel="email"))
    weak = f.application(w, area=w.norwich, n=2, application_date=D(2026, 3, 2), channel="web_form")
    actions.triage_case(weak, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(weak, determination="B", complaints_related=False, reasons="Two",
                                determined_on=D(2026, 3, 20), acting_user=SYSTEM)  # late: due 16 March
    actions.lodge_appeal(weak, received_on=D(2026, 3, 25), grounds="application", reviewing_area=w.west,
                         acting_user=SYSTEM)
    people = [f"Person {i}" for i in range(5)]
    rows = f.complaints(D(2026, 4, 1), 5, reporters=people)
    for row in rows:
        row["behaviour_date"] = row["reported_date"] - dt.timedelta(days=45)
    local = f.application(w, area=w.breckland, application_date=D(2026, 4, 1), complaint_rows=rows)
    assert local.threshold_route == "local_variant"
    f.application(w, area=w.breckland, application_date=D(2025, 6, 2))

    report = queries.sub_panel_report(2026)
    figures = {r["area"]: r for r in report["annual_figures"]}
    assert figures["Norwich"]["received"] == 2 and figures["Breckland"]["received"] == 1
    assert figures["County"] == {"area": "County", "area_code": "county", "received": 3, "threshold_not_met": 1,
                                 "reviews": 1, "with_recommendations": 1}
    determination = next(t for t in report["timeliness"] if t["step"] == "determination")
    assert report["timeliness_by_area"]["Breckland"][1]["open_overdue"] == 1
    assert determination["on_time"] == 1 and determination["late"] == 1 and determination["open_overdue"] == 1
    assert determination["percent_on_time"] == 50
    norwich_determination = next(t for t in report["timeliness_by_area"]["Norwich"] if t["step"] == "determination")
    assert (norwich_determination["on_time"], norwich_determination["late"]) == (1, 1)
    channels = {c["channel"]: c["count"] for c in report["channels"]}
    assert channels["email"] == 1 and channels["web_form"] == 1 and channels["telephone"] == 1
    assert report["appeals"]["received"] == 1 and report["appeals"]["open"] == 1
    assert report["local_variant_use"] == [{"area": "Breckland", "count": 1}]
    assert report["outcomes"]["letter_b"] == 1 and report["outcomes"]["letter_e"] == 1
    assert queries.annual_figures(2025)[-1]["received"] == 1
    # Financial year 2025-26 (April 2025 to March 2026) holds the 2025 case and the two from Feb/March 2026.
    assert queries.annual_figures(2025, basis="financial")[-1]["received"] == 3
    assert met.reference
