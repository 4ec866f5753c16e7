"""Members of a body by organisation, and its chairs' terms (seed 002:770-807)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from saferhub.groups.models.register import ElectionMethod


class MemberKind(models.TextChoices):
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted"
    TEMPORARY = "temporary", "Temporary member"


class GroupMembership(models.Model):
    """A person representing an organisation on a body for a period (co-opted and temporary members
    dated; seed 002:790, 002:804)."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="group_memberships")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="group_memberships")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=MemberKind.choices, default=MemberKind.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # OParl ``modified`` (an end date set later)

    class Meta:
        ordering = ["body", "organisation__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="groups_membership_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["person", "body"], name="groups_membership_person")]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class ChairTerm(models.Model):
    """A chair's (or co-chair's) term of office and the election that began it (seed 002:802, 001:690)."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="chair_terms")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="chair_terms")
    co_chair = models.BooleanField(default=False)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day of the term, from the ToR's term length.")
    method = models.CharField(max_length=20, choices=ElectionMethod.choices)
    elected_at = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "-start_date"]

    def __str__(self) -> str:
        return f"{'Co-chair' if self.co_chair else 'Chair'} of {self.body}: {self.person}"
