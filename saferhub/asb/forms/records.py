"""Staff forms for a case's records and the letters: documents, the published summary, the audit checklist,
the legal hold, and the county team's letter templates."""

from __future__ import annotations

import os

from django import forms

from saferhub.asb.forms.base import AsbForm, check_upload, style_fields, upload_help, upload_limit
from saferhub.asb.rules.documents import CASE_DOCUMENT_TYPES


class DocumentForm(AsbForm):
    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields = {
            "title": forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"}),
            "kind": forms.ChoiceField(label="Kind of document", choices=[
                ("evidence", "Evidence"), ("review", "Initial review"), ("minutes", "Panel minutes"), ("other", "Other")],
                error_messages={"required": "Select the kind of document"}),
            "file": forms.FileField(label="File", error_messages={"required": "Select a file to upload"}),
        }
        style_fields(self)
        self.fields["file"].widget = forms.FileInput(attrs={"class": "govuk-file-upload"})
        if max_bytes is not None:
            self.fields["file"].help_text = upload_help(CASE_DOCUMENT_TYPES, max_bytes)
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = check_upload(upload, allowed=CASE_DOCUMENT_TYPES,
                                             max_bytes=upload_limit() if self.max_bytes is None else self.max_bytes)
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
        style_fields(self)


class AuditForm(AsbForm):
    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {code: forms.BooleanField(label=label, required=False) for code, label in items}
        self.fields["notes"] = forms.CharField(label="Audit notes", widget=forms.Textarea(attrs={"rows": 3}),
                                               required=False)
        style_fields(self)


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
        style_fields(self)
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



class LegalHoldForm(AsbForm):
    reason = forms.CharField(label="Reason for the legal hold", max_length=300, required=False,
                             help_text="A case on legal hold is never erased or anonymised by the retention job.")
