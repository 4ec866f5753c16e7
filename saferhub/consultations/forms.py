"""Forms: one question's answer (the public form, one question per page, and the paper return), and the
builder's forms. Choices are checked by ``rules.clean_answer`` (a tampered value gets a message, not a 500)."""

from __future__ import annotations

from django import forms

from saferhub.consultations import rules
from saferhub.consultations.models import Channel, Dimension, Question, QuestionKind
from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import WIDGET_TEMPLATES, GovukDateField, GovukForm


class AnswerForm(GovukForm):
    """The answer to one question. ``heading`` makes the question the page's h1 (GOV.UK question pages);
    ``keyed_in`` drops the required check (a paper form may leave a question blank)."""

    def __init__(self, question: Question, *args, heading: bool = True, keyed_in: bool = False, **kwargs):
        self.question, self.keyed_in = question, keyed_in
        super().__init__(*args, **kwargs)
        q = question
        label = q.text + ("" if q.required or keyed_in else " (optional)")
        if q.kind == QuestionKind.GRID:
            for i, row in enumerate(q.rows):
                self.fields[f"row_{i}"] = forms.CharField(
                    label=row, required=False, widget=forms.RadioSelect(choices=[(c, c) for c in q.choices]))
                self.fields[f"row_{i}"].legend_size = "m"
                self.fields[f"row_{i}"].widget.attrs["small"] = True
        elif q.kind == QuestionKind.TEXT:
            self.fields["answer"] = forms.CharField(label=label, required=False, help_text=q.hint,
                                                    widget=forms.Textarea(attrs={"rows": 6}))
        else:
            widget = forms.CheckboxSelectMultiple if q.kind == QuestionKind.MULTIPLE else forms.RadioSelect
            field_class = forms.MultipleChoiceField if q.kind == QuestionKind.MULTIPLE else forms.CharField
            field = field_class(label=label, required=False, help_text=q.hint or (
                "Select all that apply." if q.kind == QuestionKind.MULTIPLE else ""),
                widget=widget(choices=[(c, c) for c in q.choices]))
            if q.kind == QuestionKind.MULTIPLE:
                field.choices = [(c, c) for c in q.choices]
                field.valid_value = lambda value: True  # rules.clean_answer checks the choices
            self.fields["answer"] = field
            if q.other_option:
                self.fields["other"] = forms.CharField(label="If other, please specify", required=False)
        if "answer" in self.fields:
            self.fields["answer"].page_heading = heading
            self.fields["answer"].legend_size = "m"
            self.fields["answer"].label_size = "m"
        if q.comment_prompt:
            self.fields["comment"] = forms.CharField(label=q.comment_prompt, required=False,
                                                     widget=forms.Textarea(attrs={"rows": 4}))
        self._govuk_markup()

    def _govuk_markup(self) -> None:
        """Give the fields added above the markup ``GovukFormMixin`` gives declared fields."""
        for field in self.fields.values():
            field.template_name = self.field_template
            widget = field.widget
            for widget_class, template in WIDGET_TEMPLATES.items():
                if isinstance(widget, widget_class):
                    widget.template_name = template
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "govuk-textarea")
            elif isinstance(widget, forms.TextInput):
                widget.attrs.setdefault("class", "govuk-input")

    def raw(self) -> dict:
        """What was posted, in the shape ``rules.clean_answer`` reads."""
        data = self.cleaned_data
        q = self.question
        raw: dict = {"other": data.get("other", ""), "comment": data.get("comment", "")}
        if q.kind == QuestionKind.GRID:
            raw["grid"] = {row: data.get(f"row_{i}") or "" for i, row in enumerate(q.rows)}
        elif q.kind == QuestionKind.TEXT:
            raw["text"] = data.get("answer", "")
        else:
            value = data.get("answer") or []
            raw["values"] = list(value) if isinstance(value, list | tuple) else [value]
        return raw

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        spec = self.question.spec()
        if self.keyed_in:
            spec = rules.QuestionSpec(**{**spec.__dict__, "required": False})
        try:
            self.answer = rules.clean_answer(spec, self.raw())
        except RuleViolation as exc:
            self._attach(exc)
        return cleaned

    def _attach(self, exc: RuleViolation) -> None:
        if exc.field in ("other", "comment") and exc.field in self.fields:
            self.add_error(exc.field, exc.text)
        elif "answer" in self.fields:
            self.add_error("answer", exc.text)
        else:  # a grid: the first statement without a valid answer
            spec = self.question.spec()
            for i in range(len(self.question.rows)):
                if (self.cleaned_data.get(f"row_{i}") or "") not in spec.choices:
                    self.add_error(f"row_{i}", exc.text)
                    return
            self.add_error(None, exc.text)

    def initial_from(self, stored: dict | None) -> None:
        """Fill the form from the answer kept in the session."""
        if not stored:
            return
        q = self.question
        self.initial.update({"other": stored.get("other", ""), "comment": stored.get("comment", "")})
        if q.kind == QuestionKind.GRID:
            for i, row in enumerate(q.rows):
                self.initial[f"row_{i}"] = (stored.get("grid") or {}).get(row, "")
        elif q.kind == QuestionKind.TEXT:
            self.initial["answer"] = stored.get("text", "")
        elif q.kind == QuestionKind.MULTIPLE:
            self.initial["answer"] = stored.get("values") or []
        else:
            self.initial["answer"] = (stored.get("values") or [""])[0]


class HoneypotForm(GovukForm):
    """The check-answers form: a field people leave empty and form-filling robots do not."""

    website = forms.CharField(label="Leave this field empty", required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def is_spam(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class ChannelForm(GovukForm):
    channel = forms.ChoiceField(label="How was this response received?",
                                choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
                                widget=forms.RadioSelect)


class SurveyForm(GovukForm):
    slug = forms.SlugField(label="Web address", help_text="Lower case letters, numbers and hyphens, for example "
                           "community-safety-2025", max_length=80)
    title = forms.CharField(label="Title", max_length=200)
    run_by = forms.CharField(label="Run by", max_length=200, required=False)
    introduction = forms.CharField(label="Introduction", widget=forms.Textarea, required=False)
    privacy_notice = forms.CharField(label="Privacy notice", widget=forms.Textarea, required=False)
    paper_instructions = forms.CharField(label="Paper copies", widget=forms.Textarea, required=False)
    opens_on = GovukDateField(label="Opening date")
    closes_on = GovukDateField(label="Closing date")
    retention_days = forms.IntegerField(label="Keep responses for (days after closing)", min_value=1,
                                        max_value=36500, initial=730)
    baseline_area = forms.CharField(label="Population to compare with", max_length=100, required=False,
                                    initial="Norfolk")


class ScheduleForm(GovukForm):
    opens_on = GovukDateField(label="Opening date")
    closes_on = GovukDateField(label="Closing date")
    retention_days = forms.IntegerField(label="Keep responses for (days after closing)", min_value=1,
                                        max_value=36500)


class SectionForm(GovukForm):
    title = forms.CharField(label="Section title", max_length=200)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(GovukForm):
    key = forms.SlugField(label="Key", max_length=60, help_text="A short name for its address, for example age")
    kind = forms.ChoiceField(label="Type of question", choices=QuestionKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Question", max_length=300)
    hint = forms.CharField(label="Hint", widget=forms.Textarea, required=False)
    required = forms.BooleanField(label="The question must be answered", required=False)
    section = forms.TypedChoiceField(label="Section", required=False, coerce=int, empty_value=None)
    options = forms.CharField(label="Choices (or the grid's answers)", widget=forms.Textarea, required=False,
                              help_text="One a line")
    rows = forms.CharField(label="Grid statements", widget=forms.Textarea, required=False,
                           help_text="One a line; for a grid only")
    other_option = forms.BooleanField(label='Offer "Other (please specify)"', required=False)
    prefer_not_option = forms.BooleanField(label='Offer "Prefer not to say"', required=False)
    dont_know_option = forms.BooleanField(label="Offer \"Don't know\" (grid)", required=False)
    comment_prompt = forms.CharField(label="Comments box label", max_length=200, required=False,
                                     help_text="Leave empty for no comments box")
    dimension = forms.ChoiceField(label="Demographic question about", choices=Dimension.choices, required=False)
    asks_personal = forms.BooleanField(label="The answer may identify the person (removed at retention)",
                                       required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "No section")] + [(s.pk, s.title) for s in sections]
        self.sections = {s.pk: s for s in sections}

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"], data["rows"] = _lines(data["options"]), _lines(data["rows"])
        data["section"] = self.sections.get(data["section"])
        return data


class ThemeForm(GovukForm):
    label = forms.CharField(label="New theme", max_length=200)


class PublishForm(GovukForm):
    summary = forms.CharField(label="Summary for the results page", widget=forms.Textarea, required=False)
