"""Minutes and their status, questions answered in writing, and the Chair's report upwards."""

from __future__ import annotations

from django.db import models


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published draft"
    CONFIRMED = "confirmed", "Confirmed"


class Minutes(models.Model):
    """The minutes of one meeting: drafted from its record, published as a draft, then confirmed as
    an accurate record at a later quorate meeting and signed by the Chair (seed 002:144)."""

    meeting = models.OneToOneField("governance.Meeting", on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="minutes_confirmed",
        help_text="The minutes item of the later meeting that confirmed them.",
    )
    confirmed_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"


class WrittenQuestion(models.Model):
    """A question raised under an item that the Partnership answers in writing, appended to the
    minutes (seed 002:266-311: six questions on 24 February 2022, numbered across items)."""

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="written_questions")
    agenda_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="written_questions"
    )
    number = models.PositiveSmallIntegerField()
    question = models.TextField()
    response = models.TextField(blank=True)
    response_from = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="papers_writtenquestion_number")]

    def __str__(self) -> str:
        return f"Q{self.number}: {self.question[:60]}"


class ChairReport(models.Model):
    """The Chair and Vice-Chair's written report of a meeting to the parent committee, generated
    from the decisions and recommendations and editable until sent (seed 002:193-194)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    meeting = models.OneToOneField("governance.Meeting", on_delete=models.CASCADE, related_name="chair_report")
    to_meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="chair_reports_received"
    )
    title = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title
