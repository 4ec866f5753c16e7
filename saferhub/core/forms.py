"""GOV.UK Design System forms for Django.

``GovukForm`` renders each field with the Design System's markup (label or legend, hint, error
message, and the component's classes) and an error summary, so that every form works without
JavaScript and meets WCAG 2.2 AA. Rule violations raised by actions are attached to the field
they name (``RuleViolation.field``) or shown at the top.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.forms.utils import flatatt
from django.http import Http404
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation

WIDGET_TEMPLATES = {
    forms.RadioSelect: "govuk/forms/radios.html",
    forms.CheckboxSelectMultiple: "govuk/forms/checkboxes.html",
}


class GovukDateInput(forms.MultiWidget):
    """Day, month and year as three inputs (the GOV.UK date input pattern)."""

    template_name = "govuk/forms/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = super().value_from_datadict(data, files, name)
        if not any([day, month, year]):
            return ""
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except (TypeError, ValueError):
            return f"invalid:{year}-{month}-{day}"


class GovukDateField(forms.DateField):
    widget = GovukDateInput
    default_error_messages = {"invalid": "Enter a real date, for example 24 2 2023."}

    def to_python(self, value):
        if isinstance(value, str) and value.startswith("invalid:"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class GovukTimeField(forms.TimeField):
    """A time typed as councils write it: 10:05, 10.05, 10.05am, 2pm."""

    default_error_messages = {"invalid": "Enter a time, for example 10:05 or 2.30pm."}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "input_formats",
            ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I:%M %p", "%I.%M %p", "%I%p", "%I %p"],
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lower().replace("a.m.", "am").replace("p.m.", "pm").upper()
        return super().to_python(value)


class LongSelect(forms.Select):
    """A select for long lists (hundreds or thousands of options): the same markup as Django's,
    built in one pass instead of one template render per option."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {"" if v is None else str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if str(v) in chosen else ""}>{escape(label)}</option>'
            for v, label in self.choices)
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308 - escaped above


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


class GovukFormMixin:
    """Give every field GOV.UK markup and classes; collect rule violations on the right field."""

    field_template = "govuk/forms/field.html"
    #: Optional width class per field name, e.g. {"title": "govuk-input--width-20"}.
    widths: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.template_name = self.field_template
            widget = field.widget
            for widget_class, template in WIDGET_TEMPLATES.items():
                if isinstance(widget, widget_class):
                    widget.template_name = template
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "govuk-textarea")
                widget.attrs.setdefault("rows", 4)
            elif isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "govuk-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "govuk-checkboxes__input")
            elif isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "govuk-input " + self.widths.get(name, ""))

    def full_clean(self):
        # Before validating, every field without messages of its own gets specific ones (GOV.UK style), so no
        # form shows Django's generic "This field is required." or "Select a valid choice".
        for name, field in self.fields.items():
            specific_messages(field, field.label or name.replace("_", " "))
        super().full_clean()

    def add_rule_violation(self, exc: RuleViolation) -> None:
        field = exc.field if exc.field in self.fields else None
        self.add_error(field, exc.text)

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in field order."""
        items = []
        for error in self.non_field_errors():
            first = next(iter(self.fields), None)
            items.append((self[first].auto_id if first else "", error))
        for name in self.fields:
            for error in self.errors.get(name, []):
                bound = self[name]
                widget = bound.field.widget
                anchor = bound.auto_id
                if isinstance(widget, GovukDateInput):
                    anchor = f"{anchor}_0"
                elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    anchor = f"{anchor}_0"
                items.append((anchor, error))
        return items


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def run_form(form, action):
    """Validate ``form`` and run ``action(cleaned_data)``: a rule the action breaks lands on the form (its
    field, or the top), a refusal of permission is a 404 (the page does not exist for that person).
    Returns what the action returned (a response, typically), or None when the page must be shown again
    with the errors. Views of every app use this instead of their own try/except."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except RuleViolation as exc:
        form.add_rule_violation(exc)
        return None
    except ActionPermissionDenied:
        raise Http404 from None
