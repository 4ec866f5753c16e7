"""Storing files: uploaded annexes (checked for type and size) and generated documents."""

from __future__ import annotations

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.papers.models import CoverReport, Document, DocumentKind

MAX_ANNEX_BYTES = 25 * 1024 * 1024
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def sniff_format(content: bytes) -> str | None:
    """The real format of uploaded bytes, from their signature rather than their name."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def pdf_page_count_and_text(content: bytes) -> tuple[int, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise RuleViolation("The PDF is password-protected; upload an unprotected copy.", code="papers.annex_encrypted",
                                field="file")
        pages = len(reader.pages)
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:400])
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise RuleViolation("The file is not a readable PDF.", code="papers.annex_type", field="file") from exc
    return pages, text


def docx_text(content: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several unrelated types for broken files
        raise RuleViolation("The file is not a readable Word document.", code="papers.annex_type", field="file") from exc
    return "\n".join(p.text for p in document.paragraphs)


@transaction.atomic
def store_document(
    *,
    committee,
    kind: str,
    format: str,
    title: str,
    content: bytes,
    acting_user: Actor,
    meeting=None,
    cover_report: CoverReport | None = None,
    label: str = "",
    position: int | None = None,
    page_count: int | None = None,
    text: str = "",
    generated: bool = True,
    filename: str | None = None,
    published_at=None,
) -> Document:
    """Store a file as a document of a meeting: not yet published, unless ``published_at`` says
    when it was (a file already published elsewhere, such as an imported agenda pack)."""
    require(acting_user, "papers.prepare", meeting or committee)
    if position is None:
        position = (Document.objects.filter(meeting=meeting, kind=kind).aggregate(m=Max("position"))["m"] or 0) + 1
    digest = hashlib.sha256(content).hexdigest()
    document = Document(
        committee=committee, meeting=meeting, cover_report=cover_report, kind=DocumentKind(kind), format=format,
        title=title[:300], label=label, position=position, media_type=MEDIA_TYPES[format], size=len(content),
        sha256=digest, page_count=page_count, text=text, generated=generated, published_at=published_at,
    )
    name = filename or f"{kind}-{digest[:12]}.{format}"
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    audit.record("papers.annex.uploaded" if not generated else "papers.agenda.built", actor=acting_user,
                 target=document, data={"title": document.title, "kind": kind, "format": format, "size": len(content),
                                        **({"published_at": published_at} if published_at else {})})
    return document


@transaction.atomic
def upload_annex(
    cover_report: CoverReport, *, title: str, content: bytes, filename: str, acting_user: Actor
) -> Document:
    """Attach an annex (PDF or Word) to a report. The type is read from the file itself, not its
    name; files over 25 MB, encrypted PDFs and anything else are refused."""
    meeting = cover_report.agenda_item.meeting
    require(acting_user, "papers.prepare", meeting)
    if not title.strip():
        raise RuleViolation("Enter the annex's title.", code="papers.title_required", field="title")
    if not content:
        raise RuleViolation("The selected file is empty.", code="papers.annex_empty", field="file")
    if len(content) > MAX_ANNEX_BYTES:
        raise RuleViolation("The selected file must be smaller than 25 MB.", code="papers.annex_size", field="file")
    kind = sniff_format(content)
    if kind is None:
        raise RuleViolation("The selected file must be a PDF or a Word document (.docx).", code="papers.annex_type",
                            field="file")
    if kind == "pdf":
        pages, text = pdf_page_count_and_text(content)
    else:
        pages, text = None, docx_text(content)
    number = Document.objects.filter(cover_report=cover_report, kind=DocumentKind.ANNEX, deleted_at__isnull=True).count() + 1
    safe_name = "".join(c for c in filename.rsplit("/", 1)[-1] if c.isalnum() or c in "._- ")[:80] or f"annex.{kind}"
    return store_document(
        committee=meeting.committee, meeting=meeting, cover_report=cover_report, kind=DocumentKind.ANNEX, format=kind,
        title=title.strip(), label=f"Annex {number}", position=number, content=content, page_count=pages, text=text,
        generated=False, filename=safe_name, acting_user=acting_user,
    )


@transaction.atomic
def withdraw_document(document: Document, *, reason: str, acting_user: Actor) -> Document:
    """Withdraw a document. It stays on record (open data reports it as deleted) but is no longer shown."""
    require(acting_user, "papers.publish", document.meeting or document.committee)
    if not reason.strip():
        raise RuleViolation("Give the reason for withdrawing the document.", code="papers.reason_required", field="reason")
    document.deleted_at = timezone.now()
    document.save(update_fields=["deleted_at", "updated_at"])
    audit.record("papers.document.withdrawn", actor=acting_user, target=document, data={"reason": reason.strip()})
    return document
