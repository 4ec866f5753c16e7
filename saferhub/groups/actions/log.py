"""A body's action log: action points, progress updates and matters arising (seed 002:808)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import can, require
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import AgendaItem, AgendaItemKind, Committee, Meeting, MeetingStatus
from saferhub.groups import rules
from saferhub.groups.actions.common import full_clean
from saferhub.groups.models import OPEN_STATUSES, ActionCarry, ActionStatus, ActionUpdate, GroupAction

MATTERS_ARISING = "Matters arising: actions from previous meetings"
NONE_OPEN = "No actions from previous meetings are open."


@transaction.atomic
def add_action(body: Committee, *, text: str, target_date: dt.date | None, acting_user: Actor,
               owner_person: Person | None = None, owner_organisation: Organisation | None = None,
               source_meeting: Meeting | None = None, source_item: AgendaItem | None = None,
               delivery_action=None) -> GroupAction:
    """Add an action point to the body's log; it needs an owner and a target date. If the body's next meeting
    (after the source meeting, or from today) is already in the calendar and still to come, the action is carried
    to its agenda as a matter arising at once, as it would be when that meeting was scheduled."""
    require(acting_user, "groups.run_secretariat", body)
    if owner_organisation is None and owner_person is not None:
        owner_organisation = owner_person.organisation
    rules.check_action(text or "", owner_person is not None or owner_organisation is not None, target_date)
    if source_meeting is not None and source_meeting.committee_id != body.pk:
        raise RuleViolation("The source meeting must be a meeting of this body.", code="groups.action_meeting",
                            field="source_meeting")
    if source_item is not None and (source_meeting is None or source_item.meeting_id != source_meeting.pk):
        raise RuleViolation("The source item must be on the source meeting's agenda.", code="groups.action_item",
                            field="source_item")
    Committee.objects.select_for_update(of=("self",)).get(pk=body.pk)  # numbers are given one at a time
    number = (GroupAction.objects.filter(body=body).aggregate(m=Max("number"))["m"] or 0) + 1
    action = GroupAction(body=body, number=number, text=text.strip(), owner_person=owner_person,
                         owner_organisation=owner_organisation, target_date=target_date,
                         source_meeting=source_meeting, source_item=source_item, delivery_action=delivery_action)
    full_clean(action, exclude=["body", "source_meeting", "source_item", "delivery_action", "owner_person",
                                "owner_organisation"])
    action.save()
    audit.record("groups.action.added", actor=acting_user, target=body,
                 data={"number": number, "text": action.text, "owner_person": owner_person,
                       "owner_organisation": owner_organisation, "target_date": target_date,
                       "source_meeting": source_meeting, "delivery_action": delivery_action})
    upcoming = next_meeting_to_come(body, after=source_meeting.date if source_meeting is not None else None)
    if upcoming is not None:
        carry_forward_actions(upcoming, acting_user=acting_user)
    return action


#: A meeting in these states has no agenda to carry actions to.
NO_AGENDA = [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED, MeetingStatus.INQUORATE]


def next_meeting_to_come(body: Committee, *, after: dt.date | None) -> Meeting | None:
    """The body's first meeting after ``after`` that is today or later and still has an agenda: past agendas
    are left as they were."""
    today = timezone.localdate()
    qs = Meeting.objects.filter(committee=body, date__gte=today).exclude(status__in=NO_AGENDA)
    if after is not None:
        qs = qs.filter(date__gt=after)
    return qs.order_by("date", "pk").first()


@transaction.atomic
def update_action(action: GroupAction, *, text: str, status: str, date: dt.date, acting_user: Actor,
                  meeting: Meeting | None = None, target_date: dt.date | None = None) -> ActionUpdate:
    """Post a dated progress update, leaving the action in ``status`` (and, if given, a new target date). When the
    secretariat posts it, the matters arising of the meetings still to come that the action was carried to are
    brought up to date (a completed action drops off the list); an owner's update leaves the agenda to them."""
    require(acting_user, "groups.update_action", action)
    action = GroupAction.objects.select_for_update(of=("self",)).get(pk=action.pk)
    status = ActionStatus(status)
    if not text.strip():
        raise RuleViolation("Enter the update.", code="groups.update_text_required", field="text")
    if action.source_meeting is not None and date < action.source_meeting.date:
        raise RuleViolation("An update cannot be dated before the action was agreed.", code="groups.update_date",
                            field="date")
    before = audit.snapshot(action, ["status", "target_date"])
    action.status = status
    if target_date is not None:
        action.target_date = target_date
    action.save(update_fields=["status", "target_date", "updated_at"])
    update = ActionUpdate.objects.create(action=action, date=date, text=text.strip(), status=status, meeting=meeting)
    audit.record("groups.action.updated", actor=acting_user, target=action.body,
                 data={"number": action.number, "update": update.text,
                       **audit.changes(before, audit.snapshot(action, ["status", "target_date"]))})
    if can(acting_user, "groups.run_secretariat", action.body):
        for upcoming in (Meeting.objects.filter(carried_actions__action=action, date__gte=timezone.localdate())
                         .exclude(status__in=NO_AGENDA).order_by("date")):
            carry_forward_actions(upcoming, acting_user=acting_user)
    return update


@transaction.atomic
def carry_forward_actions(meeting: Meeting, *, acting_user: Actor) -> list[GroupAction]:
    """Carry every action still open (agreed before this meeting) to its agenda as matters arising;
    the item is added once and its list brought up to date on each call."""
    require(acting_user, "groups.run_secretariat", meeting)
    body = meeting.committee
    open_actions = list(GroupAction.objects.filter(body=body, status__in=OPEN_STATUSES)
                        .exclude(source_meeting__date__gte=meeting.date).exclude(source_meeting=meeting)
                        .select_related("owner_person", "owner_organisation").order_by("number"))
    item = AgendaItem.objects.filter(meeting=meeting, title=MATTERS_ARISING).first()
    if not open_actions:
        if item is not None and item.description != NONE_OPEN:  # all done since they were carried
            gov_actions.update_agenda_item(item, description=NONE_OPEN, acting_user=acting_user)
        return []
    lines = [f"{a.number}. {a.text} (owner: {a.owner_person or a.owner_organisation}; target "
             f"{rules.fmt(a.target_date)})" for a in open_actions]
    if item is None:
        item = gov_actions.add_agenda_item(meeting, title=MATTERS_ARISING, kind=AgendaItemKind.OTHER,
                                           description="\n".join(lines), acting_user=acting_user)
    else:
        gov_actions.update_agenda_item(item, description="\n".join(lines), acting_user=acting_user)
    already = set(ActionCarry.objects.filter(meeting=meeting).values_list("action_id", flat=True))
    new = [ActionCarry(action=a, meeting=meeting, agenda_item=item) for a in open_actions if a.pk not in already]
    ActionCarry.objects.bulk_create(new)
    audit.record("groups.actions.carried_forward", actor=acting_user, target=meeting,
                 data={"actions": [a.number for a in open_actions], "new": len(new)})
    return open_actions
