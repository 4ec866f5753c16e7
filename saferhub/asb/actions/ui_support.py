"""Actions the ASB pages need on top of the core actions: the county team's own letter templates.

A partnership changes the wording (``<letter>.txt``) or the whole Word layout (``<letter>.docx``, docxtpl)
of any of Letters A–E without code. A template is checked by rendering it with fictional merge fields
before it is stored; a broken one is refused with the reason.
"""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


def _check_letter(letter: str) -> None:
    from saferhub.asb.letters import LETTERS

    if letter not in LETTERS:
        raise RuleViolation("Choose one of Letters A to E.", code="asb.letter_unknown", field="letter")


def _check_template(letter: str, kind: str, content: bytes) -> None:
    from jinja2.exceptions import SecurityError, TemplateError

    from saferhub.asb import letters

    if len(content) > MAX_TEMPLATE_BYTES:
        raise RuleViolation("A letter template must be smaller than 2MB.", code="asb.template_size", field="file")
    try:
        if kind == "txt":
            try:
                wording = content.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RuleViolation("The wording must be a plain text file saved as UTF-8.",
                                    code="asb.template_encoding", field="file") from exc
            if not wording.strip():
                raise RuleViolation("The wording is empty.", code="asb.template_empty", field="file")
            letters.preview(letter, wording=wording)
        else:
            if not zipfile.is_zipfile(io.BytesIO(content)):
                raise RuleViolation("The layout must be a Word document (DOCX).", code="asb.template_type", field="file")
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise RuleViolation("The layout must be a Word document (DOCX).", code="asb.template_type",
                                        field="file")
            letters.preview(letter, docx=content)
    except (TemplateError, SecurityError) as exc:
        raise RuleViolation(f"The template has a mistake in a merge field or instruction: {exc}",
                            code="asb.template_syntax", field="file") from exc


@transaction.atomic
def save_letter_template(*, letter: str, kind: str, content: bytes, acting_user: Actor) -> str:
    """Store the partnership's wording (``kind="txt"``) or Word layout (``kind="docx"``) for ``letter``."""
    from saferhub.asb.letters import stored_path

    require(acting_user, "asb.manage_config")
    _check_letter(letter)
    if kind not in ("txt", "docx"):
        raise RuleViolation("Upload the wording as a .txt file or the layout as a .docx file.",
                            code="asb.template_type", field="file")
    _check_template(letter, kind, content)
    path = stored_path(letter, kind)
    if default_storage.exists(path):
        default_storage.delete(path)
    saved = default_storage.save(path, ContentFile(content))
    audit.record("asb.letter_template.saved", actor=acting_user, data={"letter": letter, "kind": kind, "bytes": len(content)})
    return saved


@transaction.atomic
def reset_letter_template(*, letter: str, acting_user: Actor) -> None:
    """Go back to the default wording and layout for ``letter``."""
    from saferhub.asb.letters import stored_path

    require(acting_user, "asb.manage_config")
    _check_letter(letter)
    for kind in ("txt", "docx"):
        path = stored_path(letter, kind)
        if default_storage.exists(path):
            default_storage.delete(path)
    audit.record("asb.letter_template.reset", actor=acting_user, data={"letter": letter})
