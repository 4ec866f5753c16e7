"""Forms for entering a return's figures (built from its definition) and uploading a CSV."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _name(key: str, index: int | None = None) -> str:
    return f"f_{key}" if index is None else f"f_{key}__{index}"


class FiguresForm(GovukForm):
    """One input per figure; a breakdown gives one per category."""

    def __init__(self, definition, *args, geographies: list[str] | None = None, **kwargs):
        self.definition = definition
        geographies = definition.geographies if geographies is None else geographies
        fields = {
            "period_start": GovukDateField(label="First day of the period"),
            "period_end": GovukDateField(label="Last day of the period"),
            "geography": forms.ChoiceField(label="Geography", choices=[(g, g) for g in geographies]),
        }
        for field in definition.fields.all():
            if field.kind == "breakdown":
                for i, cat in enumerate(field.categories):
                    fields[_name(field.key, i)] = forms.CharField(label=f"{field.label} – {cat}", required=False,
                                                                  max_length=20)
            elif field.kind == "text":
                fields[_name(field.key)] = forms.CharField(label=field.label, required=False, max_length=10_000,
                                                           widget=forms.Textarea)
            else:
                suffix = " (%)" if field.kind == "percentage" else ""
                fields[_name(field.key)] = forms.CharField(label=field.label + suffix, required=False, max_length=20)
        fields["note"] = forms.CharField(label="Note (optional)", required=False, max_length=5000,
                                         widget=forms.Textarea)
        fields["flag_reason"] = forms.CharField(
            label="Reason to keep figures that break a rule (optional)", required=False, max_length=2000,
            help_text="Only if the figures break a rule between fields: they are then saved as a flagged draft.",
            widget=forms.Textarea)
        # The fields come from the return's definition; GovukForm styles them in its __init__.
        self.base_fields = fields
        self.widths = {name: "govuk-input--width-10" for name in fields if name.startswith("f_")}
        super().__init__(*args, **kwargs)

    def values(self) -> dict:
        data, out = self.cleaned_data, {}
        for field in self.definition.fields.all():
            if field.kind == "breakdown":
                parts = {c: data.get(_name(field.key, i)) for i, c in enumerate(field.categories)}
                parts = {c: v for c, v in parts.items() if v}
                if parts:
                    out[field.key] = parts
            elif data.get(_name(field.key)):
                out[field.key] = data[_name(field.key)]
        return out


class UploadForm(GovukForm):
    file = forms.FileField(label="CSV file", help_text="One row per period and geography; at most 2 MB.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be a CSV file saved as UTF-8.") from None


class ConfirmForm(forms.Form):
    csv_text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_UPLOAD_BYTES)


class ExerciseForm(GovukForm):
    name = forms.CharField(label="Name of the exercise", max_length=200, required=False,
                           help_text="For example “Prevent benchmarking review 2023”.")
    started_on = GovukDateField(label="Started on", error_messages={"required": "Enter the date the exercise started."})
    review_due = GovukDateField(label="Review due (optional)", required=False)
    with_whom = forms.CharField(label="Done with (optional)", max_length=300, required=False,
                                help_text="For example the Regional Prevent Advisor and partners.")


class RatingForm(GovukForm):
    rating = forms.ChoiceField(label="Rating", widget=forms.RadioSelect, choices=[],
                               error_messages={"required": "Choose a rating."})
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=5000)
    owner = forms.TypedChoiceField(label="Owner (optional)", choices=[], coerce=int, required=False, empty_value=None)
    review_on = GovukDateField(label="Review date (optional)", required=False)
    plan_actions = forms.CharField(label="Delivery plan actions (optional)", required=False, max_length=200,
                                   help_text="Their numbers, separated by commas, for example 2.8, 2.11.")

    def __init__(self, *args, scale=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [(s, s) for s in scale]
        self.fields["owner"].choices = [("", "No owner recorded"), *[(o.pk, o.name) for o in organisations]]

    def clean_plan_actions(self):
        return [a.strip() for a in self.cleaned_data["plan_actions"].split(",") if a.strip()]


class CompleteExerciseForm(GovukForm):
    completed_on = GovukDateField(label="Completed on",
                                  error_messages={"required": "Enter the date the exercise was completed."})


class ChannelThresholdForm(GovukForm):
    missed_percent = forms.IntegerField(
        label="Flag a sector that missed more than this share of the meetings (%)", min_value=0, max_value=100,
        error_messages={"required": "Enter a whole per cent from 0 to 100.",
                        "invalid": "Enter a whole per cent from 0 to 100.",
                        "min_value": "Enter a whole per cent from 0 to 100.",
                        "max_value": "Enter a whole per cent from 0 to 100."})
    widths = {"missed_percent": "govuk-input--width-3"}
