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

    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True, db_index=True)

    class Meta:
        ordering = ["person", "-registered_on"]
        verbose_name_plural = "register entries"

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}"
