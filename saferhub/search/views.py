"""The public search page."""

from __future__ import annotations

from django.shortcuts import render

from saferhub.core.params import parse_page
from saferhub.core.permissions import can
from saferhub.governance.models import Committee
from saferhub.search.engine import MAX_COUNT, search
from saferhub.search.forms import SearchForm

PAGE = 20
#: The last page there can be: the search counts no more than ``MAX_COUNT`` results.
LAST_PAGE = -(-MAX_COUNT // PAGE)


def search_page(request):
    bodies = Committee.objects.filter(is_active=True)
    if not can(request.user, "importer.import_documents"):
        bodies = bodies.filter(is_public=True)  # a private body's name is not offered to the public
    committees = [(pk, short or name) for pk, short, name in
                  bodies.order_by("name").values_list("pk", "short_name", "name")]
    page = parse_page(request.GET.get("page"), last=LAST_PAGE)  # 404 unless 1 to LAST_PAGE
    form = SearchForm(request.GET or None, committees=committees)
    results = None
    if request.GET and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
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
