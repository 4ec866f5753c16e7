"""A body's register details and its Terms of Reference, versioned (seed 002:711-817)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q


class ElectionMethod(models.TextChoices):
    SIMPLE_MAJORITY = "simple_majority", "Simple majority of the members"
    UNANIMOUS = "unanimous", "Unanimous agreement"
    APPOINTED = "appointed", "Appointed (not elected)"
    NOT_RECORDED = "not_recorded", "Not recorded (chair known from the documents)"


class BodyProfile(models.Model):
    """What the register holds about a body besides ``governance.Committee``: its secretariat and,
    for an externally managed partnership, who runs it (seed 002:808, 003:867)."""

    body = models.OneToOneField("governance.Committee", on_delete=models.CASCADE, related_name="group_profile")
    secretariat = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The organisation whose team provides the secretariat.",
    )
    secretariat_team = models.CharField(max_length=200, blank=True, help_text='For example "NCC Community Safety team".')
    managed_by = models.CharField(max_length=200, blank=True, help_text="For an externally managed partnership: who runs it.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names the body appears under.")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Register entry: {self.body}"


class TermsOfReference(models.Model):
    """One version of a body's Terms of Reference, in force from ``in_force_from`` to ``in_force_to``
    (inclusive; empty while current). Versions of one body never overlap, so the rules that applied on
    any past date are those of exactly one version."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="tor_versions")
    version = models.CharField(max_length=20, help_text='As printed: "2.0".')
    document_date = models.CharField(max_length=40, blank=True, help_text='As printed: "Sept 2021".')
    reviewed_by = models.CharField(max_length=100, blank=True)
    in_force_from = models.DateField()
    in_force_to = models.DateField(null=True, blank=True)
    purpose = models.TextField(blank=True)
    key_activities = models.JSONField(default=list, blank=True)
    priorities = models.JSONField(
        default=list, blank=True,
        help_text='The group\'s priorities: [{"title": …, "delivery_actions": ["2.2"]}].',
    )
    accountability = models.TextField(blank=True)
    quorum = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    cadence_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Meets every so many months (3 = quarterly).",
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Or every so many weeks (six-weekly: 6).",
    )
    chair_term_months = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    chair_election_method = models.CharField(
        max_length=20, choices=ElectionMethod.choices, default=ElectionMethod.SIMPLE_MAJORITY
    )
    chair_from_members = models.BooleanField(default=True, help_text="The Chair is elected from within the group.")
    chair_re_electable = models.BooleanField(default=True)
    pre_agenda_days_before = models.PositiveSmallIntegerField(null=True, blank=True)
    papers_days_before = models.PositiveSmallIntegerField(null=True, blank=True)
    papers_clear_working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Papers out leaving this many clear working days (Sub Panel: 5)."
    )
    minutes_days_after = models.PositiveSmallIntegerField(null=True, blank=True)
    report_to_parent_months = models.PositiveSmallIntegerField(null=True, blank=True)
    absence_meetings = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="The roster flags a required organisation that attended none of the last so many meetings "
                  "(3 unless set).",
    )
    review_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Reviewed every so many months.")
    review_date = models.DateField(null=True, blank=True)
    agreed_at = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The meeting that agreed this version.",
    )
    source = models.CharField(max_length=100, blank=True, help_text="Where it is evidenced (seed 002:715-815).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "in_force_from"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="groups_tor_unique_version"),
            models.CheckConstraint(
                condition=Q(in_force_to__isnull=True) | Q(in_force_to__gte=F("in_force_from")),
                name="groups_tor_end_after_start",
            ),
        ]
        verbose_name = "terms of reference version"

    def __str__(self) -> str:
        return f"{self.body} Terms of Reference v{self.version}"


class RequiredMember(models.Model):
    """A member organisation the Terms of Reference require ("Norfolk Constabulary"), or a kind of
    organisation any of which fills the place ("District Councils")."""

    tor = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="required_members")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation_kind = models.CharField(max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tor", "position"]

    def __str__(self) -> str:
        return self.name
