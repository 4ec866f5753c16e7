"""The forward work programme, items identified for future meetings, and responses to
recommendations."""

from __future__ import annotations

from django.db import models


class WorkProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ON_AGENDA = "on_agenda", "On an agenda"
    CONSIDERED = "considered", "Considered"
    CARRIED_FORWARD = "carried_forward", "Carried forward"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The four questions a panel asks of a proposed work-programme item (seed 001:1038-1041), by field.
SCOPING_QUESTIONS = [
    ("scoping_influence", "Is it something the panel can change or influence?"),
    ("scoping_benefit", "What benefits could scrutiny bring to this issue?"),
    ("scoping_method", "How can the panel best carry out work on the subject?"),
    ("scoping_outcomes", "What would the best outcomes be?"),
]


class WorkProgrammeEntry(models.Model):
    """A row of the forward work programme: when, which report, issues for consideration, who is
    invited (seed 002:1923-1929)."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="work_programme")
    target_meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="work_programme_entries"
    )
    target_label = models.CharField(
        max_length=120, blank=True, help_text='When there is no meeting yet: "September 2022 (to be confirmed)".'
    )
    target_date = models.DateField(help_text="For ordering: the meeting's date or the first of the month meant.")
    report = models.CharField(max_length=300)
    issues = models.TextField(blank=True, help_text="Issues for consideration, one per line.")
    invited = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=WorkProgrammeStatus.choices, default=WorkProgrammeStatus.PLANNED)
    added_by_decision = models.ForeignKey(
        "governance.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="work_programme_additions"
    )
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to")
    agenda_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="work_programme_entries"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # The panel's four scoping questions, answered before a proposed item is scheduled (seed 001:1038-1041).
    scoping_influence = models.TextField(blank=True, help_text="Is it something the panel can change or influence?")
    scoping_benefit = models.TextField(blank=True, help_text="What benefits could scrutiny bring to this issue?")
    scoping_method = models.TextField(blank=True, help_text="How can the panel best carry out work on the subject?")
    scoping_outcomes = models.TextField(blank=True, help_text="What would the best outcomes be?")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["committee", "target_date", "position", "id"]
        verbose_name_plural = "work programme entries"

    def __str__(self) -> str:
        return f"{self.target_label or self.target_date}: {self.report}"

    @property
    def scoping(self) -> list[tuple[str, str]]:
        """The scoping questions with this entry's answers, in the seed's order (empty if unanswered)."""
        answers = [self.scoping_influence, self.scoping_benefit, self.scoping_method, self.scoping_outcomes]
        if not any(a.strip() for a in answers):
            return []
        return [(q, a) for (_, q), a in zip(SCOPING_QUESTIONS, answers, strict=True)]

    @property
    def when(self) -> str:
        if self.target_meeting_id and self.target_meeting.date_precision == "day":
            return f"{self.target_meeting.date.day} {self.target_meeting.date:%B %Y}"
        return self.target_label or f"{self.target_date:%B %Y}"


class FutureItem(models.Model):
    """An item identified for consideration at a future meeting, without a date yet (seed 002:1931-1937)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ADDRESSED = "addressed", "Addressed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="future_items")
    text = models.TextField()
    agreed_at = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["committee", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class RecommendationResponse(models.Model):
    """The addressee's response to a recommendation, and the report that answered it."""

    recommendation = models.ForeignKey("governance.Recommendation", on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(max_length=20)
    response = models.TextField()
    responded_on = models.DateField()
    answered_by = models.ForeignKey(
        "papers.CoverReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="answers",
        help_text="The report in which the Partnership answered.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "responded_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} – {self.recommendation}"

    def get_status_display(self) -> str:
        from saferhub.governance.models import RecommendationStatus

        return RecommendationStatus(self.status).label
