"""Erasing a closed case's personal data once the partnership's retention period has passed.

What goes: the victim's pseudonym and age, the date of death, who told the partnership, the linked child
review's reference, the agencies involved, chairs' and panel members' names, the decision's reasons and
every stage's notes, who chose the pseudonym, the family contacts' names, notes and views, parallel
processes' references, the tender's reasons, appointments to the review and agencies' uploaded reviews, the report's draft versions, the quality assurance panel's
letters, its change requests and the Partnership's responses, and who uploaded each version (the approved final
versions are the published report and are kept). What stays: the reference, the partnership, the dates of the stages, the outcome of each
decision, the themes and the recommendations (the learning, 001:429). Audit rows of this app never held the
erased values (see the actions), so they need no redaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.permissions import require
from saferhub.dhr import clocks, rules
from saferhub.dhr.actions.common import lock_case, settings_for, today
from saferhub.dhr.models import Case, Tender

#: The stage details kept after erasure (not personal).
KEPT_DETAILS = {"outcome", "anonymisation_checked", "themes", "version"}


@transaction.atomic
def erase_case(case: Case, *, acting_user: Actor, on: dt.date | None = None) -> Case:
    require(acting_user, "dhr.erase_case", case)
    case = lock_case(case)
    settings = settings_for(case.partnership)
    day = on or today()
    rules.check_erasure(closed_on=case.closed_on, erased_on=case.erased_on,
                        erase_after=clocks.erase_after(case.closed_on, settings.retention_years), today=day)
    case.victim_pseudonym = ""
    case.victim_age = None
    case.date_of_death = None
    case.notified_by = ""
    case.notifying_organisation = None
    case.child_review_reference = ""
    case.publication_withheld_reason = case.publication_withheld_approver = ""
    case.erased_on = day
    case.save()
    case.agencies.clear()
    for decision in case.decisions.all():
        decision.chair_name = decision.partners_consulted = decision.rationale = ""
        decision.reopened_by = ""
        decision.save(update_fields=["chair_name", "partners_consulted", "rationale", "reopened_by"])
    for step in case.steps.all():
        step.details = {k: v for k, v in step.details.items() if k in KEPT_DETAILS}
        step.save(update_fields=["details", "updated_at"])
    case.panel.update(name="")
    case.pseudonym_chosen_by = ""
    case.save(update_fields=["pseudonym_chosen_by"])
    case.family_contacts.update(who="", outcome="", views_on_draft="")
    case.parallel.update(reference="", pause_reason="")
    case.appointments.all().delete()
    Tender.objects.filter(case=case).update(reason="")
    for imr in case.imrs.exclude(document_path=""):
        if default_storage.exists(imr.document_path):
            default_storage.delete(imr.document_path)
        imr.document_path = ""
        imr.save(update_fields=["document_path"])
    _erase_report(case)
    audit.record("dhr.case.erased", actor=acting_user, target=case,
                 data={"closed_on": case.closed_on, "retention_years": settings.retention_years})
    return case


def _delete_file(path: str) -> None:
    if path and default_storage.exists(path):
        default_storage.delete(path)


def _erase_report(case: Case) -> None:
    from saferhub.dhr.models import QaChange

    kept = set()
    for submission in case.qa_submissions.filter(approved_on__isnull=False):
        kept |= {submission.approved_overview_id, submission.approved_summary_id}
    for document in case.documents.exclude(pk__in=kept).exclude(file_path=""):
        _delete_file(document.file_path)
        document.file_path = document.filename = ""
        document.save(update_fields=["file_path", "filename"])
    case.documents.update(uploaded_by=None)
    for submission in case.qa_submissions.exclude(letter_path=""):
        _delete_file(submission.letter_path)
        submission.letter_path = ""
        submission.save(update_fields=["letter_path"])
    QaChange.objects.filter(submission__case=case).update(text="", response="")


@transaction.atomic
def erase_retired_chairs(*, acting_user: Actor) -> int:
    """A retired chair's name, accreditation and declaration go once every case they tendered for has had its
    personal data erased (until then the tender record needs them)."""
    from saferhub.dhr.models import Chair

    live = Tender.objects.filter(case__erased_on__isnull=True)
    due = (Chair.objects.filter(available=False).exclude(name="")
           .exclude(pk__in=live.values("chosen")).exclude(pk__in=live.values("invited")))
    count = 0
    for chair in due:
        chair.name = chair.accreditation = chair.declaration = ""
        chair.trained_on = None
        chair.save(update_fields=["name", "accreditation", "declaration", "trained_on"])
        chair.connected_agencies.clear()
        audit.record("dhr.chair.erased", actor=acting_user, target=chair, data={"partnership": chair.partnership_id})
        count += 1
    return count


def erase_due_cases(*, acting_user: Actor, on: dt.date | None = None) -> list[str]:
    """The retention sweep: erase every closed case past its partnership's period (each in its own transaction)."""
    day = on or today()
    erased = []
    for case in Case.objects.filter(closed_on__isnull=False, erased_on__isnull=True).select_related("partnership"):
        after = clocks.erase_after(case.closed_on, settings_for(case.partnership).retention_years)
        if after and day >= after:
            erase_case(case, acting_user=acting_user, on=day)
            erased.append(case.reference)
    erase_retired_chairs(acting_user=acting_user)
    return erased
