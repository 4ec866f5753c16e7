"""Each step of a case posted from the case page: one handler per form, each calling one action. A handler
yields its form (so a refusal is shown on it), then the redirect; ``case_post`` checks the permission first,
and a rule the action refuses is shown on the form, never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.asb import actions, letters
from saferhub.asb import forms as f
from saferhub.asb.models import (
    ActionItem,
    Appeal,
    InformationRequest,
    OptArea,
)
from saferhub.asb.views.case import _case_context, _get_case, _organisations
from saferhub.asb.views.staff import _areas
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import can


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
    form = f.TriageForm(request.POST, prefix="triage", areas=_areas(case=case))
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
    form = f.InformationResponseForm(request.POST, request.FILES, prefix=f"resp{req.pk}")
    yield form
    data = _valid(form)
    actions.record_information_response(req, response=data["response"], acting_user=request.user,
                                        attachments=[data["attachment"]] if data.get("attachment") else [])
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
                        areas=[(str(a.pk), a.name) for a in OptArea.objects.filter(partnership_id=case.partnership_id).exclude(pk=case.area_id)])
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
    actions.save_published_summary(case, title=data["title"], summary=data["summary"],
                                   approve=bool(request.POST.get("approve")), acting_user=request.user)
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



