"""Letters as use cases: a step that sends a letter records the step and stores the letter (PDF and Word) on
the case in one transaction. The staff pages, and anything else that sends these letters, call these."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from saferhub.asb import letters
from saferhub.asb.actions.cases import determine_threshold, record_acknowledgement
from saferhub.asb.actions.common import today
from saferhub.asb.actions.records import add_case_document
from saferhub.asb.actions.review import send_decision_letter
from saferhub.asb.models import Case, CaseDocument
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require


@transaction.atomic
def store_letter(case: Case, letter: str, *, acting_user: Actor, letter_date: dt.date | None = None
                 ) -> list[CaseDocument]:
    """Render ``letter`` for ``case`` (dated ``letter_date``, today by default) and store its PDF and Word
    versions in the case's documents."""
    require(acting_user, "asb.manage_case", case)
    if letter not in letters.LETTERS:
        raise RuleViolation("Choose a letter to generate.", code="asb.letter", field="letter")
    letter_date = letter_date or today()
    rendered = letters.render_letter(case, letter, letter_date=letter_date)
    kind = letters.DOCUMENT_KIND[letter]
    stored = []
    for data, extension in ((rendered.pdf, "pdf"), (rendered.docx, "docx")):
        name = f"{case.reference}-letter-{letter.replace('_', '')}-{letter_date.isoformat()}.{extension}"
        stored.append(add_case_document(case, file=ContentFile(data, name=name),
                                        title=f"{rendered.title} ({extension.upper()})", kind=kind,
                                        acting_user=acting_user))
    return stored


@transaction.atomic
def acknowledge_and_store_letter(case: Case, *, method: str, acting_user: Actor) -> Case:
    """Record the acknowledgement; by Letter A, store the letter too (seed 002:1509)."""
    case = record_acknowledgement(case, method=method, acting_user=acting_user)
    if method == "letter_a":
        store_letter(case, "A", acting_user=acting_user)
    return case


@transaction.atomic
def determine_and_store_letter(case: Case, *, determination: str, complaints_related: bool,
                               discretionary_factor: str, reasons: str, acting_user: Actor) -> Case:
    """Record the threshold determination and store its letter (B, C(i) or C(ii))."""
    case = determine_threshold(case, determination=determination, complaints_related=complaints_related,
                               discretionary_factor=discretionary_factor, reasons=reasons, acting_user=acting_user)
    store_letter(case, determination, acting_user=acting_user)
    return case


@transaction.atomic
def send_and_store_decision_letter(case: Case, *, letter: str, signed_by: Organisation | None, signatory_name: str,
                                   acting_user: Actor) -> Case:
    """Record the decision letter (D or E) and store it; its date starts the appeal window."""
    case = send_decision_letter(case, letter=letter, signed_by=signed_by, signatory_name=signatory_name,
                                acting_user=acting_user)
    store_letter(case, letter, acting_user=acting_user, letter_date=case.decision_sent_on)
    return case
