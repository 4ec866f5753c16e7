"""Public pages and files of the open data app: the meetings calendar, iCalendar feeds and the
open data page. No login; every page works without JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from saferhub.core.params import parse_int, parse_page
from saferhub.governance.models import Committee, DecisionVerb, Meeting
from saferhub.opendata import ical, queries
from saferhub.opendata.middleware import content_version

PER_PAGE = 50
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def _committee_options(selected: str) -> str:
    """The committee <option>s, rendered once and cached (a national dataset has thousands)."""
    key = f"saferhub:opendata:committee-options:{content_version()}"
    html = cache.get(key)
    if html is None:
        rows = Committee.objects.filter(is_active=True, is_public=True).order_by("name").values_list("slug", "name")
        html = "".join(format_html('<option value="{}">{}</option>', slug, name) for slug, name in rows)
        cache.set(key, html, 300)
    if selected:
        html = html.replace(format_html('<option value="{}">', selected),
                            format_html('<option value="{}" selected>', selected), 1)
    return mark_safe(html)  # noqa: S308 - built with format_html above


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@require_safe
def meeting_calendar(request):
    """Upcoming and past meetings; a month at a time when a month is chosen; by committee."""
    today = timezone.localdate()
    errors = {}
    committee = None
    slug = request.GET.get("committee", "")
    if slug:
        valid = SLUG.match(slug) is not None  # never send odd bytes (a NUL) to the database
        committee = Committee.objects.filter(slug=slug, is_active=True, is_public=True).first() if valid else None
        if committee is None:
            errors["committee"] = "Choose a committee from the list."
    first_year, last_year = queries.calendar_years(committee)
    try:
        year = parse_int(request.GET.get("year"), low=1, high=9999)
    except ValueError:
        year, errors["year"] = None, f"Year must be a number from {first_year} to {last_year}."
    try:
        month = parse_int(request.GET.get("month"), low=1, high=12)
    except ValueError:
        month, errors["month"] = None, "Choose a month."
    if month and not year and "year" not in errors:
        errors["year"] = "Enter the year as well as the month."
    if year and not errors and not (first_year <= year <= last_year):
        # Only years with meetings (and the one after the last) exist: no endless next-year links for crawlers.
        raise Http404(f"There are no meetings to show in {year}.")
    context = {
        "committee_options": _committee_options(slug if committee else ""), "committee": committee, "selected_slug": slug, "errors": errors,
        "year": year, "month": month, "today": today, "year_input": request.GET.get("year", "")[:10], "nav": "meetings",
        "months": [(n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
    }
    if year and not errors:
        if month:
            start = dt.date(year, month, 1)
            ny, nm = _month_shift(year, month, 1)
            end = dt.date(ny, nm, 1) - dt.timedelta(days=1)
            py, pm = _month_shift(year, month, -1)
            if py >= first_year:
                context["previous"] = {"year": py, "month": pm, "label": dt.date(py, pm, 1).strftime("%B %Y")}
            if ny <= last_year:
                context["next"] = {"year": ny, "month": nm, "label": dt.date(ny, nm, 1).strftime("%B %Y")}
            context["period"] = start.strftime("%B %Y")
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            context["previous"] = {"year": year - 1, "label": str(year - 1)} if year > first_year else None
            context["next"] = {"year": year + 1, "label": str(year + 1)} if year < last_year else None
            context["period"] = str(year)
        qs = queries.calendar_meetings(committee=committee, start=start, end=end).order_by("date", "start_time", "id")
        # get_page is bounded: a page that is not a number shows the first, one past the end the last.
        page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
        context["page"] = page
        context["days"] = _by_day(page.object_list)
    else:
        context["upcoming"] = _by_day(queries.upcoming_meetings(committee))
        context["recent"] = queries.recent_meetings(committee)
    status = 400 if errors else 200
    return render(request, "opendata/meeting_calendar.html", context, status=status)


def _by_day(meetings) -> list[tuple[dt.date, list[Meeting]]]:
    days: dict[dt.date, list[Meeting]] = {}
    for m in meetings:
        days.setdefault(m.date, []).append(m)
    return list(days.items())


def _root(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def committee_ics(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True, is_public=True)
    meetings = queries.feed_meetings(committee).order_by("date", "start_time", "id")
    return _ics(ical.calendar_for(meetings, committee.name, _root(request)), f"{committee.slug}.ics")


@require_safe
def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "postponed_to"), pk=pk,
                                committee__is_public=True)
    if meeting.date_precision != "day":
        raise Http404("This meeting has no confirmed date yet.")
    name = f"{meeting.committee.name}, {meeting.date_display}"
    return _ics(ical.calendar_for([meeting], name, _root(request)), f"meeting-{meeting.pk}.ics")


def _date_param(raw: str, field: str, label: str, errors: dict) -> dt.date | None:
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw[:10]) if len(raw) == 10 else None
    except ValueError:
        value = None
    if value is None or not (dt.date(1900, 1, 1) <= value <= dt.date(2199, 12, 31)):
        errors[field] = f"{label} must be a real date, for example 2023-06-08."
        return None
    return value


@require_safe
def decisions(request, slug):
    """All the decisions of a public committee, filterable by date, verb and words, a page at a time."""
    committee = get_object_or_404(Committee, slug=slug, is_active=True, is_public=True)
    errors: dict[str, str] = {}
    start = _date_param(request.GET.get("from", ""), "from", "The first date", errors)
    end = _date_param(request.GET.get("to", ""), "to", "The last date", errors)
    if start and end and end < start:
        errors["to"] = "The last date must be the same as or after the first date."
    verb = request.GET.get("verb", "")
    if verb and verb not in DecisionVerb.values:
        errors["verb"], verb = "Choose a kind of decision from the list.", ""
    text = request.GET.get("q", "").replace("\x00", "")[:100]
    qs = queries.decisions_list(committee, start=start, end=end, verb=verb, text=text)
    if errors:
        qs = qs.none()
    page = Paginator(qs, PER_PAGE).get_page(parse_page(request.GET.get("page")))
    filters = urlencode([(k, v) for k, v in (("from", start or ""), ("to", end or ""), ("verb", verb), ("q", text)) if v])
    return render(request, "opendata/decisions.html", {
        "committee": committee, "page": page, "errors": errors, "verbs": DecisionVerb.choices,
        "values": {"from": request.GET.get("from", "")[:10], "to": request.GET.get("to", "")[:10], "verb": verb, "q": text},
        "filters": filters, "nav": "committees",
    }, status=400 if errors else 200)


@require_safe
def open_data(request):
    """What is published as open data, and where."""
    root = _root(request)
    return render(request, "opendata/open_data.html", {
        "root": root, "oparl": root + reverse("opendata:oparl-system"), "nav": "meetings",
    })
