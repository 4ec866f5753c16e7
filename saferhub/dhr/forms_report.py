"""Forms of the report page: a new version, the submission to the quality assurance panel, its letter, a
response to a requested change and the approval (GOV.UK fields; rule messages come from the actions)."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm
from saferhub.dhr.models import DocumentKind, QaOutcome


class VersionForm(GovukForm):
    kind = forms.ChoiceField(label="Document", choices=DocumentKind.choices, widget=forms.RadioSelect)
    final = forms.TypedChoiceField(label="Draft or final", widget=forms.RadioSelect, coerce=lambda v: v == "final",
                                   choices=[("draft", "Draft"), ("final", "Final version")])
    file = forms.FileField(label="File", help_text="PDF, Word, OpenDocument or text, up to 20 MB.")


class SubmitForm(GovukForm):
    submitted_on = GovukDateField(label="Date sent to the quality assurance panel")


class LetterForm(GovukForm):
    letter_on = GovukDateField(label="Date of the panel's letter")
    outcome = forms.ChoiceField(label="The panel's outcome", choices=QaOutcome.choices, widget=forms.RadioSelect)
    file = forms.FileField(label="The letter", help_text="PDF, Word, OpenDocument or text, up to 20 MB.")
    changes = forms.CharField(label="Changes the panel asks for (one per line)", widget=forms.Textarea(attrs={"rows": 4}),
                              required=False)


class ResponseForm(GovukForm):
    change = forms.TypedChoiceField(label="Change asked for", coerce=int)
    response = forms.CharField(label="The Partnership's response", widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.TypedChoiceField(label="Version that answers it", coerce=int)
    responded_on = GovukDateField(label="Date of the response")

    def __init__(self, *args, changes, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change"].choices = [(c.pk, c.text[:120]) for c in changes]
        self.fields["version"].choices = [(d.pk, d.label) for d in documents]


class ApprovalForm(GovukForm):
    approved_on = GovukDateField(label="Date of the panel's approval")
