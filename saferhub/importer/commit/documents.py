"""Files and source documents: each new file once, its documents with their lines, and the
published copy of each file as a papers document of its meeting."""

from __future__ import annotations

from django.utils.html import escape

from saferhub.importer.commit.base import _d
from saferhub.importer.models import SourceDocument, SourceFile
from saferhub.papers import actions as papers_actions
from saferhub.papers.models import DocumentKind


class DocumentsMixin:
    # -- files and documents ----------------------------------------------------------------
    def files(self) -> bool:
        any_new = False
        for f in self.batch.files.all():
            earlier = SourceFile.objects.filter(sha256=f.sha256, committed=True).exclude(pk=f.pk).first()
            if earlier:
                f.duplicate_of = earlier
                f.save(update_fields=["duplicate_of"])
                self.summary["files_unchanged"].append(f.name)
                continue
            f.committed = True
            f.save(update_fields=["committed"])
            self.new_files.add(f.name)
            any_new = True
        info = {fi["name"]: fi for fi in self.x["files"]}
        for f in self.batch.files.filter(committed=True):
            lines = bytes(f.content).decode("utf-8", "replace").split("\n") if f.kind == "text" else None
            if lines is None:
                lines = self.x.get("pdf_text", {}).get(f.name, "").split("\n")
            created = []
            for position, d in enumerate(info[f.name]["documents"]):
                a, b = d["lines"]
                pages = d.get("pages") or [None, None]
                doc = SourceDocument.objects.create(
                    file=f, position=position, kind=d["kind"], label=d["label"], title=d["title"][:300],
                    line_start=a, line_end=b, page_start=pages[0], page_end=pages[1],
                    text="\n".join(lines[a - 1:b]), meeting_date=_d(d.get("meeting_date")),
                    item_number=str(d.get("item") or ""), is_public=self.batch.publish,
                    parent=created[d["parent"]] if d.get("parent") is not None else None,
                )
                created.append(doc)
                self.docs[(f.name, position)] = doc
                self.summary["documents"] += 1
        return any_new

    def link_documents(self, committees: dict) -> None:
        committee = next(iter(committees.values()), None)
        for doc in self.docs.values():
            day = doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)
            if day is None:
                continue
            meeting = self.by_date.get(day.isoformat()) if hasattr(self, "by_date") else None
            doc.meeting = meeting
            doc.committee = meeting.committee if meeting else committee
            doc.save(update_fields=["meeting", "committee"])

    def source_papers(self, committee) -> None:
        """Each new file becomes a document of the meeting it was published for (agenda pack or
        minutes), published when the import is public; its text is searchable through the
        source documents, section by section with their lines."""
        for f in self.batch.files.filter(committed=True).exclude(name__in=self.summary["files_unchanged"]):
            docs = [d for (path, _), d in self.docs.items() if path == f.name]
            if f.name not in self.new_files or not docs:
                continue
            head = min(docs, key=lambda d: d.position)
            kind = DocumentKind.AGENDA_PACK if any(d.kind == "front_sheet" for d in docs) else (
                DocumentKind.MINUTES if head.kind == "minutes" else DocumentKind.OTHER)
            meeting = head.meeting
            if meeting is None:
                continue
            content = bytes(f.content)
            if f.kind != "pdf":
                title = escape(head.title)
                content = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
                           f"<body><main><h1>{title}</h1><pre>{escape(content.decode('utf-8', 'replace'))}</pre>"
                           "</main></body></html>").encode()
            with self.attempt(f"The document {f.name}", f"{f.name}:1"):
                document = papers_actions.store_document(
                    committee=meeting.committee, meeting=meeting, kind=kind, format="pdf" if f.kind == "pdf" else "html",
                    title=f"{DocumentKind(kind).label} (imported): {head.title}"[:300], content=content,
                    page_count=f.pages, text="", generated=False, filename=f.name[:80] + (".pdf" if f.kind == "pdf" else ".html"),
                    published_at=self.now if self.batch.publish else None, acting_user=self.actor)
                self.summary["papers"] += 1
                self.provenance(document, {"path": f.name, "lines": [head.line_start, head.line_end]})
