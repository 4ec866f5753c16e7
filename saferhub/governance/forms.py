"""Forms for recording a meeting. Forms only collect input; the actions apply the rules."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm, GovukTimeField
from saferhub.governance.models import (
    AgendaItemKind,
    ChairCapacity,
    DecisionVerb,
    InterestType,
)
from saferhub.governance.queries import SeatRow

NOT_RECORDED = ""


def seat_choices(row: SeatRow) -> list[tuple[str, str]]:
    """The ways a seat can be covered at a meeting, in words a committee officer would use."""
    member = row.member.person.display_name
    choices = [(NOT_RECORDED, "Not recorded yet"), ("present", f"{member} was present")]
    for sub in row.substitutes:
        name = sub.person.display_name
        choices.append((f"substitute:{sub.person_id}", f"{member} sent apologies and {name}, the named substitute, attended"))
        choices.append((f"both_apologies:{sub.person_id}", f"{member} and {name} (substitute) both sent apologies"))
        choices.append((f"present_substitute_apologies:{sub.person_id}", f"{member} was present; {name} (substitute) sent apologies"))
    choices.append(("apologies", f"{member} sent apologies"))
    choices.append(("absent", f"{member} was absent without apologies"))
    return choices


class SeatAttendanceForm(GovukForm):
    """One radio group per seat: who attended for that seat."""

    def __init__(self, *args, rows: list[SeatRow], co_opted: list, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if row.member is not None]
        self.vacant = [row for row in rows if row.member is None]
        for row in self.rows:
            name = f"seat_{row.seat.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{row.seat.organisation.name}", choices=seat_choices(row), required=False,
                widget=forms.RadioSelect(attrs={"small": True}), initial=initial_choices.get(name, NOT_RECORDED),
            )
            self.fields[name].legend_size = "s"
            self.fields[name].template_name = self.field_template
            self.fields[name].widget.template_name = "govuk/forms/radios.html"
        for membership in co_opted:
            name = f"coopted_{membership.person_id}"
            self.fields[name] = forms.ChoiceField(
                label=f"{membership.person.display_name} (co-opted)",
                choices=[(NOT_RECORDED, "Not recorded yet"), ("present", "Present"), ("apologies", "Sent apologies"),
                         ("absent", "Absent")],
                required=False, widget=forms.RadioSelect(attrs={"small": True}),
                initial=initial_choices.get(name, NOT_RECORDED),
            )
            self.fields[name].template_name = self.field_template
            self.fields[name].widget.template_name = "govuk/forms/radios.html"


class OfficerAttendanceForm(GovukForm):
    name = forms.CharField(label="Full name", max_length=150, help_text="For example, Amanda Murr. Leave out titles such as Mr or Dr.")
    title = forms.CharField(
        label="Job title and organisation", max_length=300, required=False,
        help_text="As it should appear in the minutes, for example Head of Community Safety, OPCCN.",
    )
    status = forms.ChoiceField(
        label="Attendance", choices=[("in_attendance", "In attendance"), ("apologies", "Sent apologies")],
        initial="in_attendance", widget=forms.RadioSelect(attrs={"small": True}),
    )
    widths = {"name": "govuk-!-width-two-thirds", "title": "govuk-!-width-full"}


class ChairForm(GovukForm):
    person = forms.TypedChoiceField(label="Who chaired the meeting?", coerce=int)
    capacity = forms.ChoiceField(label="In what capacity?", choices=ChairCapacity.choices, widget=forms.RadioSelect(attrs={"small": True}))
    note = forms.CharField(
        label="How the minutes describe it (optional)", required=False, max_length=200,
        help_text="For example, in the Chair after having been elected Vice-Chair.",
    )

    def __init__(self, *args, present: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a member")] + [(a.person_id, a.person.display_name) for a in present]


class FinaliseForm(GovukForm):
    declared_at = GovukTimeField(
        label="Time the meeting was declared inquorate", required=False,
        help_text="Only needed if fewer members are present than the quorum. For example, 10.05am.",
    )


class DeclarationForm(GovukForm):
    person = forms.TypedChoiceField(label="Councillor", coerce=int)
    interest_type = forms.ChoiceField(
        label="Type of interest", choices=InterestType.choices, widget=forms.RadioSelect(attrs={"small": True}),
        help_text="A member with a Disclosable Pecuniary Interest must not speak or vote on that item.",
    )
    agenda_item = forms.TypedChoiceField(label="Agenda item", coerce=int, required=False, empty_value=None)
    nature = forms.CharField(label="Nature of the interest", widget=forms.Textarea(attrs={"rows": 3}))
    during_meeting = forms.BooleanField(label="Declared later in the meeting", required=False)

    def __init__(self, *args, present: list, items: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a councillor")] + [
            (a.person_id, a.person.display_name) for a in present
        ]
        self.fields["agenda_item"].choices = [("", "The meeting in general")] + [(i.pk, str(i)) for i in items]


class DecisionForm(GovukForm):
    agenda_item = forms.TypedChoiceField(label="Agenda item", coerce=int)
    verb = forms.ChoiceField(label="Decision", choices=DecisionVerb.choices, help_text="Printed in capitals in the minutes.")
    text = forms.CharField(
        label="Wording after the verb", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the information provided.",
    )
    recommendations = forms.CharField(
        label="Recommendations (for RECOMMENDED only)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One recommendation per paragraph; leave a blank line between them.",
    )
    addressee = forms.ChoiceField(label="Recommendations are addressed to", required=False)

    def __init__(self, *args, items: list, addressees: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "Choose an item")] + [(i.pk, str(i)) for i in items]
        self.fields["addressee"].choices = [("", "Choose who")] + addressees

    def recommendation_texts(self) -> list[str]:
        raw = self.cleaned_data.get("recommendations", "").replace("\r\n", "\n")
        return [" ".join(p.split()) for p in raw.split("\n\n") if p.strip()]


class AgendaItemForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300)
    kind = forms.ChoiceField(label="Kind of item", choices=AgendaItemKind.choices, initial=AgendaItemKind.REPORT)
    description = forms.CharField(label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    widths = {"title": "govuk-!-width-full"}


class ScheduleMeetingForm(GovukForm):
    date = GovukDateField(label="Date of the meeting", help_text="For example, 28 9 2023.")
    start_time = GovukTimeField(label="Start time", required=False, help_text="For example, 10am.")
    venue = forms.CharField(label="Venue", max_length=200, required=False)
    livestream_url = forms.URLField(label="Livestream link (optional)", required=False, max_length=500, assume_scheme="https")
    widths = {"venue": "govuk-!-width-two-thirds", "livestream_url": "govuk-!-width-full"}


class RegisterReviewForm(GovukForm):
    """The member's register is up to date (reviewed), on a date."""

    reviewed_on = GovukDateField(label="When was the register checked?", help_text="For example, 27 3 2023",
                                 error_messages={"required": "Enter the date the register was checked."})
    note = forms.CharField(label="Note (optional)", required=False, max_length=300,
                           help_text="For example, what was updated, or that nothing had changed.")


class RegisterChangeForm(GovukForm):
    """A change in the member's interests, which their register must show within 28 days."""

    occurred_on = GovukDateField(label="When did the change happen?", help_text="For example, 27 3 2023",
                                 error_messages={"required": "Enter the date of the change."})
    description = forms.CharField(label="What changed?", max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "Describe the change."},
                                  help_text="For example, a new job, a property bought or sold, or a directorship ended.")


class DispensationForm(GovukForm):
    """A dispensation to take part in business despite an interest (Localism Act 2011 s.33)."""

    granted_by = forms.CharField(label="Who granted it?", max_length=200,
                                 help_text="For example, the Standards Committee or the Monitoring Officer.",
                                 error_messages={"required": "Enter who granted the dispensation."})
    scope = forms.CharField(label="What does it cover?", widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="The business it covers, and whether the member may speak, vote or both.",
                            error_messages={"required": "Enter what the dispensation covers."})
    committee = forms.TypedChoiceField(label="Which committee?", coerce=int, empty_value=None, required=False,
                                       error_messages={"invalid_choice": "Choose a committee from the list."})
    valid_from = GovukDateField(label="Start date", help_text="For example, 1 4 2023",
                                error_messages={"required": "Enter the date the dispensation starts."})
    valid_to = GovukDateField(label="End date", help_text="No more than four years after the start date.",
                              error_messages={"required": "Enter the date the dispensation ends."})
    reason = forms.CharField(label="Why was it granted?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The ground in section 33(2) of the Localism Act 2011 relied on.",
                             error_messages={"required": "Enter why the dispensation was granted."})

    def __init__(self, *args, committees: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "Every committee")] + [(c.pk, c.name) for c in committees]
