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


class ReviewNoChangeForm(GovukForm):
    reviewed_on = GovukDateField(label="Date of the review", help_text="For example, 15 9 2022.",
                                 error_messages={"required": "Enter the date of the review."})
    note = forms.CharField(label="Note (optional)", max_length=300, required=False,
                           help_text="For example, where the group agreed it.")


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
        self.fields["person"].help_text = ("Members past and present. The Chair must have been a member on the date "
                                           "of the election.")


class ReportForm(GovukForm):
    commentary = forms.CharField(label="The group's commentary", widget=forms.Textarea(attrs={"rows": 6}),
                                 required=False)
    to_meeting = forms.ChoiceField(label="Put it on the agenda of", required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].choices = [("", "Do not add it to an agenda yet"), *meetings]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class AmendmentForm(GovukForm):
    """The proposed Terms of Reference, pre-filled with the version in force; what differs is the amendment."""

    summary = forms.CharField(label="What the amendment does", max_length=300, required=False,
                              help_text='In a line, for example "Meet every two months".')
    purpose = forms.CharField(label="Purpose", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    key_activities = forms.CharField(label="Key activities", widget=forms.Textarea(attrs={"rows": 6}), required=False,
                                     help_text="One a line.")
    required_members = forms.CharField(label="Required member organisations", required=False,
                                       widget=forms.Textarea(attrs={"rows": 6}), help_text="One a line.")
    quorum = forms.IntegerField(label="Quorum (optional)", required=False, min_value=1, max_value=100)
    cadence_months = forms.IntegerField(label="Meets every so many months", required=False, min_value=1, max_value=12)
    cadence_weeks = forms.IntegerField(label="Or every so many weeks", required=False, min_value=1, max_value=52)
    chair_term_months = forms.IntegerField(label="Chair's term, in months", required=False, min_value=1, max_value=120)
    chair_re_electable = forms.TypedChoiceField(label="May the chair be re-elected?", widget=forms.RadioSelect,
                                                choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes")
    pre_agenda_days_before = forms.IntegerField(label="Pre-agenda meeting, days before", required=False, min_value=1,
                                                max_value=90)
    papers_days_before = forms.IntegerField(label="Papers out, days before", required=False, min_value=1, max_value=60)
    papers_clear_working_days = forms.IntegerField(label="Or papers out leaving so many clear working days",
                                                   required=False, min_value=1, max_value=30)
    minutes_days_after = forms.IntegerField(label="Minutes out, days after", required=False, min_value=1, max_value=90)
    review_months = forms.IntegerField(label="Reviewed every so many months", required=False, min_value=1, max_value=60)
    review_date = GovukDateField(label="Review by (optional)", required=False, help_text="For example, 30 9 2023.")
    widths = {name: "govuk-input--width-3" for name in (
        "quorum", "cadence_months", "cadence_weeks", "chair_term_months", "pre_agenda_days_before",
        "papers_days_before", "papers_clear_working_days", "minutes_days_after", "review_months")}

    SIMPLE = ["purpose", "quorum", "cadence_months", "cadence_weeks", "chair_term_months", "chair_re_electable",
              "pre_agenda_days_before", "papers_days_before", "papers_clear_working_days", "minutes_days_after",
              "review_months", "review_date"]

    @classmethod
    def initial_from(cls, tor) -> dict:
        initial = {name: getattr(tor, name) for name in cls.SIMPLE}
        initial["chair_re_electable"] = "yes" if tor.chair_re_electable else "no"
        initial["key_activities"] = "\n".join(str(a) for a in tor.key_activities or [])
        initial["required_members"] = "\n".join(r.name for r in tor.required_members.all())
        return initial

    def changes_from(self, tor) -> tuple[dict, list[str] | None]:
        """(field changes, new required members or None) against version ``tor``."""
        data = self.cleaned_data
        changes = {name: data[name] for name in self.SIMPLE if data[name] != getattr(tor, name)}
        if changes.get("purpose") is not None:
            changes["purpose"] = changes["purpose"].strip()
        activities = _lines(data["key_activities"])
        if activities != [str(a) for a in tor.key_activities or []]:
            changes["key_activities"] = activities
        members = _lines(data["required_members"])
        return changes, (members if members != [r.name for r in tor.required_members.all()] else None)


class AgreeAmendmentForm(GovukForm):
    meeting = forms.ChoiceField(label="Agreed at the meeting of", error_messages={
        "required": "Choose the meeting that agreed the amendment."})
    agenda_item = forms.ChoiceField(label="Under the agenda item (optional)", required=False, widget=LongSelect)
    version = forms.CharField(label="New version number", max_length=20,
                              error_messages={"required": "Enter the new version number."})
    in_force_from = GovukDateField(label="In force from", help_text="For example, 1 10 2022.",
                                   error_messages={"required": "Enter the date the new version comes into force."})
    widths = {"version": "govuk-input--width-5"}

    def __init__(self, *args, meetings=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "Choose a meeting"), *meetings]
        self.fields["agenda_item"].choices = [("", "No agenda item"), *items]
