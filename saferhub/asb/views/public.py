"""Public ASB Case Review pages that need no sign-in: the statistics every council publishes each
year (with a CSV download) and the learning page of published, redacted case summaries."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def public_settings():
    from saferhub.asb.config import current_settings, public_areas, public_partnership_id

    return {"settings": current_settings(public_partnership_id()), "areas": list(public_areas())}


@dataclass
class Figures:
    name: str
    received: int = 0
    not_met: int = 0
    reviews: int = 0
    with_recommendations: int = 0

    @property
    def row(self) -> list:
        return [self.name, self.received, self.not_met, self.reviews, self.with_recommendations]


HEADERS = [
    "Area", "Applications received", "Times the threshold was not met", "Case reviews carried out",
    "Case reviews that resulted in recommendations",
]


BASES = {"calendar": "Calendar year (January to December)", "financial": "Financial year (April to March)"}


def annual_figures(year: int, basis: str = "calendar") -> tuple[list[Figures], Figures]:
    """The four published figures per OPT area and for the county, from the core query
    (``queries.annual_figures``: applications by application date; threshold not met = Letter B; review
    carried out = decision letter D or E sent; with recommendations = Letter E)."""
    from saferhub.asb import queries

    rows = queries.annual_figures(year, basis)
    figures = [Figures(r["area"], r["received"], r["threshold_not_met"], r["reviews"], r["with_recommendations"])
               for r in rows]
    county = figures.pop()
    county.name = "County total"
    return figures, county


def _years() -> list[int]:
    from saferhub.asb import queries

    this_year = timezone.localdate().year
    years = set(queries.years_with_cases()) | {this_year, this_year - 1}
    first = max(min(years), this_year - 20)
    return list(range(this_year, first - 1, -1))


def _basis(request) -> str:
    basis = request.GET.get("basis") or "calendar"
    if basis not in BASES:
        raise Http404
    return basis


def _year(request, years: list[int]) -> int:
    raw = request.GET.get("year")
    if not raw:
        return years[0]
    try:
        year = int(raw)
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    return year


def statistics(request):
    years = _years()
    year = _year(request, years)
    basis = _basis(request)
    rows, county = annual_figures(year, basis)
    return render(request, "asb/public/statistics.html", {
        "year": year, "years": years, "rows": rows, "county": county, "headers": HEADERS, "nav": "asb-public",
        "basis": basis, "bases": BASES, "period": _period(year, basis),
    })


def _period(year: int, basis: str) -> str:
    return f"April {year} to March {year + 1}" if basis == "financial" else str(year)


def csv_cell(value):
    """A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula: an area named
    by configuration, or any text, is prefixed with ' so it stays text. Numbers are left alone."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def statistics_csv(request):
    years = _years()
    year = _year(request, years)
    basis = _basis(request)
    rows, county = annual_figures(year, basis)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    suffix = "-financial" if basis == "financial" else ""
    response["Content-Disposition"] = f'attachment; filename="asb-case-reviews-{year}{suffix}.csv"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in ["Year", *HEADERS]])
    for figures in [*rows, county]:
        writer.writerow([csv_cell(cell) for cell in [_period(year, basis), *figures.row]])
    return response


def learning(request):
    from saferhub.asb.models import PublishedSummary

    summaries = (
        PublishedSummary.objects.filter(status="approved", case__publication_consent=True, case__anonymised_at__isnull=True)
        .select_related("case__area").order_by("-approved_on", "-pk")
    )
    return render(request, "asb/public/learning.html", {"summaries": summaries, "nav": "asb-public"})
