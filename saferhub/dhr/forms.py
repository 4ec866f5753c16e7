"""The review forms (GOV.UK fields). Rule messages come from the actions via ``add_rule_violation``."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm
from saferhub.dhr.models import CaseSource, DecisionOutcome
from saferhub.dhr.steps import Step


def _choices(qs):
    return [(o.pk, str(o)) for o in qs]


class NotificationForm(GovukForm):
    partnership = forms.TypedChoiceField(label="Partnership", coerce=int)
    source = forms.ChoiceField(label="How the Partnership was told", choices=CaseSource.choices,
                               widget=forms.RadioSelect)
    date_notified = GovukDateField(label="Date the Partnership was told")
    date_of_death = GovukDateField(label="Date of death", required=False)
    notified_by = forms.CharField(label="Who told the Partnership", max_length=200)
    notifying_organisation = forms.TypedChoiceField(label="Their organisation", coerce=int, required=False,
                                                    empty_value=None)
    victim_pseudonym = forms.CharField(label="Pseudonym for the person who died", max_length=100, required=False,
                                       help_text="Use a pseudonym agreed with the family where possible.")
    victim_age = forms.IntegerField(label="Age of the person who died", min_value=0, max_value=130, required=False)
    child_review_reference = forms.CharField(label="Linked child safeguarding review reference", required=False,
                                             help_text="Needed when the person who died was under 18.")
    suspected_suicide = forms.BooleanField(label="The death is a suspected suicide", required=False)
    agencies = forms.TypedMultipleChoiceField(label="Agencies known to be involved", coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, partnerships, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = _choices(partnerships)
        self.fields["notifying_organisation"].choices = [("", "Not known")] + _choices(agencies)
        self.fields["agencies"].choices = _choices(agencies)


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(label="The chair's decision", choices=DecisionOutcome.choices,
                                widget=forms.RadioSelect)
    decided_on = GovukDateField(label="Date of the decision")
    chair_name = forms.CharField(label="Chair who decided", max_length=200)
    partners_consulted = forms.CharField(label="Partners consulted", widget=forms.Textarea)
    rationale = forms.CharField(label="Reasons", widget=forms.Textarea)
    suicide_circumstances_considered = forms.BooleanField(
        label="Where the death is a suspected suicide, the circumstances were considered", required=False)


class HomeOfficeForm(GovukForm):
    notified_on = GovukDateField(label="Date the Home Office was told")
    reference = forms.CharField(label="Home Office reference", max_length=60, required=False)


class DateForm(GovukForm):
    on = GovukDateField(label="Date")

    def __init__(self, *args, label="Date", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = label


class ReopenForm(GovukForm):
    requested_on = GovukDateField(label="Date of the request")
    advocate = forms.CharField(label="Advocacy organisation", max_length=200)
    family_permission = forms.BooleanField(label="A family member gave permission for the request", required=False)


class ExtensionForm(GovukForm):
    months = forms.IntegerField(label="Extra months", min_value=1, max_value=24)
    reason = forms.CharField(label="Reason", widget=forms.Textarea)
    agreed_on = GovukDateField(label="Date agreed")


class WithholdForm(GovukForm):
    withheld_on = GovukDateField(label="Date of the decision not to publish")
    reason = forms.CharField(label="The safeguarding concern", widget=forms.Textarea)
    approved_by = forms.CharField(label="Approved by", max_length=200)


class PanelMemberForm(GovukForm):
    agency = forms.TypedChoiceField(label="Agency", coerce=int)
    name = forms.CharField(label="Name", max_length=200)
    independence_declared = forms.BooleanField(
        label="Declares independence from the line management of staff involved", required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _choices(agencies)


class ImrRequestForm(GovukForm):
    agency = forms.TypedChoiceField(label="Agency", coerce=int)
    requested_on = GovukDateField(label="Date asked")
    due_on = GovukDateField(label="Due")

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _choices(agencies)


class ImrReceivedForm(GovukForm):
    imr = forms.TypedChoiceField(label="Review received from", coerce=int)
    received_on = GovukDateField(label="Date received")

    def __init__(self, *args, imrs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["imr"].choices = [(i.pk, str(i.agency)) for i in imrs]


class RecommendationForm(GovukForm):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea)
    theme = forms.CharField(label="Theme", max_length=100, required=False)
    agency = forms.TypedChoiceField(label="Agency", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "All agencies")] + _choices(agencies)


class StepForm(GovukForm):
    """The date a stage was done; ``step_form`` adds what that stage records (``STEP_FIELDS``)."""

    done_on = GovukDateField(label="Date done")

    def details(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "done_on"}
        if "themes" in data:
            data["themes"] = [t.strip() for t in (data["themes"] or "").split(",") if t.strip()]
        return data


def step_form(step: str, *args, **kwargs) -> StepForm:
    fields = {name: make() for name, make in STEP_FIELDS.get(step, {}).items()}
    form = type(f"StepForm_{step}", (StepForm,), fields)(*args, **kwargs)
    if step in DATE_LABELS:
        form.fields["done_on"].label = DATE_LABELS[step]
    return form


#: The date field's label where "Date done" would not say what the date is.
DATE_LABELS = {Step.PUBLICATION_NOTICE: "Date they were told"}


STEP_FIELDS = {
    Step.CHAIR: {
        "chair_name": lambda: forms.CharField(label="Chair", max_length=200),
        "author_name": lambda: forms.CharField(label="Report author", max_length=200),
        "tender_reference": lambda: forms.CharField(label="Tender reference", max_length=60, required=False),
        "independence_confirmed": lambda: forms.BooleanField(
            label="The chair has no connection with the agencies involved", required=False),
    },
    Step.TERMS: {
        "period_from": lambda: GovukDateField(label="Period reviewed: from"),
        "period_to": lambda: GovukDateField(label="Period reviewed: to"),
        "lines_of_enquiry": lambda: forms.CharField(label="Key lines of enquiry", widget=forms.Textarea),
    },
    Step.FAMILY: {
        "outcome": lambda: forms.ChoiceField(label="The family", widget=forms.RadioSelect, choices=[
            ("engaged", "Engaged with the review"), ("declined", "Declined (the offer stays open)")]),
        "advocacy_offered": lambda: forms.CharField(label="Advocacy services offered", max_length=300),
        "advocacy_offered_on": lambda: GovukDateField(label="Date advocacy was offered", required=False),
        "choose_by": lambda: GovukDateField(
            label="Date the family was given to choose by", required=False,
            help_text="The time the family was given to decide whether to take up advocacy."),
        "advocate_chosen": lambda: forms.CharField(label="Advocate chosen", max_length=200, required=False),
        "liaison_officer": lambda: forms.CharField(label="Family liaison officer", max_length=200, required=False),
        "notes": lambda: forms.CharField(label="Notes", widget=forms.Textarea, required=False),
    },
    Step.DRAFT: {"version": lambda: forms.CharField(label="Version", max_length=20)},
    Step.SIGN_OFF: {"signed_off_by": lambda: forms.CharField(label="Signed off by", max_length=200)},
    Step.FEEDBACK: {
        "outcome": lambda: forms.ChoiceField(label="The panel", widget=forms.RadioSelect, choices=[
            ("approved", "Approved the report"), ("changes", "Asked for changes")]),
        "changes_requested": lambda: forms.CharField(label="Changes asked for", widget=forms.Textarea,
                                                     required=False),
    },
    Step.PUBLICATION_NOTICE: {
        "told_by": lambda: forms.CharField(label="Who told them", max_length=200),
        "note": lambda: forms.CharField(label="Note", widget=forms.Textarea, required=False,
                                        help_text="For example the publication date they were given, and how."),
    },
    Step.PUBLISHED: {
        "anonymisation_checked": lambda: forms.BooleanField(label="The report has been checked for anonymisation",
                                                            required=False),
        "where": lambda: forms.URLField(label="Where it is published", required=False, assume_scheme="https"),
        "themes": lambda: forms.CharField(label="Themes (separate with commas)", max_length=500, required=False),
    },
    Step.COMMISSIONER: {
        "evidence": lambda: forms.CharField(label="How it was sent (evidence)", max_length=300),
    },
}
