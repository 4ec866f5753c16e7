"""Staff pages for ASB Case Reviews: the dashboard (due this week per area, overdue), the county triage
queue, staff entry of applications from every channel, and the case page with a form for each step.

Views read through ``reads`` (select_related/prefetch_related, constant query counts) and write only
through ``saferhub.asb.actions``. A case the user may not see answers 404, exactly as a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.asb import actions, letters
from saferhub.asb import forms as f
from saferhub.asb.models import (
    ActionItem,
    Appeal,
    Case,
    CaseStatus,
    InformationRequest,
    OptArea,
)
from saferhub.asb.policies import can_asb, has_asb_role
from saferhub.asb.views import reads
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import can


def _require_staff(request) -> None:
    if not has_asb_role(request.user):
        raise Http404


def _areas() -> list[tuple[str, str]]:
    return [(str(a.pk), a.name) for a in OptArea.objects.order_by("position", "name")]


# ---------------------------------------------------------------------------------------------
# Dashboard, triage queue, case list
# ---------------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    _require_staff(request)
    today = timezone.localdate()
    context = reads.dashboard(request.user, today)
    return render(request, "asb/staff/dashboard.html", {**context, "today": today, "nav": "asb",
                                                        "can_triage": can(request.user, "asb.triage")})


@login_required
def triage_queue(request):
    if not can(request.user, "asb.triage"):
        raise Http404
    cases = reads.triage_queue()
    return render(request, "asb/staff/triage.html", {"cases": cases, "today": timezone.localdate(), "nav": "asb"})


@login_required
def case_list(request):
    _require_staff(request)
    status = request.GET.get("status", "")
    cases = reads.visible_cases(request.user)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    cases = list(cases.select_related("area")[:200])
    return render(request, "asb/staff/case_list.html", {
        "cases": cases, "status": status, "statuses": CaseStatus.choices, "nav": "asb",
    })


# ---------------------------------------------------------------------------------------------
# Staff entry of an application (telephone, letter, email, in person, paper form)
# ---------------------------------------------------------------------------------------------


def _may_enter(user) -> bool:
    from saferhub.asb.policies import is_county_team
    from saferhub.core.permissions import has_role

    return is_county_team(user) or has_role(user, "asb_spoc") or has_role(user, "opt_officer")


@login_required
def case_new(request):
    if not _may_enter(request.user):
        raise Http404
    areas = _areas()
    form = f.StaffApplicationForm(request.POST or None, areas=areas, prefix="app")
    incidents = f.StaffIncidentsForm(request.POST or None, prefix="inc")
    if request.method == "POST":
        valid = form.is_valid() & incidents.is_valid()
        if valid:
            data = form.cleaned_data
            complaints = [{k: v for k, v in row.items() if k != "row"} for row in incidents.complaints()]
            try:
                area = OptArea.objects.get(pk=data["area"])
            except (OptArea.DoesNotExist, ValueError):
                form.add_error("area", "Select the OPT area")
            else:
                risks, housing = set(data["risk_factors"]), set(data["housing"])
                try:
                    case = actions.submit_application(
                        area=area, channel=data["channel"], application_date=data["application_date"],
                        victim_name=data["victim_name"], complaints=complaints, acting_user=request.user,
                        applicant_relationship=data["applicant_relationship"], victim_consent=data["victim_consent"],
                        applicant_name=data["applicant_name"] or (data["victim_name"] if data["applicant_relationship"] == "victim" else ""),
                        applicant_phone=data["applicant_phone"], applicant_email=data["applicant_email"],
                        applicant_address=data["applicant_address"], applicant_postcode=data["applicant_postcode"],
                        victim_type=data["victim_type"], victim_address=data["victim_address"],
                        victim_postcode=data["victim_postcode"], victim_age=data["victim_age"],
                        perpetrator_age=data["perpetrator_age"], nature_of_complaint=data["nature_of_complaint"],
                        vulnerability_notes=data["vulnerability_notes"], flag_drugs="drugs" in risks,
                        flag_alcohol="alcohol" in risks, flag_mental_health="mental_health" in risks,
                        victim_housed_by_provider="victim" in housing,
                        perpetrator_housed_by_provider="perpetrator" in housing,
                        publication_consent=data["publication_consent"],
                    )
                except RuleViolation as exc:
                    if exc.field == "complaints" or exc.field in (None, "") and "ncident" in exc.text:
                        incidents.add_error(None, exc.text)
                    else:
                        _attach(form, exc)
                else:
                    messages.success(request, f"Application {case.reference} recorded ({case.get_channel_display().lower()}).")
                    return redirect("asb:case", pk=case.pk)
    error_forms = [x for x in (form, incidents) if x.errors]
    return render(request, "asb/staff/case_new.html", {
        "form": form, "incidents": incidents, "error_forms": error_forms, "nav": "asb",
    })


def _attach(form, exc: RuleViolation) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.text)


# ---------------------------------------------------------------------------------------------
# The case page
# ---------------------------------------------------------------------------------------------


def _get_case(request, pk, perm="asb.view_case") -> Case:
    case = reads.case_queryset().filter(pk=pk).first() if str(pk).isdigit() else None
    if case is None or not can_asb(request.user, perm, case):
        raise Http404
    return case


def _organisations():
    return list(Organisation.objects.order_by("name"))


def _case_context(request, case: Case, forms: dict | None = None) -> dict:
    forms = forms or {}
    user = request.user
    today = timezone.localdate()
    data = reads.case_page(case, today)
    manage = can(user, "asb.manage_case", case)
    status = case.status
    orgs = None

    def organisations():
        nonlocal orgs
        if orgs is None:
            orgs = _organisations()
        return orgs

    context = {
        "case": case, **data, "today": today, "nav": "asb",
        "can_manage": manage,
        "can_triage": can(user, "asb.triage", case),
        "can_appeal": can(user, "asb.handle_appeal", case),
        "can_audit": can(user, "asb.audit_case", case),
        "can_history": can(user, "asb.view_history", case),
        "can_publish": can(user, "asb.publish_summary", case),
        "letters": letters.LETTERS,
    }
    shown = {}
    if context["can_triage"] and status == CaseStatus.TRIAGE:
        shown["triage"] = forms.get("triage") or f.TriageForm(prefix="triage", areas=_areas(),
                                                                initial={"area": str(case.area_id), "decision": "route"})
    if manage and not data["acknowledged"]:
        shown["acknowledge"] = forms.get("acknowledge") or f.AcknowledgeForm(prefix="ack", initial={"method": "letter_a"})
    if manage and status == CaseStatus.ROUTED:
        shown["determine"] = forms.get("determine") or f.DeterminationForm(prefix="det")
    if manage and status == CaseStatus.IN_REVIEW:
        if not case.lead_agency_id:
            shown["lead_agency"] = forms.get("lead_agency") or f.LeadAgencyForm(prefix="lead", organisations=organisations())
        asked = {r.agency_id for r in data["information_requests"]}
        remaining = [o for o in organisations() if o.pk not in asked]
        shown["information_requests"] = forms.get("information_requests") or f.InformationRequestForm(
            prefix="info", organisations=remaining)
        if case.lead_agency_id and not getattr(case, "initial_review_summary", ""):
            shown["initial_review"] = forms.get("initial_review") or f.InitialReviewForm(prefix="rev")
        shown["panel_date"] = forms.get("panel_date") or f.PanelDateForm(prefix="pdate", initial={"panel_date": case.panel_date})
        if case.lead_agency_id:
            shown["panel"] = forms.get("panel") or f.PanelForm(prefix="panel", organisations=organisations(),
                                                               initial={"held_on": case.panel_date})
    if manage and status in (CaseStatus.PANEL_HELD, CaseStatus.ACTION_PLAN):
        shown["action"] = forms.get("action") or f.ActionItemForm(prefix="act", organisations=organisations())
    if manage and status == CaseStatus.PANEL_HELD:
        shown["decision"] = forms.get("decision") or f.DecisionForm(prefix="dec", organisations=organisations())
    if manage and data["overrun_prompt"]:
        shown["overrun"] = forms.get("overrun") or f.OverrunForm(prefix="over")
    if context["can_appeal"] and data["appealable"]:
        shown["appeal"] = forms.get("appeal") or f.AppealForm(
            prefix="appeal", areas=[(str(a.pk), a.name) for a in OptArea.objects.exclude(pk=case.area_id)])
    if data["open_appeal"] and can(user, "asb.decide_appeal", case):
        shown["appeal_outcome"] = forms.get("appeal_outcome") or f.AppealOutcomeForm(
            prefix="outcome", initial={"appeal": data["open_appeal"].pk})
    if context["can_audit"] and status == CaseStatus.CLOSED:
        from saferhub.asb.actions import AUDIT_CHECKLIST

        existing = data["audit"].answers if data["audit"] else {}
        shown["audit"] = forms.get("audit") or f.AuditForm(
            prefix="audit", items=AUDIT_CHECKLIST,
            initial={**existing, "notes": data["audit"].notes if data["audit"] else ""})
    if manage and not case.anonymised_at:
        shown["document"] = forms.get("document") or f.DocumentForm(
            prefix="doc", max_bytes=data["settings"].max_upload_bytes)
    peer = data["peer_review"]
    context["can_assign_peer"] = (manage and peer is None and status == CaseStatus.CLOSED
                                  and case.determination != "B" and not case.anonymised_at)
    if peer is not None and peer.completed_on is None and can(user, "asb.manage_peer_review"):
        shown["peer_review_complete"] = forms.get("peer_review_complete") or f.PeerReviewCompleteForm(prefix="peer")
    if can(user, "asb.legal_hold", case) and not case.anonymised_at:
        shown["legal_hold"] = forms.get("legal_hold") or f.LegalHoldForm(
            prefix="hold", initial={"reason": case.legal_hold_reason})
    if context["can_publish"] and case.publication_consent and status == CaseStatus.CLOSED:
        summary = data["summary"]
        shown["summary"] = forms.get("summary") or f.SummaryForm(
            prefix="sum", initial={"title": summary.title, "summary": summary.summary} if summary else {})
    context["forms"] = shown
    from saferhub.asb.policies import owns_object_agency

    # "asb.update_action" / "asb.respond_information_request" are manage_case | owns_object_agency; manage
    # is known already, and the agency check needs no query, so the page stays at a constant query count.
    context["progress_forms"] = {}
    if status == CaseStatus.ACTION_PLAN:
        for item in data["actions"]:
            if item.done_on is None and (manage or owns_object_agency(user, item)):
                context["progress_forms"][item.pk] = forms.get(f"progress-{item.pk}") or f.ActionProgressForm(
                    prefix=f"prog{item.pk}", initial={"item": item.pk, "progress": item.progress})
    context["response_forms"] = {}
    for req in data["information_requests"]:
        if req.responded_on is None and status != CaseStatus.CLOSED and (manage or owns_object_agency(user, req)):
            context["response_forms"][req.pk] = forms.get(f"response-{req.pk}") or f.InformationResponseForm(
                prefix=f"resp{req.pk}", initial={"request": req.pk})
    error_forms = [form for form in forms.values() if form is not None and form.errors]
    context["error_form"] = error_forms[0] if error_forms else None
    return context


@login_required
def case_detail(request, pk):
    case = _get_case(request, pk)
    return render(request, "asb/staff/case.html", _case_context(request, case))


@login_required
def case_history(request, pk):
    case = _get_case(request, pk)
    if not can_asb(request.user, "asb.view_history", case):
        raise Http404
    rows = reads.history(case)
    return render(request, "asb/staff/history.html", {"case": case, "rows": rows, "nav": "asb"})


@login_required
def document_download(request, pk, doc):
    case = _get_case(request, pk)
    document = case.documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    filename = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=document.content_type)


def _done(request, case, message, anchor=""):
    messages.success(request, message)
    return redirect(reverse("asb:case", args=[case.pk]) + (f"#{anchor}" if anchor else ""))


class _Invalid(Exception):
    pass


def _valid(form):
    if not form.is_valid():
        raise _Invalid
    return form.cleaned_data


def _org(pk) -> Organisation:
    org = Organisation.objects.filter(pk=pk).first()
    if org is None:
        raise RuleViolation("Choose an organisation from the list.", code="asb.organisation")
    return org


# Each handler: (request, case) -> (form, response). It raises RuleViolation with the form set.

def _triage(request, case):
    form = f.TriageForm(request.POST, prefix="triage", areas=_areas())
    yield form
    data = _valid(form)
    area = OptArea.objects.filter(pk=data["area"]).first()
    actions.triage_case(case, decision=data["decision"], note=data["note"], area=area, acting_user=request.user)
    yield _done(request, case, f"Triage recorded: routed to {area or case.area} for determination.", "steps")


def _acknowledge(request, case):
    form = f.AcknowledgeForm(request.POST, prefix="ack")
    yield form
    data = _valid(form)
    actions.acknowledge_and_store_letter(case, method=data["method"], acting_user=request.user)
    yield _done(request, case, "Acknowledgement recorded." + (" Letter A is in the documents." if data["method"] == "letter_a" else ""), "documents")


def _determine(request, case):
    form = f.DeterminationForm(request.POST, prefix="det")
    yield form
    data = _valid(form)
    case = actions.determine_and_store_letter(
        case, determination=data["determination"], complaints_related=data["complaints_related"],
        discretionary_factor=data["discretionary_factor"], reasons=data["reasons"], acting_user=request.user)
    label = letters.LETTERS[data["determination"]]
    yield _done(request, case, f"Determination recorded. {label} is in the documents.", "documents")


def _overrun(request, case):
    form = f.OverrunForm(request.POST, prefix="over")
    yield form
    data = _valid(form)
    actions.record_overrun_notice(case, method=data["method"], note=data["note"], acting_user=request.user)
    yield _done(request, case, "Recorded that the victim was told the review will take longer.", "steps")


def _lead_agency(request, case):
    form = f.LeadAgencyForm(request.POST, prefix="lead", organisations=_organisations())
    yield form
    data = _valid(form)
    actions.appoint_lead_agency(
        case, lead_agency=_org(data["lead_agency"]), reviewer_name=data["reviewer_name"],
        reviewer_independent=data["reviewer_independent"] == "yes", independence_note=data["independence_note"],
        panel_date=data["panel_date"], acting_user=request.user)
    yield _done(request, case, "Lead agency appointed. The initial review is due in 10 working days.", "steps")


def _information_requests(request, case):
    form = f.InformationRequestForm(request.POST, prefix="info", organisations=_organisations())
    yield form
    data = _valid(form)
    agencies = list(Organisation.objects.filter(pk__in=data["agencies"]))
    created = actions.send_information_requests(case, agencies=agencies, acting_user=request.user)
    yield _done(request, case, f"{len(created)} information request{'s' if len(created) != 1 else ''} sent.", "information")


def _posted_pk(request, name: str) -> int:
    """A row id posted back by a form: anything but a whole number is a missing row (404), never a 500."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    return int(value)


def _information_response(request, case):
    pk = _posted_pk(request, "request_pk")
    req = InformationRequest.objects.filter(case=case, pk=pk).select_related("agency").first()
    if req is None:
        raise Http404
    form = f.InformationResponseForm(request.POST, prefix=f"resp{req.pk}")
    yield form
    data = _valid(form)
    actions.record_information_response(req, response=data["response"], acting_user=request.user)
    yield _done(request, case, f"Response from {req.agency.name} recorded.", "information")


def _initial_review(request, case):
    form = f.InitialReviewForm(request.POST, prefix="rev")
    yield form
    data = _valid(form)
    actions.record_initial_review(case, summary=data["summary"], acting_user=request.user)
    yield _done(request, case, "Initial review recorded.", "steps")


def _panel_date(request, case):
    form = f.PanelDateForm(request.POST, prefix="pdate")
    yield form
    data = _valid(form)
    actions.schedule_panel(case, panel_date=data["panel_date"], acting_user=request.user)
    yield _done(request, case, "Panel date saved.", "panel")


def _panel(request, case):
    orgs = _organisations()
    form = f.PanelForm(request.POST, prefix="panel", organisations=orgs)
    yield form
    _valid(form)
    members = form.members({o.pk: o for o in orgs})
    data = form.cleaned_data
    actions.record_panel(case, held_on=data["held_on"], members=members, victim_attendance=data["victim_attendance"],
                         victim_representative=data["victim_representative"], findings=data["findings"],
                         recommendations=data["recommendations"], acting_user=request.user)
    yield _done(request, case, "Panel recorded. The decision letter is due within 10 working days.", "panel")


def _action(request, case):
    form = f.ActionItemForm(request.POST, prefix="act", organisations=_organisations())
    yield form
    data = _valid(form)
    actions.add_action_item(case, description=data["description"], owner=_org(data["owner"]), due_on=data["due_on"],
                            acting_user=request.user)
    yield _done(request, case, "Action added to the plan.", "actions")


def _progress(request, case):
    pk = _posted_pk(request, "item_pk")
    item = ActionItem.objects.filter(case=case, pk=pk).first()
    if item is None:
        raise Http404
    form = f.ActionProgressForm(request.POST, prefix=f"prog{item.pk}")
    yield form
    data = _valid(form)
    actions.update_action_item(item, progress=data["progress"],
                               done_on=timezone.localdate() if data["done"] else None, acting_user=request.user)
    yield _done(request, case, "Action marked as done." if data["done"] else "Progress saved.", "actions")


def _decision(request, case):
    form = f.DecisionForm(request.POST, prefix="dec", organisations=_organisations())
    yield form
    data = _valid(form)
    case = actions.send_and_store_decision_letter(case, letter=data["letter"], signed_by=_org(data["signed_by"]),
                                                  signatory_name=data["signatory_name"], acting_user=request.user)
    yield _done(request, case, f"{letters.LETTERS[data['letter']]} recorded and stored in the documents.", "documents")


def _close(request, case):
    yield None
    actions.close_case(case, acting_user=request.user)
    yield _done(request, case, "The case is closed.", "steps")


def _appeal(request, case):
    form = f.AppealForm(request.POST, prefix="appeal",
                        areas=[(str(a.pk), a.name) for a in OptArea.objects.exclude(pk=case.area_id)])
    yield form
    data = _valid(form)
    area = OptArea.objects.filter(pk=data["reviewing_area"]).first()
    actions.lodge_appeal(case, received_on=data["received_on"], grounds=data["grounds"], details=data["details"],
                         reviewing_area=area, acting_user=request.user)
    yield _done(request, case, f"Appeal recorded, escalated to the OPT Inspector and sent to {area} for independent "
                               "review. The PCC's office has been told.", "appeals")


def _appeal_outcome(request, case):
    form = f.AppealOutcomeForm(request.POST, prefix="outcome")
    yield form
    data = _valid(form)
    appeal = Appeal.objects.filter(case=case, pk=data["appeal"]).first()
    if appeal is None:
        raise Http404
    actions.decide_appeal(appeal, outcome=data["outcome"], reasons=data["reasons"], acting_user=request.user)
    yield _done(request, case, "Appeal outcome recorded. The PCC's office has been told of the decision.", "appeals")


def _audit(request, case):
    from saferhub.asb.actions import AUDIT_CHECKLIST

    form = f.AuditForm(request.POST, prefix="audit", items=AUDIT_CHECKLIST)
    yield form
    data = _valid(form)
    answers = {code: bool(data.get(code)) for code, _ in AUDIT_CHECKLIST}
    actions.record_audit_checklist(case, answers=answers, notes=data["notes"], acting_user=request.user)
    yield _done(request, case, "Audit checklist saved.", "audit")


def _document(request, case):
    form = f.DocumentForm(request.POST, request.FILES, prefix="doc")
    yield form
    data = _valid(form)
    actions.add_case_document(case, file=data["file"], title=data["title"], kind=data["kind"], acting_user=request.user)
    yield _done(request, case, f"{data['title']} uploaded.", "documents")


def _letter(request, case):
    yield None
    letter = request.POST.get("letter", "")
    actions.store_letter(case, letter, acting_user=request.user)
    yield _done(request, case, f"{letters.LETTERS[letter]} generated and stored in the documents.", "documents")


def _summary(request, case):
    form = f.SummaryForm(request.POST, prefix="sum")
    yield form
    data = _valid(form)
    with transaction.atomic():
        item = actions.draft_published_summary(case, title=data["title"], summary=data["summary"], acting_user=request.user)
        if request.POST.get("approve"):
            actions.approve_published_summary(item, acting_user=request.user)
    yield _done(request, case, "Summary approved and published on the learning page." if request.POST.get("approve")
                else "Summary saved as a draft.", "publication")


def _peer_review(request, case):
    yield None
    review = actions.assign_peer_review(case, acting_user=request.user)
    yield _done(request, case, f"Peer review assigned to {review.reviewer.person} ({review.reviewer.council}).",
                "peer-review")


def _peer_review_complete(request, case):
    from saferhub.asb.models import PeerReview

    form = f.PeerReviewCompleteForm(request.POST, prefix="peer")
    yield form
    data = _valid(form)
    review = PeerReview.objects.filter(case=case).first()
    if review is None:
        raise Http404
    actions.complete_peer_review(review, notes=data["notes"], acting_user=request.user)
    yield _done(request, case, "Peer review recorded as complete.", "peer-review")


def _legal_hold(request, case):
    form = f.LegalHoldForm(request.POST, prefix="hold")
    yield form
    data = _valid(form)
    hold = request.POST.get("hold") == "1"
    actions.set_legal_hold(case, hold=hold, reason=data["reason"], acting_user=request.user)
    yield _done(request, case, "The case is on legal hold." if hold else "The legal hold is lifted.", "retention")


HANDLERS = {
    "triage": ("asb.triage", _triage),
    "acknowledge": ("asb.manage_case", _acknowledge),
    "determine": ("asb.manage_case", _determine),
    "overrun": ("asb.manage_case", _overrun),
    "lead_agency": ("asb.manage_case", _lead_agency),
    "information_requests": ("asb.manage_case", _information_requests),
    "information_response": ("asb.view_case", _information_response),
    "initial_review": ("asb.manage_case", _initial_review),
    "panel_date": ("asb.manage_case", _panel_date),
    "panel": ("asb.manage_case", _panel),
    "action": ("asb.manage_case", _action),
    "progress": ("asb.view_case", _progress),
    "decision": ("asb.manage_case", _decision),
    "close": ("asb.manage_case", _close),
    "appeal": ("asb.handle_appeal", _appeal),
    "appeal_outcome": ("asb.decide_appeal", _appeal_outcome),
    "audit": ("asb.audit_case", _audit),
    "document": ("asb.manage_case", _document),
    "letter": ("asb.manage_case", _letter),
    "summary": ("asb.publish_summary", _summary),
    "peer_review": ("asb.manage_case", _peer_review),
    "peer_review_complete": ("asb.manage_peer_review", _peer_review_complete),
    "legal_hold": ("asb.legal_hold", _legal_hold),
}


@login_required
@require_POST
def case_post(request, pk, section):
    section = section.replace("-", "_")
    entry = HANDLERS.get(section)
    if entry is None:
        raise Http404
    perm, handler = entry
    case = _get_case(request, pk)
    if not can(request.user, perm, case):
        raise Http404
    steps = handler(request, case)
    form = None
    try:
        form = next(steps)
        response = next(steps)
        return response
    except _Invalid:
        pass
    except ActionPermissionDenied:
        raise Http404 from None
    except RuleViolation as exc:
        if form is None:
            messages.error(request, exc.text)
            return redirect("asb:case", pk=case.pk)
        form.add_rule_violation(exc)
    key = section
    if section == "progress":
        key = f"progress-{request.POST.get('item_pk')}"
    elif section == "information_response":
        key = f"response-{request.POST.get('request_pk')}"
    case = _get_case(request, pk)
    return render(request, "asb/staff/case.html", _case_context(request, case, {key: form}), status=200)



# ---------------------------------------------------------------------------------------------
# Reports for the Scrutiny Sub Panel and the audit report (staff)
# ---------------------------------------------------------------------------------------------


@login_required
def reports(request):
    from saferhub.asb import queries
    from saferhub.asb.views.public import BASES, _basis, _period, _year, _years

    if not can(request.user, "asb.view_stats"):
        raise Http404
    years = _years()
    year = _year(request, years)
    basis = _basis(request)
    report = queries.sub_panel_report(year, basis)
    audit = queries.audit_report(year) if can(request.user, "asb.audit_case") else None
    return render(request, "asb/staff/reports.html", {
        "report": report, "audit": audit, "year": year, "years": years, "basis": basis, "bases": BASES,
        "period": _period(year, basis), "nav": "asb",
    })


# ---------------------------------------------------------------------------------------------
# Letter templates (the county team changes the wording or layout without code)
# ---------------------------------------------------------------------------------------------


def _letter_rows() -> list[dict]:
    rows = []
    for code, label in letters.LETTERS.items():
        _, source = letters.wording_source(code)
        rows.append({"code": code, "label": label, "source": source,
                     "custom_layout": letters.docx_override(code) is not None})
    return rows


@login_required
def letter_templates(request):
    from saferhub.asb.actions import ui_support

    if not can(request.user, "asb.manage_config"):
        raise Http404
    form = f.LetterTemplateForm(prefix="tpl")
    if request.method == "POST":
        if request.POST.get("reset") in letters.LETTERS:
            ui_support.reset_letter_template(letter=request.POST["reset"], acting_user=request.user)
            messages.success(request, f"{letters.LETTERS[request.POST['reset']]} is back to the default wording and layout.")
            return redirect("asb:letter-templates")
        form = f.LetterTemplateForm(request.POST, request.FILES, prefix="tpl")
        if form.is_valid():
            try:
                ui_support.save_letter_template(letter=form.cleaned_data["letter"], kind=form.kind,
                                                content=form.cleaned_data["file"].read(), acting_user=request.user)
            except RuleViolation as exc:
                form.add_rule_violation(exc)
            else:
                label = letters.LETTERS[form.cleaned_data["letter"]]
                messages.success(request, f"New {'wording' if form.kind == 'txt' else 'Word layout'} saved for {label}.")
                return redirect("asb:letter-templates")
    return render(request, "asb/staff/letter_templates.html", {
        "form": form, "rows": _letter_rows(), "fields": letters.MERGE_FIELDS, "nav": "asb",
    })


@login_required
def letter_template_preview(request, letter):
    if not can(request.user, "asb.manage_config") or letter not in letters.LETTERS:
        raise Http404
    rendered = letters.preview(letter)
    wording, source = letters.wording_source(letter)
    if request.GET.get("download") == "txt":
        from django.http import HttpResponse

        response = HttpResponse(wording, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{letter}.txt"'
        return response
    blocks = letters.paragraphs(wording, letters.sample_context(letter))
    return render(request, "asb/staff/letter_preview.html", {
        "letter": letter, "title": rendered.title, "blocks": blocks, "c": letters.sample_context(letter),
        "source": source, "heading": letters.HEADING, "nav": "asb",
    })
