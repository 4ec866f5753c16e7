"""The partnership's wording of its RAG scale (the Partnership team): what Red, Amber, Green, Complete and
Not started mean, which owners read when they choose a status and the public plan page shows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from saferhub.core.forms import run_form
from saferhub.delivery import actions, rules
from saferhub.delivery.forms import RagDefinitionsForm
from saferhub.delivery.views.common import done, managed_plan


@login_required
def rag_definitions(request, slug):
    plan = managed_plan(request, slug)
    form = RagDefinitionsForm(request.POST or None, initial=rules.rag_definitions(plan.rag_definitions))

    def save(data):
        actions.set_rag_definitions(plan, definitions=data, acting_user=request.user)
        return done(request, "What each RAG status means is saved.", "delivery:plan", slug=plan.slug)

    if request.method == "POST" and (response := run_form(form, save)):
        return response
    return render(request, "delivery/rag_definitions.html", {"plan": plan, "form": form,
                                                            "own": sorted(plan.rag_definitions)})
