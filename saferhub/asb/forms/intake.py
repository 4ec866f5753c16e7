"""Staff forms for the start of a case: entering an application received by another channel, the
acknowledgement, county triage, the threshold determination and telling the victim of a delay."""

from __future__ import annotations

from django import forms

from saferhub.asb.forms.base import (
    CHANNEL_CHOICES,
    RELATIONSHIPS,
    RISK_FACTORS,
    VICTIM_KINDS,
    AsbForm,
    radios,
    style_fields,
)
from saferhub.core.forms import GovukDateField


class StaffApplicationForm(AsbForm):
    """Staff entry of an application received by telephone, letter, email, in person or paper form."""

    widths = {"victim_postcode": "govuk-input--width-10", "victim_age": "govuk-input--width-3",
              "perpetrator_age": "govuk-input--width-3"}
    channel = radios("How was the application received?", CHANNEL_CHOICES,
                     required_message="Select how the application was received")
    application_date = GovukDateField(label="Date the application was received",
                                      error_messages={"required": "Enter the date the application was received"})
    area = forms.ChoiceField(label="OPT area", choices=[], error_messages={"required": "Select the OPT area"})
    applicant_relationship = forms.ChoiceField(
        label="Who is applying?", choices=[("victim", "The victim")] + RELATIONSHIPS,
    )
    victim_consent = forms.BooleanField(label="The victim has agreed to this application being made for them",
                                        required=False)
    applicant_name = forms.CharField(label="Applicant's name", max_length=200, required=False)
    applicant_phone = forms.CharField(label="Applicant's telephone", max_length=40, required=False)
    applicant_email = forms.EmailField(label="Applicant's email", required=False)
    applicant_address = forms.CharField(
        label="Applicant's address", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="Only when someone applies for the victim: the letters go to this address.")
    applicant_postcode = forms.CharField(label="Applicant's postcode", max_length=10, required=False)
    victim_type = forms.ChoiceField(label="Victim is", choices=VICTIM_KINDS, error_messages={
        "required": "Select whether the victim is a person, a business or a community group"})
    victim_name = forms.CharField(label="Victim's name (or business or group)", max_length=200,
                                  error_messages={"required": "Enter the victim's name"})
    victim_address = forms.CharField(label="Victim's address", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    victim_postcode = forms.CharField(label="Postcode", max_length=12, required=False)
    victim_age = forms.IntegerField(label="Victim's age (if known)", min_value=0, max_value=120, required=False)
    perpetrator_age = forms.IntegerField(label="Perpetrator's age (if known)", min_value=0, max_value=120, required=False)
    nature_of_complaint = forms.CharField(label="Nature of the complaint", widget=forms.Textarea, required=False)
    vulnerability_notes = forms.CharField(label="Vulnerability and risk", widget=forms.Textarea, required=False)
    risk_factors = forms.MultipleChoiceField(label="Issues involved", choices=RISK_FACTORS,
                                             widget=forms.CheckboxSelectMultiple, required=False)
    housing = forms.MultipleChoiceField(
        label="Housed by a registered housing provider",
        choices=[("victim", "The victim"), ("perpetrator", "The perpetrator")],
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    publication_consent = forms.BooleanField(label="The complainant agrees to a redacted summary being published",
                                             required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Choose an area")] + list(areas)
        self.fields["area"].widget.attrs["class"] = "govuk-select"


class StaffIncidentsForm(AsbForm):
    """Up to six incidents typed by staff; empty rows are ignored."""

    ROWS = 6

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(self.ROWS):
            self.fields[f"behaviour_date_{i}"] = GovukDateField(label=f"Incident {i + 1}: date of the behaviour",
                                                                required=False)
            self.fields[f"reported_date_{i}"] = GovukDateField(label=f"Incident {i + 1}: date reported", required=False)
            self.fields[f"agency_{i}"] = forms.CharField(label=f"Incident {i + 1}: agency reported to", max_length=200,
                                                         required=False)
            self.fields[f"reference_{i}"] = forms.CharField(label=f"Incident {i + 1}: reference", max_length=100,
                                                            required=False)
            self.fields[f"description_{i}"] = forms.CharField(label=f"Incident {i + 1}: description", required=False,
                                                              widget=forms.Textarea(attrs={"rows": 2}))
        style_fields(self)

    def rows(self):
        return [[self[f"{n}_{i}"] for n in ("behaviour_date", "reported_date", "agency", "reference", "description")]
                for i in range(self.ROWS)]

    def complaints(self) -> list[dict]:
        out = []
        for i in range(self.ROWS):
            b, r = self.cleaned_data.get(f"behaviour_date_{i}"), self.cleaned_data.get(f"reported_date_{i}")
            agency = self.cleaned_data.get(f"agency_{i}", "")
            if not (b or r or agency):
                continue
            out.append({"behaviour_date": b, "reported_date": r, "agency_name": agency,
                        "reference": self.cleaned_data.get(f"reference_{i}", ""),
                        "description": self.cleaned_data.get(f"description_{i}", ""), "row": i})
        return out

    def clean(self):
        data = super().clean()
        for i in range(self.ROWS):
            b, r = data.get(f"behaviour_date_{i}"), data.get(f"reported_date_{i}")
            if (b or r or data.get(f"agency_{i}")) and not (b and r):
                self.add_error(f"behaviour_date_{i}" if not b else f"reported_date_{i}",
                               f"Incident {i + 1}: enter both the date of the behaviour and the date it was reported")
        return data


class AcknowledgeForm(AsbForm):
    method = radios("How was the application acknowledged?",
                    [("letter_a", "Letter A (generated here)"), ("email", "Email")],
                    required_message="Select how the application was acknowledged")


class TriageForm(AsbForm):
    decision = radios("Triage decision", [
        ("route", "Route to the area SPOC for determination"),
        ("obviously_not_qualifying", "Obviously does not qualify: route with advice"),
    ], required_message="Select the triage decision")
    area = forms.ChoiceField(label="Route to area", choices=[],
                             error_messages={"required": "Select the area to route the application to"})
    note = forms.CharField(label="Triage note", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text="Required when the application obviously does not qualify: say why.")

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)


class DeterminationForm(AsbForm):
    determination = radios("Outcome of the threshold check", [
        ("B", "Letter B – threshold not met, no review"),
        ("C_i", "Letter C(i) – threshold not met, but a review will be held"),
        ("C_ii", "Letter C(ii) – threshold met, review will be held"),
    ], required_message="Select the determination")
    complaints_related = forms.BooleanField(
        label="I confirm the qualifying complaints are related to each other", required=False,
        help_text="They need not be the same kind of behaviour, but must be related in some way.",
    )
    discretionary_factor = forms.ChoiceField(
        label="Discretionary factor (Letter C(i) only)", required=False,
        choices=[("", "Not applicable"), ("persistence", "Persistence of the behaviour"),
                 ("harm", "Harm or potential harm"), ("adequacy", "Adequacy of the response")],
    )
    reasons = forms.CharField(label="Reasons (one per line; shown in Letter B)", widget=forms.Textarea(attrs={"rows": 4}),
                              required=False)


class OverrunForm(AsbForm):
    method = forms.ChoiceField(label="How was the victim told?",
                               choices=[("letter", "Letter"), ("email", "Email"), ("telephone", "Telephone")],
                               error_messages={"required": "Select how the victim was told"})
    note = forms.CharField(label="What they were told", widget=forms.Textarea(attrs={"rows": 2}), required=False)


