"""The county team's letter templates: change the wording or the Word layout of Letters A–E without code,
preview them with fictional merge fields, and go back to the default."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from saferhub.asb import forms as f
from saferhub.asb import letters
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import can


def _letter_rows() -> list[dict]:
    rows = []
    for code, label in letters.LETTERS.items():
        _, source = letters.wording_source(code)
        rows.append({"code": code, "label": label, "source": source,
                     "custom_layout": letters.docx_override(code) is not None})
    return rows


@login_required
def letter_templates(request):
    from saferhub.asb.actions import ui_support

    if not can(request.user, "asb.manage_config"):
        raise Http404
    form = f.LetterTemplateForm(prefix="tpl")
    if request.method == "POST":
        if request.POST.get("reset") in letters.LETTERS:
            ui_support.reset_letter_template(letter=request.POST["reset"], acting_user=request.user)
            messages.success(request, f"{letters.LETTERS[request.POST['reset']]} is back to the default wording and layout.")
            return redirect("asb:letter-templates")
        form = f.LetterTemplateForm(request.POST, request.FILES, prefix="tpl")
        if form.is_valid():
            try:
                ui_support.save_letter_template(letter=form.cleaned_data["letter"], kind=form.kind,
                                                content=form.cleaned_data["file"].read(), acting_user=request.user)
            except RuleViolation as exc:
                form.add_rule_violation(exc)
            else:
                label = letters.LETTERS[form.cleaned_data["letter"]]
                messages.success(request, f"New {'wording' if form.kind == 'txt' else 'Word layout'} saved for {label}.")
                return redirect("asb:letter-templates")
    return render(request, "asb/staff/letter_templates.html", {
        "form": form, "rows": _letter_rows(), "fields": letters.MERGE_FIELDS, "nav": "asb",
    })


@login_required
def letter_template_preview(request, letter):
    if not can(request.user, "asb.manage_config") or letter not in letters.LETTERS:
        raise Http404
    rendered = letters.preview(letter)
    wording, source = letters.wording_source(letter)
    if request.GET.get("download") == "txt":
        from django.http import HttpResponse

        response = HttpResponse(wording, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{letter}.txt"'
        return response
    blocks = letters.paragraphs(wording, letters.sample_context(letter))
    return render(request, "asb/staff/letter_preview.html", {
        "letter": letter, "title": rendered.title, "blocks": blocks, "c": letters.sample_context(letter),
        "source": source, "heading": letters.HEADING, "nav": "asb",
    })

