"""Qualifying routes and appeal rules as configuration: the engine, Norfolk's receipt rule, and the two other
partnerships' data files (Gloucestershire, Gwent) loaded by ``load_asb_config --file``."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from saferhub.asb import actions, clocks
from saferhub.asb import rules as asb_rules
from saferhub.asb.api import threshold_answer
from saferhub.asb.config import current_settings
from saferhub.asb.loader import DATA_DIR, ConfigError, load_config
from saferhub.asb.models import LocalThresholdRoute
from saferhub.asb.rules import ComplaintInput as C
from saferhub.asb.rules import LocalRoute, ThresholdConfig
from saferhub.core.actors import SystemActor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.loading import DataFileError

D = dt.date
APP = D(2026, 6, 30)
SYSTEM = SystemActor("test")


def _c(day: int, month: int = 6, **kw) -> C:
    return C(D(2026, month, day), D(2026, month, day), **kw)


def _run(complaints, *routes, threshold=3, **kw):
    return asb_rules.evaluate_threshold(APP, complaints, ThresholdConfig(threshold_count=threshold,
                                                                         local_routes=tuple(routes)), **kw)


# --- the engine ------------------------------------------------------------------------------------------

def test_complaints_from_more_than_one_person():
    route = LocalRoute("Two people, two complaints", 2, 6, "complainants")
    one_person = [_c(1, reporter="A"), _c(2, reporter="A")]
    assert not _run(one_person, route).met
    result = _run([_c(1, reporter="A"), _c(2, reporter="B")], route)
    assert result.met and result.route == "local_variant" and result.routes_met == ["Two people, two complaints"]
    # The victim's own complaints (no reporter) and a neighbour's make two people.
    assert _run([_c(1), _c(2, reporter="Neighbour")], route).met


def test_people_reporting_the_same_problem_is_breckland_route():
    breckland = LocalRoute("Five people", 5)  # the original shape: kind defaults to "reporters"
    assert breckland.kind == "reporters"
    people = [_c(i, reporter=f"P{i}") for i in range(1, 6)]
    assert _run(people, breckland).route == "threshold"  # five qualifying complaints meet the count too
    result = _run(people, breckland, threshold=3)
    assert result.routes_met == ["statutory", "Five people"]  # every route met is named
    assert not _run(people[:4], breckland, threshold=9).met


def test_linked_locations_need_one_place_and_more_than_one_person():
    route = LocalRoute("Linked locations", 3, 6, "linked_locations")
    same_place = [_c(i, reporter=f"P{i}", location="Orchard estate") for i in (1, 2, 3)]
    assert _run(same_place, route, threshold=9).met
    scattered = [_c(1, reporter="A", location="Orchard estate"), _c(2, reporter="B", location="High Street"),
                 _c(3, reporter="C", location="Orchard estate")]
    assert not _run(scattered, route, threshold=9).met
    one_person = [_c(i, reporter="A", location="Orchard estate") for i in (1, 2, 3)]
    assert not _run(one_person, route, threshold=9).met


def test_a_single_hate_incident():
    route = LocalRoute("One hate incident", 1, 6, "hate")
    assert not _run([_c(1)], route).met
    result = _run([_c(1, hate=True)], route)
    assert result.met and "hate incident" in " ".join(result.explanation)
    # A hate report that does not qualify (reported too late) does not count.
    late = C(D(2026, 1, 1), D(2026, 3, 1), hate=True)
    assert not _run([late], route).met


def test_a_window_in_days():
    route = LocalRoute("Three in 30 days", 3, 6, "complaints", window_days=30)
    assert _run([_c(1), _c(15), _c(30)], route, threshold=9).met
    assert not _run([_c(1, 5), _c(15), _c(30)], route, threshold=9).met  # 1 May to 30 June is 60 days


def test_senior_manager_discretion_needs_who_and_why():
    route = LocalRoute("Senior manager's discretion", 1, 6, "discretion")
    assert not _run([_c(1)], route).met
    assert not _run([_c(1)], route, discretion_by="Head of Community Safety").met
    result = _run([_c(1)], route, discretion_by="Head of Community Safety", discretion_reason="A vulnerable victim")
    assert result.met and "A vulnerable victim" in " ".join(result.explanation)


def test_route_settings_are_checked():
    with pytest.raises(RuleViolation) as exc:
        asb_rules.check_route("sometimes", 3, 6, None)
    assert exc.value.code == "asb.route_kind"
    with pytest.raises(RuleViolation, match="more than one person"):
        asb_rules.check_route("complainants", 1, 6, None)


@pytest.mark.django_db
def test_api_shape_is_backward_compatible_and_reads_new_fields():
    plain = threshold_answer({"application_date": "2026-06-30", "complaints": []}, explain=False)
    assert set(plain) == {"met", "required", "qualifying", "not_qualifying", "route"}
    actions.save_local_route(area=None, name="One hate incident", kind="hate", min_distinct_reporters=1,
                             acting_user=SYSTEM)
    answer = threshold_answer({"application_date": "2026-06-30", "complaints": [
        {"behaviour_date": "2026-06-01", "reported_date": "2026-06-02", "hate": True}]})
    assert answer["met"] and answer["route"] == "local_variant" and answer["routes_met"] == ["One hate incident"]
    with pytest.raises(asb_rules.ThresholdInputError, match="hate must be true or false"):
        threshold_answer({"application_date": "2026-06-30", "complaints": [
            {"behaviour_date": "2026-06-01", "reported_date": "2026-06-02", "hate": "yes"}]})


# --- settings ----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_decision_clocks_are_3_to_21_working_days():
    actions.update_asb_settings(acting_user=SYSTEM, determination_days=21, acknowledgement_days=3)
    with pytest.raises(RuleViolation) as exc:
        actions.update_asb_settings(acting_user=SYSTEM, determination_days=22)
    assert exc.value.code == "asb.decision_clock_range" and exc.value.field == "determination_days"
    with pytest.raises(RuleViolation, match="between 3 and 21"):
        actions.update_asb_settings(acting_user=SYSTEM, acknowledgement_days=2)


# --- the partnerships' files -------------------------------------------------------------------------------

@pytest.mark.django_db
def test_norfolk_counts_the_appeal_window_from_receipt():
    call_command("load_asb_config")
    s = current_settings()
    assert (s.appeal_counted_from, s.deemed_receipt_post_days, s.letters_sent_by) == ("receipt", 2, "post")
    route = LocalThresholdRoute.objects.get()
    assert route.kind == "reporters" and route.min_distinct_reporters == 5


@pytest.mark.django_db
def test_gloucestershire_file(capsys):
    call_command("load_asb_config", file=str(DATA_DIR / "gloucestershire.yaml"))
    s = current_settings()
    assert s.name == "Gloucestershire" and s.appeal_recipient == "pcc_office" and s.victim_may_attend_panel
    assert (s.acknowledgement_days, s.determination_days, s.decision_letter_days) == (5, 15, 5)
    assert not LocalThresholdRoute.objects.exists()  # the statutory count only; a hate incident counts as one
    # Emailed letters are received the same day: 20 working days from Monday 2 March 2026 is 30 March.
    sent = type("Case", (), {"decision_sent_on": D(2026, 3, 2), "determination": "", "determined_on": None,
                             "vexatious": False, "closed_on": None})()
    assert clocks.appeal_deadline_for(sent, s) == D(2026, 3, 30)


@pytest.mark.django_db
def test_gwent_file():
    call_command("load_asb_config", "--file", str(DATA_DIR / "gwent.yaml"))
    s = current_settings()
    assert (s.region, s.appeal_recipient, s.appeal_window_unit, s.pcc_review, s.victim_may_attend_panel) == (
        "WLS", "independent_chair", "calendar_days", True, False)
    from saferhub.asb import facts

    config = facts.threshold_config(s)
    kinds = {r.kind for r in config.local_routes}
    assert kinds == {"linked_locations", "hate"}
    assert asb_rules.evaluate_threshold(APP, [_c(1, hate=True)], config).met
    linked = [_c(i, reporter=f"P{i}", location="Bridge Street") for i in range(1, 6)]
    result = asb_rules.evaluate_threshold(APP, linked[:4], ThresholdConfig(threshold_count=9,
                                                                           local_routes=config.local_routes))
    assert not result.met
    assert "Five incidents at a linked location" in asb_rules.evaluate_threshold(APP, linked, config).routes_met[1]
    # 21 calendar days from the letter's date.
    sent = type("Case", (), {"decision_sent_on": D(2026, 3, 2), "determination": "", "determined_on": None,
                             "vexatious": False, "closed_on": None})()
    assert clocks.appeal_deadline_for(sent, s) == D(2026, 3, 23)


@pytest.mark.django_db
def test_a_broken_file_names_the_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("routes: [{kind: hate}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"routes\[0\]: a route needs a name"):
        load_config(bad, acting_user=SYSTEM)
    assert issubclass(ConfigError, DataFileError)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(bad, acting_user=SYSTEM)


# --- steps the configuration adds to a case ----------------------------------------------------------------

@pytest.fixture
def world(db):
    from saferhub.asb.tests import factories

    return factories.world()


@pytest.mark.date_sensitive("2026-12-03")
def test_discretion_is_recorded_on_the_case_and_meets_the_route(world):
    from saferhub.asb.tests import factories

    actions.save_local_route(area=None, name="Senior manager's discretion", kind="discretion",
                             min_distinct_reporters=1, acting_user=SYSTEM)
    case = factories.application(world, n=1)
    assert not case.threshold_result["met"]
    with pytest.raises(RuleViolation, match="reason"):
        actions.record_threshold_discretion(case, by="Head of Service", reason=" ", acting_user=SYSTEM)
    case = actions.record_threshold_discretion(case, by="Head of Service", reason="Repeat targeting of a "
                                               "disabled victim", acting_user=SYSTEM)
    assert case.threshold_result["met"] and case.threshold_result["route"] == "local_variant"
    assert case.discretion_by == "Head of Service"


@time_machine.travel("2026-12-03T12:00+00:00", tick=False)  # the expectations are for this day
def test_victim_attendance_follows_the_partnership(world):
    from saferhub.asb.tests import factories

    actions.update_asb_settings(acting_user=SYSTEM, victim_may_attend_panel=False)
    case = factories.to_review(world, factories.application(world))
    with pytest.raises(RuleViolation) as exc:
        actions.record_panel(case, held_on=D(2026, 12, 2), members=factories.standard_panel(world),
                             victim_attendance="attended", findings="F", acting_user=SYSTEM)
    assert exc.value.code == "asb.victim_may_not_attend"


@pytest.mark.date_sensitive("2026-12-03")
def test_pcc_review_only_where_provided_and_after_the_decision(world):
    from saferhub.asb.models import Case
    from saferhub.asb.tests import factories

    case = factories.to_panel(world, factories.application(world))
    sent = case.panel_held_on
    actions.send_decision_letter(case, letter="D", signed_by=world.norwich_council, signatory_name="X",
                                 sent_on=sent, acting_user=SYSTEM)
    case = Case.objects.get(pk=case.pk)
    with pytest.raises(RuleViolation) as exc:
        actions.record_pcc_review(case, requested_on=sent, acting_user=SYSTEM)
    assert exc.value.code == "asb.pcc_review_not_provided"  # Norfolk: no PCC review of outcomes
    actions.update_asb_settings(acting_user=SYSTEM, pcc_review=True)
    case = actions.record_pcc_review(case, requested_on=sent, outcome="recommendations", decided_on=sent,
                                     notes="Further joint visit", acting_user=SYSTEM)
    assert case.pcc_review_outcome == "recommendations" and case.pcc_review_requested_on == sent


# --- the register of partner web pages (seed-processes §5.1 item 21) -----------------------------------------

def test_partner_page_rule_names_what_is_wrong():
    ok = dict(has_information=True, links_to_form=True, stated_count=3, stated_months=6, threshold_count=3,
              window_months=6)
    assert asb_rules.partner_page_problems(**ok) == []
    # Breckland's page stated its local route as the threshold (seed 002:1154-1156).
    wrong = asb_rules.partner_page_problems(**{**ok, "stated_count": 5})
    assert wrong == ["The page states 5 complaints in 6 months; the threshold is 3 in 6."]
    assert asb_rules.partner_page_problems(**{**ok, "links_to_form": False, "stated_count": None}) == [
        "The page does not link to the application form.", "The page does not state the threshold."]
    assert asb_rules.partner_page_problems(**{**ok, "has_information": False}) == [
        "The page has no Community Trigger information."]


@time_machine.travel("2026-12-03T12:00+00:00", tick=False)  # the expectations are for this day
def test_partner_page_is_recorded_and_checked_against_the_threshold(world):
    page, problems = actions.record_partner_page(
        organisation=world.breckland_council, url="https://example.invalid/community-trigger", has_information=True,
        links_to_form=True, stated_threshold_count=5, stated_window_months=6, checked_on=D(2026, 12, 1),
        acting_user=SYSTEM)
    assert page.pk and problems and "threshold is 3" in problems[0]
    again, problems = actions.record_partner_page(
        organisation=world.breckland_council, url="https://example.invalid/community-trigger", links_to_form=True,
        stated_threshold_count=3, stated_window_months=6, checked_on=D(2026, 12, 2), acting_user=SYSTEM)
    assert again.pk == page.pk and problems == []
    with pytest.raises(RuleViolation, match="future"):
        actions.record_partner_page(organisation=world.breckland_council, url="https://example.invalid/x",
                                    checked_on=D(2026, 12, 4), acting_user=SYSTEM)


@pytest.mark.date_sensitive("2026-12-03")
def test_a_hate_incident_added_to_a_case_meets_the_configured_route(world):
    from saferhub.asb.tests import factories

    actions.save_local_route(area=None, name="One hate incident", kind="hate", min_distinct_reporters=1,
                             acting_user=SYSTEM)
    case = factories.application(world, n=1)
    assert not case.threshold_result["met"]
    day = case.application_date - dt.timedelta(days=3)
    actions.add_complaint(case, behaviour_date=day, reported_date=day, description="Abuse shouted at the door",
                          location="Orchard estate", hate_incident=True, acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.threshold_result["met"] and case.threshold_result["routes_met"] == ["One hate incident"]
    assert case.complaints.filter(hate_incident=True, location="Orchard estate").exists()


@pytest.mark.django_db
def test_a_second_partnerships_file_leaves_the_first_untouched(tmp_path):
    """A file naming its ``partnership:`` configures that partnership only: its settings, areas (even with a
    code the first partnership uses) and routes are its own."""
    call_command("load_asb_config")  # Norfolk's, the home partnership
    norfolk = current_settings()
    other = tmp_path / "suffolk.yaml"
    other.write_text(
        "partnership: Fictional Suffolk Community Safety Partnership\n"
        "settings: {name: Suffolk, threshold_count: 2, letters_sent_by: email}\n"
        "areas:\n  - {code: norwich, name: Norwich, councils: []}\n"
        "routes:\n  - {name: One hate incident, kind: hate, min_count: 1}\n", encoding="utf-8")
    call_command("load_asb_config", "--file", str(other))
    from saferhub.core.models import Organisation

    suffolk = Organisation.objects.get(name="Fictional Suffolk Community Safety Partnership")
    assert suffolk.kind == "partnership"
    assert current_settings().pk == norfolk.pk and current_settings().threshold_count == 3
    assert current_settings(suffolk).threshold_count == 2 and current_settings(suffolk).name == "Suffolk"
    from saferhub.asb.models import OptArea

    assert OptArea.objects.filter(code="norwich").count() == 2
    assert LocalThresholdRoute.objects.filter(partnership=suffolk).count() == 1
    assert not LocalThresholdRoute.objects.filter(name="One hate incident").exclude(partnership=suffolk).exists()
