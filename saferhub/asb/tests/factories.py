"""Build ASB configuration, users and cases for tests through the actions (never raw saves)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import count

from django.contrib.auth import get_user_model

from saferhub.asb import actions
from saferhub.asb.models import AsbRole, Case, OptArea
from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import Role

_seq = count(1)


def org(name: str, kind: str) -> Organisation:
    return Organisation.objects.filter(name=name).first() or core_actions.create_organisation(
        name=name, kind=kind, acting_user=SYSTEM)


def person(name: str, organisation: Organisation | None = None, email: str = "") -> Person:
    return Person.objects.filter(name=name).first() or core_actions.create_person(
        name=name, organisation=organisation, email=email, acting_user=SYSTEM)


@dataclass
class World:
    breckland: OptArea
    norwich: OptArea
    west: OptArea
    breckland_council: Organisation
    norwich_council: Organisation
    west_council: Organisation
    police: Organisation
    health: Organisation
    housing: Organisation
    yot: Organisation
    childrens: Organisation
    school: Organisation
    independent: Organisation
    pcc: Organisation
    extra: dict = field(default_factory=dict)


def world() -> World:
    """Three areas, their councils and the other relevant bodies, with Norfolk's default settings."""
    bc = org("Breckland Council", "district_council")
    nc = org("Norwich City Council", "district_council")
    wc = org("Borough Council of King's Lynn and West Norfolk", "district_council")
    police = org("Norfolk Constabulary", "police")
    health = org("Norfolk and Waveney ICB", "health")
    housing = org("Flagship Housing", "housing_provider")
    yot = org("Norfolk Youth Offending Team", "youth_offending")
    childrens = org("Norfolk Children's Services", "childrens_services")
    school = org("Fictional High School", "school")
    independent = org("Independent Chairs Ltd", "other")
    pcc = org("Office of the Police and Crime Commissioner for Norfolk", "opcc")
    for o, kind in [(bc, "district_council"), (nc, "district_council"), (wc, "district_council"),
                    (police, "police"), (health, "health"), (housing, "housing_provider"), (yot, "yot"),
                    (childrens, "childrens_services"), (school, "school"), (independent, "independent")]:
        actions.save_relevant_body(organisation=o, kind=kind, acting_user=SYSTEM)
    actions.update_asb_settings(acting_user=SYSTEM, pcc_office=pcc)
    areas = {}
    for i, (code, name, council) in enumerate([("breckland", "Breckland", bc), ("norwich", "Norwich", nc),
                                               ("west-norfolk", "West Norfolk", wc)]):
        spoc = person(f"Fictional SPOC {name}", council, f"spoc.{code}@example.org")
        inspector = person(f"Fictional Inspector {name}", police, f"insp.{code}@example.org")
        areas[code] = actions.save_opt_area(code=code, name=name, councils=[council], spoc=spoc,
                                            inspector=inspector, email=f"opt.{code}@example.org",
                                            position=i, acting_user=SYSTEM)
    actions.save_local_route(area=areas["breckland"], name="Five people, same problem", min_distinct_reporters=5,
                             window_months=6, acting_user=SYSTEM)
    return World(areas["breckland"], areas["norwich"], areas["west-norfolk"], bc, nc, wc, police, health, housing,
                 yot, childrens, school, independent, pcc)


def user(role: str | None = None, *, area: OptArea | None = None, organisation: Organisation | None = None,
         username: str | None = None, partnership: Organisation | None = None):
    """A user with ``role``; the county team works for ``partnership`` (the home partnership by default)."""
    User = get_user_model()
    u = User.objects.create_user(username=username or f"user{next(_seq)}", password="x")  # noqa: S106
    if role:
        core_actions.set_user_roles(u, roles=[role], acting_user=SYSTEM)
        if role == Role.ASB_COUNTY_TEAM:
            actions.join_county_team(user=u, partnership=partnership, acting_user=SYSTEM)
        elif role in AsbRole.values and (area or organisation):
            actions.assign_asb_staff(user=u, role=role, area=area, organisation=organisation, acting_user=SYSTEM)
    return User.objects.get(pk=u.pk)


def complaints(application_date: dt.date, n: int = 3, *, agency: Organisation | None = None,
               reporters: list[str] | None = None) -> list[dict]:
    out = []
    for i in range(n):
        reported = application_date - dt.timedelta(days=10 + 7 * i)
        out.append({
            "behaviour_date": reported - dt.timedelta(days=2), "reported_date": reported,
            "agency": agency, "agency_name": "" if agency else "Police", "reference": f"REF-{next(_seq)}",
            "description": f"Fictional incident {i + 1}",
            "reporter": reporters[i] if reporters else "",
        })
    return out


def application(w: World, *, area: OptArea | None = None, application_date: dt.date | None = None, n: int = 3,
                actor=SYSTEM, **details) -> Case:
    application_date = application_date or dt.date.today() - dt.timedelta(days=60)
    complaint_rows = details.pop("complaint_rows", None) or complaints(application_date, n, agency=w.police)
    return actions.submit_application(
        area=area or w.norwich, channel=details.pop("channel", "telephone"), application_date=application_date,
        victim_name=details.pop("victim_name", "Fictional victim"), complaints=complaint_rows,
        acting_user=actor, victim_email="victim@example.org", **details,
    )


def to_review(w: World, case: Case, actor=SYSTEM) -> Case:
    start = case.application_date
    actions.record_acknowledgement(case, sent_on=start + dt.timedelta(days=1), acting_user=actor)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True,
                                determined_on=start + dt.timedelta(days=5), acting_user=actor)
    actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name="Fictional Sergeant",
                                reviewer_independent=True, appointed_on=start + dt.timedelta(days=6),
                                acting_user=actor)
    return Case.objects.get(pk=case.pk)


def standard_panel(w: World, council: Organisation | None = None) -> list[dict]:
    return [
        {"organisation": council or w.norwich_council, "name": "Fictional council officer", "role": "chair"},
        {"organisation": w.police, "name": "Fictional PC", "previously_involved": True},
    ]


def to_panel(w: World, case: Case, actor=SYSTEM) -> Case:
    case = to_review(w, case, actor)
    start = case.application_date
    actions.record_panel(case, held_on=start + dt.timedelta(days=20), members=standard_panel(w),
                         victim_attendance="attended", findings="Fictional findings",
                         recommendations="Fictional recommendations", acting_user=actor)
    return Case.objects.get(pk=case.pk)


def to_action_plan(w: World, case: Case, actor=SYSTEM) -> Case:
    case = to_panel(w, case, actor)
    start = case.application_date
    actions.send_decision_letter(
        case, letter="E", signed_by=w.norwich_council, signatory_name="Fictional manager",
        sent_on=start + dt.timedelta(days=25),
        actions=[{"description": "Fictional action", "owner": w.housing, "due_on": start + dt.timedelta(days=40)}],
        acting_user=actor,
    )
    return Case.objects.get(pk=case.pk)
