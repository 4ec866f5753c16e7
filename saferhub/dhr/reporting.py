"""The Sub Panel's report and the thematic analysis: numbers only, never a victim, family member or a live
case's detail (002:200). The Sub Panel scrutinises the process; the figures come from the cases through these
functions and nothing else. Word through the report renderer shared with groups and delivery (``core.documents``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from saferhub.core.documents import word_bytes, word_document, word_table
from saferhub.dhr import clocks, queries, status
from saferhub.dhr.models import Case, Recommendation


def sub_panel_numbers(today: dt.date, partnership_id: int | None = None) -> dict:
    """Notifications, decisions, reviews in progress by stage, overdue clocks, published, withheld and
    recommendations outstanding by agency (of one partnership, or of all). One pass over the cases with their
    clock data prefetched."""
    found = queries.all_cases_with_clocks()
    recommendations = Recommendation.objects.all()
    if partnership_id is not None:
        found = found.filter(partnership_id=partnership_id)
        recommendations = recommendations.filter(case__partnership_id=partnership_id)
    cases = list(found)
    settings_map = queries.settings_by_partnership({c.partnership_id for c in cases})
    decisions, stages, overdue = Counter(), Counter(), Counter()
    published = withheld = paused = 0
    for case in cases:
        decision = clocks.current_decision(case)
        if decision is not None:
            decisions[decision.get_outcome_display()] += 1
        done = {s.step for s in case.steps.all()}
        if "published" in done:
            published += 1
        elif case.publication_withheld_on:
            withheld += 1
        if case.closed_on is None:
            stages[status.stage(case)] += 1
            case_clocks = clocks.case_clocks(case, settings_map[case.partnership_id], today)
            for clock in case_clocks:
                if clock.state == clocks.OVERDUE:
                    overdue[clock.name] += 1
            paused += any(clock.state == clocks.PAUSED for clock in case_clocks)
    outstanding = Counter(
        (r["agency__name"] or "No agency named") for r in
        recommendations.exclude(status="complete").values("agency__name"))
    return {
        "today": today, "notifications": len(cases), "decisions": sorted(decisions.items()),
        "stages": sorted(stages.items()), "in_progress": sum(stages.values()), "overdue": sorted(overdue.items()),
        "paused": paused, "published": published, "withheld": withheld, "outstanding": sorted(outstanding.items()),
        "outstanding_total": sum(outstanding.values()),
    }


def thematic_numbers() -> dict:
    """``thematic`` counted by the database, for the public page at national scale (bench/bench_dhr.py): the
    themes of every published review, publications by year and open actions by agency, in three queries."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from saferhub.core.models import Organisation
    from saferhub.dhr.models import ReviewStep

    themes = Counter()
    for tags in Case.objects.filter(steps__step="published").values_list("themes", flat=True):
        themes.update(tags or [])
    years = (ReviewStep.objects.filter(step="published").annotate(year=ExtractYear("done_on"))
             .values_list("year").annotate(n=Count("id")).order_by("year"))
    published = ReviewStep.objects.filter(step="published").values("case_id")
    agencies = list(Recommendation.objects.filter(case_id__in=published).exclude(status="complete")
                    .values_list("agency_id").annotate(n=Count("id")).order_by())
    names = dict(Organisation.objects.filter(pk__in=[pk for pk, _ in agencies if pk]).values_list("pk", "name"))
    open_by_agency = Counter()
    for pk, n in agencies:
        open_by_agency[names.get(pk) or "No agency named"] += n
    return {"themes": sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])), "years": [(y, n) for y, n in years],
            "open_by_agency": sorted(open_by_agency.items())}


def thematic(reviews: list[Case]) -> dict:
    """Counts by theme and by year of publication across published reviews (``queries.published_learning``),
    and the open actions of their recommendations by agency."""
    themes, years, open_by_agency = Counter(), Counter(), Counter()
    for review in reviews:
        themes.update(review.themes)
        for p in review.publication:
            years[p.done_on.year] += 1
        for rec in review.recommendations.all():
            if rec.status != "complete":
                open_by_agency[rec.agency.name if rec.agency else "No agency named"] += 1
    return {"themes": sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])), "years": sorted(years.items()),
            "open_by_agency": sorted(open_by_agency.items())}


def sub_panel_docx(numbers: dict) -> bytes:
    document = word_document(f"Domestic Homicide Reviews: report to the Sub Panel, {numbers['today']:%-d %B %Y}")
    document.add_paragraph("Numbers only. Reviews under way are confidential, so no case is described.")
    document.add_paragraph(f"Notifications: {numbers['notifications']}. Reviews in progress: "
                           f"{numbers['in_progress']}. Paused for parallel proceedings: {numbers['paused']}. "
                           f"Published: {numbers['published']}. Not published for "
                           f"safeguarding reasons: {numbers['withheld']}. Recommendations outstanding: "
                           f"{numbers['outstanding_total']}.")
    for heading, key, first in (("Decisions", "decisions", "Decision"), ("Reviews in progress by stage", "stages",
                                "Stage"), ("Overdue clocks", "overdue", "Clock"),
                                ("Recommendations outstanding by agency", "outstanding", "Agency")):
        document.add_heading(heading, level=2)
        rows = numbers[key]
        if not rows:
            document.add_paragraph("None.")
            continue
        word_table(document, [first, "Number"], [[str(label), str(n)] for label, n in rows])
    record = numbers.get("record") or {}
    if record:
        document.add_heading("The partnership's record, from its reports", level=2)
        for n in record.get("numbers", []):
            document.add_paragraph(f"{n['text']} ({n['source']})")
        for d in record.get("protocol_developments", []):
            document.add_paragraph(f"{d['text']} ({d['source']})", style="List Bullet")
    return word_bytes(document)
