"""Fictional demonstration reviews and accounts. Every victim is "Fictional person N", every name and reference is
invented, and every case is built through the actions (so clocks and audit rows are what the live system would
write). Two partnerships are used so the separation between them can be seen: Norfolk's, and a fictional one.
Idempotent: a partnership that already has demo cases is skipped.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core.actors import Actor
from saferhub.core.models import Organisation, OrganisationKind
from saferhub.dhr import actions
from saferhub.dhr.models import Case, DecisionOutcome
from saferhub.dhr.steps import ORDER, Step

NORFOLK = "Norfolk Countywide Community Safety Partnership"
FICTIONAL = "Fictionshire Community Safety Partnership"

#: (username, full name, partnership names)
DEMO_ACCOUNTS = [
    ("dhr-team", "Dana Demo-Reviewer", [NORFOLK]),
    ("dhr-other", "Otto Other-Partnership", [FICTIONAL]),
]

#: How far each fictional case has got: a stage of ``steps.ORDER``, or the decision's state.
SCENARIOS = ["notified", "not_review_waiting", "not_review_closed", "reopened", "chair", "terms", "imrs", "draft",
             "submitted", "published", "commissioner", "published_old"]


def _partnership(name: str, *, acting_user: Actor) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        from saferhub.core import actions as core_actions

        org = core_actions.create_organisation(name=name, kind=OrganisationKind.PARTNERSHIP, acting_user=acting_user)
    return org


def _agencies(*, acting_user: Actor) -> list[Organisation]:
    """The first police, health and probation bodies on record, or fictional ones where there are none."""
    from saferhub.core import actions as core_actions

    out = []
    for kind, fictional in ((OrganisationKind.POLICE, "Fictional Constabulary"),
                            (OrganisationKind.HEALTH, "Fictional Health Trust"),
                            (OrganisationKind.PROBATION, "Fictional Probation Service")):
        found = Organisation.objects.filter(kind=kind).order_by("id").first()
        out.append(found or core_actions.create_organisation(name=fictional, kind=kind, acting_user=acting_user))
    return out


def create_demo_accounts(password: str, *, acting_user: Actor) -> list[str]:
    """One review-team account per demo partnership (called by ``create_demo_users``)."""
    from saferhub.core import actions as core_actions
    from saferhub.core.demo import demo_user
    from saferhub.core.permissions import Role

    names = []
    for username, full_name, partnerships in DEMO_ACCOUNTS:
        user = demo_user(username, full_name=full_name, password=password)
        core_actions.set_user_roles(user, roles=[Role.DHR_TEAM], acting_user=acting_user)
        for name in partnerships:
            actions.join_team(user=user, partnership=_partnership(name, acting_user=acting_user),
                              acting_user=acting_user)
        names.append(username)
    names += _appointee_accounts(password, acting_user=acting_user)
    return names


#: People outside the team, appointed to one Norfolk demo review: its chair, and the police's contact.
APPOINTEE_ACCOUNTS = [("dhr-chair", "Cara Demo-Chair", "chair"), ("dhr-agency", "Alex Demo-Agency", "agency")]


def _appointee_accounts(password: str, *, acting_user: Actor) -> list[str]:
    """Accounts appointed to the Norfolk demo case whose reviews are requested (when the demo cases exist)."""
    from saferhub.core.demo import demo_user

    case = (Case.objects.filter(partnership__name=NORFOLK, victim_pseudonym__startswith="Fictional person",
                                imrs__isnull=False, closed_on__isnull=True).order_by("id").first())
    if case is None:
        return []
    imr = case.imrs.order_by("id").first()
    names = []
    for username, full_name, role in APPOINTEE_ACCOUNTS:
        user = demo_user(username, full_name=full_name, password=password)
        actions.appoint_person(case, user=user, role=role, agency=imr.agency if role == "agency" else None,
                               acting_user=acting_user)
        names.append(username)
    return names


def _register(partnership: Organisation, agencies, *, acting_user) -> None:
    """Two fictional chairs on the register; one declared a connection with the first agency."""
    actions.add_chair(partnership=partnership, name="Fictional Chair One", accreditation="DHR chair training (fictional)",
                      trained_on=dt.date(2025, 3, 4), declaration="No connection with local agencies (fictional).",
                      acting_user=acting_user)
    actions.add_chair(partnership=partnership, name="Fictional Chair Two", accreditation="DHR chair training (fictional)",
                      connected_agencies=agencies[:1], declaration="Formerly employed by the police (fictional).",
                      acting_user=acting_user)


def _build(partnership: Organisation, scenario: str, n: int, today: dt.date, agencies, *, acting_user) -> Case:
    old = scenario.endswith("_old")
    notified = today - dt.timedelta(days=(900 if old else 20 + 25 * n))
    case = actions.notify_case(
        partnership=partnership, source="police" if n % 2 else "agency", date_notified=notified,
        date_of_death=notified - dt.timedelta(days=3), notified_by="Fictional detective inspector",
        victim_pseudonym=f"Fictional person {n}", victim_age=17 if n == 3 else 30 + n,
        child_review_reference="FICTIONAL-CSPR-1" if n == 3 else "", suspected_suicide=n == 4,
        agencies=agencies, acting_user=acting_user, on=today)
    if scenario == "notified":
        return case
    decided = notified + dt.timedelta(days=14)
    outcome = DecisionOutcome.NOT_REVIEW if scenario.startswith("not_review") or scenario == "reopened" \
        else DecisionOutcome.REVIEW
    actions.record_decision(case, outcome=outcome, decided_on=decided, chair_name="Fictional partnership chair",
                            partners_consulted="Police, health, probation (fictional)",
                            rationale="Fictional rationale for demonstration.", acting_user=acting_user, on=today,
                            suicide_circumstances_considered=True)
    actions.record_home_office_notified(case, notified_on=decided + dt.timedelta(days=2),
                                        reference=f"HO-FICT-{n:03d}", acting_user=acting_user, on=today)
    if outcome == DecisionOutcome.NOT_REVIEW:
        if scenario in {"not_review_closed", "reopened"}:
            actions.record_qa_panel_seen(case, seen_on=decided + dt.timedelta(days=10), acting_user=acting_user,
                                         on=today)
            actions.record_home_office_confirmation(case, confirmed_on=decided + dt.timedelta(days=12),
                                                    acting_user=acting_user, on=today)
            actions.tell_family(case, told_on=decided + dt.timedelta(days=13), acting_user=acting_user, on=today)
        if scenario == "reopened":
            actions.reopen_decision(case, requested_on=decided + dt.timedelta(days=15), advocate="AAFDA (fictional)",
                                    family_permission=True, acting_user=acting_user, on=today)
        return case
    target = "commissioner" if scenario.startswith("published") else scenario
    day = decided
    for step in ORDER[: ORDER.index(target) + 1]:
        day = min(day + dt.timedelta(days=7 if not old else 40), today)
        _do_step(case, step, day, agencies, today, acting_user=acting_user)
    return case


def _do_step(case, step, day, agencies, today, *, acting_user) -> None:
    details: dict = {}
    if step == Step.CHAIR:
        details = {"chair_name": "Fictional independent chair", "author_name": "Fictional author",
                   "independence_confirmed": True, "tender_reference": "TENDER-FICT"}
    elif step == Step.PANEL:
        for agency in agencies:
            actions.add_panel_member(case, agency=agency, name="Fictional panel member", independence_declared=True,
                                     acting_user=acting_user)
    elif step == Step.TERMS:
        details = {"period_from": case.date_notified - dt.timedelta(days=3 * 365), "period_to": case.date_notified,
                   "lines_of_enquiry": "Fictional lines of enquiry."}
    elif step == Step.IMRS:
        for agency in agencies:
            imr = actions.request_imr(case, agency=agency, requested_on=day - dt.timedelta(days=6),
                                      due_on=day + dt.timedelta(days=28), acting_user=acting_user)
            actions.receive_imr(imr, received_on=day, acting_user=acting_user, on=today)
    elif step == Step.FAMILY:
        details = {"outcome": "engaged", "advocacy_offered": "Victim Support National Homicide Service; AAFDA",
                   "advocate_chosen": "AAFDA"}
    elif step == Step.DRAFT:
        # The overview's first version records the stage (actions.report).
        actions.upload_report_version(case, kind="overview", final=False, filename="overview-draft.txt",
                                      content=b"Fictional draft overview report.", acting_user=acting_user, on=day)
        _add_demo_recommendation(case, agencies, acting_user=acting_user)
        return
    elif step == Step.SIGN_OFF:
        details = {"signed_off_by": "Fictional partnership chair"}
        # The family is offered the draft (and their views recorded) before submission (rules).
        actions.log_family_contact(case, contacted_on=day, who="Fictional family member", channel="advocate",
                                   purpose="draft", agreed_draft=True,
                                   views_on_draft="Fictional: the family asked for the pen portrait to be kept.",
                                   acting_user=acting_user, on=today)
    elif step == Step.SUBMITTED:
        actions.submit_to_qa(case, submitted_on=day, acting_user=acting_user, on=today)
        return
    elif step == Step.FEEDBACK:
        for kind in ("overview", "summary"):
            actions.upload_report_version(case, kind=kind, final=True, filename=f"{kind}-final.txt",
                                          content=b"Fictional final version.", acting_user=acting_user, on=day)
        submission = case.qa_submissions.get()
        actions.record_qa_letter(submission, letter_on=day, outcome="approved", filename="qa-letter.txt",
                                 content=b"Fictional letter: approved.", changes=[], acting_user=acting_user, on=today)
        actions.record_qa_approval(case, approved_on=day, acting_user=acting_user, on=today)
        return
    elif step == Step.PUBLICATION_NOTICE:
        # A week before publication (the steps are a week apart): the partnership's minimum notice by default.
        details = {"told_by": "Fictional communications officer",
                   "note": "The family (through their advocate) and the media team were given the date (fictional)."}
    elif step == Step.COMMISSIONER:
        details = {"evidence": "Emailed to the Commissioner's office (fictional reference)"}
    elif step == Step.PUBLISHED:
        details = {"anonymisation_checked": True, "themes": ["Coercive control", "Mental health", "Information sharing"]}
    actions.record_step(case, step=step, done_on=day, details=details, acting_user=acting_user, on=today)


def _add_demo_recommendation(case, agencies, *, acting_user) -> None:
    actions.add_recommendation(case, text="Agencies share concerns about coercive control through the daily "
                               "risk meeting (fictional).", theme="Information sharing",
                               agency=agencies[0] if agencies else None, acting_user=acting_user)


@transaction.atomic
def load_demo(*, acting_user: Actor, today: dt.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    agencies = _agencies(acting_user=acting_user)
    made = []
    for name, scenarios in ((NORFOLK, SCENARIOS), (FICTIONAL, ["notified", "draft"])):
        partnership = _partnership(name, acting_user=acting_user)
        if Case.objects.filter(partnership=partnership, victim_pseudonym__startswith="Fictional person").exists():
            continue
        _register(partnership, agencies, acting_user=acting_user)
        for n, scenario in enumerate(scenarios, start=1):
            case = _build(partnership, scenario, n, today, agencies, acting_user=acting_user)
            if scenario == "terms":
                actions.add_parallel_process(case, kind="criminal_trial", reference="FICTIONAL-TRIAL",
                                             started_on=case.date_notified, acting_user=acting_user, on=today)
            made.append(case.reference)
    return made
