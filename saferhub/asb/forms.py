"""Forms for ASB Case Review pages: the public application (one question per page, stored in the
session until the applicant submits) and the staff forms for each step of a case.

Uploads are checked here for size and type (by content, not only by name) before anything is kept.
"""

from __future__ import annotations

import os

from django import forms
from django.conf import settings

from saferhub.asb.rules import docx_package_ok
from saferhub.core.forms import GovukDateField, GovukForm

YES_NO = [("yes", "Yes"), ("no", "No")]

RELATIONSHIPS = [
    ("family", "Family member"),
    ("friend", "Friend"),
    ("carer", "Carer"),
    ("councillor", "Councillor"),
    ("mp", "MP"),
    ("professional", "Professional (for example a support worker or housing officer)"),
]

VICTIM_KINDS = [
    ("person", "A person"),
    ("business", "A business"),
    ("community_group", "A community group"),
]

RISK_FACTORS = [
    ("drugs", "Drugs"),
    ("alcohol", "Alcohol"),
    ("mental_health", "Mental health"),
]

#: Upload rules: what the public and staff may attach to a case.
MAX_UPLOAD_BYTES = getattr(settings, "ASB_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def sniff_upload(head: bytes, extension: str) -> bool:
    """Whether the first bytes of a file match the type its name claims."""
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".docx":
        return head.startswith(b"PK\x03\x04")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    return False


def check_upload(upload) -> str:
    """Validate an uploaded file; return its content type or raise ValidationError naming the rule."""
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ALLOWED_UPLOADS:
        raise forms.ValidationError("The selected file must be a PDF, Word document (DOCX), JPEG or PNG.", code="asb.upload_type")
    if upload.size == 0:
        raise forms.ValidationError("The selected file is empty.", code="asb.upload_empty")
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)}MB.", code="asb.upload_size"
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not sniff_upload(head, extension) or (extension == ".docx" and not docx_package_ok(upload)):
        raise forms.ValidationError(
            "The selected file is not a real PDF, Word document (DOCX), JPEG or PNG.", code="asb.upload_content"
        )
    return ALLOWED_UPLOADS[extension]


class AsbForm(GovukForm):
    """GOV.UK form whose first field can be the page's heading (one question per page)."""

    heading_field: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.heading_field and self.heading_field in self.fields:
            self.fields[self.heading_field].page_heading = True


def radios(label, choices, *, help_text="", required_message="", **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text,
        error_messages={"required": required_message or f"Select an answer: {label.lower()}"}, **kwargs,
    )


# ---------------------------------------------------------------------------------------------
# Public application: one question per page
# ---------------------------------------------------------------------------------------------


class ApplicantForm(AsbForm):
    heading_field = "applicant_is_victim"
    applicant_is_victim = radios(
        "Are you the victim of the anti-social behaviour?",
        [("yes", "Yes, I am the victim"), ("no", "No, I am asking on behalf of the victim")],
        help_text="Anyone can ask on a victim's behalf, for example a family member, friend, carer, councillor, MP or professional.",
        required_message="Select whether you are the victim or asking on their behalf",
    )


class RelationshipForm(AsbForm):
    heading_field = "relationship"
    relationship = radios(
        "What is your relationship to the victim?", RELATIONSHIPS,
        required_message="Select your relationship to the victim",
    )


class ConsentForm(AsbForm):
    heading_field = "consent"
    consent = radios(
        "Has the victim agreed to you asking for a case review for them?", YES_NO,
        help_text="We need the victim's agreement before we look at their case on their behalf.",
        required_message="Select whether the victim has agreed",
    )

    def clean_consent(self):
        value = self.cleaned_data["consent"]
        if value != "yes":
            raise forms.ValidationError(
                "You can only ask for a case review for someone else with the victim's agreement. "
                "Ask the victim first, or they can apply themselves.",
                code="asb.third_party_consent",
            )
        return value


class VictimKindForm(AsbForm):
    heading_field = "victim_kind"
    victim_kind = radios(
        "Who is experiencing the anti-social behaviour?", VICTIM_KINDS,
        help_text="A victim can be a person of any age, a business or a community group.",
        required_message="Select whether the victim is a person, a business or a community group",
    )


class YourDetailsForm(AsbForm):
    widths = {"postcode": "govuk-input--width-10", "phone": "govuk-input--width-20"}
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter your full name"})
    address = forms.CharField(label="Address", widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
                              error_messages={"required": "Enter your address"})
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    phone = forms.CharField(label="Telephone number", max_length=40, required=False)
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"})

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("phone") or data.get("email")):
            self.add_error("phone", "Enter a telephone number or an email address so that we can contact you")
        return data


class VictimDetailsForm(AsbForm):
    widths = {"victim_postcode": "govuk-input--width-10"}
    victim_name = forms.CharField(label="Name of the victim, business or group", max_length=200,
                                  error_messages={"required": "Enter the name of the victim, business or group"})
    victim_address = forms.CharField(label="Their address", widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
                                     required=False)
    victim_postcode = forms.CharField(label="Postcode", max_length=10, required=False)


class AreaForm(AsbForm):
    heading_field = "area"

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)

    area = radios(
        "Where is the anti-social behaviour happening?", [],
        help_text="Choose the council area. If you are not sure, choose the nearest.",
        required_message="Select the area where the anti-social behaviour is happening",
    )
    location = forms.CharField(label="Street, estate or place (optional)", max_length=200, required=False)


class IncidentForm(AsbForm):
    widths = {"reference": "govuk-input--width-20", "agency": "govuk-input--width-30"}
    behaviour_date = GovukDateField(label="When did the behaviour happen?", help_text="For example, 27 3 2026",
                                    error_messages={"required": "Enter the date the behaviour happened"})
    reported_date = GovukDateField(label="When did you report it?", help_text="For example, 28 3 2026",
                                   error_messages={"required": "Enter the date it was reported"})
    agency = forms.CharField(label="Who did you report it to?", max_length=200,
                             help_text="For example, the police, the council or a housing association",
                             error_messages={"required": "Enter who it was reported to"})
    reference = forms.CharField(label="Reference or incident number (if you have one)", max_length=100, required=False)
    description = forms.CharField(label="What happened?", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                                  error_messages={"required": "Describe what happened"})

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        behaviour, reported = data.get("behaviour_date"), data.get("reported_date")
        if self.today:
            if behaviour and behaviour > self.today:
                self.add_error("behaviour_date", "The date the behaviour happened must be today or in the past")
            if reported and reported > self.today:
                self.add_error("reported_date", "The date it was reported must be today or in the past")
        if behaviour and reported and reported < behaviour and not self.has_error("reported_date"):
            self.add_error("reported_date", "The date it was reported must be the same as or after the date it happened")
        return data


class AddAnotherForm(AsbForm):
    add_another = radios("Do you need to add another incident?", YES_NO,
                         help_text="Tell us about every time you reported the behaviour in the last 6 months.",
                         required_message="Select yes if you need to add another incident")
    add_another.legend_size = "m"


class VulnerabilityForm(AsbForm):
    heading_field = "vulnerability"
    vulnerability = forms.CharField(
        label="Is there anything that makes the victim more vulnerable or at risk of harm?",
        help_text="For example a disability, illness, age, or fear of what might happen next. Leave it empty if not.",
        widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, required=False,
    )
    risk_factors = forms.MultipleChoiceField(
        label="Does the behaviour involve any of these?", choices=RISK_FACTORS, widget=forms.CheckboxSelectMultiple,
        required=False, help_text="Select all that apply.",
    )


class AgesForm(AsbForm):
    widths = {"victim_age": "govuk-input--width-3", "perpetrator_age": "govuk-input--width-3"}
    victim_age = forms.IntegerField(label="Victim's age (if known)", min_value=0, max_value=120, required=False,
                                    error_messages={"invalid": "Enter the victim's age as a number, like 34",
                                                    "min_value": "The victim's age must be 0 or more",
                                                    "max_value": "The victim's age must be 120 or less"})
    perpetrator_age = forms.IntegerField(
        label="Age of the person causing the behaviour (if known)", min_value=0, max_value=120, required=False,
        help_text="If there is more than one person, give the age of the youngest.",
        error_messages={"invalid": "Enter the age as a number, like 17",
                        "min_value": "The age must be 0 or more", "max_value": "The age must be 120 or less"},
    )
    housing = forms.MultipleChoiceField(
        label="Does anyone involved rent from a housing association or the council?",
        choices=[("victim", "The victim"), ("perpetrator", "The person causing the behaviour")],
        widget=forms.CheckboxSelectMultiple, required=False, help_text="Select all that apply.",
    )


class ProblemForm(AsbForm):
    heading_field = "nature_of_complaint"
    nature_of_complaint = forms.CharField(
        label="Tell us about the problem", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is happening, how long it has gone on and how it affects the victim. "
                  "You can give the details of each report on the next pages.",
        error_messages={"required": "Tell us about the problem"},
    )


class PublicationForm(AsbForm):
    heading_field = "publication_consent"
    publication_consent = radios(
        "Can we publish a short summary of the case to help others learn from it?", YES_NO,
        help_text="We would remove names, addresses and anything else that could identify anyone. "
                  "Your answer does not affect your application.",
        required_message="Select yes if we can publish a summary without anyone's details",
    )


class UploadForm(AsbForm):
    heading_field = "file"
    file = forms.FileField(
        label="Upload a document (optional)", required=False,
        help_text="For example a diary of incidents or a letter. PDF, Word (DOCX), JPEG or PNG, smaller than 10MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget = forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ",".join(ALLOWED_UPLOADS)})
        self.fields["file"].page_heading = True
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = check_upload(upload)
        return upload


# ---------------------------------------------------------------------------------------------
# Staff forms, one per step of a case
# ---------------------------------------------------------------------------------------------

CHANNEL_CHOICES = [
    ("telephone", "Telephone"), ("letter", "Letter"), ("email", "Email"), ("in_person", "In person"),
    ("paper_form", "Paper form"),
]


def org_choice(label, organisations, *, required=True, blank="Choose an organisation", **kwargs):
    choices = [("", blank)] + [(str(o.pk), o.name) for o in organisations]
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, required=required,
                                  empty_value=None, **kwargs)


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
    victim_type = forms.ChoiceField(label="Victim is", choices=VICTIM_KINDS)
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
        _style(self)

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
    area = forms.ChoiceField(label="Route to area", choices=[])
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
                               choices=[("letter", "Letter"), ("email", "Email"), ("telephone", "Telephone")])
    note = forms.CharField(label="What they were told", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LeadAgencyForm(AsbForm):
    reviewer_independent = radios("Is the reviewer independent of the earlier handling of the incidents?",
                                  [("yes", "Yes"), ("no", "No")],
                                  required_message="Select whether the reviewer is independent")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "lead_agency": org_choice("Lead agency", organisations,
                                      help_text="Normally the agency with most contact with the victim."),
            "reviewer_name": forms.CharField(label="Person carrying out the initial review", max_length=200),
            "reviewer_independent": self.fields["reviewer_independent"],
            "independence_note": forms.CharField(label="Independence note", required=False,
                                                 widget=forms.Textarea(attrs={"rows": 2})),
            "panel_date": GovukDateField(label="Panel date (if set)", required=False),
        }
        _style(self)


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
    request = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(label="Agency's response", widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": "Enter the agency's response"})


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
        fields["victim_attendance"] = forms.ChoiceField(label="Victim", choices=VICTIM_ATTENDANCE)
        fields["victim_representative"] = forms.CharField(label="Victim's representative (if represented)",
                                                          max_length=200, required=False)
        fields["findings"] = forms.CharField(label="Findings", widget=forms.Textarea(attrs={"rows": 4}),
                                             error_messages={"required": "Record the panel's findings"})
        fields["recommendations"] = forms.CharField(label="Recommendations", widget=forms.Textarea(attrs={"rows": 3}),
                                                    required=False)
        self.fields = fields
        _style(self)

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


def _style(form) -> None:
    for field in form.fields.values():
        field.template_name = form.field_template
        widget = field.widget
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "govuk-textarea")
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            widget.template_name = "govuk/forms/checkboxes.html"
        elif isinstance(widget, forms.RadioSelect):
            widget.template_name = "govuk/forms/radios.html"
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "govuk-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "govuk-checkboxes__input")
        elif isinstance(widget, forms.TextInput):
            widget.attrs.setdefault("class", "govuk-input")


class ActionItemForm(AsbForm):
    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "description": forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}),
                                           error_messages={"required": "Describe the action"}),
            "owner": org_choice("Owning agency", organisations, error_messages={"required": "Choose the owning agency"}),
            "due_on": GovukDateField(label="Due date", error_messages={"required": "Enter the due date"}),
        }
        _style(self)


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
        _style(self)


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
        _style(self)


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
        _style(self)


class DocumentForm(AsbForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "title": forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"}),
            "kind": forms.ChoiceField(label="Kind of document", choices=[
                ("evidence", "Evidence"), ("review", "Initial review"), ("minutes", "Panel minutes"), ("other", "Other")]),
            "file": forms.FileField(label="File", help_text="PDF, Word (DOCX), JPEG or PNG, smaller than 10MB.",
                                    error_messages={"required": "Choose a file to upload"}),
        }
        _style(self)
        self.fields["file"].widget = forms.FileInput(attrs={"class": "govuk-file-upload"})
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = check_upload(upload)
        return upload


class SummaryForm(AsbForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "title": forms.CharField(label="Title of the published summary", max_length=200,
                                     error_messages={"required": "Enter a title"}),
            "summary": forms.CharField(label="Redacted summary", widget=forms.Textarea(attrs={"rows": 6}),
                                       help_text="Remove names, addresses, dates of birth and anything else that "
                                                 "could identify anyone.",
                                       error_messages={"required": "Enter the redacted summary"}),
        }
        _style(self)


class AuditForm(AsbForm):
    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {code: forms.BooleanField(label=label, required=False) for code, label in items}
        self.fields["notes"] = forms.CharField(label="Audit notes", widget=forms.Textarea(attrs={"rows": 3}),
                                               required=False)
        _style(self)


class LetterTemplateForm(AsbForm):
    def __init__(self, *args, **kwargs):
        from saferhub.asb.letters import LETTERS

        super().__init__(*args, **kwargs)
        self.fields = {
            "letter": forms.ChoiceField(label="Letter", choices=list(LETTERS.items())),
            "file": forms.FileField(
                label="Template file",
                help_text="Wording as a plain text file (.txt, UTF-8), or a whole Word layout (.docx) with the same "
                          "merge fields in {{ double braces }}.",
                error_messages={"required": "Choose a template file to upload"},
            ),
        }
        _style(self)
        self.fields["file"].widget = forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".txt,.docx"})
        self.kind = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            extension = os.path.splitext(upload.name or "")[1].lower()
            if extension not in (".txt", ".docx"):
                raise forms.ValidationError("Upload the wording as a .txt file or the layout as a .docx file.",
                                            code="asb.template_type")
            self.kind = extension[1:]
        return upload


class PeerReviewCompleteForm(AsbForm):
    notes = forms.CharField(label="Peer reviewer's notes", widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Enter the peer reviewer's notes"})


class LegalHoldForm(AsbForm):
    reason = forms.CharField(label="Reason for the legal hold", max_length=300, required=False,
                             help_text="A case on legal hold is never erased or anonymised by the retention job.")
