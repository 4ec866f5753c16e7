from django import forms

from saferhub.core.forms import GovukForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload", "accept": ".txt,.md,.pdf,.docx,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(GovukForm):
    files = MultipleFileField(
        label="Agenda packs or minutes",
        help_text=("Text conversions (.txt, .md), PDFs, Word documents (.docx) or saved ModernGov pages (.html), up to "
                   "25 MB each. You can choose up to 200 files at once; more than 10 are read in the background."),
    )
    publish = forms.BooleanField(
        label="Make the imported documents public", required=False, initial=True,
        help_text="Leave this unticked for papers that have not been published.",
    )
