"""Reads for the review pages. Every query of cases is filtered by the user's partnerships: one installation
serves many partnerships and no one sees another's cases."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from saferhub.core.models import Organisation, OrganisationKind
from saferhub.dhr.models import Case, DhrSettings, ImrRequest, ReviewStep
from saferhub.dhr.policies import team_partnership_ids


def _with_clock_data(qs: QuerySet) -> QuerySet:
    return qs.select_related("partnership").prefetch_related("decisions", "steps", "extensions")


def cases_for(user) -> QuerySet[Case]:
    return _with_clock_data(Case.objects.filter(partnership_id__in=team_partnership_ids(user)))


def case_for(user) -> QuerySet[Case]:
    """The queryset one case page is fetched from (``get_for`` then checks ``dhr.view_case``)."""
    return cases_for(user).select_related("notifying_organisation").prefetch_related(
        "agencies", "panel__agency", Prefetch("imrs", queryset=ImrRequest.objects.select_related("agency")),
        "recommendations__agency")


def settings_by_partnership(partnership_ids) -> dict[int, DhrSettings]:
    found = {s.partnership_id: s for s in DhrSettings.objects.filter(partnership_id__in=partnership_ids)}
    return {pid: found.get(pid) or DhrSettings(partnership_id=pid) for pid in partnership_ids}


def team_partnerships(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=team_partnership_ids(user)).order_by("name")


def agencies() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=OrganisationKind.PARTNERSHIP).order_by("name")


def published_learning() -> QuerySet[Case]:
    """Published reviews with only what is published: reference, partnership, publication date, themes and
    recommendations. Never a live case, never a victim's details (the page reads no other field)."""
    published = ReviewStep.objects.filter(step="published")
    return (Case.objects.filter(steps__step="published").select_related("partnership")
            .prefetch_related(Prefetch("steps", queryset=published, to_attr="publication"),
                              "recommendations__agency")
            .only("id", "reference", "themes", "partnership__name", "partnership_id")
            .order_by("partnership__name", "-id"))


def aggregate_counts() -> list[dict]:
    """Numbers only, per partnership: reviews open and published (for the Sub Panel and the public)."""
    from django.db.models import Count, Q

    rows = (Case.objects.values("partnership__name")
            .annotate(open=Count("id", filter=Q(closed_on__isnull=True), distinct=True),
                      published=Count("id", filter=Q(steps__step="published"), distinct=True))
            .order_by("partnership__name"))
    return list(rows)
