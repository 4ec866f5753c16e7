"""Declarations of interest at meetings, and each member's register of interests (seed 002:53-72)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from saferhub.governance.models.choices import InterestType


class Declaration(models.Model):
    """An interest declared at a meeting, generally or on one item.

    A member with a Disclosable Pecuniary Interest must not speak or vote on the matter, so such a
    declaration always records that the member took no part in the item (seed 002:53-57).
    """

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="declarations")
    agenda_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="declarations")
    interest_type = models.CharField(max_length=5, choices=InterestType.choices)
    nature = models.TextField(help_text="What the interest is, as the member described it.")
    took_no_part = models.BooleanField(default=False)
    during_meeting = models.BooleanField(default=False, help_text="Declared later in the meeting rather than under the declarations item.")
    position = models.PositiveSmallIntegerField(default=0)

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(interest_type=InterestType.DPI) | Q(took_no_part=True),
                name="governance_declaration_dpi_takes_no_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_interest_type_display()}"


class RegisterEntry(models.Model):
    """An entry in a member's register of interests.

    A sensitive interest (one whose disclosure could lead to violence or intimidation) is kept on
    the register but its details are not published (Localism Act 2011 s.32).
    """

    class Category(models.TextChoices):
        EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
        SPONSORSHIP = "sponsorship", "Sponsorship"
        CONTRACTS = "contracts", "Contracts"
        LAND = "land", "Land and property"
        LICENCES = "licences", "Licences"
        CORPORATE_TENANCIES = "corporate_tenancies", "Corporate tenancies"
        SECURITIES = "securities", "Securities"
        BODY_MEMBERSHIP = "body_membership", "Membership or management of other bodies"
        GIFTS = "gifts", "Gifts and hospitality"
        OTHER = "other", "Other interest"

    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="register_entries")
    interest_type = models.CharField(max_length=5, choices=InterestType.choices)
    category = models.CharField(max_length=24, choices=Category.choices)
    description = models.TextField()
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    sensitive = models.BooleanField(default=False)
    code_category = models.CharField(
        max_length=40, blank=True,
        help_text="For an other registrable interest: its key in the council's code of conduct list (governance/data/interests.yaml).",
    )

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["person", "-registered_on"]
        verbose_name_plural = "register entries"

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}"


class RegisterReview(models.Model):
    """The member brought their register up to date (a new return, or confirming nothing changed).

    A member registers within 28 days of taking office and of becoming aware of a change
    (Localism Act 2011 s.30(1), s.30(3) and the council's code); the date is what ``rules.register_due``
    compares with."""

    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="register_reviews")
    reviewed_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.person}: reviewed {self.reviewed_on}"


class RegisterChange(models.Model):
    """A change in a member's circumstances that the register must reflect within 28 days."""

    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="register_changes")
    occurred_on = models.DateField(help_text="When the member became aware of the change.")
    description = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-occurred_on"]

    def __str__(self) -> str:
        return f"{self.person}: {self.description}"


class Dispensation(models.Model):
    """Permission for a member to take part despite an interest (Localism Act 2011 s.33)."""

    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="dispensations")
    committee = models.ForeignKey(
        "governance.Committee", null=True, blank=True, on_delete=models.CASCADE, related_name="dispensations",
        help_text="Empty if the dispensation covers every committee.",
    )
    granted_by = models.CharField(max_length=200, help_text='Who granted it, e.g. "Standards Committee" or "Monitoring Officer".')
    scope = models.TextField(help_text="The business it covers, and whether the member may speak, vote or both.")
    valid_from = models.DateField()
    valid_to = models.DateField(help_text="At most four years after it starts (s.33(3)).")
    reason = models.TextField(help_text="The ground in s.33(2) relied on.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="governance_dispensation_period"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.valid_from}–{self.valid_to}"


class MonitoringOfficerTask(models.Model):
    """Something the monitoring officer must look at: a DPI declared at a meeting that is not on the
    member's register (Localism Act 2011 s.31(2)-(3))."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    declaration = models.OneToOneField(Declaration, on_delete=models.CASCADE, related_name="monitoring_task")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="monitoring_tasks")
    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="monitoring_tasks")
    reason = models.TextField()
    due_on = models.DateField(help_text="28 days after the meeting: when the member must have notified the monitoring officer.")
    status = models.CharField(max_length=4, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"
