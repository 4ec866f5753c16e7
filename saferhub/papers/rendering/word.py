"""Word versions of agendas, packs and minutes (python-docx), for editing and for people who
prefer Word. The content matches the HTML and PDF versions."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.shared import Pt

from saferhub.papers.rendering.context import AgendaData, MinutesData, council_time, day_date, long_date
from saferhub.papers.rendering.minutes_text import minute_paragraphs


def _new() -> WordDocument:
    document = WordDocument()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    return document


def _table(document, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _front_sheet(document, data: AgendaData, pages: dict[int, int] | None = None) -> None:
    meeting = data.meeting
    document.add_heading(meeting.committee.name, level=1)
    document.add_paragraph(f"Date: {day_date(meeting.date)}")
    if meeting.start_time:
        document.add_paragraph(f"Time: {council_time(meeting.start_time)}")
    if meeting.venue:
        document.add_paragraph(f"Venue: {meeting.venue}")
    advice = (data.papers.advice_for_public if data.papers else "") or data.settings.advice_for_public
    if advice or meeting.livestream_url:
        document.add_heading("Advice for members of the public", level=2)
        for para in [p for p in advice.split("\n\n") if p.strip()]:
            document.add_paragraph(para.strip())
        if meeting.livestream_url:
            document.add_paragraph(f"Watch the meeting live: {meeting.livestream_url}")
    document.add_heading("Membership", level=2)
    _table(document, ["Main member", "Substitute member", "Representing"], [
        [row.member.person.display_name if row.member else "To be confirmed",
         ", ".join(s.person.display_name for s in row.substitutes) or "To be confirmed",
         row.seat.organisation.name]
        for row in data.composition.seats
    ])
    committee = meeting.committee
    if committee.contact_name:
        document.add_paragraph(
            f"For information about this agenda, contact {committee.contact_name}"
            + (f" on {committee.contact_phone}" if committee.contact_phone else "")
            + (f" or at {committee.contact_email}" if committee.contact_email else "") + "."
        )
    document.add_heading("Agenda", level=2)
    for item in data.items:
        page = (pages or {}).get(item.pk) or item.page
        label = f"{item.number}. " if item.number else ""
        suffix = f" (Page {page})" if page and item.pk in data.reports else ""
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}{item.title}{suffix}").bold = True
        if item.kind == "minutes" and item.confirms_minutes_of.all():
            document.add_paragraph("To confirm the minutes of the meetings held on:")
            for letter, earlier in zip("abcdefghij", item.confirms_minutes_of.all(), strict=False):
                document.add_paragraph(f"{letter}) {long_date(earlier.date)}")
        elif item.kind == "declarations" and data.settings.declarations_guidance:
            for para in [p for p in data.settings.declarations_guidance.split("\n\n") if p.strip()]:
                document.add_paragraph(para.strip())
        elif item.description:
            document.add_paragraph(item.description)
    if data.settings.signatory_name:
        document.add_paragraph(f"{data.settings.signatory_name}\n{data.settings.signatory_title}\n{data.settings.signatory_address}")
    if data.published_on:
        document.add_paragraph(f"Date agenda published: {long_date(data.published_on)}")
    if data.site.accessibility_footer:
        document.add_paragraph(data.site.accessibility_footer)


def _minutes(document, data: MinutesData) -> None:
    meeting = data.meeting
    document.add_heading(meeting.committee.name, level=1)
    kind = "inquorate meeting" if meeting.status == "inquorate" else "meeting"
    document.add_paragraph(
        f"Minutes of the {kind} held at {meeting.venue or 'the usual venue'} on {day_date(meeting.date)}"
        + (f" at {council_time(meeting.start_time)}" if meeting.start_time else "")
    )
    document.add_heading("Present", level=2)
    rows = []
    for a in data.present:
        note = ""
        if a.person_id == meeting.chaired_by_id:
            note = f" ({meeting.chair_note or ('Vice-Chair in the Chair' if meeting.chair_capacity == 'vice_chair' else 'Chair')})"
        if a.substitute_for_id:
            note += f" (substitute for {a.substitute_for.display_name})"
        rows.append([a.person.display_name + note, a.organisation.name if a.organisation_id else ""])
    _table(document, ["Councillor", "Representing"], rows)
    if data.in_attendance:
        document.add_heading("Also in attendance", level=2)
        _table(document, ["Name", "Role"], [[a.recorded_name or a.person.display_name, a.title] for a in data.in_attendance])
    for item in data.items:
        document.add_heading(f"{item.number + '. ' if item.number else ''}{item.title}", level=2)
        paragraphs = minute_paragraphs(item, data)
        for index, text in enumerate(paragraphs, start=1):
            document.add_paragraph(f"{item.number}.{index} {text}" if item.number else text)
        decisions = list(item.decisions.all())
        if decisions:
            lead = f"{item.number}.{len(paragraphs) + 1} " if item.number else ""
            document.add_paragraph(f"{lead}The {meeting.committee.short_name or meeting.committee.name}:")
            for d in decisions:
                paragraph = document.add_paragraph(f"{d.sequence}) ")
                paragraph.add_run(d.verb).bold = True
                paragraph.add_run(f" {d.text}")
                for r in d.recommendations.all():
                    document.add_paragraph(r.text, style="List Bullet")
    if meeting.finished_at:
        document.add_paragraph(f"The meeting finished at {council_time(meeting.finished_at)}.")
    document.add_paragraph("Chair ______________________")
    if data.questions:
        document.add_heading("Questions requiring written responses", level=2)
        _table(document, ["Item", "Question and response"], [
            [f"Item {q.agenda_item.number}: {q.agenda_item.title}" if q.agenda_item_id else "",
             f"{q.number}. {q.question}\n\nResponse: {q.response or 'awaited'}"]
            for q in data.questions
        ])


def agenda_docx(data: AgendaData) -> bytes:
    document = _new()
    _front_sheet(document, data)
    return _bytes(document)


def minutes_docx(data: MinutesData) -> bytes:
    document = _new()
    _minutes(document, data)
    return _bytes(document)


def pack_docx(data: AgendaData, pack_minutes: list[MinutesData]) -> bytes:
    from saferhub.papers.templatetags.papers_tags import report_sections

    document = _new()
    _front_sheet(document, data)
    for minutes in pack_minutes:
        document.add_page_break()
        _minutes(document, minutes)
    for item in data.items:
        report = data.reports.get(item.pk)
        if report is None:
            continue
        document.add_page_break()
        document.add_heading(data.meeting.committee.name, level=1)
        _table(document, ["", ""], [
            ["Item number", item.number], ["Report title", report.title],
            ["Date of meeting", long_date(data.meeting.date)],
            ["Responsible cabinet member", report.responsible_cabinet_member or "N/A"],
            ["Responsible director", report.responsible_director or "N/A"],
        ])
        document.add_heading("Executive summary", level=2)
        document.add_paragraph(report.executive_summary)
        document.add_heading("Action required", level=2)
        for letter, action in zip("abcdefghij", report.actions_required, strict=False):
            document.add_paragraph(f"{letter}) {action}")
        for number, heading, text in report_sections(report):
            document.add_heading(f"{number}. {heading}", level=2)
            for para in [p for p in (text or "None.").split("\n\n") if p.strip()]:
                document.add_paragraph(para.strip())
        for annex in report.annexes.all():
            document.add_heading(f"{annex.label}: {annex.title}", level=2)
            if annex.format == "docx":
                for para in [p for p in annex.text.split("\n") if p.strip()]:
                    document.add_paragraph(para)
            else:
                document.add_paragraph(f"Published as a separate PDF ({annex.page_count or '?'} pages).")
        if item.kind == "work_programme":
            document.add_heading("Forward work programme", level=2)
            _table(document, ["Date", "Report", "Issues for consideration", "Invited to attend"],
                   [[e.when, e.report, e.issues, e.invited] for e in data.work_programme])
    return _bytes(document)
