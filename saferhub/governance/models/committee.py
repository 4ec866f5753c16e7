"""A committee and its Terms of Reference, held as data (seed 002:408-438)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from saferhub.core import calendar
from saferhub.core.models import OrganisationKind

DEFAULT_INQUORATE_MINUTE = (
    "The Chair explained that at least {quorum} voting members had to be present for the meeting to "
    "go ahead. Only {present} {present_word} present, so the meeting was declared inquorate at "
    "{declared_at}. No business was transacted; the items on the agenda will be carried forward to a "
    "later meeting."
)


class BodyKind(models.TextChoices):
    """What kind of body a committee is in the Partnership's register (seed 003:222, 003:867, 003:389-393)."""

    STATUTORY_BOARD = "statutory_board", "Statutory board"
    SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
    DELIVERY_GROUP = "delivery_group", "Delivery group"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"
    EXTERNAL_PARTNERSHIP = "external_partnership", "Externally managed partnership"


class Committee(models.Model):
    """A committee or sub-panel (OParl Organization of type committee) with its Terms of Reference.

    Norfolk's Scrutiny Sub Panel: 3 county councillors and 7 district members (one from each
    district), one named substitute per member and no others, optional non-voting co-opted
    members, Chair from the county members and Vice-Chair from the others, elected annually,
    quarterly meetings, quorum five, reporting to the County Council's Scrutiny Committee
    (seed 002:418-433).
    """

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="committees",
        help_text="The council whose committee this is.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_committees",
        help_text="The committee this one reports to.",
    )
    scrutinises = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="scrutinised_by",
        help_text="The body this committee holds to account, if it is a scrutiny committee.",
    )
    role_text = models.TextField(blank=True, help_text="The committee's role, from its Terms of Reference.")
    # The register of bodies: what every body needs (the rest lives in saferhub.groups).
    kind = models.CharField(max_length=30, choices=BodyKind.choices, default=BodyKind.SCRUTINY_COMMITTEE)
    reports_every_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="How often it reports to the body above it, in months (CLSG to the NCCSP: 3, seed 002:794).",
    )
    governed_by_partnership = models.BooleanField(
        default=False, help_text="Whether the Community Safety Partnership governs this body (seed 003:222)."
    )
    is_public = models.BooleanField(
        default=True,
        help_text="Public business: its meetings and papers are published. A private body is seen only by its "
        "members and the Partnership team.",
    )
    legal_basis = models.TextField(blank=True)

    # Terms of Reference as data.
    quorum = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1)],
        help_text="Voting members (main members and valid substitutes) who must be present.",
    )
    meeting_frequency_months = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="How often the committee must meet, in months (3 = quarterly).",
    )
    substitutes_per_member = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(5)],
        help_text="Named substitutes each seat may have (0 = no substitutes).",
    )
    co_opted_members_allowed = models.BooleanField(default=True)
    co_opted_members_vote = models.BooleanField(
        default=False, help_text="Whether co-opted members have a vote (and so count towards the quorum)."
    )
    civic_year_start_month = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1), MaxValueValidator(12)])
    civic_year_start_day = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(28)])
    recommendation_response_months = models.PositiveSmallIntegerField(
        default=2, help_text="Months the addressee has to respond to a recommendation."
    )
    default_venue = models.CharField(max_length=200, blank=True)
    default_start_time = models.TimeField(null=True, blank=True)
    inquorate_minute_template = models.TextField(
        default=DEFAULT_INQUORATE_MINUTE,
        help_text=(
            "Wording of the minute recorded when a meeting is inquorate. Placeholders: {quorum}, "
            "{present}, {present_word} (was/were), {declared_at}."
        ),
    )
    support_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="supported_committees",
        help_text="Committee officers who prepare and record this committee's meetings.",
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quorum__gte=1), name="governance_committee_quorum_positive"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:committee-detail", kwargs={"slug": self.slug})

    def civic_year(self, day: dt.date) -> str:
        return calendar.civic_year_label(day, self.civic_year_start_month, self.civic_year_start_day)

    def civic_year_bounds(self, label: str) -> tuple[dt.date, dt.date]:
        return calendar.civic_year_bounds(label, self.civic_year_start_month, self.civic_year_start_day)


class SeatGroup(models.Model):
    """A kind of seat in the Terms of Reference: how many, from which bodies, and office eligibility.

    Norfolk has two groups: "County Council members" (3 seats, all Norfolk County Council, Chair
    eligible) and "District Council members" (7 seats, one from each district council,
    Vice-Chair eligible).
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seat_groups")
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    seats = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)], help_text="Total seats in this group.")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="If set, every seat in the group represents this body.",
    )
    organisation_kind = models.CharField(
        max_length=30, blank=True, choices=OrganisationKind.choices,
        help_text="If set (and no single body is), seats represent bodies of this kind.",
    )
    seats_per_organisation = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)],
        help_text="The most seats one body may hold in this group (one from each district: 1).",
    )
    voting = models.BooleanField(default=True)
    chair_eligible = models.BooleanField(default=False, help_text="Members in this group may be elected Chair.")
    vice_chair_eligible = models.BooleanField(default=False, help_text="Members in this group may be elected Vice-Chair.")
    note = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["committee", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="governance_seatgroup_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.seats})"
