"""Pure tests of the ASB rules (no database)."""

import datetime as dt

import pytest

from saferhub.asb import rules as r
from saferhub.core.exceptions import RuleViolation

D = dt.date


def c(behaviour, reported, agency="Police", reference="", reporter=""):
    return r.ComplaintInput(behaviour, reported, agency, reference, reporter)


# --- threshold setting -------------------------------------------------------------------------

def test_threshold_setting_above_statutory_maximum_is_refused():
    with pytest.raises(RuleViolation, match="statutory maximum of 3"):
        r.check_threshold_setting(4)


def test_threshold_setting_lower_is_allowed_and_zero_refused():
    r.check_threshold_setting(3)
    r.check_threshold_setting(2)
    with pytest.raises(RuleViolation, match="at least 1"):
        r.check_threshold_setting(0)


# --- threshold engine ----------------------------------------------------------------------------

def test_three_qualifying_complaints_meet_the_threshold():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 3, 2)), c(D(2026, 4, 1), D(2026, 4, 2)),
                                                c(D(2026, 5, 1), D(2026, 5, 2))])
    assert res.met and res.route == "threshold" and res.qualifying == [0, 1, 2] and res.required == 3
    assert len(res.explanation) == 4 and res.explanation[0].startswith("Complaint 1: qualifies")


def test_two_complaints_do_not_meet_the_threshold():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 3, 2)), c(D(2026, 4, 1), D(2026, 4, 2))])
    assert not res.met and res.route == "none"
    assert "Threshold not met: 2 qualifying complaints" in res.explanation[-1]


def test_lower_configured_threshold_is_used():
    cfg = r.ThresholdConfig(threshold_count=2)
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 3, 2)), c(D(2026, 4, 1), D(2026, 4, 2))], cfg)
    assert res.met and res.required == 2


def test_reported_more_than_a_month_after_behaviour_does_not_qualify():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 4, 2))])
    assert res.not_qualifying[0]["index"] == 0
    assert "more than 1 month after the behaviour" in res.not_qualifying[0]["reason"]


def test_reported_exactly_one_month_later_qualifies():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 4, 1))])
    assert res.qualifying == [0]


def test_month_end_clamps_31_january_to_end_of_february():
    # 31 Jan + 1 month = 28 Feb 2026 (not a leap year), 29 Feb 2028 (leap year).
    assert r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 1, 31), D(2026, 2, 28))]).qualifying == [0]
    assert r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 1, 31), D(2026, 3, 1))]).qualifying == []
    assert r.evaluate_threshold(D(2028, 6, 1), [c(D(2028, 1, 31), D(2028, 2, 29))]).qualifying == [0]
    assert r.evaluate_threshold(D(2028, 6, 1), [c(D(2028, 1, 31), D(2028, 3, 1))]).qualifying == []


def test_application_more_than_six_months_after_report_does_not_qualify():
    # Reported 31 Aug 2025: six months later is 28 Feb 2026.
    ok = r.evaluate_threshold(D(2026, 2, 28), [c(D(2025, 8, 30), D(2025, 8, 31))])
    late = r.evaluate_threshold(D(2026, 3, 1), [c(D(2025, 8, 30), D(2025, 8, 31))])
    assert ok.qualifying == [0]
    assert late.qualifying == [] and "more than 6 months after this report" in late.not_qualifying[0]["reason"]


def test_report_before_behaviour_and_after_application_do_not_qualify():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 5), D(2026, 3, 1)), c(D(2026, 5, 30), D(2026, 6, 2))])
    assert [x["index"] for x in res.not_qualifying] == [0, 1]
    assert "before the behaviour" in res.not_qualifying[0]["reason"]
    assert "after the application" in res.not_qualifying[1]["reason"]


def test_same_agency_and_reference_counts_once():
    res = r.evaluate_threshold(D(2026, 6, 1), [c(D(2026, 3, 1), D(2026, 3, 2), reference="NC-1"),
                                                c(D(2026, 3, 1), D(2026, 3, 3), reference="nc-1"),
                                                c(D(2026, 4, 1), D(2026, 4, 2), reference="NC-2")])
    assert res.qualifying == [0, 2] and not res.met
    assert "same agency and reference as complaint 1" in res.not_qualifying[0]["reason"]


def test_window_shorter_than_application_period_needs_complaints_close_together():
    cfg = r.ThresholdConfig(window_months=1)
    spread = [c(D(2026, 1, 1), D(2026, 1, 2)), c(D(2026, 3, 1), D(2026, 3, 2)), c(D(2026, 5, 1), D(2026, 5, 2))]
    close = [c(D(2026, 5, 1), D(2026, 5, 2)), c(D(2026, 5, 5), D(2026, 5, 6)), c(D(2026, 5, 20), D(2026, 5, 21))]
    assert not r.evaluate_threshold(D(2026, 6, 1), spread, cfg).met
    assert r.evaluate_threshold(D(2026, 6, 1), close, cfg).met


def test_local_route_five_different_people_is_a_local_variant():
    cfg = r.ThresholdConfig(local_routes=(r.LocalRoute("Five people", 5, 6),))
    people = [c(D(2026, 5, 1), D(2026, 5, 1) + dt.timedelta(days=40), reporter=f"Person {i}") for i in range(5)]
    res = r.evaluate_threshold(D(2026, 6, 20), people, cfg)
    assert res.met and res.route == "local_variant" and res.local_route == "Five people"
    assert "local variant" in res.explanation[-1]
    # Four people (one reporting twice) is not enough.
    four = people[:4] + [c(D(2026, 5, 1), D(2026, 6, 10), reporter="person 0")]
    assert r.evaluate_threshold(D(2026, 6, 20), four, cfg).route == "none"
    # Without the local route configured, the same complaints do not meet the threshold.
    assert r.evaluate_threshold(D(2026, 6, 20), people).route == "none"


def test_statutory_threshold_wins_over_local_route():
    cfg = r.ThresholdConfig(local_routes=(r.LocalRoute("Five people", 5, 6),))
    ok = [c(D(2026, 5, i), D(2026, 5, i + 1), reporter=f"P{i}") for i in range(1, 6)]
    assert r.evaluate_threshold(D(2026, 6, 1), ok, cfg).route == "threshold"


def test_parse_threshold_request_errors_are_clear():
    with pytest.raises(r.ThresholdInputError, match="application_date is required"):
        r.parse_threshold_request({"complaints": []})
    with pytest.raises(r.ThresholdInputError, match=r"complaints\[0\].reported_date must be a real date"):
        r.parse_threshold_request({"application_date": "2026-01-01",
                                   "complaints": [{"behaviour_date": "2025-12-01", "reported_date": "2025-02-30"}]})
    with pytest.raises(r.ThresholdInputError, match="complaints must be a list"):
        r.parse_threshold_request({"application_date": "2026-01-01", "complaints": "x"})
    with pytest.raises(r.ThresholdInputError, match="JSON object"):
        r.parse_threshold_request([1])
    with pytest.raises(r.ThresholdInputError, match="agency must be text"):
        r.parse_threshold_request({"application_date": "2026-01-01", "complaints": [
            {"behaviour_date": "2025-12-01", "reported_date": "2025-12-02", "agency": 5}]})


# --- determination, reviewer, panel ----------------------------------------------------------------

def det(**kw):
    base = {"determination": "C_ii", "threshold_met": True, "complaints_related": True, "discretionary_factor": "",
            "reasons": ""}
    base.update(kw)
    r.check_determination(**base)


def test_c_ii_needs_threshold_met_and_related_confirmed():
    det()
    with pytest.raises(RuleViolation, match="does not have enough qualifying"):
        det(threshold_met=False)
    with pytest.raises(RuleViolation, match="Confirm that the complaints are related"):
        det(complaints_related=False)


def test_c_i_needs_a_discretionary_factor_and_b_needs_reasons():
    det(determination="C_i", threshold_met=False, discretionary_factor="harm")
    with pytest.raises(RuleViolation, match="persistence of the behaviour, harm"):
        det(determination="C_i", threshold_met=False)
    with pytest.raises(RuleViolation, match="use Letter C\\(ii\\)"):
        det(determination="C_i", discretionary_factor="harm")
    with pytest.raises(RuleViolation, match="why the threshold was not met"):
        det(determination="B", threshold_met=False)
    det(determination="B", threshold_met=False, reasons="Only two complaints")
    with pytest.raises(RuleViolation, match="Choose Letter B"):
        det(determination="X")


def test_reviewer_independence_is_recorded_and_explained():
    r.check_reviewer_independence(independent=True, note="")
    with pytest.raises(RuleViolation, match="Record whether the reviewer is independent"):
        r.check_reviewer_independence(independent=None, note="")
    with pytest.raises(RuleViolation, match="explain why"):
        r.check_reviewer_independence(independent=False, note="")


S = r.PanelSeat


def test_panel_always_needs_council_and_police():
    r.check_panel_composition(r.PanelFacts(), [S("district_council"), S("police")])
    with pytest.raises(RuleViolation, match="the police"):
        r.check_panel_composition(r.PanelFacts(), [S("district_council")])
    with pytest.raises(RuleViolation, match="the district council"):
        r.check_panel_composition(r.PanelFacts(), [S("police")])


@pytest.mark.parametrize("facts,needed,label", [
    (r.PanelFacts(victim_housed_by_provider=True), "housing_provider", "housing provider"),
    (r.PanelFacts(perpetrator_housed_by_provider=True), "housing_provider", "housing provider"),
    (r.PanelFacts(drugs=True), "health", "health services"),
    (r.PanelFacts(alcohol=True), "health", "health services"),
    (r.PanelFacts(mental_health=True), "health", "health services"),
    (r.PanelFacts(victim_age=15), "childrens_services", "children's services or the school"),
])
def test_panel_conditional_members(facts, needed, label):
    with pytest.raises(RuleViolation, match=label):
        r.check_panel_composition(facts, [S("district_council"), S("police")])
    r.check_panel_composition(facts, [S("district_council"), S("police"), S(needed)])


def test_perpetrator_under_18_needs_yot_and_childrens_services_or_school():
    facts = r.PanelFacts(perpetrator_age=16)
    with pytest.raises(RuleViolation, match="youth offending team"):
        r.check_panel_composition(facts, [S("district_council"), S("police"), S("school")])
    with pytest.raises(RuleViolation, match="children's services or the school"):
        r.check_panel_composition(facts, [S("district_council"), S("police"), S("yot")])
    r.check_panel_composition(facts, [S("district_council"), S("police"), S("yot"), S("school")])
    # 18 is an adult.
    r.check_panel_composition(r.PanelFacts(perpetrator_age=18, victim_age=18), [S("district_council"), S("police")])


def test_mostly_involved_panel_needs_an_independent():
    involved = [S("district_council", previously_involved=True), S("police", previously_involved=True)]
    with pytest.raises(RuleViolation, match="independent participant"):
        r.check_panel_composition(r.PanelFacts(), involved)
    r.check_panel_composition(r.PanelFacts(), [*involved, S("independent", role="independent")])
    r.check_panel_composition(r.PanelFacts(), [*involved, S("health", role="chair")])
    # An involved chair does not count as independent.
    with pytest.raises(RuleViolation, match="independent participant"):
        r.check_panel_composition(r.PanelFacts(), [*involved, S("health", role="chair", previously_involved=True)])
    # Half involved is not "most".
    r.check_panel_composition(r.PanelFacts(), [S("district_council", previously_involved=True), S("police")])


def test_victim_voice():
    r.check_victim_voice("invited", "")
    with pytest.raises(RuleViolation, match="invited to the panel or represented"):
        r.check_victim_voice("", "")
    with pytest.raises(RuleViolation, match="Name who represented"):
        r.check_victim_voice("represented", " ")


# --- decision letter, closure, appeals ----------------------------------------------------------------

def test_decision_letter_signed_by_a_different_organisation():
    r.check_decision_signatory(lead_agency_id=1, signed_by_id=2)
    with pytest.raises(RuleViolation, match="different from the lead agency"):
        r.check_decision_signatory(lead_agency_id=1, signed_by_id=1)
    with pytest.raises(RuleViolation, match="Choose the organisation signing"):
        r.check_decision_signatory(lead_agency_id=1, signed_by_id=None)


def test_letter_e_needs_actions_and_closure_needs_all_done():
    r.check_decision_letter("D", 0)
    with pytest.raises(RuleViolation, match="at least one action"):
        r.check_decision_letter("E", 0)
    r.check_can_close(0)
    with pytest.raises(RuleViolation, match="2 actions on the action plan are not done"):
        r.check_can_close(2)


def test_appeal_in_time():
    # The deadline itself is a clock (test_clocks.py); the rule refuses an appeal received after it.
    r.check_appeal_in_time(D(2027, 1, 21), D(2027, 1, 21))
    with pytest.raises(RuleViolation, match="after the appeal window closed"):
        r.check_appeal_in_time(D(2027, 1, 22), D(2027, 1, 21))


def test_appeal_goes_to_a_different_area():
    r.check_appeal_reviewing_area(1, 2)
    with pytest.raises(RuleViolation, match="different OPT area"):
        r.check_appeal_reviewing_area(1, 1)
    with pytest.raises(RuleViolation, match="Choose another OPT area"):
        r.check_appeal_reviewing_area(1, None)


# The clocks (due dates, at risk, done late, the appeal deadline) are tested in test_clocks.py.


# --- applications, documents, publication, retention -----------------------------------------------------

def app(**kw):
    base = {"relationship": "victim", "victim_consent": False, "victim_name": "V", "complaint_count": 1,
            "application_date": D(2026, 1, 1), "today": D(2026, 1, 2)}
    base.update(kw)
    r.check_application(**base)


def test_application_rules():
    app()
    app(relationship="mp", victim_consent=True)
    with pytest.raises(RuleViolation, match="needs the victim's consent"):
        app(relationship="family")
    with pytest.raises(RuleViolation, match="victim's name"):
        app(victim_name=" ")
    with pytest.raises(RuleViolation, match="at least one incident"):
        app(complaint_count=0)
    with pytest.raises(RuleViolation, match="future"):
        app(application_date=D(2026, 1, 3))


def test_document_checks():
    assert r.check_document(name="a.pdf", size=10, head=b"%PDF-1.7", max_bytes=100) == "application/pdf"
    assert r.check_document(name="notes.txt", size=3, head=b"abc", max_bytes=100) == "text/plain"
    with pytest.raises(RuleViolation, match="smaller than"):
        r.check_document(name="a.pdf", size=101, head=b"%PDF", max_bytes=100)
    with pytest.raises(RuleViolation, match="must be a PDF"):
        r.check_document(name="a.exe", size=10, head=b"MZ", max_bytes=100)
    with pytest.raises(RuleViolation, match="do not match"):
        r.check_document(name="a.pdf", size=10, head=b"MZ\x90", max_bytes=100)
    with pytest.raises(RuleViolation, match="empty"):
        r.check_document(name="a.pdf", size=0, head=b"", max_bytes=100)


def test_publication_needs_consent_closure_and_redaction():
    r.check_publication(consent=True, closed=True)
    with pytest.raises(RuleViolation, match="has not agreed"):
        r.check_publication(consent=False, closed=True)
    with pytest.raises(RuleViolation, match="closed case"):
        r.check_publication(consent=True, closed=False)
    with pytest.raises(RuleViolation, match="Jane Doe"):
        r.check_summary_redacted("A case about jane doe and her neighbour", ["Jane Doe", "", "x"])
    r.check_summary_redacted("A resident in a market town", ["Jane Doe"])


def test_retention_due_after_the_period():
    assert not r.retention_due(closed_on=D(2020, 2, 29), years=6, today=D(2026, 2, 28))
    assert r.retention_due(closed_on=D(2020, 2, 29), years=6, today=D(2026, 3, 1))
    assert not r.retention_due(closed_on=None, years=6, today=D(2030, 1, 1))


def test_dates_at_the_ends_of_the_calendar_do_not_fail():
    cfg = r.ThresholdConfig(local_routes=(r.LocalRoute("Five people", 5, 6),))
    res = r.evaluate_threshold(D(9999, 12, 31), [c(D(9999, 12, 30), D(9999, 12, 31))], cfg)
    assert res.qualifying == [0]
    res = r.evaluate_threshold(D(1, 1, 2), [c(D(1, 1, 1), D(1, 1, 1))], cfg)
    assert res.qualifying == [0] and res.route == "none"
