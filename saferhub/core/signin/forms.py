"""The code forms of the second factor."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukForm


class CodeForm(GovukForm):
    widths = {"code": "govuk-input--width-10"}

    code = forms.CharField(
        label="Security code", max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app or a recovery code."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false",
                                      "autocapitalize": "none"}),
    )


class SetupCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows for SaferHub."
        self.fields["code"].error_messages["required"] = "Enter the 6-digit code from your authenticator app."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
