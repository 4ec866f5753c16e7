"""What every ASB form shares: the GOV.UK base form with specific error messages, radios, organisation
choices, the styling of fields built at run time, the choice lists, and the upload field's check (the rule
itself is ``saferhub.asb.rules.documents``)."""

from __future__ import annotations

from django import forms

from saferhub.asb.rules import documents as document_rules
from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import GovukForm, specific_messages  # noqa: F401 (re-exported)

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

CHANNEL_CHOICES = [
    ("telephone", "Telephone"), ("letter", "Letter"), ("email", "Email"), ("in_person", "In person"),
    ("paper_form", "Paper form"),
]

#: What the public may attach (the rule's list, kept here under its old name for the templates and callers).
ALLOWED_UPLOADS = document_rules.PUBLIC_UPLOAD_TYPES


def upload_limit() -> int:
    """The partnership's upload limit in bytes (``AsbSettings.max_upload_bytes``)."""
    from saferhub.asb.config import current_settings

    return current_settings().max_upload_bytes


def upload_help(allowed: dict[str, str], max_bytes: int) -> str:
    names = document_rules.describe_types(allowed).removeprefix("a ")
    return f"{names[0].upper()}{names[1:]}, smaller than {document_rules.megabytes(max_bytes)}."


def check_upload(upload, *, allowed: dict[str, str] = ALLOWED_UPLOADS, max_bytes: int | None = None) -> str:
    """Check an uploaded file with the upload rule; return its content type or raise ``ValidationError`` with
    the rule's message."""
    try:
        return document_rules.check_file(upload, max_bytes=upload_limit() if max_bytes is None else max_bytes,
                                         allowed=allowed)
    except RuleViolation as exc:
        raise forms.ValidationError(exc.text, code=exc.rule_code) from None


class AsbForm(GovukForm):
    """GOV.UK form whose first field can be the page's heading (one question per page). Before validating,
    every field without its own messages gets specific ones (``core.forms.specific_messages``, as on every
    GOV.UK form), so no ASB form shows Django's generic "This field is required."."""

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


def org_choice(label, organisations, *, required=True, blank="Choose an organisation", **kwargs):
    choices = [("", blank)] + [(str(o.pk), o.name) for o in organisations]
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, required=required,
                                  empty_value=None, **kwargs)


def style_fields(form) -> None:
    """GOV.UK classes and templates for fields a form builds in ``__init__``."""
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

