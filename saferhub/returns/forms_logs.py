"""Forms of the community tension log and the reporting-centre register."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm, LongSelect
from saferhub.core.models import Organisation
from saferhub.returns.models import FeedbackAudience


class TensionForm(GovukForm):
    what = forms.CharField(label="What is happening", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000,
                           required=False, help_text="Describe the tension. Do not name victims or other people "
                                                     "unless the report cannot be understood without it.")
    where = forms.CharField(label="Where", max_length=300, required=False,
                            help_text="A town, area or street; a venue if it matters.")
    occurred_on = GovukDateField(label="When it happened", error_messages={"required": "Enter the date it happened."})
    communities = forms.CharField(label="Communities affected", max_length=300, required=False)
    source = forms.CharField(label="Where the information comes from", max_length=300, required=False,
                             help_text="For example a resident, a partner agency, social media or your own patrol.")
    confirm_personal = forms.BooleanField(
        label="I confirm the report needs these details about a person", required=False)

    def __init__(self, *args, partnerships=(), **kwargs):
        """``partnerships``: the logs the person may report to; a choice is asked only when there are several."""
        super().__init__(*args, **kwargs)
        if len(partnerships) > 1:
            self.fields["partnership"] = forms.ModelChoiceField(
                label="Which partnership's log is this for?", queryset=Organisation.objects.filter(
                    pk__in=[p.pk for p in partnerships]).order_by("name"), widget=forms.RadioSelect,
                empty_label=None, error_messages={"required": "Choose the partnership whose log the report is for."})
            self.order_fields(["partnership"])


class TriageForm(GovukForm):
    grade = forms.ChoiceField(label="Grade", widget=forms.RadioSelect, choices=[],
                              error_messages={"required": "Choose a grade."})
    note = forms.CharField(label="Analyst's note (optional)", widget=forms.Textarea(attrs={"rows": 3}),
                           required=False, max_length=5000)

    def __init__(self, *args, grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]


class EscalateForm(GovukForm):
    escalated_on = GovukDateField(label="Date sent to the National Community Tension Team",
                                  error_messages={"required": "Enter the date it was escalated."})
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           max_length=2000)


class RecipientForm(GovukForm):
    user = forms.TypedChoiceField(label="Person", coerce=int, choices=[], widget=LongSelect,
                                  error_messages={"required": "Choose the person to name."})
    authority = forms.TypedChoiceField(label="Responsible authority", coerce=int, choices=[], widget=LongSelect,
                                       error_messages={"required": "Choose their authority."})

    def __init__(self, *args, people=(), authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose a person"),
                                       *[(p.pk, p.get_full_name() or p.username) for p in people]]
        self.fields["authority"].choices = [("", "Choose an authority"), *[(o.pk, o.name) for o in authorities]]


class FeedbackForm(GovukForm):
    audience = forms.ChoiceField(label="Fed back to", widget=forms.RadioSelect, choices=FeedbackAudience.choices,
                                 error_messages={"required": "Choose who the feedback went to."})
    recipient = forms.TypedChoiceField(label="Named contact (for feedback to a contact)", coerce=int, required=False,
                                       empty_value=None, choices=[])
    given_on = GovukDateField(label="Date given", error_messages={"required": "Enter the date it was given."})
    summary = forms.CharField(label="What was fed back", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=5000)

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [("", "None"), *[(r.pk, str(r)) for r in recipients]]


class CentreForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, required=False)
    address = forms.CharField(label="Address", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                              required=False)
    opening_hours = forms.CharField(label="Opening hours", max_length=300, required=False,
                                    help_text="For example “Monday to Friday, 9am to 5pm”.")
    last_checked_on = GovukDateField(label="Details last checked (optional)", required=False)
    open = forms.BooleanField(label="Taking reports", required=False, initial=True)
