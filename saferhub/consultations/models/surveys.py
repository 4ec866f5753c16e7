"""A consultation survey: its dates, retention, sections and questions (the builder's data)."""

from __future__ import annotations

from django.db import models

OTHER = "Other (please specify)"
PREFER_NOT = "Prefer not to say"
DONT_KNOW = "Don't know"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    GRID = "grid", "Likert grid"
    TEXT = "text", "Free text"


class Dimension(models.TextChoices):
    """What a demographic question measures (matched to the population baselines)."""

    NONE = "", "Not a demographic question"
    DISTRICT = "district", "District"
    AGE = "age", "Age band"
    GENDER = "gender", "Gender"
    ETHNICITY = "ethnicity", "Ethnic group"
    SEXUALITY = "sexuality", "Sexuality"
    RELIGION = "religion", "Religion"
    DISABILITY = "disability", "Disability"


class Survey(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    run_by = models.CharField(max_length=200, blank=True, help_text="Who runs the consultation and processes responses")
    introduction = models.TextField(blank=True)
    privacy_notice = models.TextField(blank=True)
    paper_instructions = models.TextField(blank=True, help_text="Where paper copies go once filled in")
    opens_on = models.DateField()
    closes_on = models.DateField()
    retention_days = models.PositiveIntegerField(
        default=730, help_text="Days after the closing date that responses are kept before they are anonymised")
    baseline_area = models.CharField(max_length=100, blank=True, help_text="The population respondents are compared with")
    opened_at = models.DateTimeField(
        null=True, blank=True, help_text="When staff opened the survey; until then it is a draft, never shown publicly")
    results_published_at = models.DateTimeField(null=True, blank=True)
    results_summary = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                              name="consultations_closes_after_opens")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        """A draft until staff open it (``actions.open_survey``): no public page, list or response."""
        return self.opened_at is None

    def status_on(self, today) -> str:
        """"draft", "not_open", "open" or "closed" (``rules.survey_status``)."""
        from saferhub.consultations.rules import survey_status

        return survey_status(self.opens_on, self.closes_on, today, opened=not self.is_draft)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    key = models.SlugField(max_length=60, help_text="Its address in the form: /questions/<key>/")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=False)
    options = models.JSONField(default=list, blank=True, help_text="Choices, or the grid's columns")
    rows = models.JSONField(default=list, blank=True, help_text="A grid's rows (the statements)")
    other_option = models.BooleanField(default=False, help_text='Adds "Other (please specify)" with a text box')
    prefer_not_option = models.BooleanField(default=False, help_text='Adds "Prefer not to say"')
    dont_know_option = models.BooleanField(default=False, help_text="Adds a \"Don't know\" column to a grid")
    comment_prompt = models.CharField(max_length=200, blank=True, help_text="A comments box under the question")
    dimension = models.CharField(max_length=20, choices=Dimension.choices, blank=True, default="")
    asks_personal = models.BooleanField(
        default=False, help_text="The answer may identify the person (name, email, address): removed at retention")
    max_length = models.PositiveIntegerField(default=5000)

    class Meta:
        ordering = ["survey", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="consultations_question_key_unique")]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        """Every choice the form offers, in order (the grid's columns for a grid)."""
        extra = []
        if self.kind == QuestionKind.GRID:
            extra = [DONT_KNOW] if self.dont_know_option else []
        else:
            extra = ([OTHER] if self.other_option else []) + ([PREFER_NOT] if self.prefer_not_option else [])
        return list(self.options) + [e for e in extra if e not in self.options]

    def spec(self):
        """The question as the rules see it (``rules.QuestionSpec``)."""
        from saferhub.consultations.rules import QuestionSpec

        return QuestionSpec(key=self.key, kind=self.kind, text=self.text, required=self.required,
                            choices=tuple(self.choices), rows=tuple(self.rows), other=self.other_option,
                            comment=bool(self.comment_prompt), max_length=self.max_length)
