from django import forms

from saferhub.core.forms import GovukDateField, GovukForm, LongSelect
from saferhub.search.models import SearchEntry


class SearchForm(GovukForm):
    q = forms.CharField(label="Search for", max_length=200, required=False,
                        widget=forms.TextInput(attrs={"class": "govuk-input", "type": "search"}))
    committee = forms.ChoiceField(label="Committee", required=False, widget=LongSelect)
    kind = forms.MultipleChoiceField(label="Type of record", required=False, choices=SearchEntry.Kind.choices,
                                     widget=forms.CheckboxSelectMultiple)
    date_from = GovukDateField(label="From", required=False, help_text="For example 1 1 2022")
    date_to = GovukDateField(label="To", required=False, help_text="For example 31 12 2023")

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        # ``committees``: (id, name) pairs.
        self.fields["committee"].choices = [("", "All committees"), *[(str(pk), name) for pk, name in committees]]
