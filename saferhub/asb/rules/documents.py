"""Rules for files attached to a case: what may be uploaded, how big, and whether the contents are what the
name says. The one home of these limits: the public form, the staff document form and the
``add_case_document`` action all call ``check_upload``; the size limit is the partnership's
``AsbSettings.max_upload_bytes`` (``saferhub.asb.config``). Pure Python, no database.
"""

from __future__ import annotations

import zipfile

from saferhub.core.exceptions import RuleViolation

PDF = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JPEG = "image/jpeg"
PNG = "image/png"
TEXT = "text/plain"

#: What the public may attach to an application (extension → content type).
PUBLIC_UPLOAD_TYPES = {".pdf": PDF, ".docx": DOCX_CONTENT_TYPE, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
#: What staff and agencies may store on a case: the same, and plain text.
CASE_DOCUMENT_TYPES = {**PUBLIC_UPLOAD_TYPES, ".txt": TEXT}

TYPE_NAMES = {PDF: "PDF", DOCX_CONTENT_TYPE: "Word document (DOCX)", JPEG: "JPEG", PNG: "PNG", TEXT: "plain text file"}
_SIGNATURES = {PDF: b"%PDF-", DOCX_CONTENT_TYPE: b"PK\x03\x04", JPEG: b"\xff\xd8\xff", PNG: b"\x89PNG\r\n\x1a\n"}


def describe_types(allowed: dict[str, str]) -> str:
    """The allowed types in words, each named once: a PDF, Word document (DOCX), JPEG or PNG."""
    names = list(dict.fromkeys(TYPE_NAMES[t] for t in allowed.values()))
    return "a " + (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0])


def megabytes(max_bytes: int) -> str:
    """The limit as the forms state it: "10MB" (or "0.5MB" below one megabyte)."""
    size = max_bytes / (1024 * 1024)
    return f"{size:g}MB" if size >= 1 else f"{size:.2g}MB"


def check_upload(*, name: str, size: int, head: bytes, max_bytes: int,
                 allowed: dict[str, str] = CASE_DOCUMENT_TYPES) -> str:
    """Return the checked content type of an upload, or refuse it: its type (by the name's extension), empty,
    too large, or contents that do not match the type (the file's first bytes)."""
    lower = (name or "").lower()
    extension = lower[lower.rfind("."):] if "." in lower else ""
    content_type = allowed.get(extension)
    if content_type is None:
        raise RuleViolation(f"The selected file must be {describe_types(allowed)}.", code="asb.document_type",
                            field="file")
    if size <= 0:
        raise RuleViolation("The selected file is empty.", code="asb.document_empty", field="file")
    if size > max_bytes:
        raise RuleViolation(f"The selected file must be smaller than {megabytes(max_bytes)}.",
                            code="asb.document_too_large", field="file")
    signature = _SIGNATURES.get(content_type)
    if (signature and not head.startswith(signature)) or (content_type == TEXT and b"\x00" in head):
        raise RuleViolation(f"The selected file is not a real {TYPE_NAMES[content_type]}: its contents do not match "
                            "its type.", code="asb.document_mismatch", field="file")
    return content_type


def check_document(*, name: str, size: int, head: bytes, max_bytes: int) -> str:
    """``check_upload`` for a document stored on a case by staff or an agency."""
    return check_upload(name=name, size=size, head=head, max_bytes=max_bytes, allowed=CASE_DOCUMENT_TYPES)


def docx_package_ok(file) -> bool:
    """Whether ``file`` (seekable) is a real Word document: a ZIP package holding ``word/document.xml`` and no
    macros (``vbaProject.bin``; a .docm renamed .docx). Any ZIP starts with the same bytes, so the signature alone
    lets through any archive renamed .docx. The file position is restored."""
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as package:
            names = {name.lower() for name in package.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        file.seek(position)
    return "word/document.xml" in names and not any(name.endswith("vbaproject.bin") for name in names)


def check_docx_package(file) -> None:
    if not docx_package_ok(file):
        raise RuleViolation("The selected file is not a real Word document (DOCX): its contents do not match its "
                            "type, or it contains macros.", code="asb.document_mismatch", field="file")


def check_file(file, *, max_bytes: int, allowed: dict[str, str] = CASE_DOCUMENT_TYPES) -> str:
    """Check an uploaded file object (name, size, first bytes, and a Word document's package); the file position
    is restored. The form and the action both call this."""
    name = getattr(file, "name", "") or ""
    size = getattr(file, "size", None) or 0
    position = file.tell() if hasattr(file, "tell") else 0
    if hasattr(file, "seek"):
        file.seek(0)
    head = file.read(16) if size else b""
    if hasattr(file, "seek"):
        file.seek(position)
    content_type = check_upload(name=name, size=size, head=head or b"", max_bytes=max_bytes, allowed=allowed)
    if content_type == DOCX_CONTENT_TYPE:
        check_docx_package(file)
    return content_type
