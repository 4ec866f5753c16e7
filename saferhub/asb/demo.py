"""A realistic, entirely fictional set of ASB Case Reviews across every Norfolk area and outcome.

Every person is named "Fictional applicant N" and every incident is marked as demonstration data. Built
through the actions, so every clock, letter, notification and audit row is what the live system would
write. Idempotent: a case whose fictional victim already exists is skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb.models import Case, OptArea, RelevantBody
from saferhub.core.actors import Actor
from saferhub.core.calendar import add_working_days, subtract_working_days
from saferhub.core.models import Organisation

DEMO_MARK = "[Fictional demo case]"

# Scenarios per area: where each fictional case has got to ("_old": applied about a year ago).
AREA_PLAN = {
    "breckland": ["triage", "not_met", "action_plan_closed", "local_variant", "no_further_action", "not_met_old",
                  "action_plan_closed_old"],
    "west-norfolk": ["routed", "discretionary_review", "action_plan_open", "not_met", "not_met_old"],
    "north-norfolk": ["panel_due", "no_further_action", "appeal_not_upheld", "not_met", "no_further_action_old"],
    "norwich": ["triage", "action_plan_open", "action_plan_closed", "overrun", "not_met", "appeal_upheld",
                "not_met_old", "action_plan_closed_old"],
    "great-yarmouth": ["no_further_action", "not_met", "action_plan_closed", "routed", "no_further_action_old"],
    "south-norfolk-broadland": ["discretionary_review", "action_plan_closed", "not_met", "no_further_action",
                                "not_met_old"],
}
CHANNELS = ["web_form", "web_form", "telephone", "email", "letter", "in_person", "paper_form"]
RELATIONSHIPS = ["victim", "victim", "victim", "family", "councillor", "professional", "mp", "carer", "friend"]
BEHAVIOURS = [
    "Repeated loud music late at night from a neighbouring flat",
    "Groups gathering outside the shop, shouting and blocking the doorway",
    "Verbal abuse and threats in the shared hallway",
    "Vehicles revving and racing in the cul-de-sac",
    "Rubbish dumped in the shared garden and a fire started",
    "Damage to the community hall's windows",
]


@dataclass
class Bodies:
    police: Organisation
    health: Organisation
    housing: Organisation
    yot: Organisation
    childrens: Organisation
    independent: Organisation


def _bodies() -> Bodies:
    def first(kind: str) -> Organisation:
        body = RelevantBody.objects.filter(kind=kind, active=True).select_related("organisation").order_by("id").first()
        if body is None:
            raise LookupError(f"No relevant body of kind {kind!r}: run load_asb_config first.")
        return body.organisation

    return Bodies(first("police"), first("health"), first("housing_provider"), first("yot"),
                  first("childrens_services"), first("independent"))


def _working_days_ago(n: int) -> dt.date:
    return subtract_working_days(timezone.localdate(), n)


def _complaints(application_date: dt.date, n: int, agencies: list[Organisation], rng: random.Random,
                *, late: bool = False, reporters: list[str] | None = None) -> list[dict]:
    rows = []
    for i in range(n):
        reported = application_date - dt.timedelta(days=8 + 19 * i + rng.randint(0, 6))
        gap = rng.randint(40, 70) if late else rng.randint(0, 6)
        agency = agencies[i % len(agencies)]
        rows.append({
            "behaviour_date": reported - dt.timedelta(days=gap), "reported_date": reported, "agency": agency,
            "reference": f"DEMO-{agency.short_name or agency.name[:4]}-{rng.randint(10000, 99999)}",
            "description": f"{DEMO_MARK} {rng.choice(BEHAVIOURS)}.",
            "reporter": reporters[i] if reporters else "",
        })
    return rows


def _panel(case: Case, council: Organisation, b: Bodies) -> list[dict]:
    members = [
        {"organisation": council, "name": "Fictional ASB officer", "role": "chair"},
        {"organisation": b.police, "name": "Fictional OPT sergeant", "previously_involved": True},
    ]
    if case.victim_housed_by_provider or case.perpetrator_housed_by_provider:
        members.append({"organisation": b.housing, "name": "Fictional housing officer", "previously_involved": True})
    if case.flag_drugs or case.flag_alcohol or case.flag_mental_health:
        members.append({"organisation": b.health, "name": "Fictional mental health nurse"})
    if case.perpetrator_age is not None and case.perpetrator_age < 18:
        members.append({"organisation": b.yot, "name": "Fictional YOT worker"})
    if case.under_18_involved:
        members.append({"organisation": b.childrens, "name": "Fictional social worker"})
    return members


def _make_case(n: int, area: OptArea, outcome: str, b: Bodies, actor: Actor, rng: random.Random,
               other_area: OptArea) -> Case | None:
    victim = f"Fictional applicant {n}"
    if Case.objects.filter(victim_name=victim).exists():
        return None
    council = area.councils.order_by("id").first()
    today = timezone.localdate()
    ages = {"appeal_upheld": 75, "appeal_not_upheld": 70, "action_plan_closed": 90 + n, "action_plan_open": 45,
            "no_further_action": 60 + n, "not_met": 20 + n * 3, "discretionary_review": 14, "panel_due": 24,
            "overrun": 36, "routed": 3, "triage": 1, "local_variant": 30}
    if outcome.endswith("_old"):  # last year's cases, for the annual figures
        outcome = outcome.removesuffix("_old")
        application_date = _working_days_ago(250 + 3 * n)
    else:
        application_date = _working_days_ago(ages.get(outcome, 20))
    relationship = rng.choice(RELATIONSHIPS)
    young = outcome in ("action_plan_open",) and n % 2 == 0
    details = {
        "applicant_name": victim if relationship == "victim" else f"Fictional representative {n}",
        "applicant_email": f"applicant{n}@example.invalid",
        "victim_type": "business" if n % 9 == 0 else ("community_group" if n % 13 == 0 else "person"),
        "victim_email": f"victim{n}@example.invalid", "victim_phone": "01632 960000",
        "victim_address": f"{n} Fictional Street\nNorfolk", "victim_postcode": "ZZ99 9ZZ",
        "victim_age": 16 if young else rng.choice([None, 34, 52, 67, 81]),
        "perpetrator_age": 15 if young else rng.choice([None, 19, 27, 44]),
        "victim_housed_by_provider": n % 3 == 0, "perpetrator_housed_by_provider": n % 4 == 0,
        "flag_alcohol": n % 5 == 0, "flag_mental_health": n % 7 == 0,
        "nature_of_complaint": f"{DEMO_MARK} {rng.choice(BEHAVIOURS)} over several months.",
        "vulnerability_notes": f"{DEMO_MARK} Lives alone; anxious about leaving home." if n % 4 == 1 else "",
        "publication_consent": n % 3 != 1,
    }
    agencies = [b.police, council, b.housing]
    if outcome == "local_variant":
        rows = _complaints(application_date, 5, [council], rng, late=True,
                           reporters=[f"Fictional neighbour {n}-{i}" for i in range(5)])
    elif outcome in ("not_met", "discretionary_review"):
        rows = _complaints(application_date, 2, agencies, rng) + _complaints(application_date, 1, agencies, rng,
                                                                             late=True)
    else:
        rows = _complaints(application_date, 3 + n % 2, agencies, rng)
    case = actions.submit_application(
        area=area, channel=rng.choice(CHANNELS), application_date=application_date, victim_name=victim,
        complaints=rows, acting_user=actor, applicant_relationship=relationship,
        victim_consent=relationship != "victim", **details,
    )
    if outcome == "triage":
        return case
    day = lambda wd: min(add_working_days(application_date, wd), today)  # noqa: E731
    actions.record_acknowledgement(case, sent_on=day(2 if n % 5 else 7), method="email" if n % 2 else "letter_a",
                                   acting_user=actor)
    actions.triage_case(case, decision="obviously_not_qualifying" if outcome == "not_met" and n % 2 else "route",
                        note=f"{DEMO_MARK} Fewer than three qualifying complaints given." if outcome == "not_met" else "",
                        acting_user=actor)
    if outcome == "routed":
        return case
    if outcome == "not_met":
        actions.determine_threshold(case, determination="B", complaints_related=True, acting_user=actor,
                                    reasons=f"{DEMO_MARK} Only two incidents were reported within a month of "
                                            "happening; the third was reported too late to count.",
                                    determined_on=day(8))
        return case
    if outcome == "discretionary_review":
        actions.determine_threshold(case, determination="C_i", complaints_related=True, acting_user=actor,
                                    discretionary_factor="harm", determined_on=day(6))
    else:
        actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=actor,
                                    determined_on=day(8 if n % 4 else 11))
    lead = b.police if n % 3 else council
    actions.appoint_lead_agency(case, lead_agency=lead, reviewer_name=f"Fictional reviewer {n}",
                                reviewer_independent=n % 5 != 0, acting_user=actor, appointed_on=day(12),
                                independence_note="" if n % 5 else f"{DEMO_MARK} Only trained reviewer available.",
                                panel_date=add_working_days(application_date, 22))
    if outcome == "discretionary_review":
        return case
    actions.send_information_requests(case, agencies=[b.police, council, b.housing], requested_on=day(12),
                                      acting_user=actor)
    for request in case.information_requests.all():
        if outcome != "overrun" or request.agency != b.housing:
            actions.record_information_response(request, response=f"{DEMO_MARK} Records of contact supplied.",
                                                responded_on=day(15 if n % 3 else 19), acting_user=actor)
    if outcome == "overrun":
        if add_working_days(application_date, 31) <= today:
            actions.record_overrun_notice(case, sent_on=day(31), method="phone",
                                          note=f"{DEMO_MARK} Waiting for the housing provider's records.",
                                          acting_user=actor)
        return case
    actions.record_initial_review(case, summary=f"{DEMO_MARK} Incidents and agency responses summarised.",
                                  completed_on=day(21), acting_user=actor)
    actions.record_panel(case, held_on=day(23), members=_panel(case, council, b), acting_user=actor,
                         victim_attendance=rng.choice(["attended", "invited", "represented"]) if n % 2 else "attended",
                         victim_representative="Fictional victim advocate",
                         findings=f"{DEMO_MARK} Agencies acted separately; no shared plan was in place.",
                         recommendations=f"{DEMO_MARK} Joint visit and a shared problem-solving plan.")
    if outcome == "panel_due":
        return case
    signer = council if lead == b.police else b.police
    if outcome in ("no_further_action", "appeal_not_upheld"):
        actions.send_decision_letter(case, letter="D", signed_by=signer, signatory_name="Fictional OPT manager",
                                     sent_on=day(29), acting_user=actor)
    else:
        actions.send_decision_letter(
            case, letter="E", signed_by=signer, signatory_name="Fictional OPT manager", sent_on=day(28),
            acting_user=actor,
            actions=[
                {"description": f"{DEMO_MARK} Joint home visit by police and housing officer", "owner": b.housing,
                 "due_on": add_working_days(application_date, 38)},
                {"description": f"{DEMO_MARK} Warning letter to the household concerned", "owner": council,
                 "due_on": add_working_days(application_date, 45)},
            ],
        )
        if outcome in ("action_plan_closed", "appeal_upheld"):
            for item in case.actions.all():
                actions.update_action_item(item, progress=f"{DEMO_MARK} Completed.", done_on=day(50),
                                           acting_user=actor)
            actions.close_case(case, closed_on=day(52), acting_user=actor)
        elif outcome == "action_plan_open":
            first = case.actions.order_by("id").first()
            actions.update_action_item(first, progress=f"{DEMO_MARK} Visit arranged.", acting_user=actor)
    if outcome in ("appeal_upheld", "appeal_not_upheld"):
        case.refresh_from_db()
        letter = case.decision_sent_on
        appeal = actions.lodge_appeal(case, received_on=min(add_working_days(letter, 8), today),
                                      grounds="review", reviewing_area=other_area, acting_user=actor,
                                      details=f"{DEMO_MARK} The applicant feels the panel did not hear them.")
        actions.decide_appeal(appeal, outcome="upheld" if outcome == "appeal_upheld" else "not_upheld",
                              reasons=f"{DEMO_MARK} Reviewed independently by {other_area} OPT.",
                              decided_on=min(add_working_days(letter, 20), today), acting_user=actor)
    return case


@transaction.atomic
def load_demo(*, acting_user: Actor, seed: int = 2026) -> dict[str, int]:
    from saferhub.asb.actions.records import AUDIT_CODES

    if not OptArea.objects.exists():
        from saferhub.asb.loader import load_config

        load_config(acting_user=acting_user)
    rng = random.Random(seed)  # noqa: S311 - demonstration data, not security
    b = _bodies()
    from saferhub.asb.config import home_partnership_id

    areas = {a.code: a for a in OptArea.objects.filter(partnership_id=home_partnership_id())}
    codes = [c for c in AREA_PLAN if c in areas]
    created = 0
    n = 0
    for index, code in enumerate(codes):
        other = areas[codes[(index + 1) % len(codes)]]
        for outcome in AREA_PLAN[code]:
            n += 1
            case = _make_case(n, areas[code], outcome, b, acting_user, rng, other)
            if case is None:
                continue
            created += 1
            case.refresh_from_db()
            if case.status == "closed" and case.decision_letter:
                if n % 2:
                    answers = {code_: (code_ != "victim_voice" or n % 4 == 1) for code_ in AUDIT_CODES}
                    actions.record_audit_checklist(case, answers=answers, acting_user=acting_user,
                                                   notes=f"{DEMO_MARK} Quarterly audit sample.")
                if case.publication_consent and n % 3 == 0:
                    actions.draft_published_summary(
                        case, title="Working together on repeated night-time noise",
                        summary="A resident reported repeated noise at night to three agencies. The panel found "
                                "that each agency had acted alone; a joint visit and a shared plan followed.",
                        acting_user=acting_user)
    created += _other_partnership(b, acting_user, rng)
    return {"created": created, "total": Case.objects.filter(victim_name__startswith="Fictional applicant").count()}


#: A second, fictional partnership (the DHR demo's too): its own settings, one OPT area and two cases, so the
#: separation can be seen: Norfolk's demo accounts never see its cases, and ``asb-other`` sees only them.
OTHER_PARTNERSHIP = "Fictionshire Community Safety Partnership"
OTHER_AREA = ("fictionshire-central", "Fictionshire Central")


def _other(acting_user: Actor):
    from saferhub.core import actions as core_actions
    from saferhub.core.models import OrganisationKind

    org = Organisation.objects.filter(name=OTHER_PARTNERSHIP).first() or core_actions.create_organisation(
        name=OTHER_PARTNERSHIP, kind=OrganisationKind.PARTNERSHIP, acting_user=acting_user)
    area = OptArea.objects.filter(partnership=org, code=OTHER_AREA[0]).first()
    if area is None:
        actions.update_asb_settings(partnership=org, name="Fictionshire", letters_sent_by="email",
                                    acting_user=acting_user)
        council = Organisation.objects.filter(name="Fictionshire District Council").first() or (
            core_actions.create_organisation(name="Fictionshire District Council", kind="district_council",
                                             acting_user=acting_user))
        area = actions.save_opt_area(partnership=org, code=OTHER_AREA[0], name=OTHER_AREA[1], councils=[council],
                                     email="opt.central@example.invalid", acting_user=acting_user)
    return org, area


def _other_partnership(b: Bodies, acting_user: Actor, rng: random.Random) -> int:
    _, area = _other(acting_user)
    made = 0
    for n, outcome in ((901, "triage"), (902, "not_met")):
        if _make_case(n, area, outcome, b, acting_user, rng, area) is not None:
            made += 1
    return made


# username, full name, role, area code or organisation name
DEMO_ACCOUNTS = [
    ("asb-county", "Fictional County Triage Officer", "asb_county_team", None),
    ("asb-spoc", "Fictional Norwich SPOC", "asb_spoc", "norwich"),
    ("opt-officer", "Fictional Breckland OPT Officer", "opt_officer", "breckland"),
    ("opt-inspector", "Fictional Norwich OPT Inspector", "opt_inspector", "norwich"),
    ("agency", "Fictional Housing Officer", "agency_officer", "housing_provider"),
    # The county team of the second, fictional partnership: sees its cases and none of Norfolk's.
    ("asb-other", "Fictional Fictionshire Triage Officer", "asb_county_team", OTHER_PARTNERSHIP),
]


@transaction.atomic
def create_demo_accounts(password: str, *, acting_user: Actor) -> list[str]:
    """One demo account per ASB role, linked to an area or agency (called by ``create_demo_users``)."""
    from django.contrib.auth import get_user_model

    from saferhub.core import actions as core_actions

    if not OptArea.objects.exists():
        from saferhub.asb.loader import load_config

        load_config(acting_user=acting_user)
    User = get_user_model()
    names = []
    for username, full_name, role, where in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            first, _, last = full_name.rpartition(" ")
            user.first_name, user.last_name = first, last
            user.set_password(password)
            user.save()
        core_actions.set_user_roles(user, roles=[role], acting_user=acting_user)
        if role == "asb_county_team":
            partnership = _other(acting_user)[0] if where == OTHER_PARTNERSHIP else None
            actions.join_county_team(user=user, partnership=partnership, acting_user=acting_user)
            names.append(username)
            continue
        from saferhub.asb.config import home_partnership_id

        area = OptArea.objects.filter(partnership_id=home_partnership_id(), code=where).first() if where else None
        organisation = None
        if role == "agency_officer":
            body = RelevantBody.objects.filter(kind=where).order_by("id").first()
            organisation = body.organisation if body else None
            if organisation is None:
                continue
        actions.assign_asb_staff(user=user, role=role, area=area, organisation=organisation,
                                 acting_user=acting_user)
        names.append(username)
    return names
