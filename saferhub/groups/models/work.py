"""The secretariat's work: meeting timeline tasks, action logs and progress reports (seed 002:806-811)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class TaskKind(models.TextChoices):
    PRE_AGENDA = "pre_agenda", "Pre-agenda meeting with the Chair"
    PAPERS = "papers", "Agenda and papers circulated"
    MINUTES = "minutes", "Minutes distributed"
    TOR_REVIEW = "tor_review", "Review the Terms of Reference"


class SecretariatTask(models.Model):
    """A dated task of the secretariat, made from the Terms of Reference: a meeting's timeline task, or the
    review of a Terms of Reference version (``tor``; no meeting), due on its review date and done when a new
    version comes into force or the review is recorded as "reviewed, no change"."""

    meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="secretariat_tasks")
    tor = models.ForeignKey("groups.TermsOfReference", null=True, blank=True, on_delete=models.CASCADE,
                            related_name="review_tasks", help_text="The version a review task is for.")
    kind = models.CharField(max_length=12, choices=TaskKind.choices)
    due = models.DateField()
    rule = models.CharField(max_length=200, help_text="The ToR rule it comes from, in words.")
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "due"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="groups_task_once_per_meeting"),
            # One review task per version and review date, however often the sweep runs.
            models.UniqueConstraint(fields=["tor", "due"], condition=Q(kind="tor_review"),
                                    name="groups_task_review_once"),
            models.CheckConstraint(
                condition=(Q(kind="tor_review", meeting__isnull=True, tor__isnull=False)
                           | (~Q(kind="tor_review") & Q(meeting__isnull=False, tor__isnull=True))),
                name="groups_task_meeting_or_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due:%d %B %Y}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed without completion"


OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


class GroupAction(models.Model):
    """One line of a body's action log: action point, owner, target date and status (seed 002:808)."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="group_actions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    owner_person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="group_actions")
    owner_organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_date = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    source_meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_item = models.ForeignKey("governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    delivery_action = models.ForeignKey(
        "delivery.DeliveryAction", null=True, blank=True, on_delete=models.SET_NULL, related_name="group_actions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["body", "number"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="groups_action_unique_number")]
        indexes = [
            models.Index(fields=["body", "status", "target_date"], name="groups_action_body_status"),
            models.Index(fields=["owner_person", "status"], name="groups_action_owner"),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}: {self.text[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ActionUpdate(models.Model):
    """A dated progress update on an action, with the status it left the action in."""

    action = models.ForeignKey(GroupAction, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    text = models.TextField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"


class ActionCarry(models.Model):
    """An open action carried to a later meeting's agenda as a matter arising."""

    action = models.ForeignKey(GroupAction, on_delete=models.CASCADE, related_name="carries")
    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="carried_actions")
    agenda_item = models.ForeignKey("governance.AgendaItem", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "meeting"], name="groups_carry_once")]

    def __str__(self) -> str:
        return f"Action {self.action_id} carried to meeting {self.meeting_id}"


class ProgressReport(models.Model):
    """A body's quarterly progress report to its parent (seed 002:794, 002:811)."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="progress_reports")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    commentary = models.TextField(blank=True)
    to_meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_item = models.ForeignKey("governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "quarter"], name="groups_report_once_per_quarter")]

    def __str__(self) -> str:
        return f"{self.body}: progress report Q{self.quarter} {self.year}"
