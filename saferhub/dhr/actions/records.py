"""The register of chairs and each case's tender, parallel processes, the family contacts log, per-review
appointments, agencies' uploaded reviews and the composite action repository's updates. Audit rows hold ids,
kinds and dates only: never names, notes or what the family said (they outlive the retention period)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.dhr import rules
from saferhub.dhr.actions.common import full_clean, lock_case, not_erased, today
from saferhub.dhr.models import (
    BLOCKS_PUBLICATION,
    Appointment,
    AppointmentRole,
    Case,
    Chair,
    FamilyContact,
    ImrRequest,
    ParallelProcess,
    ProcessKind,
    Recommendation,
    RecommendationUpdate,
    Tender,
)

MAX_IMR_BYTES = 20 * 1024 * 1024
IMR_TYPES = {".pdf", ".docx", ".odt", ".txt"}


@transaction.atomic
def add_chair(*, partnership: Organisation, name: str, acting_user: Actor, accreditation: str = "",
              trained_on: dt.date | None = None, connected_agencies: list[Organisation] | None = None,
              declaration: str = "", available: bool = True) -> Chair:
    """Put a chair (or author) on the partnership's register of accredited chairs (001:436)."""
    require(acting_user, "dhr.notify", partnership)
    if not name.strip():
        raise RuleViolation("Enter the chair's name.", code="dhr.chair_name", field="name")
    chair = Chair(partnership=partnership, name=name.strip(), accreditation=accreditation.strip(),
                  trained_on=trained_on, declaration=declaration.strip(), available=available)
    full_clean(chair)
    chair.save()
    chair.connected_agencies.set(connected_agencies or [])
    audit.record("dhr.chair.added", actor=acting_user, target=chair, data={"partnership": partnership.pk})
    return chair


@transaction.atomic
def invite_tender(case: Case, *, invited: list[Chair], quotes: dict[int, int] | None = None,
                  acting_user: Actor) -> Tender:
    """Invite chairs from the register to tender for the review; quotes may be added as they come in."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    if any(c.partnership_id != case.partnership_id for c in invited):
        raise RuleViolation("Invite chairs from this partnership's register.", code="dhr.tender_register")
    rules.check_tender(invited={c.pk for c in invited}, chosen=None, reason="", available=True)
    tender, _ = Tender.objects.get_or_create(case=case)
    tender.invited.add(*invited)
    tender.quotes = {**tender.quotes, **{str(k): v for k, v in (quotes or {}).items()}}
    tender.save()
    audit.record("dhr.tender.invited", actor=acting_user, target=case, data={"invited": [c.pk for c in invited]})
    return tender


@transaction.atomic
def appoint_chair(case: Case, *, chair: Chair, reason: str, appointed_on: dt.date, acting_user: Actor,
                  on: dt.date | None = None) -> Tender:
    """Appoint the chosen chair: they were invited to tender, are available, accredited (accreditation and
    training date on the register, ``rules.check_chair_accredited``) and independent of every agency involved in
    the case (``rules.check_chair_independence``)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    tender = Tender.objects.filter(case=case).first()
    invited = set(tender.invited.values_list("pk", flat=True)) if tender else set()
    rules.check_tender(invited=invited, chosen=chair.pk, reason=reason, available=chair.available)
    rules.check_chair_accredited(chair_name=chair.name, accreditation=chair.accreditation,
                                 trained_on=chair.trained_on, appointed_on=appointed_on)
    rules.check_chair_independence(
        chair_name=chair.name, connected={o.pk: o.name for o in chair.connected_agencies.all()},
        case_agencies=set(case.agencies.values_list("pk", flat=True)) | set(case.panel.values_list("agency_id", flat=True)))
    rules.check_not_before(appointed_on, case.date_notified, what="of the appointment", after="the notification",
                           code="dhr.appointment_order", field="appointed_on", today=on or today())
    tender.chosen, tender.reason, tender.appointed_on = chair, reason.strip(), appointed_on
    tender.save()
    audit.record("dhr.tender.appointed", actor=acting_user, target=case,
                 data={"chair": chair.pk, "appointed_on": appointed_on})
    return tender


@transaction.atomic
def add_parallel_process(case: Case, *, kind: str, acting_user: Actor, reference: str = "",
                         started_on: dt.date | None = None, expected_end: dt.date | None = None,
                         pauses_review: bool = False, pause_reason: str = "",
                         on: dt.date | None = None) -> ParallelProcess:
    """Record a process running alongside the review. With ``pauses_review`` (and its reason) the review waits
    for it: the review clock shows "Paused" until it ends, and the days paused move the due date (``clocks``)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    rules.check_parallel_dates(started_on=started_on, ended_on=None, today=on or today())
    rules.check_pause(pauses_review=pauses_review, reason=pause_reason)
    process = ParallelProcess(case=case, kind=ProcessKind(kind), reference=reference.strip(), started_on=started_on,
                              expected_end=expected_end, pauses_review=pauses_review,
                              pause_reason=pause_reason.strip() if pauses_review else "")
    full_clean(process)
    process.save()
    audit.record("dhr.parallel.added", actor=acting_user, target=case,
                 data={"kind": kind, "process": process.pk, "pauses_review": pauses_review})
    return process


@transaction.atomic
def end_parallel_process(process: ParallelProcess, *, ended_on: dt.date, acting_user: Actor,
                         on: dt.date | None = None) -> ParallelProcess:
    require(acting_user, "dhr.change_case", process.case)
    lock_case(process.case)
    rules.check_parallel_dates(started_on=process.started_on, ended_on=ended_on, today=on or today())
    process.ended_on = ended_on
    process.save(update_fields=["ended_on"])
    audit.record("dhr.parallel.ended", actor=acting_user, target=process.case,
                 data={"process": process.pk, "ended_on": ended_on})
    return process


def blocking_processes(case: Case) -> list[tuple[str, str]]:
    """The open parallel processes that hold back publication, with why (``BLOCKS_PUBLICATION``)."""
    return [(p.get_kind_display(), BLOCKS_PUBLICATION[p.kind]) for p in case.parallel.all()
            if p.open and p.kind in BLOCKS_PUBLICATION]


@transaction.atomic
def log_family_contact(case: Case, *, contacted_on: dt.date, who: str, channel: str, purpose: str,
                       acting_user: Actor, outcome: str = "", agreed_to_participate: bool | None = None,
                       agreed_terms: bool | None = None, agreed_draft: bool | None = None,
                       views_on_draft: str = "", pseudonym: str = "", on: dt.date | None = None) -> FamilyContact:
    """Log a contact with a family member, friend or advocate. A pseudonym the family chose for the victim
    (001:489-497: advocates obtain pseudonyms from family members) replaces the case's pseudonym."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    rules.check_family_contact(contacted_on=contacted_on, date_notified=case.date_notified, who=who,
                               today=on or today())
    contact = FamilyContact(case=case, contacted_on=contacted_on, who=who.strip(), channel=channel, purpose=purpose,
                            outcome=outcome.strip(), agreed_to_participate=agreed_to_participate,
                            agreed_terms=agreed_terms, agreed_draft=agreed_draft, views_on_draft=views_on_draft.strip())
    full_clean(contact, exclude=["case"])
    contact.save()
    if pseudonym.strip():
        case.victim_pseudonym, case.pseudonym_chosen_by = pseudonym.strip(), who.strip()
        case.save(update_fields=["victim_pseudonym", "pseudonym_chosen_by", "updated_at"])
    audit.record("dhr.family.contacted", actor=acting_user, target=case,
                 data={"contact": contact.pk, "purpose": purpose, "channel": channel, "contacted_on": contacted_on})
    return contact


@transaction.atomic
def appoint_person(case: Case, *, user, role: str, acting_user: Actor,
                   agency: Organisation | None = None) -> Appointment:
    """Give a person outside the review team access to this one review, as its chair, author, a panel member
    or an agency's contact (who sees only their own agency's requests)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    role = AppointmentRole(role)
    if role == AppointmentRole.AGENCY and agency is None:
        raise RuleViolation("Choose the agency the contact answers for.", code="dhr.appointment_agency",
                            field="agency")
    row, created = Appointment.objects.get_or_create(case=case, user=user, role=role,
                                                     defaults={"agency": agency if role == AppointmentRole.AGENCY else None})
    if created:
        audit.record("dhr.appointment.added", actor=acting_user, target=case, data={"role": role.value,
                                                                                   "appointment": row.pk})
    user.__dict__.pop("_dhr_appointments", None)
    return row


@transaction.atomic
def upload_imr(imr: ImrRequest, *, filename: str, content: bytes, acting_user: Actor,
               on: dt.date | None = None) -> ImrRequest:
    """An agency uploads its individual management review: it is stored privately and its receipt recorded."""
    require(acting_user, "dhr.upload_imr", imr)
    lock_case(imr.case)
    not_erased(imr.case)
    suffix = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    if suffix not in IMR_TYPES:
        raise RuleViolation("Upload a PDF, Word, OpenDocument or text file.", code="dhr.imr_type", field="file")
    if not content or len(content) > MAX_IMR_BYTES:
        raise RuleViolation("The file must be between 1 byte and 20 MB.", code="dhr.imr_size", field="file")
    path = f"dhr/imrs/{imr.case_id}/{imr.pk}{suffix}"
    if default_storage.exists(path):
        default_storage.delete(path)
    imr.document_path = default_storage.save(path, ContentFile(content))
    imr.received_on = imr.received_on or on or today()
    imr.save(update_fields=["document_path", "received_on"])
    audit.record("dhr.imr.uploaded", actor=acting_user, target=imr.case, data={"imr": imr.pk, "agency": imr.agency_id})
    return imr


@transaction.atomic
def update_recommendation(rec: Recommendation, *, status: str, updated_on: dt.date, acting_user: Actor,
                          note: str = "", on: dt.date | None = None) -> RecommendationUpdate:
    """An update to an action in the composite action repository (001:429): its status and evidence."""
    require(acting_user, "dhr.change_case", rec.case)
    rules.check_recommendation_update(status=status, note=note, updated_on=updated_on, today=on or today())
    update = RecommendationUpdate(recommendation=rec, status=status, updated_on=updated_on, note=note.strip())
    full_clean(update, exclude=["recommendation"])
    update.save()
    rec.status = status
    rec.save(update_fields=["status"])
    audit.record("dhr.recommendation.updated", actor=acting_user, target=rec.case,
                 data={"recommendation": rec.pk, "status": status})
    return update


@transaction.atomic
def record_imr_viewed(imr: ImrRequest, *, acting_user: Actor) -> None:
    """An agency contact's read of their own request is audited like every read of a case."""
    require(acting_user, "dhr.view_imr", imr)
    audit.record("dhr.imr.viewed", actor=acting_user, target=imr.case, data={"imr": imr.pk})


@transaction.atomic
def record_review_viewed(case: Case, *, acting_user: Actor) -> None:
    """A read by the review's chair, author or panel member is audited like the team's reads."""
    require(acting_user, "dhr.view_review", case)
    audit.record("dhr.case.viewed", actor=acting_user, target=case, data={"page": "review (appointee)"})


@transaction.atomic
def retire_chair(chair: Chair, *, acting_user: Actor) -> Chair:
    """Take a chair off the register for new reviews; their details are erased by the retention sweep once no
    case they tendered for still holds personal data (``retention.erase_retired_chairs``)."""
    require(acting_user, "dhr.notify", chair.partnership)
    chair.available = False
    chair.save(update_fields=["available"])
    audit.record("dhr.chair.retired", actor=acting_user, target=chair, data={"partnership": chair.partnership_id})
    return chair
