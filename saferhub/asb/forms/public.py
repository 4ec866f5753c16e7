"""The public application: one question per page (GOV.UK pattern), kept in the session until the applicant
checks the answers and sends them. Uploads are checked for size and type (by content, not only by name)
before anything is kept."""

from __future__ import annotations

from django import forms

from saferhub.asb.forms.base import (
    ALLOWED_UPLOADS,
    RELATIONSHIPS,
    RISK_FACTORS,
    VICTIM_KINDS,
    YES_NO,
    AsbForm,
    check_upload,
    radios,
    upload_help,
    upload_limit,
)
from saferhub.asb.rules.threshold import check_victim_consent
from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import GovukDateField


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
        try:
            check_victim_consent(relationship="on_behalf", victim_consent=value == "yes")
        except RuleViolation:
            raise forms.ValidationError(
                "You can only ask for a case review for someone else with the victim's agreement. "
                "Ask the victim first, or they can apply themselves.",
                code="asb.third_party_consent",
            ) from None
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
    )

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = upload_limit() if max_bytes is None else max_bytes
        self.fields["file"].help_text = ("For example a diary of incidents or a letter. "
                                         + upload_help(ALLOWED_UPLOADS, self.max_bytes))
        self.fields["file"].widget = forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ",".join(ALLOWED_UPLOADS)})
        self.fields["file"].page_heading = True
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = check_upload(upload, max_bytes=self.max_bytes)
        return upload

