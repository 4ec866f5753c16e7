"""Publishing a meeting's papers, and each committee's paper settings (wording as data)."""

from __future__ import annotations

from django.db import models


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class PaperSettings(models.Model):
    """What a committee's agendas and minutes say that is not about one meeting. All wording here
    is configuration; Norfolk's defaults are loaded from papers/data/norfolk_papers.yaml."""

    committee = models.OneToOneField("governance.Committee", on_delete=models.CASCADE, related_name="paper_settings")
    publication_clear_days = models.PositiveSmallIntegerField(
        default=5, help_text="Clear working days the agenda must be open to inspection before the meeting (England: 5)."
    )
    advice_for_public = models.TextField(blank=True)
    declarations_guidance = models.TextField(blank=True, help_text="Printed under the declarations item.")
    apologies_item_title = models.CharField(max_length=200, default="Apologies and substitutes")
    minutes_item_title = models.CharField(max_length=200, default="Minutes")
    declarations_item_title = models.CharField(max_length=200, default="Declarations of interest")
    urgent_item_title = models.CharField(max_length=300, default="Urgent business")
    election_items = models.BooleanField(default=True, help_text="Elect a Chair and Vice-Chair at the first meeting of the civic year.")
    terms_of_reference_review = models.BooleanField(default=True, help_text="Review the Terms of Reference at the first meeting of the civic year.")
    work_programme_item_title = models.CharField(max_length=200, default="Forward Work Programme")
    work_programme_item_description = models.CharField(max_length=300, blank=True)
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(max_length=150, blank=True)
    signatory_address = models.TextField(blank=True)
    delegation_wording = models.TextField(
        blank=True,
        help_text="The standard decision delegating the report to the parent committee. Placeholder: {date}.",
    )
    minutes_footer = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Paper settings for {self.committee}"


class MeetingPapers(models.Model):
    """A meeting's agenda: when it is (or will be) published, and the notice to the public."""

    meeting = models.OneToOneField("governance.Meeting", on_delete=models.CASCADE, related_name="papers")
    status = models.CharField(max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT)
    publish_at = models.DateTimeField(null=True, blank=True, help_text="When a scheduled publication happens.")
    published_at = models.DateTimeField(null=True, blank=True)
    advice_for_public = models.TextField(blank=True, help_text="Overrides the committee's usual advice for this meeting.")
    pack_pages = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "meeting papers"

    def __str__(self) -> str:
        return f"Papers for {self.meeting}"


class SupplementaryPack(models.Model):
    """Papers published after the agenda pack (a late report), in a pack of their own: numbered 1, 2, …
    for the meeting, with page numbers that continue from the pack before it, its own publication date
    and, when it is published later than the clear days before the meeting, the reason the Chair takes
    the papers as a matter of urgency (Local Government Act 1972, s.100B(4)(b)). Its documents are the
    meeting's ``supplementary_pack`` documents whose ``position`` is this pack's number."""

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.CASCADE, related_name="supplementary_packs")
    number = models.PositiveSmallIntegerField()
    reports = models.ManyToManyField("papers.CoverReport", related_name="supplementary_packs")
    first_page = models.PositiveIntegerField(help_text="Its first page number: the page after the pack before it.")
    pages = models.PositiveIntegerField(default=0)
    late = models.BooleanField(default=False, help_text="Published after the last day for the meeting's papers.")
    reason = models.TextField(blank=True, help_text="Why the papers are late and why they cannot wait (s.100B(4)(b)).")
    published_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="papers_supplementarypack_unique_number")]

    def __str__(self) -> str:
        return f"Supplementary agenda pack {self.number} for {self.meeting}"

    @property
    def last_page(self) -> int:
        return self.first_page + max(self.pages, 1) - 1
