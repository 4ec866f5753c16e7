"""No GOV.UK form of any app shows Django's generic messages ("This field is required.", "Select a valid
choice", "Enter a whole number.", "Ensure this value…"): ``core.forms.GovukFormMixin`` gives every field a
message that names it before validating, unless the form set its own (issue 16, wrong item 6)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

import saferhub
from saferhub.core.forms import GovukForm, GovukFormMixin

GENERIC = ("This field is required", "Select a valid choice", "Enter a whole number", "Ensure this value",
           "Enter a valid")


def _every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(saferhub.__path__, "saferhub."):
        if ".forms" in module.name and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [GovukFormMixin]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted((c for c in found if not c.__module__.startswith("saferhub.core.forms")),
                  key=lambda c: f"{c.__module__}.{c.__name__}")


@pytest.mark.django_db
def test_forms_that_take_only_data_never_show_a_generic_message():
    checked, generic = 0, []
    for cls in _every_form_class():
        try:
            form = cls({"unknown": "1"})
        except (TypeError, AttributeError, KeyError, ValueError):
            continue  # built from a record or choices, not from data alone; covered by its app's tests
        form.is_valid()
        checked += 1
        for name, errors in form.errors.items():
            generic += [(f"{cls.__module__}.{cls.__name__}", name, str(m)) for m in errors if str(m).startswith(GENERIC)]
    assert checked > 50
    assert generic == []


def test_the_message_names_the_field_and_a_form_keeps_its_own():
    class Example(GovukForm):
        meeting_date = forms.CharField(label="Meeting date")
        kind = forms.ChoiceField(label="Kind of meeting", choices=[("a", "A")])
        seats = forms.IntegerField(label="Number of seats", min_value=1)
        reason = forms.CharField(label="Reason", error_messages={"required": "Say why the meeting was moved"})

    form = Example({"kind": "z", "seats": "0"})
    assert not form.is_valid()
    assert form.errors == {
        "meeting_date": ["Enter the meeting date"],
        "kind": ["Choose the kind of meeting from the list"],
        "seats": ["The number of seats must be 1 or more"],
        "reason": ["Say why the meeting was moved"],
    }
    assert Example({"seats": "x"}).errors["seats"] == ["Enter the number of seats as a whole number"]


@pytest.mark.parametrize("label,expected", [("OPT area", "Select the OPT area"), ("Who chaired it?", "Select who chaired it")])
def test_labels_become_phrases(label, expected):
    class One(GovukForm):
        pick = forms.ChoiceField(label=label, choices=[("a", "A")])

    assert One({}).errors["pick"] == [expected]
