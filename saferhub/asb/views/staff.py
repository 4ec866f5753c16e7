"""Staff pages for ASB Case Reviews outside a single case: the dashboard (due this week per area, overdue), the
county triage queue, the case list, staff entry of applications from every channel, and the Sub Panel
reports. The case page is in ``case`` (reading) and ``case_steps`` (each step's form); the letter templates
in ``letter_templates``.

Views read through ``reads`` (select_related/prefetch_related, constant query counts) and write only
through ``saferhub.asb.actions``. A case the user may not see answers 404, exactly as a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb import forms as f
from saferhub.asb.models import (
    CaseStatus,
    OptArea,
)
from saferhub.asb.policies import has_asb_role
from saferhub.asb.views import reads
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import can


def _require_staff(request) -> None:
    if not has_asb_role(request.user):
        raise Http404


def _areas(user=None, case=None) -> list[tuple[str, str]]:
    """The OPT areas a form offers: the case's partnership's, else those of the partnerships the user works
    for (an area of another partnership is never offered)."""
    from saferhub.asb.policies import staff_partnership_ids

    ids = {case.partnership_id} if case is not None else staff_partnership_ids(user)
    return [(str(a.pk), a.name) for a in OptArea.objects.filter(partnership_id__in=ids).order_by("position", "name")]



# ---------------------------------------------------------------------------------------------
# Dashboard, triage queue, case list
# ---------------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    _require_staff(request)
    today = timezone.localdate()
    context = reads.dashboard(request.user, today)
    return render(request, "asb/staff/dashboard.html", {
        **context, "today": today, "nav": "asb", "can_triage": can(request.user, "asb.triage"),
        "can_enter": _may_enter(request.user), "agency_requests": reads.agency_requests(request.user),
    })


@login_required
def triage_queue(request):
    if not can(request.user, "asb.triage"):
        raise Http404
    cases = reads.triage_queue(request.user)
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
    areas = _areas(request.user)
    form = f.StaffApplicationForm(request.POST or None, areas=areas, prefix="app")
    incidents = f.StaffIncidentsForm(request.POST or None, prefix="inc")
    if request.method == "POST":
        valid = form.is_valid() & incidents.is_valid()
        if valid:
            data = form.cleaned_data
            complaints = [{k: v for k, v in row.items() if k != "row"} for row in incidents.complaints()]
            try:
                area = OptArea.objects.get(pk=data["area"], pk__in=[int(pk) for pk, _ in areas])
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
    from saferhub.asb.policies import county_partnership_ids, staff_partnership_ids

    # Each member of staff sees the figures of the partnerships they work for; an administrator (who works
    # for none) the home partnership's, as the public page shows them.
    mine = staff_partnership_ids(request.user) or None
    report = queries.sub_panel_report(year, basis, mine)
    county = county_partnership_ids(request.user)
    audit = queries.audit_report(year, county) if county else None
    from saferhub.asb.charts import report_charts

    return render(request, "asb/staff/reports.html", {
        "report": report, "audit": audit, "charts": report_charts(report), "year": year, "years": years, "basis": basis, "bases": BASES,
        "period": _period(year, basis), "nav": "asb",
    })


