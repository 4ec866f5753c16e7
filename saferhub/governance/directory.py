"""The committee directory at national scale: the committees a user may see, filtered by name,
organisation (or the partnership a body scrutinises) and kind, a page at a time, in a constant
number of queries whatever the number of bodies (issue 16: every partnership, 5,000+ bodies)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from saferhub.core.params import parse_page
from saferhub.core.permissions import can
from saferhub.governance.models import Committee
from saferhub.governance.models.committee import BodyKind

PER_PAGE = 50
HOME_LIMIT = 12


def visible_committees(user) -> QuerySet[Committee]:
    """Active public committees, and the private ones this user may see (a private body is rare:
    their permission is checked one by one, never the public thousands)."""
    qs = Committee.objects.filter(is_active=True)
    if not getattr(user, "is_authenticated", False):
        return qs.filter(is_public=True)
    private = [c.pk for c in qs.filter(is_public=False).only("id", "slug", "organisation_id")
               if can(user, "governance.view_committee", c)]
    return qs.filter(Q(is_public=True) | Q(pk__in=private))


@dataclass
class Directory:
    page: Page
    q: str
    organisation: str
    kind: str
    kinds: list
    filters: str
    total: int


def directory(user, params) -> Directory:
    """One page of the committee list; unknown kinds are ignored, text is cut to 100 characters."""
    from urllib.parse import urlencode

    q = params.get("q", "").replace("\x00", "").strip()[:100]
    organisation = params.get("organisation", "").replace("\x00", "").strip()[:100]
    kind = params.get("kind", "")
    kind = kind if kind in BodyKind.values else ""
    qs = visible_committees(user).select_related("organisation", "parent")
    for word in q.split()[:6]:
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    for word in organisation.split()[:6]:
        qs = qs.filter(Q(organisation__name__icontains=word) | Q(scrutinises__name__icontains=word))
    if kind:
        qs = qs.filter(kind=kind)
    paginator = Paginator(qs.order_by("name", "id").only(
        "id", "name", "slug", "organisation__name", "parent__name", "parent__slug"), PER_PAGE)
    page = paginator.get_page(parse_page(params.get("page")))
    filters = urlencode([(k, v) for k, v in (("q", q), ("organisation", organisation), ("kind", kind)) if v])
    return Directory(page, q, organisation, kind, BodyKind.choices, filters, paginator.count)


def home_committees(user) -> tuple[list[Committee], int]:
    """The first committees by name for the home page, and how many there are in all (two queries)."""
    qs = visible_committees(user)
    return list(qs.order_by("name", "id").only("id", "name", "slug")[:HOME_LIMIT]), qs.count()
