"""Papers' staff notification (``saferhub.core.notifications``): an agenda's publication deadline is near or
has passed (``queries.publication_warnings``, the publication clock), for the committee's support officers.
Registered from ``PapersConfig.ready()``; the alerts app sends it."""

from __future__ import annotations

from saferhub.core.notifications import Notification, register_kind


def publication_deadlines(user):
    from saferhub.papers.queries import publication_warnings

    for committee in user.supported_committees.filter(is_active=True).order_by("name"):
        for meeting, message in publication_warnings(committee):
            late = "late" if "is late" in message else "due"
            yield Notification(key=f"{meeting.pk}:{meeting.date:%Y-%m-%d}:{late}",
                               title=f"{committee}: {message}", url=meeting.get_absolute_url(), due_on=meeting.date)


def register() -> None:
    register_kind("papers_publication_deadline", label="Agenda publication deadlines", app="papers",
                  producer=publication_deadlines,
                  description="The agenda of a meeting you support must be published soon, or is late.")
