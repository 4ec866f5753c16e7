"""The review pages. Staff pages answer 404 to anyone not on the case's partnership's review team (as if the
case did not exist); every read of a case page is audited (``actions.record_case_viewed``). The learning page
is public and shows only published reviews' themes and recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.middleware import public_page
from saferhub.core.models import Organisation
from saferhub.core.permissions import get_for
from saferhub.dhr import actions, clocks, queries, status
from saferhub.dhr import forms as f
from saferhub.dhr import forms_records as fr
from saferhub.dhr.actions.review import REPORT_STEPS
from saferhub.dhr.models import DEFAULT_REVIEW_NAME
from saferhub.dhr.policies import can_dhr
from saferhub.dhr.steps import ORDER, PREREQUISITES, Step, label


def _require_team(request) -> None:
    if not can_dhr(request.user, "dhr.view_case_list"):
        raise Http404


def _review_name(settings_map) -> str:
    names = {s.review_name for s in settings_map.values()}
    return names.pop() if len(names) == 1 else DEFAULT_REVIEW_NAME


@login_required
def case_list(request):
    _require_team(request)
    today = timezone.localdate()
    cases = list(queries.cases_for(request.user))
    settings_map = queries.settings_by_partnership({c.partnership_id for c in cases} or
                                                   set(queries.team_partnerships(request.user).values_list("pk", flat=True)))
    rows = []
    for case in cases:
        case_clocks = clocks.case_clocks(case, settings_map[case.partnership_id], today)
        rows.append({"case": case, "stage": status.stage(case), "clocks": case_clocks,
                     "worst": clocks.worst(case_clocks) if case.closed_on is None else clocks.DONE})
    overdue = sum(1 for r in rows if r["worst"] == clocks.OVERDUE)
    return render(request, "dhr/case_list.html", {"rows": rows, "overdue": overdue,
                                                  "review_name": _review_name(settings_map)})


@login_required
def case_new(request):
    _require_team(request)
    partnerships = queries.team_partnerships(request.user)
    form = f.NotificationForm(request.POST or None, partnerships=partnerships, agencies=queries.agencies())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partnership = partnerships.filter(pk=data.pop("partnership")).first()
        agencies = list(Organisation.objects.filter(pk__in=data.pop("agencies")))
        org_id = data.pop("notifying_organisation")
        try:
            if partnership is None:
                raise Http404
            case = actions.notify_case(partnership=partnership, agencies=agencies, acting_user=request.user,
                                       notifying_organisation=Organisation.objects.filter(pk=org_id).first(),
                                       **data)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Case {case.reference} opened.")
            return redirect("dhr:case", pk=case.pk)
    return render(request, "dhr/case_new.html", {"form": form})


def _get_case(request, pk):
    _require_team(request)
    return get_for(request.user, queries.case_for(request.user), pk, "dhr.view_case")


def _task_list(case) -> list[dict]:
    done = {s.step: s for s in case.steps.all()}
    rows = []
    for step in ORDER:
        if step in done:
            state = "Completed"
        elif all(p in done for p in PREREQUISITES[step]):
            state = "Not yet started"
        else:
            state = "Cannot start yet"
        rows.append({"step": step, "label": label(step), "state": state, "record": done.get(step)})
    return rows


def _builders(case) -> dict:
    """Each form the case page offers, by section: ``builder(data)`` gives it bound (or unbound for None)."""
    agencies = queries.agencies()
    outstanding = [i for i in case.imrs.all() if i.received_on is None]
    made = {
        "decision": lambda data: f.DecisionForm(data, prefix="decision"),
        "home-office": lambda data: f.HomeOfficeForm(data, prefix="ho"),
        "qa-seen": lambda data: f.DateForm(data, prefix="qa", label="Date the QA panel saw the decision"),
        "confirmation": lambda data: f.DateForm(data, prefix="conf", label="Date the Home Office confirmed it"),
        "family-told": lambda data: f.DateForm(data, prefix="family", label="Date the family was told"),
        "reopen": lambda data: f.ReopenForm(data, prefix="reopen"),
        "direction": lambda data: f.DateForm(data, prefix="direction", label="Date of the direction"),
        "extension": lambda data: f.ExtensionForm(data, prefix="ext"),
        "withhold": lambda data: f.WithholdForm(data, prefix="withhold"),
        "panel-member": lambda data: f.PanelMemberForm(data, prefix="pm", agencies=agencies),
        "imr-request": lambda data: f.ImrRequestForm(data, prefix="imr", agencies=agencies),
        "imr-received": lambda data: f.ImrReceivedForm(data, prefix="imrr", imrs=outstanding),
        "recommendation": lambda data: f.RecommendationForm(data, prefix="rec", agencies=agencies),
    }
    chairs = queries.chairs_for_case(case)
    made.update({
        "tender": lambda data: fr.TenderForm(data, prefix="tender", chairs=chairs),
        "appoint-chair": lambda data: fr.AppointChairForm(data, prefix="chair", chairs=chairs),
        "parallel": lambda data: fr.ParallelForm(data, prefix="par"),
        "parallel-end": lambda data: fr.ParallelEndForm(data, prefix="pare",
                                                         processes=[p for p in case.parallel.all() if p.open]),
        "family-contact": lambda data: fr.FamilyContactForm(data, prefix="fam"),
        "appoint": lambda data: fr.AppointForm(data, prefix="app", agencies=agencies),
    })
    for step in ORDER:
        made[f"step-{step}"] = lambda data, step=step: f.step_form(step, data, prefix=f"step-{step}")
    return made


def _forms(case, post_section=None, bound=None) -> dict:
    return {name: (bound if name == post_section else make(None)) for name, make in _builders(case).items()}


def _context(request, case, post_section=None, bound=None) -> dict:
    settings_map = queries.settings_by_partnership({case.partnership_id})
    settings = settings_map[case.partnership_id]
    today = timezone.localdate()
    forms = _forms(case, post_section, bound)
    return {
        "case": case, "settings": settings, "review_name": settings.review_name, "stage": status.stage(case),
        "clocks": clocks.case_clocks(case, settings, today), "decision": clocks.current_decision(case),
        "decisions": list(case.decisions.all()), "tasks": _task_list(case),
        "forms": {name.replace("-", "_"): form for name, form in forms.items()},
        "step_forms": [(t, forms[f"step-{t['step']}"]) for t in _task_list(case)],
        "error_form": bound if bound is not None and bound.errors else None,
        "tender": queries.tender_of(case), "blocking": actions.blocking_processes(case),
        "erase_after": clocks.erase_after(case.closed_on, settings.retention_years),
        "imrs": clocks.imr_states(case.imrs.all(), today, settings.at_risk_days),
        "today": today, "report_steps": REPORT_STEPS, "approved_versions": queries.approved_versions(case),
    }


@login_required
def case_detail(request, pk):
    case = _get_case(request, pk)
    actions.record_case_viewed(case, acting_user=request.user)
    return render(request, "dhr/case.html", _context(request, case))


def _handle(section, case, form, user):
    d = form.cleaned_data
    if section == "decision":
        actions.record_decision(case, acting_user=user, **d)
        return "Decision recorded."
    if section == "home-office":
        actions.record_home_office_notified(case, acting_user=user, **d)
        return "Home Office notification recorded."
    if section == "qa-seen":
        actions.record_qa_panel_seen(case, seen_on=d["on"], acting_user=user)
        return "Quality assurance panel's sight recorded."
    if section == "confirmation":
        actions.record_home_office_confirmation(case, confirmed_on=d["on"], acting_user=user)
        return "Home Office confirmation recorded."
    if section == "family-told":
        actions.tell_family(case, told_on=d["on"], acting_user=user)
        return "Recorded that the family was told."
    if section == "reopen":
        actions.reopen_decision(case, acting_user=user, **d)
        return "The decision is reopened."
    if section == "direction":
        actions.record_direction(case, directed_on=d["on"], acting_user=user)
        return "Direction recorded: a review will be held."
    if section == "extension":
        actions.extend_review(case, acting_user=user, **d)
        return "Extension recorded."
    if section == "withhold":
        actions.withhold_publication(case, acting_user=user, **d)
        return "Publication withheld; the case is closed."
    if section == "panel-member":
        agency = Organisation.objects.get(pk=d["agency"])
        actions.add_panel_member(case, agency=agency, name=d["name"], independence_declared=d["independence_declared"],
                                 acting_user=user)
        return "Panel member added."
    if section == "imr-request":
        agency = Organisation.objects.get(pk=d["agency"])
        actions.request_imr(case, agency=agency, requested_on=d["requested_on"], due_on=d["due_on"], acting_user=user)
        return "Individual management review requested."
    if section == "imr-received":
        imr = case.imrs.get(pk=d["imr"])
        actions.receive_imr(imr, received_on=d["received_on"], acting_user=user)
        return "Receipt recorded."
    if section == "recommendation":
        agency = Organisation.objects.filter(pk=d["agency"]).first() if d["agency"] else None
        actions.add_recommendation(case, text=d["text"], theme=d["theme"], agency=agency, acting_user=user)
        return "Recommendation added."
    handled = _handle_records(section, case, form, user)
    if handled:
        return handled
    if section.startswith("step-"):
        step = section.removeprefix("step-")
        actions.record_step(case, step=step, done_on=d["done_on"], details=form.details(), acting_user=user)
        return f"“{label(step)}” recorded."
    raise Http404


def _handle_records(section, case, form, user) -> str | None:
    d = form.cleaned_data
    if section == "tender":
        actions.invite_tender(case, invited=list(queries.chairs_for_case(case).filter(pk__in=d["invited"])),
                              acting_user=user)
        return "Chairs invited to tender."
    if section == "appoint-chair":
        chair = queries.chairs_for_case(case).get(pk=d["chair"])
        actions.appoint_chair(case, chair=chair, reason=d["reason"], appointed_on=d["appointed_on"], acting_user=user)
        return "Chair appointed."
    if section == "parallel":
        actions.add_parallel_process(case, acting_user=user, **d)
        return "Parallel process recorded."
    if section == "parallel-end":
        actions.end_parallel_process(case.parallel.get(pk=d["process"]), ended_on=d["ended_on"], acting_user=user)
        return "End of the process recorded."
    if section == "family-contact":
        actions.log_family_contact(case, acting_user=user, **form.action_values())
        return "Contact logged."
    if section == "appoint":
        person = queries.user_named(d["username"])
        if person is None:
            raise RuleViolation("No account has that username.", code="dhr.appointment_user", field="username")
        agency = Organisation.objects.filter(pk=d["agency"]).first() if d["agency"] else None
        actions.appoint_person(case, user=person, role=d["role"], agency=agency, acting_user=user)
        return "Appointed to this review."
    return None


@login_required
@require_POST
def case_post(request, pk, section):
    case = _get_case(request, pk)
    if section == "erase":
        try:
            actions.erase_case(case, acting_user=request.user)
        except RuleViolation as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, "The case's personal data has been erased; the learning is kept.")
        return redirect("dhr:case", pk=case.pk)
    builders = _builders(case)
    if section not in builders:
        raise Http404
    bound = builders[section](request.POST)
    if bound.is_valid():
        try:
            message = _handle(section, case, bound, request.user)
        except RuleViolation as exc:
            bound.add_rule_violation(exc)
        except ActionPermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, message)
            return redirect(reverse("dhr:case", args=[case.pk]) + "#tasks")
    actions.record_case_viewed(case, acting_user=request.user, page=f"case, {section} form with errors")
    return render(request, "dhr/case.html", _context(request, case, section, bound), status=200)


@public_page
def learning(request):
    """Published reviews' themes and recommendations, and numbers of reviews: never a live case (002:200)."""
    reviews = list(queries.published_learning())
    themes: dict[str, int] = {}
    for review in reviews:
        for theme in review.themes:
            themes[theme] = themes.get(theme, 0) + 1
    return render(request, "dhr/learning.html", {
        "reviews": reviews, "themes": sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])),
        "counts": queries.aggregate_counts(), "step_published": Step.PUBLISHED,
    })
