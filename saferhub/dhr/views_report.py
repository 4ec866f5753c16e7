"""The report page of a review (the team's): the versions of the overview report and executive summary, the
submissions to the Home Office quality assurance panel, its letters, the changes asked for and the
Partnership's responses, and the approval. A version can be downloaded by the team and by the review's own
chair, author and panel; a letter by the team only. Every read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saferhub.core.forms import run_form
from saferhub.dhr import actions, queries, status
from saferhub.dhr import forms_report as fr
from saferhub.dhr.policies import can_dhr
from saferhub.dhr.views import _get_case


def _forms(case, submissions, documents, section=None, bound=None, data=None) -> dict:
    unanswered = [c for s in submissions[-1:] for c in s.changes.all() if not c.answered and s.approved_on is None]
    builders = {
        "version": lambda d, fl: fr.VersionForm(d, fl, prefix="ver"),
        "submit": lambda d, fl: fr.SubmitForm(d, prefix="sub"),
        "letter": lambda d, fl: fr.LetterForm(d, fl, prefix="let"),
        "response": lambda d, fl: fr.ResponseForm(d, prefix="res", changes=unanswered, documents=documents),
        "approval": lambda d, fl: fr.ApprovalForm(d, prefix="app"),
    }
    if data is not None:
        return builders
    return {name: (bound if name == section else make(None, None)) for name, make in builders.items()}


def _context(case, section=None, bound=None) -> dict:
    documents = list(queries.documents_of(case))
    submissions = list(queries.submissions_of(case))
    last = submissions[-1] if submissions else None
    return {
        "case": case, "stage": status.stage(case), "documents": documents, "submissions": submissions,
        "last": last, "forms": _forms(case, submissions, documents, section, bound),
        "error_form": bound if bound is not None and bound.errors else None,
        "approved": any(s.approved_on for s in submissions),
        "awaiting_letter": last is not None and last.letter_on is None,
        "published": any(s.step == "published" for s in case.steps.all()),
    }


@login_required
def report(request, pk):
    case = _get_case(request, pk)
    actions.record_case_viewed(case, acting_user=request.user, page="report")
    return render(request, "dhr/report.html", _context(case))


def _run(section, case, d, user):
    if section == "version":
        upload = d["file"]
        version = actions.upload_report_version(case, kind=d["kind"], final=d["final"], filename=upload.name,
                                                content=upload.read(), acting_user=user)
        return f"{version.label} uploaded."
    if section == "submit":
        submission = actions.submit_to_qa(case, submitted_on=d["submitted_on"], acting_user=user)
        return "Submitted to the quality assurance panel." if submission.number == 1 else "Resubmitted."
    last = queries.submissions_of(case).last()
    if last is None:
        raise Http404
    if section == "letter":
        upload = d["file"]
        actions.record_qa_letter(last, letter_on=d["letter_on"], outcome=d["outcome"], filename=upload.name,
                                 content=upload.read(), changes=d["changes"].splitlines(), acting_user=user)
        return "The panel's letter is recorded."
    if section == "response":
        change = last.changes.filter(pk=d["change"]).first()
        version = case.documents.filter(pk=d["version"]).first()
        if change is None:
            raise Http404
        actions.respond_to_qa_change(change, response=d["response"], version=version,
                                     responded_on=d["responded_on"], acting_user=user)
        return "Response recorded."
    if section == "approval":
        actions.record_qa_approval(case, approved_on=d["approved_on"], acting_user=user)
        return "The panel's approval is recorded: the report can be published."
    raise Http404


@login_required
@require_POST
def report_post(request, pk, section):
    case = _get_case(request, pk)
    builders = _forms(case, list(queries.submissions_of(case)), list(queries.documents_of(case)), data=True)
    if section not in builders:
        raise Http404
    bound = builders[section](request.POST, request.FILES)

    def act(d):
        messages.success(request, _run(section, case, d, request.user))
        return redirect(reverse("dhr:report", args=[case.pk]))

    done = run_form(bound, act)
    if done is not None:
        return done
    actions.record_case_viewed(case, acting_user=request.user, page=f"report, {section} form with errors")
    return render(request, "dhr/report.html", _context(case, section, bound))


def _file(path: str, filename: str):
    from django.core.files.storage import default_storage

    if not path or not default_storage.exists(path):
        raise Http404
    return FileResponse(default_storage.open(path, "rb"), as_attachment=True, filename=filename or path.rsplit("/", 1)[-1])


@login_required
def document(request, pk):
    """One version, for the team and the review's own chair, author and panel (404 for anyone else)."""
    found = queries.documents_visible_to(request.user).filter(pk=pk).first()
    if found is None or not can_dhr(request.user, "dhr.view_review", found.case):
        raise Http404
    actions.record_document_viewed(found, acting_user=request.user)
    return _file(found.file_path, found.filename)


@login_required
def letter(request, pk):
    """The panel's letter on one submission, for the team only."""
    found = queries.letters_visible_to(request.user).filter(pk=pk).first()
    if found is None or not can_dhr(request.user, "dhr.view_case", found.case):
        raise Http404
    actions.record_case_viewed(found.case, acting_user=request.user, page=f"QA letter {found.number}")
    return _file(found.letter_path, f"qa-letter-{found.number}.{found.letter_path.rsplit('.', 1)[-1]}")
