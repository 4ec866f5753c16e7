"""Forms for the tender, parallel processes, the family contacts log, appointments, the register of chairs, an
agency's upload and an action's update (GOV.UK fields; rule messages come from the actions)."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm
from saferhub.dhr.models import AppointmentRole, ContactChannel, ContactPurpose, ProcessKind, RecommendationStatus

YES_NO = [("", "Not asked"), ("yes", "Yes"), ("no", "No")]


def _choices(qs):
    return [(o.pk, str(o)) for o in qs]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class TenderForm(GovukForm):
    invited = forms.TypedMultipleChoiceField(label="Chairs invited to tender", coerce=int,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].choices = _choices(chairs)


class AppointChairForm(GovukForm):
    chair = forms.TypedChoiceField(label="Chair chosen", coerce=int)
    reason = forms.CharField(label="Why this chair was chosen", widget=forms.Textarea)
    appointed_on = GovukDateField(label="Date of appointment")

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = _choices(chairs)


class ParallelForm(GovukForm):
    kind = forms.ChoiceField(label="Process", choices=ProcessKind.choices)
    reference = forms.CharField(label="Reference", max_length=100, required=False)
    started_on = GovukDateField(label="Date it started", required=False)
    expected_end = GovukDateField(label="Date it is expected to end", required=False)
    pauses_review = forms.BooleanField(
        label="The review waits for it (its timescale is paused until the process ends)", required=False)
    pause_reason = forms.CharField(label="Why the review waits", widget=forms.Textarea, required=False,
                                   help_text="Needed if the review waits.")


class ParallelEndForm(GovukForm):
    process = forms.TypedChoiceField(label="Process", coerce=int)
    ended_on = GovukDateField(label="Date it ended")

    def __init__(self, *args, processes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [(p.pk, p.get_kind_display()) for p in processes]


class FamilyContactForm(GovukForm):
    contacted_on = GovukDateField(label="Date of the contact")
    who = forms.CharField(label="Who (family member, friend or advocate)", max_length=200)
    channel = forms.ChoiceField(label="How", choices=ContactChannel.choices)
    purpose = forms.ChoiceField(label="Purpose", choices=ContactPurpose.choices)
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea, required=False)
    agreed_to_participate = forms.ChoiceField(label="Agreed to take part", choices=YES_NO, required=False)
    agreed_terms = forms.ChoiceField(label="Agreed the terms of reference", choices=YES_NO, required=False)
    agreed_draft = forms.ChoiceField(label="Read the draft report", choices=YES_NO, required=False)
    views_on_draft = forms.CharField(label="Their views on the draft", widget=forms.Textarea, required=False)
    pseudonym = forms.CharField(label="Pseudonym the family chose for the person who died", max_length=100,
                                required=False)

    def action_values(self) -> dict:
        d = dict(self.cleaned_data)
        for key in ("agreed_to_participate", "agreed_terms", "agreed_draft"):
            d[key] = _yes_no(d[key])
        return d


class AppointForm(GovukForm):
    username = forms.CharField(label="Their SaferHub username", max_length=150)
    role = forms.ChoiceField(label="Role in this review", choices=AppointmentRole.choices)
    agency = forms.TypedChoiceField(label="Agency (for an agency contact)", coerce=int, required=False,
                                    empty_value=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "None")] + _choices(agencies)


class ChairForm(GovukForm):
    partnership = forms.TypedChoiceField(label="Partnership's register", coerce=int)
    name = forms.CharField(label="Name", max_length=200)
    accreditation = forms.CharField(label="Accreditation or training", max_length=200, required=False)
    trained_on = GovukDateField(label="Date of training", required=False)
    connected_agencies = forms.TypedMultipleChoiceField(
        label="Agencies they work or worked for, or line-managed staff in", coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple)
    declaration = forms.CharField(label="Declaration of independence", widget=forms.Textarea, required=False)
    available = forms.BooleanField(label="Available for new reviews", required=False, initial=True)

    def __init__(self, *args, partnerships, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = _choices(partnerships)
        self.fields["connected_agencies"].choices = _choices(agencies)


class ImrUploadForm(GovukForm):
    file = forms.FileField(label="Your agency's individual management review",
                           help_text="PDF, Word, OpenDocument or text, up to 20 MB.")


class RecommendationUpdateForm(GovukForm):
    status = forms.ChoiceField(label="Status", choices=RecommendationStatus.choices)
    updated_on = GovukDateField(label="Date")
    note = forms.CharField(label="Progress, or evidence of completion", widget=forms.Textarea, required=False)
