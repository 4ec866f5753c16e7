"""The community tension log (001:772): submit, triage and grade, escalate to the National Community Tension
Team, name the responsible authorities' contacts, record feedback, erase free text past retention; and the
log's configuration."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import SYSTEM, Actor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent, Organisation
from saferhub.core.permissions import require
from saferhub.returns import queries_logs, rules
from saferhub.returns.actions.definitions import full_clean
from saferhub.returns.models import (
    FeedbackAudience,
    LogSettings,
    TensionFeedback,
    TensionRecipient,
    TensionReport,
    TensionStatus,
)

#: The free text a report holds, erased at the end of the retention period (with the same keys in its audit rows).
FREE_TEXT = ("what", "source", "triage_note", "escalation_note")
ERASED = "[erased under the retention policy]"


def _user(actor: Actor):
    return None if is_system(actor) else actor


def current_settings() -> LogSettings:
    return LogSettings.objects.filter(pk=1).first() or LogSettings(pk=1)


@transaction.atomic
def configure_log(*, acting_user: Actor, triage_hours: int, grades: list[str], retention_months: int,
                  centre_check_months: int) -> LogSettings:
    require(acting_user, "returns.define")
    grades = [" ".join(str(g).split()) for g in grades if str(g).strip()]
    if len(grades) < 2 or len(set(grades)) != len(grades):
        raise RuleViolation("Give at least two different grades.", code="returns.tension_grades", field="grades")
    for value, name in ((triage_hours, "triage_hours"), (retention_months, "retention_months"),
                        (centre_check_months, "centre_check_months")):
        if not isinstance(value, int) or value < 1:
            raise RuleViolation(f"{name.replace('_', ' ').capitalize()}: give a whole number, 1 or more.",
                                code="returns.log_setting", field=name)
    obj = LogSettings.objects.select_for_update().filter(pk=1).first() or LogSettings(pk=1)
    before = {"triage_hours": obj.triage_hours, "grades": obj.grades, "retention_months": obj.retention_months,
              "centre_check_months": obj.centre_check_months}
    obj.triage_hours, obj.grades, obj.retention_months = triage_hours, grades, retention_months
    obj.centre_check_months = centre_check_months
    full_clean(obj)
    obj.save()
    audit.record("returns.log.configured", actor=acting_user, target=obj, data={"before": before, "after": {
        "triage_hours": triage_hours, "grades": grades, "retention_months": retention_months,
        "centre_check_months": centre_check_months}})
    return obj


@transaction.atomic
def configure_channel_summary(*, acting_user: Actor, missed_percent: int) -> LogSettings:
    """Set the share of Channel Panel meetings a sector may miss before the summary flags it (benchmark 5)."""
    require(acting_user, "returns.define")
    rules.check_missed_percent(missed_percent)
    obj = LogSettings.objects.select_for_update().filter(pk=1).first() or LogSettings(pk=1)
    before = obj.channel_missed_percent
    obj.channel_missed_percent = missed_percent
    full_clean(obj)
    obj.save()
    audit.record("returns.channel.configured", actor=acting_user, target=obj,
                 data={"before": before, "after": missed_percent})
    return obj


@transaction.atomic
def join_tension_analysts(*, user, acting_user: Actor, partnership: Organisation | None = None):
    """Make a member of staff an analyst of a partnership's tension log (the home partnership's by default): with
    the tension analyst role they read, triage and escalate every report of that log, and of no other."""
    from saferhub.core import actions as core_actions
    from saferhub.core.permissions import Role

    partnership = partnership or core_actions.ensure_home_partnership(acting_user=SYSTEM)
    return core_actions.add_partnership_member(user=user, partnership=partnership, role=Role.TENSION_ANALYST,
                                               acting_user=acting_user)


def _report_partnership(actor: Actor, partnership: Organisation | None) -> Organisation:
    allowed = queries_logs.report_partnerships(actor)
    if not allowed:  # a single-partnership installation that has not named its partnership yet
        from saferhub.core import actions as core_actions

        allowed = [core_actions.ensure_home_partnership(acting_user=SYSTEM)]
    if partnership is None and len(allowed) == 1:
        return allowed[0]
    if partnership is None:
        raise RuleViolation("Choose the partnership whose tension log the report is for.",
                            code="returns.tension_partnership", field="partnership")
    if partnership.pk not in {p.pk for p in allowed}:
        raise RuleViolation("You can send a tension report only to the log of a partnership you work for.",
                            code="returns.tension_partnership", field="partnership")
    return partnership


@transaction.atomic
def submit_tension(*, acting_user: Actor, what: str, where: str, occurred_on: dt.date, communities: str,
                   source: str, confirm_personal: bool = False,
                   partnership: Organisation | None = None) -> TensionReport:
    """A professional reports a tension to a partnership's log (the one they work for, or the home partnership's).
    Free text that looks like it names a person is refused until the submitter confirms the report needs it;
    what was matched is kept on the report."""
    require(acting_user, "returns.submit_tension")
    partnership = _report_partnership(acting_user, partnership)
    now = timezone.now()
    rules.check_tension_report(what=what, where=where, communities=communities, source=source,
                               occurred_on=occurred_on, today=timezone.localdate(now))
    matches = rules.personal_data_matches(what, where, communities, source)
    rules.check_personal_data(matches, confirmed=confirm_personal)
    report = TensionReport(partnership=partnership, what=what.strip(), where=" ".join(where.split()), occurred_on=occurred_on,
                           communities=" ".join(communities.split()), source=" ".join(source.split()),
                           submitted_by=_user(acting_user), submitted_at=now, personal_warning=matches)
    full_clean(report)
    report.save()
    audit.record("returns.tension.submitted", actor=acting_user, target=report, data={
        "what": report.what, "where": report.where, "occurred_on": occurred_on, "communities": report.communities,
        "source": report.source, "personal_warning_confirmed": matches, "partnership": partnership.name})
    return report


def _locked(report_pk: int) -> TensionReport:
    report = TensionReport.objects.select_for_update(of=("self",)).get(pk=report_pk)
    if report.erased_at is not None:
        raise RuleViolation("This report's text was erased under the retention policy; it cannot change.",
                            code="returns.tension_erased")
    return report


@transaction.atomic
def triage_tension(report: TensionReport, *, acting_user: Actor, grade: str, note: str = "") -> TensionReport:
    """An analyst grades the report (a later call re-grades it; the time of the first triage stays)."""
    require(acting_user, "returns.analyse_tensions", report)
    report = _locked(report.pk)
    rules.check_grade(grade, current_settings().grades)
    before = {"grade": report.grade, "triage_note": report.triage_note}
    first = report.status == TensionStatus.SUBMITTED
    report.grade, report.triage_note, report.status = grade, note.strip(), TensionStatus.TRIAGED
    if first:
        report.triaged_at, report.triaged_by = timezone.now(), _user(acting_user)
    full_clean(report)
    report.save()
    audit.record("returns.tension.triaged" if first else "returns.tension.regraded", actor=acting_user,
                 target=report, data={"before": before, "grade": grade, "triage_note": report.triage_note})
    return report


@transaction.atomic
def escalate_tension(report: TensionReport, *, acting_user: Actor, escalated_on: dt.date,
                     note: str = "") -> TensionReport:
    """Record that the report went to the National Community Tension Team, on which day and by whom."""
    require(acting_user, "returns.analyse_tensions", report)
    report = _locked(report.pk)
    rules.check_escalation(triaged=report.status == TensionStatus.TRIAGED, already=report.escalated_on is not None,
                           escalated_on=escalated_on, submitted_on=timezone.localdate(report.submitted_at),
                           today=timezone.localdate())
    report.escalated_on, report.escalated_by, report.escalation_note = escalated_on, _user(acting_user), note.strip()
    full_clean(report)
    report.save()
    audit.record("returns.tension.escalated", actor=acting_user, target=report,
                 data={"escalated_on": escalated_on, "escalation_note": report.escalation_note})
    return report


@transaction.atomic
def name_recipient(report: TensionReport, *, acting_user: Actor, user, authority: Organisation) -> TensionRecipient:
    """Name a person in a responsible authority who receives feedback on this report (and so may read it)."""
    require(acting_user, "returns.analyse_tensions", report)
    report = _locked(report.pk)
    if user is None or not getattr(user, "is_active", False):
        raise RuleViolation("Choose the person to name.", code="returns.tension_recipient", field="user")
    if report.recipients.filter(user=user).exists():
        raise RuleViolation(f"{user} is already named on this report.", code="returns.tension_recipient_twice",
                            field="user")
    recipient = TensionRecipient(report=report, user=user, authority=authority, added_at=timezone.now())
    full_clean(recipient)
    recipient.save()
    audit.record("returns.tension.recipient_named", actor=acting_user, target=report,
                 data={"user": user.pk, "authority": authority.name})
    return recipient


@transaction.atomic
def record_feedback(report: TensionReport, *, acting_user: Actor, audience: str, given_on: dt.date, summary: str,
                    recipient: TensionRecipient | None = None) -> TensionFeedback:
    """Feedback given to the CRPSG, or to a contact named on this report."""
    require(acting_user, "returns.analyse_tensions", report)
    report = _locked(report.pk)
    if audience not in FeedbackAudience.values:
        raise RuleViolation("Choose who the feedback went to.", code="returns.feedback_audience", field="audience")
    if audience == FeedbackAudience.CONTACT and (recipient is None or recipient.report_id != report.pk):
        raise RuleViolation("Feedback to a named contact goes to a person named on this report: name them first.",
                            code="returns.feedback_recipient", field="recipient")
    if audience == FeedbackAudience.CRPSG:
        recipient = None
    if not " ".join((summary or "").split()):
        raise RuleViolation("Enter what was fed back.", code="returns.feedback_summary", field="summary")
    if not timezone.localdate(report.submitted_at) <= given_on <= timezone.localdate():
        raise RuleViolation("Feedback is given between the day the report came in and today.",
                            code="returns.feedback_date", field="given_on")
    row = TensionFeedback(report=report, audience=audience, recipient=recipient, given_on=given_on,
                          summary=summary.strip(), recorded_by=_user(acting_user))
    full_clean(row)
    row.save()
    audit.record("returns.tension.feedback_recorded", actor=acting_user, target=report,
                 data={"audience": audience, "recipient": recipient.pk if recipient else None, "given_on": given_on,
                       "summary": row.summary})
    return row


def _scrub(data: dict) -> dict:
    out = dict(data)
    for key in (*FREE_TEXT, "summary", "before", "personal_warning_confirmed"):
        if key in out:
            out[key] = ERASED
    return out


@transaction.atomic
def erase_expired_tensions(*, acting_user: Actor, today: dt.date | None = None) -> list[int]:
    """Erase the free text of reports submitted more than the configured retention period ago, on the report,
    its feedback and its audit rows (``core.audit.redact``, the one audited way past the append-only trail).
    The dates, place, communities and grade stay for the log's figures. Returns the reports erased."""
    require(acting_user, "returns.define")
    settings = current_settings()
    day = today or timezone.localdate()
    cutoff = rules.add_months(day, -settings.retention_months) + dt.timedelta(days=1)  # prefilter; the rule decides
    erased = []
    content_type = ContentType.objects.get_for_model(TensionReport)
    for report in (TensionReport.objects.select_for_update(of=("self",))
                   .filter(erased_at__isnull=True, submitted_at__date__lte=cutoff).order_by("pk")):
        if not rules.erasure_due(submitted_on=timezone.localdate(report.submitted_at),
                                 months=settings.retention_months, today=day):
            continue
        for name in FREE_TEXT:
            setattr(report, name, ERASED if name == "what" else "")
        report.personal_warning = []
        report.erased_at = timezone.now()
        report.save()
        report.feedback.update(summary=ERASED)
        audit.redact(AuditEvent.objects.filter(target_type=content_type, target_id=str(report.pk)), scrub=_scrub,
                     actor=acting_user, reason="returns.tension_retention", target=report)
        audit.record("returns.tension.erased", actor=acting_user, target=report,
                     data={"retention_months": settings.retention_months})
        erased.append(report.pk)
    return erased
