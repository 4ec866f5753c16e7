"""Staff forms for the review and what follows it: the lead agency, information requests, the initial review,
the panel, the action plan, the decision letter, appeals and the peer review."""

from __future__ import annotations

from django import forms

from saferhub.asb.forms.base import AsbForm, check_upload, org_choice, radios, style_fields, upload_help, upload_limit
from saferhub.asb.rules.documents import CASE_DOCUMENT_TYPES
from saferhub.core.forms import GovukDateField


class LeadAgencyForm(AsbForm):
    reviewer_independent = radios("Is the reviewer independent of the earlier handling of the incidents?",
                                  [("yes", "Yes"), ("no", "No")],
                                  required_message="Select whether the reviewer is independent")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "lead_agency": org_choice("Lead agency", organisations,
                                      help_text="Normally the agency with most contact with the victim."),
            "reviewer_name": forms.CharField(
                label="Person carrying out the initial review", max_length=200,
                error_messages={"required": "Enter the name of the person carrying out the initial review"}),
            "reviewer_independent": self.fields["reviewer_independent"],
            "independence_note": forms.CharField(label="Independence note", required=False,
                                                 widget=forms.Textarea(attrs={"rows": 2})),
            "panel_date": GovukDateField(label="Panel date (if set)", required=False),
        }
        style_fields(self)


class InformationRequestForm(AsbForm):
    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"] = forms.TypedMultipleChoiceField(
            label="Agencies to ask for information", coerce=int, choices=[(o.pk, o.name) for o in organisations],
            widget=forms.CheckboxSelectMultiple, error_messages={"required": "Choose at least one agency to ask"},
        )
        self.fields["agencies"].template_name = self.field_template
        self.fields["agencies"].widget.template_name = "govuk/forms/checkboxes.html"


class InformationResponseForm(AsbForm):
    """An agency's answer to an information request: the text, and optionally its records as a file (checked
    as any case document is: type, size and contents)."""

    request = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(label="Agency's response", widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": "Enter the agency's response"})
    attachment = forms.FileField(label="Attach your agency's records (optional)", required=False,
                                 widget=forms.FileInput(attrs={"class": "govuk-file-upload"}))

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        if max_bytes is not None:
            self.fields["attachment"].help_text = upload_help(CASE_DOCUMENT_TYPES, max_bytes)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload, allowed=CASE_DOCUMENT_TYPES,
                         max_bytes=upload_limit() if self.max_bytes is None else self.max_bytes)
        return upload


class InitialReviewForm(AsbForm):
    summary = forms.CharField(label="Initial review: context, previous actions, findings and recommendations",
                              widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"required": "Summarise the initial review"})


class PanelDateForm(AsbForm):
    panel_date = GovukDateField(label="Panel date", error_messages={"required": "Enter the panel date"})


PANEL_ROLES = [("member", "Member"), ("chair", "Chair"), ("independent", "Independent participant")]
VICTIM_ATTENDANCE = [("invited", "Invited"), ("attended", "Attended"), ("represented", "Represented"),
                     ("declined", "Declined the invitation")]


class PanelForm(AsbForm):
    ROWS = 8

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        fields = {"held_on": GovukDateField(label="Date the panel met",
                                            error_messages={"required": "Enter the date the panel met"})}
        for i in range(self.ROWS):
            fields[f"org_{i}"] = org_choice(f"Member {i + 1}: organisation", organisations, required=False,
                                            blank="No member")
            fields[f"name_{i}"] = forms.CharField(label=f"Member {i + 1}: name", max_length=200, required=False)
            fields[f"role_{i}"] = forms.ChoiceField(label=f"Member {i + 1}: role", choices=PANEL_ROLES, required=False)
            fields[f"involved_{i}"] = forms.BooleanField(label=f"Member {i + 1} was involved in handling the incidents",
                                                         required=False)
        fields["victim_attendance"] = forms.ChoiceField(label="Victim", choices=VICTIM_ATTENDANCE, error_messages={
            "required": "Select whether the victim was invited, attended, was represented or declined"})
        fields["victim_representative"] = forms.CharField(label="Victim's representative (if represented)",
                                                          max_length=200, required=False)
        fields["findings"] = forms.CharField(label="Findings", widget=forms.Textarea(attrs={"rows": 4}),
                                             error_messages={"required": "Record the panel's findings"})
        fields["recommendations"] = forms.CharField(label="Recommendations", widget=forms.Textarea(attrs={"rows": 3}),
                                                    required=False)
        self.fields = fields
        style_fields(self)

    def member_rows(self):
        return [[self[f"{n}_{i}"] for n in ("org", "name", "role", "involved")] for i in range(self.ROWS)]

    def members(self, organisations: dict) -> list[dict]:
        out = []
        for i in range(self.ROWS):
            org = self.cleaned_data.get(f"org_{i}")
            if org:
                out.append({"organisation": organisations[org], "name": self.cleaned_data.get(f"name_{i}", ""),
                            "role": self.cleaned_data.get(f"role_{i}") or "member",
                            "previously_involved": bool(self.cleaned_data.get(f"involved_{i}"))})
        return out


class ActionItemForm(AsbForm):
    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "description": forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}),
                                           error_messages={"required": "Describe the action"}),
            "owner": org_choice("Owning agency", organisations, error_messages={"required": "Choose the owning agency"}),
            "due_on": GovukDateField(label="Due date", error_messages={"required": "Enter the due date"}),
        }
        style_fields(self)


class ActionProgressForm(AsbForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    progress = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    done = forms.BooleanField(label="This action is done", required=False)


class DecisionForm(AsbForm):
    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "letter": radios("Decision letter", [("D", "Letter D – no further action"),
                                                 ("E", "Letter E – action plan")],
                             required_message="Select Letter D or Letter E"),
            "signed_by": org_choice("Signed on behalf of the OPT by", organisations,
                                    help_text="Must be a different organisation from the lead agency.",
                                    error_messages={"required": "Choose the signing organisation"}),
            "signatory_name": forms.CharField(label="Name and title of the person signing", max_length=200,
                                              error_messages={"required": "Name the person signing the letter"}),
        }
        style_fields(self)


class AppealForm(AsbForm):
    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "received_on": GovukDateField(label="Date the appeal was received",
                                          error_messages={"required": "Enter the date the appeal was received"}),
            "grounds": radios("Grounds", [("application", "How the application was dealt with"),
                                          ("review", "How the review was carried out")],
                              required_message="Select the grounds of the appeal"),
            "details": forms.CharField(label="Details", widget=forms.Textarea(attrs={"rows": 3}), required=False),
            "reviewing_area": forms.ChoiceField(label="Independent review by (another OPT area)",
                                                choices=[("", "Choose an area")] + list(areas),
                                                error_messages={"required": "Choose the OPT area that will review the appeal"}),
        }
        style_fields(self)


class AppealOutcomeForm(AsbForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "appeal": forms.IntegerField(widget=forms.HiddenInput),
            "outcome": radios("Outcome", [("upheld", "Upheld"), ("not_upheld", "Not upheld")],
                              required_message="Select the outcome of the appeal"),
            "reasons": forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 3}),
                                       error_messages={"required": "Give the reasons for the outcome"}),
        }
        style_fields(self)



class PeerReviewCompleteForm(AsbForm):
    notes = forms.CharField(label="Peer reviewer's notes", widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Enter the peer reviewer's notes"})


