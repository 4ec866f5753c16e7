"""Forms for the secretariat's pages (GOV.UK Design System markup via ``GovukForm``)."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm, GovukTimeField, LongSelect
from saferhub.governance.models import AttendanceStatus
from saferhub.groups.models import ActionStatus, ElectionMethod


class ScheduleForm(GovukForm):
    date = GovukDateField(label="Date of the meeting", help_text="For example, 15 9 2022.",
                          error_messages={"required": "Enter the date of the meeting."})
    start_time = GovukTimeField(label="Start time (optional)", required=False, help_text="For example, 10am.")
    venue = forms.CharField(label="Venue (optional)", max_length=200, required=False,
                            help_text="Including virtual attendance, as agreed by the Chair and partners.")
    reason = forms.CharField(label="Reason, if the meeting is outside the usual cadence", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    widths = {"venue": "govuk-!-width-two-thirds"}


class ActionForm(GovukForm):
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    owner_person = forms.ChoiceField(label="Owner (person)", required=False, widget=LongSelect)
    owner_organisation = forms.ChoiceField(label="Owner (organisation)", required=False, widget=LongSelect,
                                           help_text="Leave empty to use the person's organisation.")
    target_date = GovukDateField(label="Target date", required=False, help_text="For example, 1 9 2022.")
    source_meeting = forms.ChoiceField(label="Agreed at (optional)", required=False)
    delivery_action = forms.ChoiceField(label="Delivery Plan action (optional)", required=False, widget=LongSelect)

    def __init__(self, *args, people=(), organisations=(), meetings=(), delivery=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].choices = [("", "Choose a person"), *people]
        self.fields["owner_organisation"].choices = [("", "Choose an organisation"), *organisations]
        self.fields["source_meeting"].choices = [("", "Not at a meeting"), *meetings]
        self.fields["delivery_action"].choices = [("", "None"), *delivery]


class ActionUpdateForm(GovukForm):
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    date = GovukDateField(label="Date of the update", error_messages={"required": "Enter the date of the update."})
    target_date = GovukDateField(label="New target date (optional)", required=False)


class AttendanceForm(GovukForm):
    """One row per member: present, apologies or absent, and the organisation represented."""

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not recorded"), (AttendanceStatus.PRESENT, "Present"),
                   (AttendanceStatus.APOLOGIES, "Apologies"), (AttendanceStatus.ABSENT, "Absent")]
        for membership in members:
            self.fields[f"m{membership.pk}"] = forms.ChoiceField(
                label=f"{membership.person.display_name} ({membership.organisation.name})", choices=choices,
                required=False)


class ElectionForm(GovukForm):
    person = forms.ChoiceField(label="Elected", error_messages={"required": "Choose who was elected."})
    date = GovukDateField(label="Date of the election", error_messages={"required": "Enter the date of the election."})
    method = forms.ChoiceField(label="How was the chair elected?", widget=forms.RadioSelect, choices=[
        (ElectionMethod.SIMPLE_MAJORITY, "By a simple majority (enter the votes)"),
        (ElectionMethod.UNANIMOUS, "By unanimous agreement"),
        (ElectionMethod.APPOINTED, "Appointed"),
    ])
    votes_for = forms.IntegerField(label="Votes for", required=False, min_value=0)
    votes_against = forms.IntegerField(label="Votes against", required=False, min_value=0)
    co_chair = forms.BooleanField(label="Co-chair (alongside the current chair)", required=False)
    widths = {"votes_for": "govuk-input--width-3", "votes_against": "govuk-input--width-3"}

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a member"), *people]


class ReportForm(GovukForm):
    commentary = forms.CharField(label="The group's commentary", widget=forms.Textarea(attrs={"rows": 6}),
                                 required=False)
    to_meeting = forms.ChoiceField(label="Put it on the agenda of", required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].choices = [("", "Do not add it to an agenda yet"), *meetings]
