"""Load a committee's papers data (wording, template, work programme, future items, written
questions) and derive each meeting's minutes status from the confirmations on record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.governance.loader import DataFileError, read_data_file
from saferhub.governance.models import AgendaItem, AgendaItemKind, Committee, Decision, Meeting, MeetingStatus
from saferhub.papers import actions
from saferhub.papers.models import Minutes, MinutesStatus, WorkProgrammeEntry, WorkProgrammeStatus

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "norfolk_papers.yaml"


def _date(value, where: str) -> dt.date:
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"{where}: {value!r} is not a date.") from None


def derive_minutes(committee: Committee, actor=SYSTEM) -> int:
    """Give every meeting that took place a minutes record: confirmed where a later quorate meeting's
    minutes item confirms it, otherwise a published draft."""
    count = 0
    confirmations = {}
    for item in AgendaItem.objects.filter(meeting__committee=committee, kind=AgendaItemKind.MINUTES,
                                          meeting__status=MeetingStatus.HELD).prefetch_related("confirms_minutes_of"):
        for earlier in item.confirms_minutes_of.all():
            confirmations.setdefault(earlier.pk, item)
    for meeting in Meeting.objects.took_place().filter(committee=committee, record_published=True).order_by("date"):
        existing = Minutes.objects.filter(meeting=meeting).first()
        if existing and existing.status != MinutesStatus.DRAFT:
            continue
        item = confirmations.get(meeting.pk)
        if item is not None:
            actions.confirm_minutes(meeting, at_item=item, acting_user=actor, render_documents=False)
        elif meeting.attendance_finalised:
            actions.publish_minutes(meeting, acting_user=actor, render_documents=False)
        else:
            continue
        count += 1
    return count


def load_papers_data(data: dict, actor=SYSTEM) -> str:
    try:
        with transaction.atomic():
            return _load(data, actor)
    except RuleViolation as exc:
        raise DataFileError(f"A record breaks a rule: {exc.text}") from exc
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"The papers data file is missing a required value ({exc}).") from exc


def _load(data: dict, actor) -> str:
    committee = Committee.objects.filter(slug=data["committee"]).first()
    if committee is None:
        raise DataFileError(f"Committee {data['committee']!r} is not loaded; run load_committee_data first.")
    meetings = {m.date: m for m in Meeting.objects.filter(committee=committee)}
    if WorkProgrammeEntry.objects.filter(committee=committee).exists():
        return "Papers data already loaded; nothing changed."
    actions.update_paper_settings(committee, acting_user=actor, **data.get("settings", {}))
    template = data.get("report_template")
    if template:
        actions.save_report_template(committee, name=template["name"], sections=template["sections"],
                                     implications=template["implications"],
                                     default_actions=template.get("default_actions", []), acting_user=actor)
    entries = 0
    for row in data.get("work_programme", []):
        where = f"work programme row for {row.get('meeting')}"
        meeting = meetings.get(_date(row["meeting"], where))
        if meeting is None:
            raise DataFileError(f"{where}: no such meeting.")
        decision = None
        if row.get("decision"):
            decision_meeting = meetings.get(_date(row["decision"], where))
            decision = Decision.objects.filter(agenda_item__meeting=decision_meeting,
                                               agenda_item__kind=AgendaItemKind.WORK_PROGRAMME).first()
        entry = actions.add_work_programme_entry(
            committee, report=row["report"], target_meeting=meeting, issues=row.get("issues", ""),
            invited=row.get("invited", ""), added_by_decision=decision, acting_user=actor,
        )
        status = {
            MeetingStatus.HELD: WorkProgrammeStatus.CONSIDERED,
            MeetingStatus.INQUORATE: WorkProgrammeStatus.CARRIED_FORWARD,
            MeetingStatus.POSTPONED: WorkProgrammeStatus.CARRIED_FORWARD,
            MeetingStatus.CANCELLED: WorkProgrammeStatus.CARRIED_FORWARD,
        }.get(meeting.status, WorkProgrammeStatus.PLANNED)
        if row.get("status"):  # what the documents show overrides the meeting's outcome (8 June 2023)
            try:
                status = WorkProgrammeStatus(row["status"])
            except ValueError:
                raise DataFileError(f"{where}: {row['status']!r} is not a work-programme status.") from None
        actions.update_work_programme_entry(entry, status=status, target_label=row.get("label", ""), acting_user=actor)
        entries += 1
    for row in data.get("future_items", []):
        agreed = meetings.get(_date(row["agreed_at"], "future item")) if row.get("agreed_at") else None
        actions.add_future_item(committee, text=row["text"], agreed_at=agreed, acting_user=actor)
    questions = data.get("written_questions")
    if questions:
        meeting = meetings.get(_date(questions["meeting"], "written questions"))
        org = Organisation.objects.filter(short_name=questions.get("response_from")).first()
        responded_on = _date(questions.get("responded_on") or meeting.date, "written questions")
        for row in questions["questions"]:
            item = AgendaItem.objects.filter(meeting=meeting, number=str(row.get("item", ""))).first()
            q = actions.record_written_question(meeting, question=row["question"], agenda_item=item, acting_user=actor)
            if row.get("response"):
                # The response as published, from whoever the document says answered it.
                actions.answer_written_question(q, response=row["response"], responded_on=responded_on,
                                                response_from=_answerer(row, org), acting_user=actor)
    minutes = derive_minutes(committee, actor)
    return (f"Loaded paper settings, the report template, {entries} work-programme rows, "
            f"{len(data.get('future_items', []))} future items, "
            f"{len(questions['questions']) if questions else 0} written questions and {minutes} minutes records.")


def _answerer(row: dict, default: Organisation | None) -> Organisation | None:
    """The body the document names as answering ("Response from the Partnership:" is the
    Partnership the data file names); another named body if it is known."""
    said = (row.get("answered_by") or "").strip()
    if not said or "partnership" in said.lower():
        return default
    return (Organisation.objects.filter(name__iexact=said.removeprefix("the ")).first()
            or Organisation.objects.filter(short_name__iexact=said).first() or default)


def load_file(path: Path = DEFAULT_PATH, actor=SYSTEM) -> str:
    return load_papers_data(read_data_file(Path(path)), actor)
