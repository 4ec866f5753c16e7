"""Pages of the community tension log (001:772) and the third-party reporting-centre register (001:775).

A report is found only through ``returns.view_tension`` (analysts, its submitter, its named contacts): anyone
else gets a 404, the same as for a report that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from saferhub.core.charts import Bar, bar_chart
from saferhub.core.forms import run_form
from saferhub.core.models import Organisation
from saferhub.core.permissions import can
from saferhub.returns import actions, queries_logs, rules
from saferhub.returns.actions.tensions import current_settings
from saferhub.returns.forms_logs import CentreForm, EscalateForm, FeedbackForm, RecipientForm, TensionForm, TriageForm
from saferhub.returns.models import ReportingCentre
from saferhub.returns.policies import analyst_partnership_ids


def _need(request, perm: str, obj=None) -> None:
    if not can(request.user, perm, obj):
        raise Http404


@login_required
def tensions(request):
    _need(request, "returns.submit_tension")
    analyst = can(request.user, "returns.analyse_tensions")
    settings = current_settings()
    now = timezone.now()
    reports = [(r, rules.triage_late(submitted_at=r.submitted_at, triaged_at=r.triaged_at, now=now,
                                     hours=settings.triage_hours)) for r in queries_logs.tensions_for(request.user)[:500]]
    return render(request, "returns/tensions/index.html", {"reports": reports, "analyst": analyst,
                                                           "settings": settings})


@login_required
def tension_new(request):
    _need(request, "returns.submit_tension")
    form = TensionForm(request.POST or None, partnerships=queries_logs.report_partnerships(request.user))
    if request.method == "POST":
        done = run_form(form, lambda data: actions.submit_tension(acting_user=request.user, **data))
        if done is not None:
            messages.success(request, f"Tension report {done.reference} sent to the police analysts.")
            return redirect("returns:tension", pk=done.pk)
    warned = "confirm_personal" in form.errors or form.data.get("confirm_personal")
    return render(request, "returns/tensions/new.html", {"form": form, "warned": warned})


@login_required
def tension(request, pk):
    report = queries_logs.tension(pk)
    if report is None:
        raise Http404
    _need(request, "returns.view_tension", report)
    analyst = can(request.user, "returns.analyse_tensions", report)
    settings = current_settings()
    recipients = list(report.recipients.all())
    people = list(queries_logs.nameable_people()) if analyst else []
    authorities = list(Organisation.objects.order_by("name")) if analyst else []
    forms = {"triage": TriageForm(grades=settings.grades, prefix="triage",
                                  initial={"grade": report.grade, "note": report.triage_note}),
             "escalate": EscalateForm(prefix="escalate"),
             "recipient": RecipientForm(people=people, authorities=authorities, prefix="recipient"),
             "feedback": FeedbackForm(recipients=recipients, prefix="feedback")}
    if request.method == "POST":
        if not analyst or report.erased_at is not None:
            raise Http404
        name = request.POST.get("form")
        if name not in forms:
            raise Http404
        form = forms[name] = _bound(name, request.POST, settings, people, authorities, recipients)
        done = run_form(form, lambda data: _act(name, report, data, request.user, people, authorities, recipients))
        if done is not None:
            messages.success(request, done)
            return redirect("returns:tension", pk=report.pk)
    late = rules.triage_late(submitted_at=report.submitted_at, triaged_at=report.triaged_at, now=timezone.now(),
                             hours=settings.triage_hours)
    return render(request, "returns/tensions/detail.html", {
        "report": report, "analyst": analyst and report.erased_at is None, "forms": forms, "late": late,
        "recipients": recipients, "feedback": list(report.feedback.all()), "settings": settings,
        "forms_with_errors": [f for f in forms.values() if f.errors]})


def _bound(name, data, settings, people, authorities, recipients):
    if name == "triage":
        return TriageForm(data, grades=settings.grades, prefix="triage")
    if name == "escalate":
        return EscalateForm(data, prefix="escalate")
    if name == "recipient":
        return RecipientForm(data, people=people, authorities=authorities, prefix="recipient")
    return FeedbackForm(data, recipients=recipients, prefix="feedback")


def _act(name, report, data, user, people, authorities, recipients) -> str:
    if name == "triage":
        actions.triage_tension(report, acting_user=user, grade=data["grade"], note=data["note"])
        return f"Graded {data['grade']}."
    if name == "escalate":
        actions.escalate_tension(report, acting_user=user, escalated_on=data["escalated_on"], note=data["note"])
        return "Escalation to the National Community Tension Team recorded."
    if name == "recipient":
        person = next((p for p in people if p.pk == data["user"]), None)
        authority = next((o for o in authorities if o.pk == data["authority"]), None)
        if authority is None:
            raise Http404
        recipient = actions.name_recipient(report, acting_user=user, user=person, authority=authority)
        return f"{recipient} named on this report."
    recipient = next((r for r in recipients if r.pk == data["recipient"]), None)
    actions.record_feedback(report, acting_user=user, audience=data["audience"], given_on=data["given_on"],
                            summary=data["summary"], recipient=recipient)
    return "Feedback recorded."


@login_required
def tension_figures(request):
    """Volumes and time to triage, per month: a chart of each and the table of the numbers."""
    _need(request, "returns.analyse_tensions")
    settings = current_settings()
    rows = queries_logs.tension_volumes(triage_hours=settings.triage_hours,
                                        partnership_ids=analyst_partnership_ids(request.user))
    volume = bar_chart([Bar(f"{r.month:%b %Y}", r.received) for r in rows], ident="volumes",
                       title="Tension reports received per month",
                       description="; ".join(f"{r.month:%B %Y}: {r.received}" for r in rows) or "No reports yet")
    timing = bar_chart([Bar(f"{r.month:%b %Y}", float(r.median_hours or 0)) for r in rows], ident="triage",
                       title="Median hours to triage per month",
                       description="; ".join(f"{r.month:%B %Y}: {r.median_hours if r.median_hours is not None else 'none triaged'}"
                                             for r in rows) or "No reports yet")
    return render(request, "returns/tensions/figures.html", {"rows": rows, "volume": volume, "timing": timing,
                                                             "settings": settings})


# -- Third-party reporting centres ------------------------------------------------------------------------

@login_required
def centres(request):
    _need(request, "returns.manage_centres")
    settings = current_settings()
    form = CentreForm(request.POST or None)
    if request.method == "POST":
        done = run_form(form, lambda data: actions.add_reporting_centre(acting_user=request.user, **data))
        if done is not None:
            messages.success(request, f"{done.name} added to the register.")
            return redirect("returns:centres")
    rows = queries_logs.centres(check_months=settings.centre_check_months)
    return render(request, "returns/centres.html", {"rows": rows, "form": form, "settings": settings,
                                                    "overdue": sum(r.overdue for r in rows if r.centre.open)})


@login_required
def centre(request, pk):
    _need(request, "returns.manage_centres")
    obj = get_object_or_404(ReportingCentre, pk=pk)
    form = CentreForm(request.POST or None, initial={"name": obj.name, "address": obj.address,
                                                     "opening_hours": obj.opening_hours,
                                                     "last_checked_on": obj.last_checked_on, "open": obj.open})
    if request.method == "POST":
        done = run_form(form, lambda data: actions.update_reporting_centre(obj, acting_user=request.user, **data))
        if done is not None:
            messages.success(request, f"{done.name} updated.")
            return redirect("returns:centres")
    return render(request, "returns/centre.html", {"centre": obj, "form": form})
