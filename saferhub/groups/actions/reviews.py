"""The review of the Terms of Reference as a secretariat task (issue 11 item 6): due on the version's review date,
overdue after it, done when a new version comes into force or the review is recorded as "reviewed, no change".

The task is made when a version is recorded (``register.record_version``), after a "no change" review and by the
daily sweep (``sweep_tor_reviews``, the ``sweep_tor_reviews`` command and task). Making it is idempotent: the
version's row is locked, an existing task for the same date is kept, an open task for an earlier date is moved,
and the database allows one review task per version and date.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance.models import Committee, Meeting
from saferhub.groups import queries, rules
from saferhub.groups.actions.common import full_clean
from saferhub.groups.models import SecretariatTask, TaskKind, TermsOfReference


def review_rule_text(tor: TermsOfReference) -> str:
    if tor.review_date is not None:
        return f"Review date in version {tor.version} of the Terms of Reference"
    return f"Reviewed every {tor.review_months} months (version {tor.version} of the Terms of Reference)"


def _later_version_started(tor: TermsOfReference, today: dt.date) -> bool:
    return TermsOfReference.objects.filter(body_id=tor.body_id, in_force_from__gt=tor.in_force_from,
                                           in_force_from__lte=today).exists()


def ensure_review_task(tor: TermsOfReference, *, acting_user: Actor, today: dt.date) -> SecretariatTask | None:
    """The version's review task for its current review date, made once (inside the caller's transaction). None
    when the version has no review date or cycle, has ended or has been replaced by a version now in force."""
    tor = TermsOfReference.objects.select_for_update(of=("self",)).get(pk=tor.pk)
    due = queries.review_due_on(tor)
    if due is None or (tor.in_force_to is not None and tor.in_force_to < today) or _later_version_started(tor, today):
        return None
    tasks = list(SecretariatTask.objects.select_for_update(of=("self",)).filter(tor=tor, kind=TaskKind.TOR_REVIEW))
    same = next((t for t in tasks if t.due == due), None)
    if same is not None:
        return same
    waiting = next((t for t in tasks if t.done_on is None), None)
    if waiting is not None:  # the review date changed before the review was done: the one task moves
        before = waiting.due
        waiting.due, waiting.rule = due, review_rule_text(tor)
        waiting.save(update_fields=["due", "rule"])
        audit.record("groups.tor.review_task_moved", actor=acting_user, target=tor.body,
                     data={"version": tor.version, "from": before, "to": due})
        return waiting
    task = SecretariatTask(tor=tor, kind=TaskKind.TOR_REVIEW, due=due, rule=review_rule_text(tor))
    full_clean(task, exclude=["meeting", "done_by"])
    task.save()
    audit.record("groups.tor.review_task_created", actor=acting_user, target=tor.body,
                 data={"version": tor.version, "due": due})
    return task


def close_reviews_by_new_versions(body: Committee, *, acting_user: Actor, today: dt.date) -> list[SecretariatTask]:
    """Mark done every open review task of a version replaced by a later one now in force, on the day the later
    version came into force (inside the caller's transaction)."""
    started = list(TermsOfReference.objects.filter(body=body, in_force_from__lte=today).order_by("in_force_from")
                   .values_list("in_force_from", "version"))
    closed = []
    for task in (SecretariatTask.objects.select_for_update(of=("self",)).select_related("tor")
                 .filter(tor__body=body, kind=TaskKind.TOR_REVIEW, done_on__isnull=True)):
        successor = next(((start, v) for start, v in started if start > task.tor.in_force_from), None)
        if successor is None:
            continue
        task.done_on = successor[0]
        task.save(update_fields=["done_on"])
        audit.record("groups.tor.review_task_done", actor=acting_user, target=body,
                     data={"version": task.tor.version, "due": task.due, "done_on": task.done_on,
                           "outcome": f"version {successor[1]} in force"})
        closed.append(task)
    return closed


@transaction.atomic
def sweep_tor_reviews(*, acting_user: Actor, today: dt.date | None = None) -> tuple[int, int]:
    """The daily sweep: close the review tasks of replaced versions and make sure every version in force (or to
    come) with a review date has its task. Returns (tasks made, tasks closed); running it again changes nothing."""
    require(acting_user, "groups.manage_register")
    today = today or timezone.localdate()
    closed = made = 0
    bodies = Committee.objects.filter(tor_versions__isnull=False).distinct().order_by("pk")
    for body in bodies:
        closed += len(close_reviews_by_new_versions(body, acting_user=acting_user, today=today))
    candidates = (TermsOfReference.objects.exclude(in_force_to__lt=today).exclude(review_date__isnull=True,
                                                                                  review_months__isnull=True)
                  .order_by("pk"))
    for tor in candidates:
        before = SecretariatTask.objects.filter(tor=tor, kind=TaskKind.TOR_REVIEW).count()
        ensure_review_task(tor, acting_user=acting_user, today=today)
        made += SecretariatTask.objects.filter(tor=tor, kind=TaskKind.TOR_REVIEW).count() - before
    return made, closed


@transaction.atomic
def record_tor_review_no_change(tor: TermsOfReference, *, reviewed_on: dt.date, acting_user: Actor,
                                meeting: Meeting | None = None, note: str = "") -> TermsOfReference:
    """Record that the body reviewed its Terms of Reference and changed nothing: the review task is done on the
    day of the review, and the next review falls the configured interval later (annual unless the Terms of
    Reference set another), with its own task."""
    require(acting_user, "groups.run_secretariat", tor.body)
    tor = TermsOfReference.objects.select_for_update(of=("self",)).select_related("body").get(pk=tor.pk)
    today = timezone.localdate()
    rules.check_review_no_change(reviewed_on, today, tor.in_force_from, tor.in_force_to, tor.version)
    if meeting is not None and meeting.committee_id != tor.body_id:
        raise RuleViolation("The review must be at a meeting of this body.", code="groups.review_meeting",
                            field="meeting")
    previous = queries.review_due_on(tor)
    tor.review_date = rules.next_review_date(reviewed_on, tor.review_months)
    full_clean(tor, exclude=["body", "agreed_at"])
    tor.save(update_fields=["review_date"])
    done_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    closed = []
    for task in SecretariatTask.objects.select_for_update(of=("self",)).filter(tor=tor, kind=TaskKind.TOR_REVIEW,
                                                                               done_on__isnull=True):
        task.done_on, task.done_by = reviewed_on, done_by
        task.save(update_fields=["done_on", "done_by"])
        closed.append(task.due)
    audit.record("groups.tor.reviewed_no_change", actor=acting_user, target=tor.body,
                 data={"version": tor.version, "reviewed_on": reviewed_on, "was_due": previous,
                       "next_review": tor.review_date, "meeting": meeting, "note": note.strip(),
                       "tasks_done": closed})
    ensure_review_task(tor, acting_user=acting_user, today=today)
    return tor
