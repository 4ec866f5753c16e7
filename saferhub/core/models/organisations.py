"""Organisations: councils, the Partnership, police, the PCC's office and other agencies."""

from __future__ import annotations

from django.db import models


class OrganisationKind(models.TextChoices):
    COUNTY_COUNCIL = "county_council", "County council"
    DISTRICT_COUNCIL = "district_council", "District, borough or city council"
    UNITARY_COUNCIL = "unitary_council", "Unitary council"
    PARTNERSHIP = "partnership", "Community Safety Partnership"
    POLICE = "police", "Police force"
    OPCC = "opcc", "Office of the Police and Crime Commissioner"
    FIRE = "fire", "Fire and rescue service"
    HEALTH = "health", "Health body"
    PROBATION = "probation", "Probation service"
    HOUSING_PROVIDER = "housing_provider", "Registered housing provider"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    CHILDRENS_SERVICES = "childrens_services", "Children's services"
    SCHOOL = "school", "School"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    OTHER = "other", "Other organisation"


COUNCIL_KINDS = frozenset(
    {OrganisationKind.COUNTY_COUNCIL, OrganisationKind.DISTRICT_COUNCIL, OrganisationKind.UNITARY_COUNCIL}
)


class Organisation(models.Model):
    """A body that people belong to or that a committee represents or scrutinises (OParl Organization)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text="The body this one is part of, if any.",
    )
    aliases = models.JSONField(
        default=list, blank=True,
        help_text="Other names the organisation appears under in published documents.",
    )
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS
