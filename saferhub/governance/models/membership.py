"""Seats, memberships over time, and office holders."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from saferhub.governance.models.choices import MembershipRole, Office


class Seat(models.Model):
    """One place on the committee, representing one body (a membership-table row, seed 001:23-33)."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="seats")
    group = models.ForeignKey("governance.SeatGroup", on_delete=models.PROTECT, related_name="seat_set")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(help_text="Order of the seat in the membership table.")

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="governance_seat_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Seat {self.number}: {self.organisation}"


class Membership(models.Model):
    """A person's place on a committee for a period: main member or named substitute of a seat, or
    co-opted. A period with no main member on a seat is a vacancy ("To be confirmed")."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="memberships")
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships",
        help_text="Empty only for co-opted members.",
    )
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices)
    voting = models.BooleanField(default=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day of the membership; empty if current.")
    note = models.TextField(blank=True, help_text="Where this membership is evidenced, and any choice made.")

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["committee", "seat__number", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="governance_membership_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role="co_opted") | Q(seat__isnull=False),
                name="governance_membership_seat_unless_co_opted",
            ),
        ]
        indexes = [
            models.Index(fields=["committee", "start_date"], name="gov_membership_committee"),
            models.Index(fields=["person", "start_date"], name="gov_membership_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.start_date}–{self.end_date or ''})"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class OfficeHolder(models.Model):
    """The Chair or Vice-Chair for one civic year, and the meeting that elected them (seed 000:34-42)."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="office_holders")
    office = models.CharField(max_length=20, choices=Office.choices)
    civic_year = models.CharField(max_length=7, help_text="For example 2022-23.")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="offices")
    elected_at = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="elections"
    )
    elected_on = models.DateField()

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["committee", "-civic_year", "office"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "office", "civic_year"], name="governance_officeholder_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_office_display()} {self.civic_year}: {self.person}"
