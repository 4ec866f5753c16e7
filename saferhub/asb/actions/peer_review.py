"""Peer review rota: each council nominates a reviewer; every completed review is given, next on the list,
to a reviewer from another council, spreading reviews equally (seed 002:1300)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.asb import rules as asb_rules
from saferhub.asb.actions.common import full_clean, record, today
from saferhub.asb.models import (
    Case,
    CaseStatus,
    Notification,
    NotificationKind,
    PeerReview,
    PeerReviewer,
    PeerReviewRota,
)
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require


@transaction.atomic
def nominate_peer_reviewer(*, council: Organisation, person: Person, acting_user: Actor,
                           position: int | None = None, active: bool = True) -> PeerReviewer:
    require(acting_user, "asb.manage_peer_review")
    if not council.is_council:
        raise RuleViolation("Only a council nominates a peer reviewer.", code="asb.rota_not_council",
                            field="council")
    reviewer = PeerReviewer.objects.filter(council=council).first()
    if reviewer is None:
        if position is None:
            position = (PeerReviewer.objects.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        reviewer = PeerReviewer(council=council, person=person, position=position, active=active)
    else:
        reviewer.person = person
        reviewer.active = active
        if position is not None:
            reviewer.position = position
    full_clean(reviewer)
    reviewer.save()
    audit.record("asb.rota.nominated", actor=acting_user, target=reviewer,
                 data={"council": council.name, "person": person.name, "position": reviewer.position})
    return reviewer


def choose_reviewer(reviewers: list[PeerReviewer], last_position: int, excluded_councils: set[int]) -> PeerReviewer | None:
    """Fewest reviews first; among equals, the next on the list after the last one chosen."""
    eligible = [r for r in reviewers if asb_rules.check_rota_council(excluded_councils, r.council_id)]
    if not eligible:
        return None
    positions = sorted({r.position for r in reviewers})
    span = (max(positions) + 1) if positions else 1

    def order(r: PeerReviewer):
        return (r.assigned_count, (r.position - last_position - 1) % span, r.pk)

    return min(eligible, key=order)


@transaction.atomic
def assign_peer_review(case: Case, *, acting_user: Actor, assigned_on: dt.date | None = None) -> PeerReview:
    """Give a completed review to the next reviewer on the rota. The single rota row is locked
    (SELECT … FOR UPDATE) so two reviews completing at once never take the same slot."""
    require(acting_user, "asb.manage_case", case)
    if case.status != CaseStatus.CLOSED or case.determination == "B":
        raise RuleViolation("Only a completed review is peer reviewed.", code="asb.rota_not_completed")
    PeerReviewRota.objects.get_or_create(name="county")
    rota = PeerReviewRota.objects.select_for_update().get(name="county")
    if PeerReview.objects.filter(case=case).exists():
        raise RuleViolation("This review already has a peer reviewer.", code="asb.rota_already_assigned")
    reviewers = list(PeerReviewer.objects.select_for_update().filter(active=True).order_by("position", "id"))
    excluded = set(case.area.councils.values_list("id", flat=True))
    chosen = choose_reviewer(reviewers, rota.last_position, excluded)
    if chosen is None:
        raise RuleViolation("No peer reviewer from another council is on the rota.", code="asb.rota_empty")
    rota.assignments += 1
    rota.last_position = chosen.position
    rota.save(update_fields=["assignments", "last_position"])
    chosen.assigned_count += 1
    chosen.save(update_fields=["assigned_count"])
    review = PeerReview.objects.create(case=case, reviewer=chosen, slot=rota.assignments,
                                       assigned_on=assigned_on or today())
    Notification.objects.create(case=case, kind=NotificationKind.PEER_REVIEW, recipient=str(chosen.person),
                                recipient_email=chosen.person.email, sent_on=review.assigned_on)
    record("asb.peer_review.assigned", case, actor=acting_user,
           data={"reviewer": str(chosen), "slot": review.slot})
    return review


def assign_if_rota(case: Case, *, acting_user: Actor) -> PeerReview | None:
    """Called when a review completes (Letter D, or closure after the action plan): assign the next reviewer
    if the rota has one from another council; otherwise leave it for ``assign_peer_review`` later."""
    if not PeerReviewer.objects.filter(active=True).exclude(
            council__in=case.area.councils.values("pk")).exists():
        return None
    return assign_peer_review(case, acting_user=acting_user)


@transaction.atomic
def complete_peer_review(review: PeerReview, *, notes: str, acting_user: Actor,
                         completed_on: dt.date | None = None) -> PeerReview:
    require(acting_user, "asb.manage_peer_review")
    review = PeerReview.objects.select_for_update(of=("self",)).select_related("case").get(pk=review.pk)
    if review.completed_on:
        raise RuleViolation("This peer review is already complete.", code="asb.peer_review_done")
    if not notes.strip():
        raise RuleViolation("Record the peer reviewer's observations.", code="asb.peer_review_notes", field="notes")
    review.completed_on = completed_on or today()
    review.notes = notes
    review.save(update_fields=["completed_on", "notes"])
    record("asb.peer_review.completed", review.case, actor=acting_user, data={"completed_on": review.completed_on})
    return review
