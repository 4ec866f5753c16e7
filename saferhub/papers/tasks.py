"""Background work for papers, run by the django-tasks worker (``manage.py db_worker``)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from saferhub.core.actors import SystemActor


@task()
def publish_scheduled_agenda(meeting_id: int) -> str:
    """Publish a meeting's agenda if its scheduled time has come and it is still scheduled."""
    from saferhub.governance.models import Meeting
    from saferhub.papers.actions import publish_agenda
    from saferhub.papers.models import MeetingPapers, PublicationStatus

    papers = MeetingPapers.objects.filter(meeting_id=meeting_id).first()
    if papers is None or papers.status != PublicationStatus.SCHEDULED or papers.publish_at is None:
        return "nothing scheduled"
    if papers.publish_at > timezone.now():
        return "not yet due"
    publish_agenda(Meeting.objects.get(pk=meeting_id), acting_user=SystemActor("Scheduled publication"))
    return "published"


def publish_due_agendas() -> list[int]:
    """Publish every agenda whose scheduled time has passed (the sweep behind the worker)."""
    from saferhub.papers.models import MeetingPapers, PublicationStatus

    due = MeetingPapers.objects.filter(status=PublicationStatus.SCHEDULED, publish_at__lte=timezone.now())
    published = []
    for papers in due:
        if publish_scheduled_agenda.call(papers.meeting_id) == "published":
            published.append(papers.meeting_id)
    return published
