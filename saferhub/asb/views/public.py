"""Public ASB Case Review pages that need no sign-in: the statistics every council publishes each
year (with a CSV download) and the learning page of published, redacted case summaries."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def public_settings():
    from saferhub.asb.models import AsbSettings, OptArea

    settings = AsbSettings.objects.order_by("pk").first()
    return {"settings": settings, "areas": list(OptArea.objects.order_by("position", "name"))}


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


def annual_figures(year: int) -> tuple[list[Figures], Figures]:
    """The four published figures per OPT area and for the county, for applications made in ``year``.

    Threshold not met counts Letter B determinations; a review is "carried out" when its panel has met
    (or its decision letter has been chosen); it "resulted in recommendations" when the decision was an
    action plan (Letter E). Uses the core query when there is one.
    """
    try:
        from saferhub.asb import queries
    except ImportError:  # pragma: no cover - the core app always has queries
        queries = None
    if queries is not None and hasattr(queries, "annual_statistics"):
        try:
            return _from_core(queries.annual_statistics(year))
        except (TypeError, KeyError, AttributeError):
            pass
    from saferhub.asb.models import Case, OptArea

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    reviewed = Q(panel_held_on__isnull=False) | ~Q(decision_letter="")
    counts = (
        Case.objects.filter(application_date__range=(start, end), anonymised_at__isnull=True)
        .values("area_id")
        .annotate(
            received=Count("id"),
            not_met=Count("id", filter=Q(determination="B")),
            reviews=Count("id", filter=reviewed),
            recs=Count("id", filter=Q(decision_letter="E")),
        )
    )
    by_area = {row["area_id"]: row for row in counts}
    rows = []
    county = Figures("County total")
    for area in OptArea.objects.order_by("position", "name"):
        row = by_area.get(area.pk, {})
        figures = Figures(area.name, row.get("received", 0), row.get("not_met", 0), row.get("reviews", 0), row.get("recs", 0))
        rows.append(figures)
        county.received += figures.received
        county.not_met += figures.not_met
        county.reviews += figures.reviews
        county.with_recommendations += figures.with_recommendations
    return rows, county


def _from_core(data) -> tuple[list[Figures], Figures]:
    rows = [
        Figures(r["area"], r["applications_received"], r["threshold_not_met"], r["reviews_carried_out"],
                r["reviews_with_recommendations"])
        for r in data["areas"]
    ]
    c = data["county"]
    county = Figures("County total", c["applications_received"], c["threshold_not_met"], c["reviews_carried_out"],
                     c["reviews_with_recommendations"])
    return rows, county


def _years() -> list[int]:
    from saferhub.asb.models import Case

    this_year = timezone.localdate().year
    first = Case.objects.order_by("application_date").values_list("application_date", flat=True).first()
    first_year = first.year if first else this_year
    return list(range(this_year, max(first_year, this_year - 20) - 1, -1))


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
    rows, county = annual_figures(year)
    return render(request, "asb/public/statistics.html", {
        "year": year, "years": years, "rows": rows, "county": county, "headers": HEADERS, "nav": "asb-public",
    })


def statistics_csv(request):
    years = _years()
    year = _year(request, years)
    rows, county = annual_figures(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="asb-case-reviews-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Year", *HEADERS])
    for figures in [*rows, county]:
        writer.writerow([year, *figures.row])
    return response


def learning(request):
    from saferhub.asb.models import PublishedSummary

    summaries = (
        PublishedSummary.objects.filter(status="approved", case__publication_consent=True, case__anonymised_at__isnull=True)
        .select_related("case__area").order_by("-approved_on", "-pk")
    )
    return render(request, "asb/public/learning.html", {"summaries": summaries, "nav": "asb-public"})
