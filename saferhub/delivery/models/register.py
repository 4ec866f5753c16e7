"""The versioned action register: a delivery plan version (``DeliveryPlan``: draft, final, revised),
its action rows (``DeliveryAction``, numbered as printed in that version) and each action's stable
identity across versions (``ActionIdentity``): the draft's 1.13 and 1.16 are the final plan's "1.14"
and "1.17" (seed 002:181-186), so a number is never the key."""

from __future__ import annotations

from django.db import models


class VersionStage(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"
    REVISED = "revised", "Revised"
    EXTRACT = "extract", "Extract with updates"


class DeliveryPlan(models.Model):
    """One version of a delivery plan ("Delivery plan for the Safer Norfolk Plan 2021-24", draft of
    September 2021). ``plan`` links it to the strategic plan; the importer may create a version before
    the plan's structure is loaded."""

    title = models.CharField(max_length=300)
    partnership = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="delivery_plans"
    )
    period = models.CharField(max_length=40, blank=True, help_text="For example 2021-24.")
    version_date = models.DateField(null=True, blank=True, help_text="The date of the papers the plan was published in.")
    created_at = models.DateTimeField(auto_now_add=True)
    plan = models.ForeignKey("delivery.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="versions")
    stage = models.CharField(max_length=10, choices=VersionStage.choices, default=VersionStage.DRAFT)
    label = models.CharField(max_length=120, blank=True, help_text="For example “Draft, September 2021”.")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_versions")
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    is_partial = models.BooleanField(default=False, help_text="Holds only the rows the sources show; rows it "
                                     "does not list are not removed.")

    class Meta:
        ordering = ["title", "version_date"]
        verbose_name = "delivery plan version"
        constraints = [
            models.UniqueConstraint(fields=["title", "version_date"], name="delivery_plan_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.label})" if self.label else self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ActionIdentity(models.Model):
    """An action of the plan across its versions; ``key`` is stable and never shown as a number."""

    plan = models.ForeignKey("delivery.Plan", on_delete=models.CASCADE, related_name="action_identities")
    key = models.SlugField(max_length=60)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "key"]
        verbose_name_plural = "action identities"
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="delivery_identity_unique_key")]

    def __str__(self) -> str:
        return self.key


class DueKind(models.TextChoices):
    DATE = "date", "Date"
    ONGOING = "ongoing", "Ongoing"
    TBC = "tbc", "To be confirmed"
    UNKNOWN = "unknown", "Not known"


class DeliveryAction(models.Model):
    """One row of an action table in one version; ``number`` is as printed there ("1.14"); ``due`` and
    ``owner`` keep the source's text, ``due_kind``/``due_date`` and ``owners`` are what it means."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=12)
    theme = models.CharField(max_length=200, blank=True, help_text="The heading the action sits under (“Fraud”).")
    action = models.TextField()
    success_measure = models.TextField(blank=True)
    owner = models.CharField(max_length=300, blank=True)
    due = models.CharField(max_length=100, blank=True, help_text="As printed: a date, “Ongoing” or “TBC”.")
    update = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    identity = models.ForeignKey(ActionIdentity, null=True, blank=True, on_delete=models.PROTECT, related_name="rows")
    due_kind = models.CharField(max_length=10, choices=DueKind.choices, default=DueKind.UNKNOWN)
    due_date = models.DateField(null=True, blank=True)
    due_flag = models.CharField(max_length=200, blank=True, help_text="What reading the printed date needed.")
    cross_references = models.JSONField(default=list, blank=True,
                                        help_text="For example “CLSG Action 2”, “Prevent Duty Benchmark 9”.")
    outcomes = models.ManyToManyField("delivery.Outcome", blank=True, related_name="actions")

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="delivery_action_unique_number"),
            models.UniqueConstraint(fields=["plan", "identity"], name="delivery_action_unique_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.action[:60]}"

    @property
    def due_text(self) -> str:
        if self.due_kind == DueKind.DATE and self.due_date:
            return self.due_date.strftime("%B %Y")
        return DueKind(self.due_kind).label


class ActionOwner(models.Model):
    """An owner of an action row: an organisation (an agency) or a partnership group (a
    ``governance.Committee``), never free text (seed 003:1545-1733 lists several per action)."""

    action = models.ForeignKey(DeliveryAction, on_delete=models.CASCADE, related_name="owners")
    position = models.PositiveSmallIntegerField(default=0)
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="delivery_actions_owned")
    body = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="delivery_actions_owned")

    class Meta:
        ordering = ["action", "position"]
        constraints = [
            models.CheckConstraint(condition=(models.Q(organisation__isnull=False) & models.Q(body__isnull=True))
                                   | (models.Q(organisation__isnull=True) & models.Q(body__isnull=False)),
                                   name="delivery_owner_exactly_one"),
        ]

    def __str__(self) -> str:
        return str(self.body or self.organisation)

    @property
    def party(self):
        return self.body or self.organisation
