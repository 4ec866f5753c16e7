"""The Plan's forms (GOV.UK fields)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm
from saferhub.core.models import Organisation
from saferhub.delivery.models import Frequency

MAX_CSV_BYTES = 5 * 1024 * 1024


class ValuesUploadForm(GovukForm):
    file = forms.FileField(label="CSV file", required=False, help_text=(
        "Columns: measure,period_start,period_end,geography,area,value,note. The measure is its outcome and "
        "position, for example 12.11. Dates are YYYY-MM-DD. At most 5 MB."))
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_CSV_BYTES:
                self.add_error("file", "The file must be smaller than 5 MB.")
                return data
            try:
                data["csv_text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "The file must be a CSV saved as UTF-8.")
        elif not data.get("csv_text"):
            self.add_error("file", "Select a CSV file.")
        return data


class RoundUpdateForm(GovukForm):
    """An update in a reporting round: the period and the due date are the round's."""

    rag = forms.ChoiceField(label="RAG status", widget=forms.RadioSelect, required=False,
                            choices=[("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("complete", "Complete"),
                                     ("not_started", "Not started")])
    status = forms.CharField(label="Status (optional)", required=False, max_length=200)
    commentary = forms.CharField(label="Update", widget=forms.Textarea, required=False, max_length=5000)
    evidence = forms.CharField(label="Evidence (optional; needed for Complete)", widget=forms.Textarea,
                               required=False, max_length=5000)


class ActionUpdateForm(RoundUpdateForm):
    """An update outside a round: the owner says which period it covers and when it was due."""

    period_end = GovukDateField(label="End of the reporting period",
                                error_messages={"required": "Enter the date the reporting period ended."})
    due_by = GovukDateField(label="Date the update was due",
                            error_messages={"required": "Enter the date the update was due."})


class RoundForm(GovukForm):
    title = forms.CharField(label="Name of the round", max_length=120, required=False,
                            help_text="For example “Quarter 2, 2022 to 2023”, or the Sub Panel meeting it reports to.")
    period_start = GovukDateField(label="Start of the reporting period",
                                  error_messages={"required": "Enter the date the reporting period starts."})
    period_end = GovukDateField(label="End of the reporting period",
                                error_messages={"required": "Enter the date the reporting period ends."})
    due_by = GovukDateField(label="Updates due by", help_text="Owners who have not written an update by this "
                            "date are shown as overdue.",
                            error_messages={"required": "Enter the date owners' updates are due."})


class DutyScheduleForm(GovukForm):
    first_due = GovukDateField(label="First due date", help_text="Later due dates follow from how often it falls due.",
                               error_messages={"required": "Enter the date the duty first falls due."})
    frequency = forms.ChoiceField(label="How often it falls due", widget=forms.RadioSelect, choices=Frequency.choices,
                                  error_messages={"required": "Choose how often the duty falls due."})


class DutyRecordForm(GovukForm):
    due_on = forms.TypedChoiceField(label="Which due date does this meet?", widget=forms.RadioSelect, choices=[],
                                    coerce=lambda v: dt.date.fromisoformat(v),
                                    error_messages={"required": "Choose the due date this record meets."})
    done_on = GovukDateField(label="Date it was done", error_messages={"required": "Enter the date it was done."})
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea, required=False, max_length=5000,
                               help_text="What was published, held or shared, and where it can be found.")
    link = forms.URLField(label="Link to the evidence (optional)", required=False, max_length=500, assume_scheme="https",
                          error_messages={"invalid": "Enter a web address starting with https://"})

    def __init__(self, *args, due_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].choices = [(d.isoformat(), f"{d:%-d %B %Y}") for d in due_dates]


class FundForm(GovukForm):
    name = forms.CharField(label="Name of the fund", max_length=200, required=False,
                           help_text="For example “Community Safety Fund 2023 to 2024”.")
    amount = forms.DecimalField(label="Amount, in pounds", min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
                                error_messages={"required": "Enter the fund's amount, in pounds.",
                                                "invalid": "Enter the amount as a number, like 22875 or 22875.50.",
                                                "min_value": "Enter the fund's amount, more than £0."})
    source = forms.CharField(label="Where it is recorded (optional)", max_length=200, required=False,
                             help_text="For example the paper or grant letter that sets it.")
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=5000)


class AllocationForm(GovukForm):
    fund = forms.TypedChoiceField(label="Fund", choices=[], coerce=int,
                                  error_messages={"required": "Choose the fund the money comes from."})
    action = forms.TypedChoiceField(label="Action (or name a project below)", choices=[], coerce=int, required=False,
                                    empty_value=None)
    project = forms.CharField(label="Project (if not an action of the plan)", required=False, max_length=200)
    amount = forms.DecimalField(label="Amount, in pounds", min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
                                error_messages={"required": "Enter the amount allocated, in pounds.",
                                                "invalid": "Enter the amount as a number, like 2500 or 2500.50.",
                                                "min_value": "Enter an amount greater than £0."})
    allocated_on = GovukDateField(label="Date allocated", error_messages={"required": "Enter the date it was allocated."})

    def __init__(self, *args, funds=(), rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = [("", "Choose a fund"), *[(f.pk, f.name) for f in funds]]
        self.fields["action"].choices = [("", "Not an action: a project"),
                                         *[(r.identity_id, f"{r.number} {r.action[:80]}") for r in rows if r.identity_id]]


class SpendForm(GovukForm):
    spent = forms.DecimalField(label="Spent so far, in pounds", min_value=Decimal(0), max_digits=12, decimal_places=2,
                               error_messages={"required": "Enter what has been spent, in pounds.",
                                               "invalid": "Enter the spend as a number, like 1200.",
                                               "min_value": "Enter what has been spent, £0 or more."})
    evaluation = forms.CharField(label="Evaluation (optional)", widget=forms.Textarea, required=False, max_length=5000,
                                 help_text="What the money achieved and how that is known.")


class RenumberForm(GovukForm):
    """Give one action of an unpublished version a new number."""

    row = forms.TypedChoiceField(label="Action", coerce=int, required=False, empty_value=None)
    number = forms.CharField(label="New number", max_length=20, required=False,
                             help_text="As printed in this version, for example 1.14.")

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].choices = [("", "Choose an action")] + [
            (r.pk, f"{r.number} {' '.join(r.action.split()[:10])}") for r in rows]

    def clean(self):
        data = super().clean()
        if not data.get("row"):
            self.add_error("row", "Choose the action to renumber.")
        if not (data.get("number") or "").strip():
            self.add_error("number", "Enter the action's new number.")
        return data


class ValueForm(GovukForm):
    """One value of a measure, for a period of whole months and an area."""

    period_start = GovukDateField(label="Start of the period", help_text="The first day of a month, for example "
                                  "1 4 2022.", error_messages={"required": "Enter the date the period starts."})
    period_end = GovukDateField(label="End of the period", help_text="The last day of a month, for example 30 6 2022.",
                                error_messages={"required": "Enter the date the period ends."})
    geography = forms.ChoiceField(label="Level", widget=forms.RadioSelect, initial="county",
                                  choices=[("county", "County"), ("district", "District"), ("locality", "Locality")],
                                  error_messages={"required": "Select county, district or locality."})
    area = forms.CharField(label="District or locality (not needed for the county)", max_length=100, required=False)
    value = forms.DecimalField(label="Value", max_digits=14, decimal_places=2,
                               error_messages={"required": "Enter the value.", "invalid": "The value must be a number."})
    data_quality_note = forms.CharField(label="Data quality note (optional)", widget=forms.Textarea(attrs={"rows": 3}),
                                        required=False, max_length=2000)


class MeasureTargetForm(GovukForm):
    """A measure's baseline, target, intended direction and data-quality note."""

    direction = forms.ChoiceField(label="Intended direction", widget=forms.RadioSelect, choices=[
        ("decrease", "Decrease"), ("increase", "Increase"),
        ("neutral", "Neutral: a change may reflect reporting, not the problem (no target)"),
        ("not_stated", "Not stated")], error_messages={"required": "Select the intended direction."})
    frequency = forms.ChoiceField(label="How often it is reported", widget=forms.RadioSelect, required=False,
                                  choices=[("quarterly", "Quarterly"), ("monthly", "Monthly"),
                                           ("annual", "Yearly (calendar or financial year)"),
                                           ("", "Not stated: accept any whole months")],
                                  help_text="A value for a different length of period is refused.")
    baseline_value = forms.DecimalField(label="Baseline (optional)", max_digits=14, decimal_places=2, required=False,
                                        error_messages={"invalid": "The baseline must be a number."})
    baseline_label = forms.CharField(label="Period of the baseline (optional)", max_length=60, required=False,
                                     help_text="For example “2019 to 2020”.")
    target_value = forms.DecimalField(label="Target (optional)", max_digits=14, decimal_places=2, required=False,
                                      error_messages={"invalid": "The target must be a number."})
    data_quality_note = forms.CharField(label="Data quality note (optional)", widget=forms.Textarea(attrs={"rows": 3}),
                                        required=False, max_length=2000)


class RagDefinitionsForm(GovukForm):
    """What each RAG status means, in the partnership's words (at most 300 characters each)."""

    red = forms.CharField(label="Red", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)
    amber = forms.CharField(label="Amber", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)
    green = forms.CharField(label="Green", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)
    complete = forms.CharField(label="Complete", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                               max_length=1000)
    not_started = forms.CharField(label="Not started", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                  max_length=1000)


class StartVersionForm(GovukForm):
    """A new version of the plan, starting as a copy of the published one."""

    label = forms.CharField(label="Name of the new version", max_length=120, required=False,
                            help_text="For example “Revised, April 2025”.",
                            error_messages={"required": "Enter a name for the new version."})
    version_date = GovukDateField(label="Date of the version", help_text="For example the date of the meeting "
                                  "that agrees it, 1 4 2025.",
                                  error_messages={"required": "Enter the date of the new version."})

    def clean(self):
        data = super().clean()
        if not (data.get("label") or "").strip():
            self.add_error("label", "Enter a name for the new version.")
        return data


DUE_CHOICES = [("date", "A date"), ("ongoing", "Ongoing"), ("tbc", "To be confirmed")]


class RowForm(GovukForm):
    """A new action of a draft version."""

    number = forms.CharField(label="Number", max_length=12, required=False,
                             help_text="As it will be printed in this version, for example 1.14.")
    action = forms.CharField(label="Action", widget=forms.Textarea, required=False, max_length=5000)
    success_measure = forms.CharField(label="Success measure (optional)", widget=forms.Textarea, required=False,
                                      max_length=5000)
    owners = forms.MultipleChoiceField(label="Owners (optional)", widget=forms.CheckboxSelectMultiple,
                                       required=False, help_text="Organisations and partnership groups.")
    due = forms.ChoiceField(label="When is it due?", widget=forms.RadioSelect, choices=DUE_CHOICES, required=False)
    due_date = GovukDateField(label="Due date (for a date, or an indicative date if to be confirmed)",
                              required=False, help_text="For example 31 3 2025.")
    outcomes = forms.MultipleChoiceField(label="Outcomes it serves (optional)", widget=forms.CheckboxSelectMultiple,
                                         required=False)

    def __init__(self, *args, parties=(), outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {f"{'org' if isinstance(p, Organisation) else 'body'}-{p.pk}": p for p in parties}
        self.fields["owners"].choices = [(key, str(p)) for key, p in self.parties.items()]
        self.outcome_objects = {str(o.pk): o for o in outcomes}
        self.fields["outcomes"].choices = [(key, str(o)) for key, o in self.outcome_objects.items()]

    def due_text(self) -> str:
        """What the action reads (``rules.read_due``): an ISO date, “Ongoing”, or “TBC” with any indicative date."""
        kind, day = self.cleaned_data.get("due"), self.cleaned_data.get("due_date")
        iso = day.isoformat() if day else ""
        return {"date": iso, "ongoing": "Ongoing", "tbc": f"TBC {iso}".strip()}.get(kind or "", "")

    def chosen(self) -> dict:
        data = self.cleaned_data
        return {"number": data["number"], "action": data["action"], "success_measure": data["success_measure"],
                "owners": [self.parties[k] for k in data["owners"]], "due": self.due_text(),
                "outcomes": [self.outcome_objects[k] for k in data["outcomes"]]}


class RewordForm(GovukForm):
    """New wording for an action of a draft version."""

    action = forms.CharField(label="Action", widget=forms.Textarea, required=False, max_length=5000)
    success_measure = forms.CharField(label="Success measure (optional)", widget=forms.Textarea, required=False,
                                      max_length=5000)
