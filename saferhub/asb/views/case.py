"""The ASB case page (every step's form the user may use, in a fixed number of queries), its history and its
documents. Posting a step's form is handled in ``case_steps``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from saferhub.asb import forms as f
from saferhub.asb import letters
from saferhub.asb.models import (
    Case,
    CaseStatus,
    OptArea,
)
from saferhub.asb.policies import can_asb
from saferhub.asb.views import reads
from saferhub.asb.views.staff import _areas
from saferhub.core.models import Organisation
from saferhub.core.permissions import can


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
    from saferhub.asb.policies import agency_view

    own = agency_view(user, case)
    if own is not None:
        # An agency officer sees only their own agency's requests and the records attached to them.
        data["information_requests"] = [r for r in data["information_requests"] if r.agency_id in own]
        mine = {r.pk for r in data["information_requests"]}
        data["documents"] = [d for d in data["documents"] if d.information_request_id in mine]
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
        "agency_only": own is not None,
        "letters": letters.LETTERS,
    }
    shown = {}
    if context["can_triage"] and status == CaseStatus.TRIAGE:
        shown["triage"] = forms.get("triage") or f.TriageForm(prefix="triage", areas=_areas(case=case),
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
            prefix="appeal", areas=[(str(a.pk), a.name) for a in OptArea.objects.filter(partnership_id=case.partnership_id).exclude(pk=case.area_id)])
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
    from saferhub.asb.stages import case_stages

    context["stages"] = case_stages(case, acknowledged=data["acknowledged"],
                                    information_requests=data["information_requests"], actions=data["actions"])
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
                prefix=f"resp{req.pk}", initial={"request": req.pk}, max_bytes=data["settings"].max_upload_bytes)
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
    document = case.documents.filter(pk=doc).select_related("information_request").first()
    if document is None:
        raise Http404
    from saferhub.asb.policies import agency_view

    own = agency_view(request.user, case)
    if own is not None and (document.information_request is None or document.information_request.agency_id not in own):
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    filename = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=document.content_type)


