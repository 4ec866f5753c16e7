"""The alerts forms (GOV.UK fields and wording)."""

from __future__ import annotations

from django import forms

from saferhub.alerts.models import Frequency, Topic
from saferhub.core import notifications
from saferhub.core.forms import GovukForm, LongSelect


class SubscribeForm(GovukForm):
    widths = {"email": "govuk-input--width-30", "keyword": "govuk-input--width-20"}

    topic = forms.ChoiceField(label="What do you want emails about?", choices=Topic.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": "Choose what you want emails about."})
    committee = forms.ChoiceField(label="Committee", required=False, widget=LongSelect,
                                  help_text="For a committee, or for one committee's work programme. "
                                            "Leave empty to hear about every work programme.")
    person = forms.ChoiceField(label="Councillor", required=False, widget=LongSelect,
                               help_text="For a councillor: the meetings and decisions of their committees.")
    keyword = forms.CharField(label="Word or phrase", required=False, max_length=60,
                              help_text="For documents: new published documents containing it, for example "
                                        "knife crime.")
    frequency = forms.ChoiceField(label="How often do you want emails?", choices=Frequency.choices,
                                  initial=Frequency.IMMEDIATE, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often you want emails."})
    email = forms.EmailField(label="Email address", max_length=254,
                             help_text="We will only use it to send you these alerts.",
                             error_messages={"required": "Enter your email address.",
                                             "invalid": "Enter an email address in the correct format, "
                                                        "like name@example.com."})

    def __init__(self, *args, committees=(), councillors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "Choose a committee"), *[(c.slug, c.name) for c in committees]]
        self.fields["person"].choices = [("", "Choose a councillor"), *[(str(p.pk), p.display_name)
                                                                          for p in councillors]]
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean(self):
        data = super().clean()
        topic = data.get("topic")
        if topic == Topic.COMMITTEE and not data.get("committee"):
            self.add_error("committee", "Choose a committee.")
        if topic == Topic.COUNCILLOR and not data.get("person"):
            self.add_error("person", "Choose a councillor.")
        if topic == Topic.KEYWORD and not data.get("keyword", "").strip():
            self.add_error("keyword", "Enter a word or phrase to look for in new documents.")
        return data


class FrequencyForm(GovukForm):
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often you want emails."})


class ManageLinkForm(GovukForm):
    widths = {"email": "govuk-input--width-30"}
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address.",
                                             "invalid": "Enter an email address in the correct format, "
                                                        "like name@example.com."})


class StaffPreferencesForm(GovukForm):
    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in notifications.kinds():
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label, help_text=kind.description, choices=notifications.CHOICES,
                widget=forms.RadioSelect, initial=current.get(kind.code, kind.default),
                error_messages={"required": f"Choose how you want to hear about: {kind.label.lower()}."})
