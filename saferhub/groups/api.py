"""The register of bodies in the JSON API (issue 11, rules): public bodies only – those whose business is
public – with their profile, the Terms of Reference in force, members by organisation and meetings. A
private body is never listed or fetched here, signed in or not (staff see private bodies through the
governance endpoints, which check ``governance.view_committee``)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import Field

from saferhub.core.params import IsoDate, Offset
from saferhub.governance.models import Committee, Meeting
from saferhub.groups import queries

router = Router(tags=["Partnership groups"])
SLUG = r"^[-a-zA-Z0-9_]{1,80}$"


class BodyRef(Schema):
    slug: str
    name: str


class BodySummary(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    reports_to: BodyRef | None
    governed_by_partnership: bool
    web: str


class BodyPage(Schema):
    count: int
    items: list[BodySummary]


class RequiredOut(Schema):
    name: str
    organisation: str | None


class TorOut(Schema):
    version: str
    document_date: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    review_date: dt.date | None
    purpose: str
    key_activities: list
    priorities: list
    required_members: list[RequiredOut]
    quorum: int | None
    cadence_months: int | None
    cadence_weeks: int | None
    chair_term_months: int | None
    chair_election_method: str
    chair_from_members: bool
    chair_re_electable: bool
    pre_agenda_days_before: int | None
    papers_days_before: int | None
    papers_clear_working_days: int | None
    minutes_days_after: int | None
    agreed_at_meeting: int | None


class VersionRef(Schema):
    version: str
    in_force_from: dt.date
    in_force_to: dt.date | None


class MemberOut(Schema):
    name: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None


class OrganisationMembers(Schema):
    organisation: str
    members: list[MemberOut]


class ChairOut(Schema):
    name: str
    co_chair: bool
    start_date: dt.date
    end_date: dt.date | None


class MeetingOut(Schema):
    id: int
    date: dt.date
    status: str
    web: str


class BodyDetail(BodySummary):
    role: str
    secretariat: str | None
    secretariat_team: str
    managed_by: str
    chairs: list[ChairOut]
    terms_of_reference: TorOut | None
    versions: list[VersionRef]
    members_by_organisation: list[OrganisationMembers]
    meetings: list[MeetingOut]


class ListFilter(Schema):
    limit: int = Field(100, ge=1, le=500, description="At most 500 a page.")
    offset: Offset = 0


def _public():
    return Committee.objects.filter(is_public=True, is_active=True)


def _summary(body: Committee) -> dict:
    return {"slug": body.slug, "name": body.name, "short_name": body.short_name, "kind": body.kind,
            "kind_label": body.get_kind_display(), "governed_by_partnership": body.governed_by_partnership,
            "reports_to": ({"slug": body.parent.slug, "name": body.parent.name}
                           if body.parent_id and body.parent.is_public else None),
            "web": f"/groups/{body.slug}/"}


def _tor(tor) -> dict | None:
    if tor is None:
        return None
    fields = ("version", "document_date", "in_force_from", "in_force_to", "review_date", "purpose", "key_activities",
              "priorities", "quorum", "cadence_months", "cadence_weeks", "chair_term_months", "chair_election_method",
              "chair_from_members", "chair_re_electable", "pre_agenda_days_before", "papers_days_before",
              "papers_clear_working_days", "minutes_days_after")
    return {**{f: getattr(tor, f) for f in fields}, "agreed_at_meeting": tor.agreed_at_id,
            "required_members": [{"name": r.name, "organisation": r.organisation.name if r.organisation_id else None}
                                 for r in tor.required_members.select_related("organisation")]}


@router.get("/groups/", response=BodyPage, summary="List public Partnership bodies")
def list_bodies(request, filters: Query[ListFilter]):
    """The bodies whose business is public, by kind and name (``limit``, ``offset``)."""
    qs = _public().select_related("parent").order_by("kind", "name")
    rows = list(qs[filters.offset:filters.offset + filters.limit])
    return {"count": qs.count(), "items": [_summary(b) for b in rows]}


@router.get("/groups/{slug}", response=BodyDetail, summary="A public body: profile, Terms of Reference, members")
def get_body(request, slug: str = Path(..., pattern=SLUG, description="The body's slug."), on: IsoDate | None = None):
    """The body's register entry, its chairs, the Terms of Reference in force on ``on`` (today by default)
    and its versions, its members by organisation on that day and its last 20 meetings (and those to come)."""
    body = _public().select_related("parent", "group_profile__secretariat").filter(slug=slug).first()
    if body is None:
        raise Http404
    day = on or timezone.localdate()
    profile = getattr(body, "group_profile", None)
    by_org: dict[str, list] = {}
    for m in queries.members_on(body, day):
        by_org.setdefault(m.organisation.name, []).append(
            {"name": m.person.display_name, "kind": m.kind, "start_date": m.start_date, "end_date": m.end_date})
    chairs = [c for c in body.chair_terms.select_related("person")
              if c.start_date <= day and (c.end_date is None or c.end_date >= day)]
    meetings = Meeting.objects.filter(committee=body).order_by("-date")[:20]
    return {
        **_summary(body), "role": body.role_text,
        "secretariat": profile.secretariat.name if profile and profile.secretariat_id else None,
        "secretariat_team": profile.secretariat_team if profile else "",
        "managed_by": profile.managed_by if profile else "",
        "chairs": [{"name": c.person.display_name, "co_chair": c.co_chair, "start_date": c.start_date,
                    "end_date": c.end_date} for c in chairs],
        "terms_of_reference": _tor(queries.version_in_force(body, day)),
        "versions": [{"version": t.version, "in_force_from": t.in_force_from, "in_force_to": t.in_force_to}
                     for t in body.tor_versions.order_by("in_force_from")],
        "members_by_organisation": [{"organisation": k, "members": v} for k, v in sorted(by_org.items())],
        "meetings": [{"id": m.pk, "date": m.date, "status": m.status, "web": f"/groups/meetings/{m.pk}/"}
                     for m in meetings],
    }
