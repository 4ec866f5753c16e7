"""Meetings, agenda items, attendance, decisions and recommendations."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse

from saferhub.governance.models.choices import (
    TOOK_PLACE,
    AgendaItemKind,
    AttendanceRole,
    AttendanceStatus,
    ChairCapacity,
    DatePrecision,
    DecisionVerb,
    MeetingStatus,
    RecommendationStatus,
)


def took_place_q(prefix: str = "") -> Q:
    """A filter for meetings that took place (``prefix`` such as ``"meeting__"`` for a related model)."""
    return Q(**{f"{prefix}status__in": sorted(TOOK_PLACE)})


class MeetingQuerySet(models.QuerySet):
    def took_place(self) -> MeetingQuerySet:
        """Meetings that met and were minuted, quorate or not."""
        return self.filter(took_place_q())


class Meeting(models.Model):
    """A meeting of a committee (OParl Meeting) with the facts the minutes record."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    livestream_url = models.URLField(blank=True, max_length=500)
    status = models.CharField(max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    attendance_finalised = models.BooleanField(
        default=False, help_text="Set when attendance is confirmed and the quorum decided."
    )
    quorum_required = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="The quorum that applied, stored when attendance is confirmed (the committee's quorum may change later).",
    )
    declared_inquorate_at = models.TimeField(null=True, blank=True)
    finished_at = models.TimeField(null=True, blank=True)
    chaired_by = models.ForeignKey(
        "core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings_chaired"
    )
    chair_capacity = models.CharField(max_length=12, choices=ChairCapacity.choices, blank=True)
    chair_note = models.CharField(
        max_length=200, blank=True, help_text='How the minutes describe the chair, e.g. "Vice-Chair in the Chair".'
    )
    postponed_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="postponed_from"
    )
    record_published = models.BooleanField(
        default=False, help_text="Whether attendance, declarations and decisions are public."
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "id"]
        indexes = [
            models.Index(fields=["committee", "date"], name="gov_meeting_committee_date"),
            models.Index(fields=["date"], name="gov_meeting_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(declared_inquorate_at__isnull=True) | Q(status=MeetingStatus.INQUORATE),
                name="governance_meeting_inquorate_time_only_when_inquorate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} – {self.date_display}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting-detail", kwargs={"pk": self.pk})

    @property
    def date_display(self) -> str:
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%B %Y} (date to be confirmed)"
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y}"

    @property
    def is_open_for_business(self) -> bool:
        return self.status == MeetingStatus.HELD

    @property
    def took_place(self) -> bool:
        """The meeting met and was minuted, quorate or not (``choices.TOOK_PLACE``)."""
        return self.status in TOOK_PLACE

    def displayed_status(self, today: dt.date):
        """The status to show on ``today`` (``governance.status.meeting_status``): a scheduled meeting
        whose date has passed with nothing recorded says "No record of this meeting"."""
        from saferhub.governance.status import meeting_status

        return meeting_status(status=self.status, date=self.date, date_precision=self.date_precision, today=today)

    @property
    def applicable_quorum(self) -> int:
        """The quorum that applied: the figure stored when attendance was confirmed, so that a later
        change to the Terms of Reference does not rewrite an old meeting (issue 16 item 3); until
        then, the committee's current quorum. Needs ``committee`` loaded for unconfirmed meetings."""
        if self.attendance_finalised and self.quorum_required is not None:
            return self.quorum_required
        return self.committee.quorum


class AgendaItem(models.Model):
    """An item on a meeting's agenda (OParl AgendaItem); minutes are numbered after it (seed 002:42-98)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=10, blank=True, help_text='As printed: "7", "2a"; empty if unnumbered.')
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.REPORT)
    page = models.PositiveIntegerField(null=True, blank=True, help_text="Page in the agenda pack.")
    minute_text = models.TextField(blank=True, help_text="What the minutes record under this item, besides decisions.")
    confirms_minutes_of = models.ManyToManyField(
        Meeting, blank=True, related_name="minutes_confirmed_at",
        help_text="For a minutes item: the earlier meetings whose minutes were confirmed.",
    )
    carry_forward = models.BooleanField(
        default=False, help_text="Business not transacted here, to be taken at a later meeting."
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="governance_agendaitem_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


class Attendance(models.Model):
    """Who was present, sent apologies, was absent or was in attendance at a meeting.

    ``role`` and ``substitute_for`` follow the API contract: a substitute attending in a member's
    place is ``role="substitute", status="present", substitute_for=<member>``. ``voting`` is fixed
    from the membership when the row is recorded, so the quorum can be counted from this table.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(max_length=12, choices=AttendanceRole.choices)
    status = models.CharField(max_length=14, choices=AttendanceStatus.choices)
    substitute_for = models.ForeignKey(
        "core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="substituted_attendances"
    )
    membership = models.ForeignKey(
        "governance.Membership", null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    voting = models.BooleanField(default=False)
    recorded_name = models.CharField(max_length=150, blank=True, help_text="The name as the minutes print it.")
    title = models.CharField(max_length=300, blank=True, help_text="Job title and organisation, as recorded.")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The body the person represented or worked for at this meeting.",
    )
    note = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the printed list.")

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="governance_attendance_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(role=AttendanceRole.SUBSTITUTE),
                name="governance_attendance_substitute_for_only_substitutes",
            ),
            models.CheckConstraint(
                condition=~Q(status=AttendanceStatus.IN_ATTENDANCE) | Q(role=AttendanceRole.OFFICER),
                name="governance_attendance_in_attendance_only_officers",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "meeting"], name="gov_attendance_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class Decision(models.Model):
    """A decision recorded under an agenda item: the verb in capitals and its text (seed 002:190-193)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    sequence = models.PositiveSmallIntegerField(help_text="The decision's number under the item: 1), 2), 3).")
    verb = models.CharField(max_length=12, choices=DecisionVerb.choices)
    text = models.TextField()

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["agenda_item", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "sequence"], name="governance_decision_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.text[:60]}"


class Recommendation(models.Model):
    """A recommendation the committee made, addressed to a body or committee (seed 000:111-113)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="recommendations")
    sequence = models.PositiveSmallIntegerField()
    addressee_organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations_received"
    )
    addressee_committee = models.ForeignKey(
        "governance.Committee", null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations_received"
    )
    text = models.TextField()
    response_due = models.DateField()
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.AWAITING_RESPONSE
    )

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["decision", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "sequence"], name="governance_recommendation_unique_sequence"),
            models.CheckConstraint(
                condition=Q(addressee_organisation__isnull=False) | Q(addressee_committee__isnull=False),
                name="governance_recommendation_has_addressee",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def addressee(self):
        return self.addressee_organisation or self.addressee_committee
