"""OParl 1.1 objects built from SaferHub's models.

Every function takes prefetched rows and makes no query of its own (the views prefetch; see
``queries.py``). Dates are ISO 8601 in Europe/London with their offset. Facts OParl has no field
for are published under the ``saferhub:`` vendor prefix (documented in docs/opendata.md):
``saferhub:attendance`` and ``saferhub:substitutes`` on Meeting, ``saferhub:decisions`` on
AgendaItem, ``saferhub:membershipRole`` and ``saferhub:seat`` (a committee seat) or ``saferhub:chair`` (a
Partnership group member) on Membership.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from saferhub.core import calendar
from saferhub.governance.models import AttendanceRole, AttendanceStatus, MeetingStatus, MembershipRole
from saferhub.governance.models.committee import BodyKind

SCHEMA = "https://schema.oparl.org/1.1/"
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

MEETING_STATE = {
    MeetingStatus.SCHEDULED: "scheduled",
    MeetingStatus.HELD: "held",
    MeetingStatus.INQUORATE: "inquorate",
    MeetingStatus.CANCELLED: "cancelled",
    MeetingStatus.POSTPONED: "postponed",
}


LOCAL = ZoneInfo(settings.TIME_ZONE)
ROLE_LABELS = dict(MembershipRole.choices)
#: A Partnership group member's OParl role: the chair's term held today, else the kind of membership.
GROUP_ROLE_LABELS = {"chair": "Chair", "co_chair": "Co-chair", "member": "Member", "co_opted": "Co-opted member",
                     "temporary": "Temporary member"}


def stamp(value) -> str | None:
    """ISO 8601: a date, or a date-time in Europe/London with its offset."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL).isoformat(timespec="seconds")
    return value.isoformat()


def venue_key(venue: str) -> str:
    return base64.urlsafe_b64encode(venue.encode("utf-8")).decode("ascii").rstrip("=")


def venue_from_key(key: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _clean(obj: dict) -> dict:
    """Drop empty values: OParl leaves out what is unknown rather than sending null."""
    return {k: v for k, v in obj.items() if v is not None and v != "" and v != []}


def classification(committee) -> str:
    """A scrutiny committee (the Sub Panel) is classified "Committee", as it always was; every other body in
    the Partnership's register by its kind ("Delivery group", "Statutory board"…, issue 11)."""
    if committee.kind == BodyKind.SCRUTINY_COMMITTEE:
        return "Committee"
    return committee.get_kind_display()


@dataclass
class Context:
    """Absolute URLs for one request (OParl ids are absolute URLs)."""

    root: str  # https://host

    @property
    def base(self) -> str:
        return f"{self.root}/oparl/v1"

    @property
    def body_id(self) -> str:
        return f"{self.base}/body/1"

    def url(self, kind: str, pk) -> str:
        return f"{self.base}/{kind}/{pk}"

    def web(self, path: str) -> str:
        return f"{self.root}{path}"

    # -- shared fields ------------------------------------------------------------------------

    def common(self, kind: str, pk, obj=None, created=None, modified=None, web: str | None = None) -> dict:
        data = {"id": self.url(kind.lower(), pk), "type": SCHEMA + kind}
        data["created"] = stamp(created if created is not None else getattr(obj, "created_at", None))
        data["modified"] = stamp(modified if modified is not None else getattr(obj, "updated_at", None))
        data["web"] = web
        data["license"] = LICENSE
        return data

    def tombstone(self, kind: str, object_id, created, deleted_at, required: dict | None = None) -> dict:
        """A deleted object: id, type, created, modified (when deleted) and deleted, plus the few
        fields the official schema requires of every object of the type (AgendaItem ``order``,
        File ``accessUrl``, which then answers 404)."""
        data = {"id": self.url(kind.lower(), object_id), "type": SCHEMA + kind, "created": stamp(created),
                "modified": stamp(deleted_at), "deleted": True}
        for key, value in (required or {}).items():
            data[key] = self.web(value) if key == "accessUrl" else value
        return _clean(data)

    def tombstone_row(self, row) -> dict:
        return self.tombstone(row.object_type, row.object_id, row.created, row.deleted_at, row.required)

    # -- System and Body ----------------------------------------------------------------------

    def system(self, config) -> dict:
        return _clean({
            "id": f"{self.base}/system", "type": SCHEMA + "System", "oparlVersion": SCHEMA,
            "license": LICENSE, "body": f"{self.base}/body", "name": f"{config.service_name} – {config.council_name}",
            "contactEmail": config.contact_email or None, "website": self.web("/"),
            "web": self.web("/open-data/"), "modified": stamp(config.updated_at),
        })

    def body(self, config, terms: list[str]) -> dict:
        partnership = config.partnership
        data = {
            "id": self.body_id, "type": SCHEMA + "Body", "system": f"{self.base}/system",
            "name": partnership.name if partnership else config.council_name,
            "shortName": (partnership.short_name if partnership else "") or None,
            "website": self.web("/"), "license": LICENSE, "contactEmail": config.contact_email or None,
            "classification": "Community Safety Partnership scrutiny",
            "organization": f"{self.body_id}/organization", "person": f"{self.body_id}/person",
            "meeting": f"{self.body_id}/meeting", "paper": f"{self.body_id}/paper",
            "agendaItem": f"{self.body_id}/agendaitem", "consultation": f"{self.body_id}/consultation",
            "file": f"{self.body_id}/file", "locationList": f"{self.body_id}/location",
            "legislativeTermList": f"{self.body_id}/legislativeterm", "membership": f"{self.body_id}/membership",
            "legislativeTerm": [self.legislative_term(label) for label in terms],
            "modified": stamp(config.updated_at), "web": self.web("/"),
        }
        return _clean(data)

    def legislative_term(self, label: str) -> dict:
        start, end = calendar.civic_year_bounds(label)
        return _clean({
            "id": self.url("legislativeterm", label), "type": SCHEMA + "LegislativeTerm", "body": self.body_id,
            "name": f"Civic year {label}", "startDate": start.isoformat(), "endDate": end.isoformat(),
            "license": LICENSE,
        })

    def location(self, venue: str) -> dict:
        return _clean({
            "id": self.url("location", venue_key(venue)), "type": SCHEMA + "Location", "description": venue,
            "license": LICENSE,
        })

    # -- Organizations ------------------------------------------------------------------------

    def committee(self, committee) -> dict:
        data = self.common("Organization", f"c{committee.pk}", committee, web=self.web(committee.get_absolute_url()))
        data.update({
            "body": self.body_id, "name": committee.name, "shortName": committee.short_name or None,
            "organizationType": "committee", "classification": classification(committee),
            "membership": [self.url("membership", pk) for pk in getattr(committee, "oparl_membership_ids", [])],
            "meeting": f"{self.base}/organization/c{committee.pk}/meeting",
            # Linked only when the parent is open data too (a public group may report to a private board).
            "subOrganizationOf": (self.url("organization", f"c{committee.parent_id}")
                                  if committee.parent_id and committee.parent.is_public else None),
            "post": ["Chair", "Vice-Chair", "Member", "Named substitute"],
            "saferhub:quorum": committee.quorum,
            "saferhub:memberOf": self.url("organization", f"o{committee.organisation_id}"),
            "saferhub:scrutinises": (self.url("organization", f"o{committee.scrutinises_id}")
                                     if committee.scrutinises_id else None),
        })
        if not committee.is_active:
            data["web"] = None
        return _clean(data)

    def organisation(self, org) -> dict:
        data = self.common("Organization", f"o{org.pk}", org)
        data.update({
            "body": self.body_id, "name": org.name, "shortName": org.short_name or None,
            "organizationType": "external body" if not org.is_council else "council",
            "classification": org.get_kind_display(), "website": org.website or None,
            "subOrganizationOf": self.url("organization", f"o{org.parent_id}") if org.parent_id else None,
        })
        return _clean(data)

    # -- People and memberships ---------------------------------------------------------------

    def person(self, person) -> dict:
        # The person's page is governance's: a councillor's, or a committee member's; a member only of
        # Partnership groups has none (the group's page names them).
        has_page = person.is_councillor or bool(getattr(person, "oparl_memberships", []))
        data = self.common("Person", person.pk, person, web=self.web(f"/people/{person.pk}/") if has_page else None)
        data.update({
            "body": self.body_id, "name": person.display_name, "formOfAddress": person.honorific or None,
            "status": ["Councillor"] if person.is_councillor else [],
            "membership": [*(self.membership_row(row) for row in getattr(person, "oparl_memberships", [])),
                           *(self.group_membership_row(row) for row in getattr(person, "oparl_group_memberships", []))],
        })
        return _clean(data)

    def _membership(self, pk, *, person_id, organization: str, role: str, voting, start, end, created, modified,
                    on_behalf_of, extra: dict) -> dict:
        """One Membership, a committee seat's or a Partnership group member's (the same fields either way)."""
        data = {"id": self.url("membership", pk), "type": SCHEMA + "Membership", "created": stamp(created),
                "modified": stamp(modified), "license": LICENSE,
                "person": self.url("person", person_id), "organization": self.url("organization", organization),
                "role": role, "votingRight": voting, "startDate": stamp(start), "endDate": stamp(end),
                "onBehalfOf": self.url("organization", f"o{on_behalf_of}") if on_behalf_of else None, **extra}
        return _clean(data)

    def membership(self, m) -> dict:
        return self.membership_row((m.person_id, m.pk, m.committee_id, m.role, m.voting, m.start_date, m.end_date,
                                    m.created_at, m.updated_at, m.seat.number if m.seat_id else None,
                                    m.seat.organisation_id if m.seat_id else None))

    def membership_row(self, row) -> dict:
        """A membership from a tuple of ``queries.MEMBERSHIP_FIELDS`` (embedded in Person)."""
        person_id, pk, committee_id, role, voting, start, end, created, modified, seat_number, seat_org = row
        return self._membership(pk, person_id=person_id, organization=f"c{committee_id}",
                                role=ROLE_LABELS.get(role, role), voting=voting, start=start, end=end, created=created,
                                modified=modified, on_behalf_of=seat_org,
                                extra={"saferhub:membershipRole": role, "saferhub:seat": seat_number})

    def group_membership(self, m) -> dict:
        """A Partnership group's member (``queries.public_group_memberships``, with its ``chair``)."""
        return self.group_membership_row((m.person_id, m.pk, m.body_id, m.kind, m.start_date, m.end_date,
                                          m.created_at, m.updated_at, m.organisation_id, m.chair))

    def group_membership_row(self, row) -> dict:
        """A group member from a tuple of ``queries.GROUP_MEMBERSHIP_FIELDS``. The role is Chair or Co-chair
        while the member holds that term, else the kind of membership; the ToR record no voting rights, so
        ``votingRight`` is left out; ``onBehalfOf`` is the organisation the member represents."""
        person_id, pk, body_id, kind, start, end, created, modified, organisation_id, chair = row
        return self._membership(f"g{pk}", person_id=person_id, organization=f"c{body_id}",
                                role=GROUP_ROLE_LABELS.get(chair or kind, kind), voting=None, start=start, end=end,
                                created=created, modified=modified, on_behalf_of=organisation_id,
                                extra={"saferhub:membershipRole": kind, "saferhub:chair": chair or None})

    # -- Meetings and agenda items ------------------------------------------------------------

    def _start(self, meeting) -> dt.datetime | None:
        if meeting.date_precision != "day":
            return None
        tz = timezone.get_default_timezone()
        if meeting.start_time is None:
            return dt.datetime.combine(meeting.date, dt.time.min, tzinfo=tz)
        return dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)

    def file(self, doc, meeting_ids=None) -> dict:
        if doc.deleted_at is not None:
            return self.tombstone("File", doc.pk, doc.created_at, doc.deleted_at, {"accessUrl": f"/files/{doc.pk}/"})
        access = self.web(f"/files/{doc.pk}/")
        extension = {"html": "html", "pdf": "pdf", "docx": "docx"}.get(doc.format, "bin")
        data = self.common("File", doc.pk, doc, web=access)
        data.update({
            "name": str(doc), "fileName": f"{doc.kind}-{doc.pk}.{extension}", "mimeType": doc.media_type,
            "date": stamp(timezone.localtime(doc.published_at).date()) if doc.published_at else None,
            "size": doc.size, "accessUrl": access, "downloadUrl": access,
            "meeting": [self.url("meeting", doc.meeting_id)] if doc.meeting_id else [],
            "paper": [self.url("paper", doc.cover_report_id)] if doc.cover_report_id else [],
            "saferhub:sha256": doc.sha256 or None, "saferhub:kind": doc.kind,
            "saferhub:pageCount": doc.page_count,
        })
        return _clean(data)

    def decision(self, d) -> dict:
        return _clean({
            "sequence": d.sequence, "verb": d.verb, "text": d.text,
            "recommendations": [_clean({
                "text": r.text, "status": r.status, "responseDue": stamp(r.response_due),
                "addressee": (self.url("organization", f"o{r.addressee_organisation_id}") if r.addressee_organisation_id
                              else self.url("organization", f"c{r.addressee_committee_id}")),
                "addresseeName": str(r.addressee),
            }) for r in d.recommendations.all()] if hasattr(d, "_prefetched_objects_cache") and
            "recommendations" in d._prefetched_objects_cache else [],
        })

    def agenda_item(self, item, meeting=None) -> dict:
        meeting = meeting or item.meeting
        data = self.common("AgendaItem", item.pk, item, web=self.web(f"/meetings/{item.meeting_id}/#agenda"))
        data.update({
            "meeting": self.url("meeting", item.meeting_id), "number": item.number or None, "order": item.position,
            "name": item.title, "public": True,
        })
        report = getattr(item, "cover_report", None) if _has_report(item) else None
        if (report is not None and report.status == "final" and report.deleted_at is None
                and agenda_published(meeting)):
            data["consultation"] = self.url("consultation", report.pk)
            annexes = getattr(report, "live_annexes", None)
            if annexes is None:  # embedded in its meeting: the meeting's documents are at hand
                annexes = [d for d in getattr(meeting, "live_documents", []) if d.cover_report_id == report.pk]
            data["auxiliaryFile"] = [self.file(d) for d in annexes]
        if meeting.record_published:
            decisions = list(item.decisions.all())
            if decisions:
                data["resolutionText"] = "\n".join(f"{d.sequence}) {d.verb} {d.text}" for d in decisions)
                data["saferhub:decisions"] = [self.decision(d) for d in decisions]
            if item.carry_forward:
                data["result"] = "carried forward"
        elif item.carry_forward:
            data["result"] = "carried forward"
        return _clean(data)

    def meeting(self, meeting) -> dict:
        committee = meeting.committee
        data = self.common("Meeting", meeting.pk, meeting, web=self.web(f"/meetings/{meeting.pk}/"))
        start = self._start(meeting)
        end = None
        if start is not None and meeting.finished_at:
            end = dt.datetime.combine(meeting.date, meeting.finished_at, tzinfo=start.tzinfo)
        data.update({
            "name": f"{committee.name}, {meeting.date_display}",
            "meetingState": MEETING_STATE.get(meeting.status, meeting.status),
            "cancelled": meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED),
            "start": stamp(start), "end": stamp(end),
            "location": self.location(meeting.venue) if meeting.venue else None,
            "organization": [self.url("organization", f"c{meeting.committee_id}")],
            "saferhub:datePrecision": meeting.date_precision,
            # The quorum that applied (stored when attendance was confirmed), else the current one.
            "saferhub:quorum": meeting.applicable_quorum,
            "saferhub:livestream": meeting.livestream_url or None,
            "saferhub:postponedTo": self.url("meeting", meeting.postponed_to_id) if meeting.postponed_to_id else None,
        })
        files = [d for d in getattr(meeting, "live_documents", [])]
        agenda = [d for d in files if d.kind == "agenda"]
        minutes = [d for d in files if d.kind == "minutes"]
        invitation, protocol = _pick_pdf(agenda), _pick_pdf(minutes)
        data["invitation"] = self.file(invitation) if invitation else None
        data["resultsProtocol"] = self.file(protocol) if protocol else None
        data["auxiliaryFile"] = [self.file(d) for d in files if d is not invitation and d is not protocol]
        data["agendaItem"] = [self.agenda_item(i, meeting) for i in meeting.agenda_items.all()]
        if meeting.record_published:
            rows = getattr(meeting, "oparl_attendance", [])
            data["participant"] = [self.url("person", r[1]) for r in rows
                                   if r[3] == AttendanceStatus.PRESENT and r[2] != AttendanceRole.OFFICER]
            data["saferhub:attendance"] = [self.attendance(r) for r in rows]
            data["saferhub:substitutes"] = [
                {"person": self.url("person", r[1]), "substituteFor": self.url("person", r[5])}
                for r in rows if r[2] == AttendanceRole.SUBSTITUTE and r[5] and r[3] == AttendanceStatus.PRESENT
            ]
        return _clean(data)

    def attendance(self, row) -> dict:
        """One attendance row (a tuple of ``queries.ATTENDANCE_FIELDS``) for ``saferhub:attendance``."""
        _, person_id, role, status, voting, substitute_for_id, recorded_name, title, honorific, name = row
        officer = role == AttendanceRole.OFFICER
        return _clean({
            # Officers are not published as OParl Person objects: name and title only.
            "person": None if officer else self.url("person", person_id),
            "name": recorded_name or f"{honorific} {name}".strip(),
            "title": (title or None) if officer else None,
            "role": role, "status": status, "voting": voting,
            "substituteFor": self.url("person", substitute_for_id) if substitute_for_id else None,
        })

    # -- Papers, consultations ----------------------------------------------------------------

    def paper(self, report) -> dict:
        if report.deleted_at is not None:
            return self.tombstone("Paper", report.pk, report.created_at, report.deleted_at)
        item = report.agenda_item
        meeting = item.meeting
        data = self.common("Paper", report.pk, report, web=self.web(f"/meetings/{meeting.pk}/#agenda"))
        data.update({
            "body": self.body_id, "name": report.title,
            "reference": f"{meeting.committee.slug}/{meeting.date:%Y-%m-%d}/{item.number or item.position}",
            "date": stamp(meeting.date), "paperType": "Report",
            "auxiliaryFile": [self.file(d) for d in getattr(report, "live_annexes", [])],
            "underDirectionOf": [self.url("organization", f"c{meeting.committee_id}")],
            "consultation": [self.consultation(report)],
            "saferhub:responsibleDirector": report.responsible_director or None,
            "saferhub:executiveSummary": report.executive_summary or None,
        })
        return _clean(data)

    def consultation(self, report) -> dict:
        if report.deleted_at is not None:
            return self.tombstone("Consultation", report.pk, report.created_at, report.deleted_at)
        item = report.agenda_item
        data = self.common("Consultation", report.pk, report)
        data.update({
            "paper": self.url("paper", report.pk), "agendaItem": self.url("agendaitem", item.pk),
            "meeting": self.url("meeting", item.meeting_id),
            "organization": [self.url("organization", f"c{item.meeting.committee_id}")],
            "authoritative": False, "role": "scrutiny",
        })
        return _clean(data)


def agenda_published(meeting) -> bool:
    """The agenda is public (the same test as the agenda page and ``queries.public_reports``).
    Needs ``papers`` selected with the meeting."""
    papers = meeting.papers if hasattr(meeting, "papers") else None
    if papers is not None and papers.published_at is not None:
        return True
    return meeting.record_published and meeting.took_place


def _pick_pdf(docs: list):
    """The PDF of a document published in several formats, else the first format."""
    return next((d for d in docs if d.format == "pdf"), docs[0]) if docs else None


def _has_report(item) -> bool:
    return hasattr(item, "cover_report")  # False when the reverse one-to-one has no row
