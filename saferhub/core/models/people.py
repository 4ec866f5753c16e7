"""People: councillors and officers, with the other names they appear under."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Person(models.Model):
    """A councillor, officer or partner (OParl Person).

    ``name`` is the canonical name without honorific ("Mark Kiddle-Morris"); ``honorific`` is
    "Cllr" for councillors, or a rank or title ("Supt", "Dr"). Where a document gives only a
    surname ("Cllr Ashby"), ``name`` holds the surname alone.
    """

    honorific = models.CharField(max_length=30, blank=True)
    name = models.CharField(max_length=150)
    is_councillor = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="people",
        help_text="For a councillor, the council they sit on; for an officer, their employer.",
    )
    job_title = models.CharField(max_length=250, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person",
        help_text="The login this person uses, if they have one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(Lower("name"), name="core_person_name_lower")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


class PersonAlias(models.Model):
    """Another spelling of a person's name, as found in a document ("Amanda Muir" for Amanda Murr)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=150)
    note = models.CharField(max_length=300, blank=True, help_text="Why this alias exists, and where it was seen.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="core_personalias_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} → {self.person.name}"
