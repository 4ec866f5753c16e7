"""The groups' staff notification (``saferhub.core.notifications``): the Terms of Reference of a body you
run the secretariat for are due for review within 60 days, or overdue (issue 11 item 6: "annual, or
configured, review reminders"). Registered from ``GroupsConfig.ready()``; the alerts app sends it."""

from __future__ import annotations

from saferhub.core.notifications import Notification, register_kind

HORIZON_DAYS = 60


def reviews_due(user):
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from saferhub.core.permissions import can
    from saferhub.groups import queries, rules
    from saferhub.groups.models import TermsOfReference

    if not getattr(user, "is_authenticated", False):
        return
    today = timezone.localdate()
    current = (TermsOfReference.objects.filter(body__is_active=True, in_force_from__lte=today)
               .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=today))
               .filter(Q(review_date__isnull=False) | Q(review_months__isnull=False))
               .select_related("body").order_by("review_date", "pk"))
    for tor in current:
        due = queries.review_due_on(tor)
        if not rules.review_due(due, today, HORIZON_DAYS) or not can(user, "groups.run_secretariat", tor.body):
            continue
        when = "were due" if due < today else "are due"
        yield Notification(key=f"tor-review:{tor.pk}:{due:%Y-%m-%d}",
                           title=f"{tor.body}: the Terms of Reference (version {tor.version}) {when} for review by "
                                 f"{rules.fmt(due)}",
                           url=reverse("groups:tor-version", args=[tor.body.slug, tor.version]), due_on=due)


def register() -> None:
    register_kind("groups_tor_review_due", label="Terms of Reference reviews due", app="groups", producer=reviews_due,
                  description="The Terms of Reference of a group you support are due for review within 60 days, "
                              "or overdue.")
