"""The register of interests for the people who keep it: the monitoring officer (every councillor's
register, reviews, changes and dispensations) and each councillor (their own register: that it is up to
date, or that something changed). Everyone else gets 404. Writes only through ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from saferhub.core.forms import run_form
from saferhub.core.models import Person
from saferhub.core.permissions import can
from saferhub.governance import actions, interests
from saferhub.governance.forms import DispensationForm, RegisterChangeForm, RegisterReviewForm
from saferhub.governance.models import Committee, Dispensation, RegisterChange, RegisterEntry, RegisterReview


def _councillor_for(request, pk: int, perm: str) -> Person:
    person = get_object_or_404(Person.objects.filter(is_councillor=True), pk=pk)
    if not can(request.user, perm, person):
        raise Http404
    return person


@login_required
def register_index(request):
    """Every councillor sitting on a committee, with whether their register is due for updating."""
    if not can(request.user, "governance.keep_register"):
        raise Http404
    today = timezone.localdate()
    ids = interests.current_councillor_ids(today)
    due = interests.register_due_for(ids, today)
    people = list(Person.objects.filter(pk__in=ids).order_by("name", "pk")) if ids else []
    rows = [{"person": p, "due": due.get(p.pk)} for p in people]
    return render(request, "governance/register_index.html", {
        "rows": rows, "today": today, "due_count": sum(1 for r in rows if r["due"]), "nav": "dashboard",
    })


@login_required
def register_detail(request, pk):
    """One councillor's whole register (sensitive entries included), its reviews, changes and
    dispensations, with the forms the viewer may use."""
    person = _councillor_for(request, pk, "governance.update_register")
    labels = dict(interests.code_categories())
    entries = list(RegisterEntry.objects.filter(person=person).order_by("interest_type", "category", "-registered_on", "pk"))
    for entry in entries:
        entry.code_label = labels.get(entry.code_category, "")
    today = timezone.localdate()
    return render(request, "governance/register_detail.html", {
        "person": person, "entries": entries, "today": today,
        "due": interests.register_due_for([person.pk], today).get(person.pk),
        "reviews": list(RegisterReview.objects.filter(person=person).order_by("-reviewed_on", "-pk")[:20]),
        "changes": list(RegisterChange.objects.filter(person=person).order_by("-occurred_on", "-pk")[:20]),
        "dispensations": list(Dispensation.objects.filter(person=person).select_related("committee")),
        "keeper": can(request.user, "governance.keep_register", person),
        "own": getattr(request.user, "person", None) == person, "nav": "dashboard",
    })


def _register_form(request, person, form, action, *, template: str, done: str, title: str):
    if request.method == "POST":
        def run(data):
            action(data)
            messages.success(request, done)
            return redirect(reverse("governance:register-detail", args=[person.pk]))

        response = run_form(form, run)
        if response:
            return response
    return render(request, template, {"person": person, "form": form, "title": title,
                                      "error_form": form if form.errors else None, "nav": "dashboard"})


@login_required
def register_review(request, pk):
    person = _councillor_for(request, pk, "governance.update_register")
    form = RegisterReviewForm(request.POST if request.method == "POST" else None,
                              initial={"reviewed_on": timezone.localdate()})
    return _register_form(
        request, person, form,
        lambda d: actions.record_register_review(person, reviewed_on=d["reviewed_on"], note=d["note"],
                                                 acting_user=request.user),
        template="governance/register_form.html", title="Confirm the register is up to date",
        done=f"The register of {person.display_name} is recorded as up to date.")


@login_required
def register_change(request, pk):
    person = _councillor_for(request, pk, "governance.update_register")
    form = RegisterChangeForm(request.POST if request.method == "POST" else None)
    return _register_form(
        request, person, form,
        lambda d: actions.record_register_change(person, occurred_on=d["occurred_on"], description=d["description"],
                                                 acting_user=request.user),
        template="governance/register_form.html", title="Tell the monitoring officer about a change",
        done="The change is recorded. The register must show it within 28 days.")


@login_required
def register_dispensation(request, pk):
    person = _councillor_for(request, pk, "governance.keep_register")
    committees = list(Committee.objects.filter(is_active=True).order_by("name"))
    form = DispensationForm(request.POST if request.method == "POST" else None, committees=committees)

    def grant(d):
        committee = next((c for c in committees if c.pk == d["committee"]), None)
        actions.grant_dispensation(person, granted_by=d["granted_by"], scope=d["scope"], valid_from=d["valid_from"],
                                   valid_to=d["valid_to"], reason=d["reason"], committee=committee,
                                   acting_user=request.user)

    return _register_form(request, person, form, grant, template="governance/register_form.html",
                          title="Record a dispensation", done=f"Dispensation recorded for {person.display_name}.")
