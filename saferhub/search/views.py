"""The public search page."""

from __future__ import annotations

from django.shortcuts import render

from saferhub.core.permissions import can
from saferhub.governance.models import Committee
from saferhub.search.engine import search
from saferhub.search.forms import SearchForm

PAGE = 20


def search_page(request):
    committees = [(pk, short or name) for pk, short, name in
                  Committee.objects.filter(is_active=True).order_by("name").values_list("pk", "short_name", "name")]
    form = SearchForm(request.GET or None, committees=committees)
    results = None
    page = 1
    if request.GET and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        results = search(
            data["q"], public_only=not can(request.user, "importer.import_documents"),
            committee_id=int(data["committee"]) if data["committee"] else None, kinds=data["kind"] or None,
            date_from=data["date_from"], date_to=data["date_to"], limit=PAGE, offset=(page - 1) * PAGE,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "search/search.html", {
        "form": form, "results": results, "page": page, "query": query.urlencode(),
        "has_next": bool(results and results.count > page * PAGE), "nav": "search",
    })
