"""The online application as one use case: create the case, attach what the applicant uploaded, and, once the
case is committed, have the task worker email the acknowledgement (seed 002:1509: "realistically this can be
sent automatically through email"). The public form's view calls ``submit_online_application``; the task
(``saferhub.asb.tasks.send_acknowledgement_email_task``, queued by ``asb.receivers`` when
``asb.signals.online_application_submitted`` is sent after commit) calls ``send_acknowledgement_email``."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction

from saferhub.asb.actions.cases import record_acknowledgement, submit_application
from saferhub.asb.actions.records import add_case_document
from saferhub.asb.models import Case, NotificationKind
from saferhub.asb.pending import PENDING_DIR
from saferhub.asb.signals import online_application_submitted
from saferhub.core.actors import Actor, SystemActor

log = logging.getLogger(__name__)

#: Who the audit trail names for what the online form does on the applicant's behalf.
ONLINE_FORM = "Online application form"


def acknowledges_by_email() -> bool:
    """Whether an online application is acknowledged by email automatically (``ASB_ACKNOWLEDGE_BY_EMAIL``,
    on unless a partnership switches it off)."""
    return bool(getattr(settings, "ASB_ACKNOWLEDGE_BY_EMAIL", True))


def acknowledgement_address(case: Case) -> str:
    return case.applicant_email or case.victim_email or ""


def will_email_acknowledgement(case: Case) -> bool:
    """What the confirmation page may promise: an email, only when one will be sent."""
    return acknowledges_by_email() and bool(acknowledgement_address(case))


def _attach_upload(case: Case, upload: dict[str, Any]) -> None:
    path = str(upload.get("path") or "")
    if not path.startswith(PENDING_DIR + "/") or not default_storage.exists(path):
        return
    name = str(upload.get("name") or path.rsplit("/", 1)[-1])
    with default_storage.open(path, "rb") as handle:
        add_case_document(case, title=f"Uploaded with the application: {name}", kind="evidence",
                          file=File(handle, name=name), acting_user=SystemActor(ONLINE_FORM))


def _queue_acknowledgement(case_pk: int) -> None:
    """Announce the committed application; ``asb.receivers`` queues the email task (no import of the tasks
    here, which call these actions back)."""
    online_application_submitted.send(sender=Case, case_id=case_pk)


@transaction.atomic
def submit_online_application(*, acting_user: Actor, upload: dict[str, Any] | None = None,
                              **application: Any) -> Case:
    """Record an application made on the public form (channel: online form) as the visitor, attach the file
    they uploaded (kept in the pending store until now; the form acts as a system actor, since the public cannot
    manage cases), and queue the acknowledgement email to run after the commit."""
    case = submit_application(channel="web_form", acting_user=acting_user, **application)
    if upload:
        _attach_upload(case, upload)
    if will_email_acknowledgement(case):
        case_pk = case.pk
        transaction.on_commit(lambda: _queue_acknowledgement(case_pk))
    return case


def send_acknowledgement_email(case: Case, *, acting_user: Actor) -> bool:
    """Email the applicant Letter A's wording and record the acknowledgement (its clock stops). Nothing is sent
    twice: a case already acknowledged (by staff, or by an earlier run) is left alone. A failure to send is
    logged and leaves the acknowledgement to staff (its clock keeps running)."""
    from saferhub.asb import letters

    address = acknowledgement_address(case)
    if not address or case.notifications.filter(kind=NotificationKind.ACKNOWLEDGEMENT).exists():
        return False
    rendered = letters.render_letter(case, "A", formats=("html",))
    context = letters.merge_context(case, "A")
    body = (f"Dear {context['applicant_name']},\n\n{rendered.text}\n\n{context['contact_name']}\n"
            f"{context['area_name']} Operational Partnership Team")
    try:
        send_mail(f"Your ASB Case Review application {case.reference}", body,
                  getattr(settings, "DEFAULT_FROM_EMAIL", None), [address])
    except Exception:  # noqa: BLE001 - any mail failure leaves the acknowledgement to staff
        log.exception("Acknowledgement email for %s not sent", case.reference)
        return False
    record_acknowledgement(case, method="email", note=f"Sent automatically to {address}", acting_user=acting_user)
    return True
