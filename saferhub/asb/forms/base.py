"""What every ASB form shares: the GOV.UK base form with specific error messages, radios, organisation
choices, the styling of fields built at run time, the choice lists, and the upload field's check (the rule
itself is ``saferhub.asb.rules.documents``)."""

from __future__ import annotations

from django import forms

from saferhub.asb.rules import documents as document_rules
from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import GovukForm

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


_ARTICLES = ("the ", "a ", "an ", "your ", "their ", "who ", "how ", "what ", "when ", "where ", "whether ")


def _phrase(label: str) -> str:
    """A field's label as the object of "Enter …" or "Select …": "Panel date" → "the panel date"; an acronym
    ("OPT area") keeps its capitals; a label that starts with an article or a question word is left alone."""
    text = str(label or "").strip().rstrip("?:").strip()
    text = text.split(" (", 1)[0]  # "Panel date (if set)" → "Panel date"
    if len(text) > 1 and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text if text.lower().startswith(_ARTICLES) else f"the {text}"


def specific_messages(field: forms.Field, label: str) -> None:
    """Replace Django's generic messages ("This field is required.", "Select a valid choice…", "Enter a whole
    number.") by messages that say what to do with this field, GOV.UK style. Messages a form sets itself stay."""
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    messages = field.error_messages
    phrase = _phrase(label)
    choice = isinstance(field, forms.ChoiceField | forms.BooleanField)
    verb = "Select" if choice or isinstance(field, forms.FileField) else "Enter"
    if messages.get("required") == defaults.get("required"):
        messages["required"] = f"{verb} {phrase}"
    if "invalid_choice" in messages and messages["invalid_choice"] == defaults.get("invalid_choice"):
        messages["invalid_choice"] = f"Choose {phrase} from the list"
    if isinstance(field, forms.IntegerField):
        if messages.get("invalid") == defaults.get("invalid"):
            messages["invalid"] = f"Enter {phrase} as a whole number"
        if messages.get("min_value") == defaults.get("min_value") and field.min_value is not None:
            messages["min_value"] = f"{phrase[0].upper()}{phrase[1:]} must be {field.min_value} or more"
        if messages.get("max_value") == defaults.get("max_value") and field.max_value is not None:
            messages["max_value"] = f"{phrase[0].upper()}{phrase[1:]} must be {field.max_value} or less"
    if isinstance(field, forms.CharField) and getattr(field, "max_length", None):
        if messages.get("max_length") == defaults.get("max_length"):
            messages["max_length"] = (f"{phrase[0].upper()}{phrase[1:]} must be {field.max_length} characters "
                                      "or fewer")
    if isinstance(field, forms.EmailField) and messages.get("invalid") == defaults.get("invalid"):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"


class AsbForm(GovukForm):
    """GOV.UK form whose first field can be the page's heading (one question per page). Before validating,
    every field without its own messages gets specific ones (``specific_messages``), so no ASB form shows
    Django's generic "This field is required."."""

    heading_field: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.heading_field and self.heading_field in self.fields:
            self.fields[self.heading_field].page_heading = True

    def full_clean(self):
        for name, field in self.fields.items():
            specific_messages(field, field.label or name.replace("_", " "))
        super().full_clean()


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

