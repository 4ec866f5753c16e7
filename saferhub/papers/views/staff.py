"""The committee officer's pages for preparing and publishing papers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.params import parse_id, parse_int
from saferhub.core.permissions import can
from saferhub.governance.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from saferhub.papers import actions, queries
from saferhub.papers.forms import AnnexForm, AnswerForm, ChairReportForm, CoverReportForm, QuestionForm, ScheduleForm
from saferhub.papers.models import (
    SCHEDULE_12A,
    ChairReport,
    CoverReport,
    Document,
    DocumentKind,
    Minutes,
    WrittenQuestion,
)
from saferhub.papers.preparation import preparation_tasks
from saferhub.papers.views.common import done, meeting_for, run_form


def papers_url(meeting, anchor: str = "") -> str:
    return reverse("papers:meeting-papers", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _papers_context(request, meeting: Meeting, **forms) -> dict:
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("exemption")
                 .prefetch_related("confirms_minutes_of").order_by("position"))
    reports = {r.agenda_item_id: r for r in CoverReport.objects.filter(agenda_item__meeting=meeting, deleted_at__isnull=True)}
    papers = getattr(meeting, "papers", None)
    documents = list(Document.objects.filter(meeting=meeting, deleted_at__isnull=True).order_by("kind", "position", "id"))
    minutes_items = [i for i in items if i.kind == AgendaItemKind.MINUTES]
    to_confirm = []
    if meeting.status == MeetingStatus.HELD:
        confirmed = {m.meeting_id: m for m in Minutes.objects.filter(meeting__in=[e for i in minutes_items for e in i.confirms_minutes_of.all()])}
        for item in minutes_items:
            for earlier in item.confirms_minutes_of.all():
                to_confirm.append((item, earlier, confirmed.get(earlier.pk)))
    deadline = queries.publication_deadline(meeting) if meeting.date_precision == "day" else None
    own_minutes = Minutes.objects.filter(meeting=meeting).first()
    tasks = preparation_tasks(meeting, items=items, reports=reports, papers=papers, own_minutes=own_minutes,
                              today=timezone.localdate(), deadline=deadline)
    return {
        "tasks": tasks,
        "meeting": meeting,
        "items": items,
        "reports": reports,
        "papers": papers,
        "documents": documents,
        "deadline": deadline,
        "late": deadline is not None and timezone.localdate() > deadline and not (papers and papers.published_at),
        "can_build": meeting.status == MeetingStatus.SCHEDULED and not (papers and papers.published_at),
        "schedule_form": forms.get("schedule") or ScheduleForm(prefix="sch"),
        "question_form": forms.get("question") or QuestionForm(items=[i for i in items if i.kind != AgendaItemKind.INQUORATE], prefix="q"),
        "questions": list(WrittenQuestion.objects.filter(meeting=meeting).select_related("agenda_item", "response_from")),
        "to_confirm": to_confirm,
        "schedule_12a": sorted(SCHEDULE_12A.items()),
        "own_minutes": own_minutes,
        "chair_report": ChairReport.objects.filter(meeting=meeting).first(),
        "error_form": next((f for f in forms.values() if f is not None and f.errors), None),
        "nav": "dashboard",
    }


@login_required
def meeting_papers(request, pk):
    meeting = meeting_for(request, pk)
    return render(request, "papers/meeting_papers.html", _papers_context(request, meeting))


@login_required
@require_POST
def meeting_papers_post(request, pk, section):
    meeting = meeting_for(request, pk)
    form = None
    try:
        if section == "build":
            actions.build_agenda(meeting, acting_user=request.user)
            return done(request, papers_url(meeting, "agenda"), "The agenda has been built with the standard items.")
        if section == "publish":
            actions.publish_agenda(meeting, acting_user=request.user)
            return done(request, papers_url(meeting, "documents"), "The agenda and papers are published.")
        if section == "unschedule":
            actions.cancel_scheduled_publication(meeting, acting_user=request.user)
            return done(request, papers_url(meeting, "publish"), "The scheduled publication has been cancelled.")
        if section == "schedule":
            form = ScheduleForm(request.POST, prefix="sch")

            def run(data):
                when = timezone.make_aware(dt.datetime.combine(data["publish_on"], data["publish_time"]))
                actions.schedule_publication(meeting, publish_at=when, acting_user=request.user)
                return done(request, papers_url(meeting, "publish"),
                            f"The agenda will be published at {data['publish_time']:%H:%M} on {data['publish_on']:%d %B %Y}.")

            response = run_form(form, run)
            if response:
                return response
        elif section == "exempt":
            item = get_object_or_404(AgendaItem, pk=parse_id(request.POST.get("item")), meeting=meeting)
            try:
                paragraph = parse_int(request.POST.get("paragraph"), low=1, high=7)
            except ValueError:
                paragraph = None
            actions.mark_item_exempt(item, paragraph=paragraph, acting_user=request.user)
            return done(request, papers_url(meeting, "agenda"),
                        f"Item {item.number or item.title} is exempt under paragraph {paragraph} of Schedule 12A.")
        elif section == "publish-minutes":
            actions.publish_minutes(meeting, acting_user=request.user)
            return done(request, papers_url(meeting, "minutes"), "The draft minutes are published.")
        elif section == "confirm-minutes":
            item = get_object_or_404(AgendaItem, pk=request.POST.get("item"), meeting=meeting, kind=AgendaItemKind.MINUTES)
            earlier = get_object_or_404(item.confirms_minutes_of, pk=request.POST.get("earlier"))
            actions.confirm_minutes(earlier, at_item=item, acting_user=request.user)
            return done(request, papers_url(meeting, "minutes"),
                        f"The minutes of {earlier.date:%d %B %Y} are confirmed and signed.")
        elif section == "question":
            items = [i for i in AgendaItem.objects.filter(meeting=meeting) if i.kind != AgendaItemKind.INQUORATE]
            form = QuestionForm(request.POST, items=items, prefix="q")

            def run(data):
                item = next((i for i in items if i.pk == data["agenda_item"]), None)
                q = actions.record_written_question(meeting, question=data["question"], agenda_item=item,
                                                    acting_user=request.user)
                return done(request, papers_url(meeting, "questions"), f"Question {q.number} recorded.")

            response = run_form(form, run)
            if response:
                return response
        elif section == "delegate":
            item = get_object_or_404(AgendaItem, pk=request.POST.get("item"), meeting=meeting)
            actions.record_delegation(item, acting_user=request.user)
            messages.success(request, f"The delegation decision was recorded under item {item.number}.")
            return redirect(reverse("governance:meeting-record", args=[meeting.pk]) + "#decisions")
        elif section == "chair-report":
            report = actions.draft_chair_report(meeting, acting_user=request.user)
            return redirect("papers:chair-report", pk=report.meeting_id)
        else:
            raise Http404
    except ActionPermissionDenied:
        raise Http404 from None
    except RuleViolation as exc:
        messages.error(request, exc.text)
        return redirect(papers_url(meeting))
    return render(request, "papers/meeting_papers.html", _papers_context(request, meeting, **{section: form}))


@login_required
def report_edit(request, pk, item_pk):
    meeting = meeting_for(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    report = CoverReport.objects.filter(agenda_item=item).first()
    from saferhub.papers.models import ReportTemplate

    template = report.template if report and report.template_id else ReportTemplate.objects.filter(
        committee=meeting.committee, is_default=True).first()
    sections = report.source_sections if report else None
    form = CoverReportForm(request.POST or None, template=template, sections=sections, prefix="rep",
                           initial=CoverReportForm.initial_for(report, item))
    annex_form = AnnexForm(prefix="annex")
    if request.method == "POST" and "save-report" in request.POST:
        def run(data):
            actions.save_cover_report(item, acting_user=request.user, **form.action_data())
            return done(request, reverse("papers:report-edit", args=[meeting.pk, item.pk]), "Report saved.")

        response = run_form(form, run)
        if response:
            return response
    elif request.method == "POST" and "upload-annex" in request.POST:
        form = CoverReportForm(template=template, sections=sections, prefix="rep",
                               initial=CoverReportForm.initial_for(report, item))
        annex_form = AnnexForm(request.POST, request.FILES, prefix="annex")
        if report is None:
            annex_form.add_error(None, "Save the report before adding annexes.")
        else:
            def run(data):
                upload = data["file"]
                if upload.size > 25 * 1024 * 1024:
                    raise RuleViolation("The selected file must be smaller than 25 MB.", code="papers.annex_size", field="file")
                annex = actions.upload_annex(report, title=data["title"], content=upload.read(), filename=upload.name,
                                             acting_user=request.user)
                return done(request, reverse("papers:report-edit", args=[meeting.pk, item.pk]) + "#annexes",
                            f"{annex.label} uploaded.")

            response = run_form(annex_form, run)
            if response:
                return response
    annexes = list(report.annexes.filter(deleted_at__isnull=True)) if report else []
    return render(request, "papers/report_edit.html", {
        "meeting": meeting, "item": item, "report": report, "form": form, "annex_form": annex_form,
        "annexes": annexes, "error_form": form if form.errors else (annex_form if annex_form.errors else None),
        "source_label": _source_label(report),
        "nav": "dashboard",
    })


def _source_label(report) -> str:
    """The name of the service that built the report (``core.agenda_reports``), if another one did."""
    from saferhub.core import agenda_reports

    if report is None or not report.source_code:
        return ""
    try:
        return agenda_reports.get_source(report.source_code).label
    except LookupError:
        return report.source_code


@login_required
def answer_question(request, pk, question_pk):
    meeting = meeting_for(request, pk)
    question = get_object_or_404(WrittenQuestion, pk=question_pk, meeting=meeting)
    organisations = list(Organisation.objects.filter(kind__in=["partnership", "police", "opcc", "county_council"]).order_by("name"))
    form = AnswerForm(request.POST or None, organisations=organisations, prefix="ans",
                      initial={"response": question.response, "responded_on": question.responded_on,
                               "response_from": question.response_from_id})
    if request.method == "POST":
        def run(data):
            org = next((o for o in organisations if o.pk == data["response_from"]), None)
            actions.answer_written_question(question, response=data["response"], responded_on=data["responded_on"],
                                            response_from=org, acting_user=request.user)
            return done(request, papers_url(meeting, "questions"), f"Response to question {question.number} recorded.")

        response = run_form(form, run)
        if response:
            return response
    return render(request, "papers/answer_question.html", {"meeting": meeting, "question": question, "form": form,
                                                           "nav": "dashboard"})


@login_required
def chair_report(request, pk):
    meeting = meeting_for(request, pk)
    report = get_object_or_404(ChairReport, meeting=meeting)
    form = ChairReportForm(request.POST or None, prefix="cr", initial={"title": report.title, "body": report.body})
    if request.method == "POST":
        if "send" in request.POST:
            try:
                actions.send_chair_report(report, acting_user=request.user)
            except RuleViolation as exc:
                messages.error(request, exc.text)
                return redirect("papers:chair-report", pk=meeting.pk)
            return done(request, papers_url(meeting), "The Chair's report has been sent.")

        def run(data):
            actions.edit_chair_report(report, title=data["title"], body=data["body"], acting_user=request.user)
            return done(request, reverse("papers:chair-report", args=[meeting.pk]), "Report saved.")

        response = run_form(form, run)
        if response:
            return response
    return render(request, "papers/chair_report.html", {"meeting": meeting, "report": report, "form": form,
                                                        "nav": "dashboard"})


def document_download(request, pk):
    """Serve a document: published ones to everyone, drafts to those who may read drafts."""
    from django.http import FileResponse

    document = get_object_or_404(Document.objects.select_related("meeting", "committee", "cover_report__agenda_item__meeting"),
                                 pk=pk, deleted_at__isnull=True)
    item = document.cover_report.agenda_item if document.cover_report_id else None
    if item is not None and hasattr(item, "exemption"):
        # Exempt (Part 2) papers: members, committee officers and the named officers only.
        if not can(request.user, "papers.read_exempt", item):
            raise Http404
    elif document.published_at is None and not can(request.user, "governance.view_draft", document.meeting or document.committee):
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    extension = {"pdf": "pdf", "docx": "docx", "html": "html"}[document.format]
    response = FileResponse(handle, content_type=document.media_type, as_attachment=document.format == "docx",
                            filename=f"{document.kind}-{document.pk}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    if document.format == "html":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'"
    return response


__all__ = ["DocumentKind"]
