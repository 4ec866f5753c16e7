"""The Plan's performance report for the scrutiny Sub Panel (issue 12, item 5; seed 002:171: where the
Partnership is nearly meeting the success measures and where it is further away).

One report per reporting round (or "now"): the RAG summary by theme and outcome, the actions whose RAG
changed since the previous round, the overdue actions, each measure's trend with its distance to target,
and what the panel recommended at its last meeting with where each recommendation stands. It is built
from published things only and names no person: owners are organisations and groups, an update's author
is never shown, so what it builds can go into a public agenda pack.

The recommendations and their status are governance's, and are read here. The questions the panel asked
in writing and their answers (``papers.WrittenQuestion``) live in papers, an app above this one, so the
report reads them through the hook papers fills (``core.meeting_questions``): the questions raised under
the item that received this Plan's report, or every question of the meeting when no item did. The
responses to recommendations (``papers.RecommendationResponse``) stay in the minutes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from saferhub.core import meeting_questions
from saferhub.delivery import queries, rules
from saferhub.delivery.charts import Point, measure_chart, values_table, values_text
from saferhub.delivery.models import (
    ActionOwner,
    ActionUpdate,
    DeliveryAction,
    DueKind,
    Measure,
    MeasureValue,
    Outcome,
    Plan,
    Rag,
    ReportingRound,
)
from saferhub.governance.models import Committee, Meeting, Recommendation
from saferhub.governance.models.committee import BodyKind

NO_UPDATE = "no_update"
RAG_LABELS = {**dict(Rag.choices), NO_UPDATE: "No update yet"}
SUMMARY_ORDER = [*rules.RAG_ORDER, NO_UPDATE]
REPORT_SOURCE = "plan"  # the code of the Plan's agenda-report source (agenda.py), which papers remembers


@dataclass
class Report:
    plan: Plan
    round: ReportingRound | None
    previous: ReportingRound | None
    as_of: dt.date
    version: object
    rows: list = field(default_factory=list)
    status: dict = field(default_factory=dict)  # identity id -> latest Update as of the report
    overall: Counter = field(default_factory=Counter)
    themes: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    outcomes_without_measures: list = field(default_factory=list)
    committee: object = None
    last_meeting: object = None
    recommendations: list = field(default_factory=list)
    questions: meeting_questions.MeetingQuestions | None = None  # None: no last meeting, or nobody provides them

    @property
    def title(self) -> str:
        period = self.round.title if self.round else f"position at {self.as_of:%-d %B %Y}"
        return f"{self.plan.title}: performance report, {period}"

    @property
    def summary_rows(self) -> list[tuple[str, int]]:
        return [(RAG_LABELS[k], self.overall.get(k, 0)) for k in SUMMARY_ORDER]

    @property
    def executive_summary(self) -> str:
        counts = "; ".join(f"{label} {n}" for label, n in self.summary_rows if n)
        met = sum(1 for m in self.measures if m["distance"].met)
        with_target = sum(1 for m in self.measures if m["distance"].target is not None)
        return (f"{len(self.rows)} actions of {self.version} by their latest RAG status: {counts or 'none'}. "
                f"{len(self.changed)} changed status since "
                f"{self.previous.title if self.previous else 'the start of reporting'}; {len(self.overdue)} "
                f"are past their due date and not complete. {met} of {with_target} measures with a target meet it.")


    @property
    def questions_text(self) -> str:
        """What the questions section says before its questions, or instead of them when there are none."""
        if self.questions is None:
            return ""
        meeting = f"the meeting of the {self.committee} on {self.last_meeting.date:%-d %B %Y}"
        if not self.questions.questions:
            return f"No questions were asked {'about the Plan ' if self.questions.about_report else ''}at {meeting}."
        if self.questions.about_report:
            return f"Questions put at {meeting} under the item on this Plan, with their written answers."
        return (f"Questions put at {meeting}, with their written answers. That meeting had no item with this "
                "Plan's report, so every question put at it is listed.")


def _sort_key(row) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in row.number.split("."))


class Update(NamedTuple):
    """An owner's update as the report shows it (never its author)."""

    identity_id: int
    period_end: dt.date
    rag: str
    status: str
    commentary: str


def _as_of(updates: list[Update], day: dt.date | None) -> dict[int, Update]:
    """Each identity's latest update for a period ending on or before ``day`` (``updates`` newest first)."""
    latest: dict[int, ActionUpdate] = {}
    if day is None:
        return latest
    for update in updates:
        if update.period_end <= day:
            latest.setdefault(update.identity_id, update)
    return latest


def _rag(update) -> str:
    return update.rag if update is not None else NO_UPDATE


def _last_meeting(committee, day: dt.date):
    """The committee's last meeting on or before ``day`` that took place with its record published, and
    the recommendations it made (governance: the Sub Panel's recommendations register)."""
    if committee is None:
        return None, []
    meeting = (Meeting.objects.took_place().filter(committee=committee, date__lte=day, record_published=True)
               .order_by("-date", "-pk").first())
    if meeting is None:
        return None, []
    recommendations = list(Recommendation.objects.filter(decision__agenda_item__meeting=meeting)
                           .select_related("decision__agenda_item", "addressee_organisation", "addressee_committee")
                           .order_by("decision__agenda_item__position", "decision__sequence", "sequence"))
    return meeting, recommendations


def scrutiny_committee(plan: Plan):
    """The scrutiny committee that holds the plan's partnership to account (``Committee.scrutinises``)."""
    if plan.partnership_id is None:
        return None
    return (Committee.objects.filter(scrutinises_id=plan.partnership_id, kind=BodyKind.SCRUTINY_COMMITTEE)
            .order_by("pk").first())


def performance_report(plan: Plan, *, round_: ReportingRound | None, today: dt.date, committee=None) -> Report | None:
    """The report for ``round_`` (its period's end is the report's date), or for now when ``round_`` is
    None. None when the plan has no published version to report on. A fixed number of queries."""
    version = round_.version if round_ is not None else queries.current_version(plan, published_only=True)
    if version is None or not version.is_published:
        return None
    as_of = round_.period_end if round_ is not None else today
    earlier = ReportingRound.objects.filter(plan=plan, period_end__lt=as_of) if round_ is not None else \
        ReportingRound.objects.filter(plan=plan, period_end__lte=as_of)
    previous = earlier.order_by("-period_end", "-pk").first()
    rows = sorted(DeliveryAction.objects.filter(plan=version).select_related("identity"), key=_sort_key)
    owners: dict[int, list] = {}
    for owner in (ActionOwner.objects.filter(action__plan=version).select_related("organisation", "body")
                  .order_by("action_id", "position")):
        owners.setdefault(owner.action_id, []).append(owner)
    links: dict[int, list[int]] = {}
    for row_id, outcome_id in (DeliveryAction.outcomes.through.objects.filter(deliveryaction__plan=version)
                               .values_list("deliveryaction_id", "outcome_id")):
        links.setdefault(row_id, []).append(outcome_id)
    for row in rows:
        row.owner_list = owners.get(row.pk, [])
    updates = [Update(**u) for u in ActionUpdate.objects.filter(identity__plan=plan, period_end__lte=as_of)
               .order_by("-period_end", "-created_at", "-pk").values(*Update._fields)]
    now, before = _as_of(updates, as_of), _as_of(updates, previous.period_end if previous else None)
    report = Report(plan=plan, round=round_, previous=previous, as_of=as_of, version=version, rows=rows, status=now)
    report.overall = Counter(_rag(now.get(r.identity_id)) for r in rows)

    outcomes = list(Outcome.objects.filter(plan=plan).select_related("theme"))
    measures: dict[int, list[Measure]] = {}
    for measure in Measure.objects.filter(outcome__plan=plan).select_related("owner_organisation", "owner_body"):
        measures.setdefault(measure.outcome_id, []).append(measure)
    points: dict[int, list[Point]] = {}
    for measure_id, *point in (MeasureValue.objects.filter(measure__outcome__plan=plan, geography="county",
                                                           period_end__lte=as_of)
                               .order_by("measure_id", "period_start")
                               .values_list("measure_id", "period_start", "period_end", "value")):
        points.setdefault(measure_id, []).append(Point(*point))
    by_outcome: dict[int, list] = {}
    for row in rows:
        for outcome_id in links.get(row.pk, []):
            by_outcome.setdefault(outcome_id, []).append(row)
    for outcome in outcomes:
        if not report.themes or report.themes[-1]["theme"].pk != outcome.theme_id:
            report.themes.append({"theme": outcome.theme, "outcomes": [], "rows": {}})
        theme = report.themes[-1]
        served = by_outcome.get(outcome.pk, [])
        for row in served:
            theme["rows"][row.pk] = row
        counts = Counter(_rag(now.get(r.identity_id)) for r in served)
        theme["outcomes"].append({"outcome": outcome, "counts": [counts.get(k, 0) for k in SUMMARY_ORDER],
                                  "total": len(served)})
        if not measures.get(outcome.pk):
            report.outcomes_without_measures.append(outcome)
        for measure in measures.get(outcome.pk, []):
            county = points.get(measure.pk, [])
            distance = rules.distance_to_target(latest=county[-1].value if county else None,
                                                baseline=measure.baseline_value, target=measure.target_value,
                                                direction=measure.direction)
            report.measures.append({
                "measure": measure, "outcome": outcome, "values": county, "distance": distance,
                "chart": measure_chart(measure, county, ident=f"measure-{measure.pk}") if county else None,
                "table": values_table(county) if county else "", "text": values_text(county)})
    for theme in report.themes:
        counts = Counter(_rag(now.get(r.identity_id)) for r in theme["rows"].values())
        theme["counts"] = [counts.get(k, 0) for k in SUMMARY_ORDER]
        theme["total"] = len(theme["rows"])

    for row in rows:
        current, earlier_update = now.get(row.identity_id), before.get(row.identity_id)
        if _rag(current) != _rag(earlier_update) and current is not None:
            report.changed.append({"row": row, "from": RAG_LABELS[_rag(earlier_update)],
                                   "to": RAG_LABELS[_rag(current)], "update": current})
        if (row.due_kind == DueKind.DATE and row.due_date is not None and row.due_date < as_of
                and _rag(current) != Rag.COMPLETE):
            report.overdue.append({"row": row, "rag": RAG_LABELS[_rag(current)]})
    report.committee = committee if committee is not None else scrutiny_committee(plan)
    report.last_meeting, report.recommendations = _last_meeting(report.committee, today)
    if report.last_meeting is not None:
        report.questions = meeting_questions.questions_at(report.last_meeting.pk, source_code=REPORT_SOURCE,
                                                          key_prefix=f"{plan.slug}:")
    return report
