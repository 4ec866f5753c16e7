"""Cover reports on the committee's standard template (the template itself is data)."""

from __future__ import annotations

from django.db import models

#: The implications every report must address (seed 001:341-376). The wording of each heading is
#: configured on the template; these keys identify them.
IMPLICATION_KEYS = [
    "financial", "staff", "property", "it", "legal", "human_rights", "eqia", "dpia", "health_safety",
    "sustainability", "other", "risk",
]


class ReportTemplate(models.Model):
    """A committee's cover-report template: numbered sections with default wording and the
    implication headings. Partnerships edit it as data; no code changes."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="report_templates")
    name = models.CharField(max_length=120)
    sections = models.JSONField(
        help_text='[{"key": "background", "heading": "Background and Purpose", "default": "…"}, …] in order.'
    )
    implications = models.JSONField(
        help_text='[{"key": "financial", "heading": "Financial Implications", "default": "None."}, …]'
    )
    default_actions = models.JSONField(default=list, help_text="Default 'action required' lines (a), b), c)…).")
    is_default = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["committee", "name"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="papers_reporttemplate_unique")]

    def __str__(self) -> str:
        return self.name


class CoverReport(models.Model):
    """An officer's report to the committee under one agenda item (OParl Paper)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"

    agenda_item = models.OneToOneField("governance.AgendaItem", on_delete=models.CASCADE, related_name="cover_report")
    template = models.ForeignKey(ReportTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=300)
    responsible_cabinet_member = models.CharField(max_length=200, blank=True, default="N/A")
    responsible_director = models.CharField(max_length=250, blank=True)
    executive_summary = models.TextField()
    actions_required = models.JSONField(default=list, help_text="What the committee is asked to do: a), b), c)…")
    sections = models.JSONField(default=dict, help_text="Section text keyed by the template's section keys.")
    implications = models.JSONField(default=dict, help_text="Implication text keyed by the template's keys.")
    background_papers = models.TextField(blank=True)
    officer_name = models.CharField(max_length=150, blank=True)
    officer_phone = models.CharField(max_length=40, blank=True)
    officer_email = models.EmailField(blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.DRAFT)
    source_code = models.CharField(
        max_length=60, blank=True, help_text="The agenda-report source it was built from (core.agenda_reports), if any.")
    source_key = models.CharField(max_length=200, blank=True, help_text="The source's key for the report it built.")
    source_sections = models.JSONField(
        default=list, blank=True,
        help_text='A built report\'s own sections, [{"key": "s1", "heading": "…"}], used instead of the template\'s.')
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position"]

    def __str__(self) -> str:
        return self.title
