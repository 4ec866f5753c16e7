"""The papers page shows the meeting's preparation as a GOV.UK task list (issue 16, E5): build the agenda,
write the reports, publish, record the meeting, publish and confirm the minutes."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.governance.tests.factories import committee_officer, make_panel
from saferhub.papers import actions
from saferhub.papers.models import CoverReport
from saferhub.papers.preparation import CANNOT_START, DONE, IN_PROGRESS, NOT_NEEDED, NOT_STARTED, preparation_tasks
from saferhub.papers.tests.factories import final_report, future_meeting, norfolk_template

D = dt.date


def statuses(page: str) -> dict[str, str]:
    rows = re.findall(r'<li class="govuk-task-list__item[^"]*">\s*<div class="govuk-task-list__name-and-hint">'
                      r'(?:<a [^>]*>|<div>)([^<]+)</(?:a|div)>.*?id="task-\d+-status">(?:<strong [^>]*>)?([^<]+)<',
                      page, re.S)
    return dict(rows)


@pytest.mark.django_db
@pytest.mark.date_sensitive("2026-12-03")
def test_the_task_list_follows_the_papers_from_empty_agenda_to_publication(client):
    panel = make_panel()
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    actions.add_work_programme_entry(panel.committee, report="Serious violence", target_meeting=meeting, acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    url = reverse("papers:meeting-papers", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert '<h2 class="govuk-heading-l" id="preparation">Preparing the meeting</h2>' in page
    assert statuses(page) == {
        "Build the agenda": NOT_STARTED, "Write the reports": CANNOT_START, "Publish the agenda and papers": CANNOT_START,
        "Record attendance, declarations and decisions": CANNOT_START, "Publish the draft minutes": CANNOT_START,
        "Confirm the minutes at a later meeting": CANNOT_START,
    }
    actions.build_agenda(meeting, acting_user=SYSTEM)
    page = client.get(url).content.decode()
    got = statuses(page)
    drafted = CoverReport.objects.filter(agenda_item__meeting=meeting).exists()  # a draft started from the programme
    assert got["Build the agenda"] == DONE and got["Write the reports"] == (IN_PROGRESS if drafted else NOT_STARTED)
    assert got["Publish the agenda and papers"] == NOT_STARTED and re.search(r">\d+ of \d+ final<", page)
    assert re.search(r'task-3-hint" class="govuk-task-list__hint">By \d+ [A-Z][a-z]+ \d{4}<', page)
    for item in meeting.agenda_items.filter(kind__in=["report", "terms_of_reference", "work_programme"]):
        final_report(item)
    actions.publish_agenda(meeting, acting_user=SYSTEM)
    got = statuses(client.get(url).content.decode())
    assert got["Write the reports"] == DONE and got["Publish the agenda and papers"] == DONE
    assert got["Record attendance, declarations and decisions"] == CANNOT_START


def _meeting(**kw):
    base = dict(pk=1, status="held", date=D(2026, 11, 1), attendance_finalised=True, took_place=True)
    base.update(kw)
    return SimpleNamespace(**base)


def _tasks(meeting, minutes_status=None, items=(), reports=None, papers=None):
    minutes = SimpleNamespace(status=minutes_status) if minutes_status else None
    return {t.name: t.status for t in preparation_tasks(meeting, items=list(items), reports=reports or {},
                                                         papers=papers, own_minutes=minutes, today=D(2026, 12, 3),
                                                         deadline=None)}


@pytest.mark.django_db
def test_after_the_meeting_the_minutes_tasks_open_and_close():
    item = SimpleNamespace(pk=5, kind="apologies")
    papers = SimpleNamespace(published_at=dt.datetime(2026, 10, 20, 9), status="published")
    got = _tasks(_meeting(), items=[item], papers=papers)
    assert got["Write the reports"] == NOT_NEEDED and got["Record attendance, declarations and decisions"] == DONE
    assert got["Publish the draft minutes"] == NOT_STARTED
    got = _tasks(_meeting(), "published", items=[item], papers=papers)
    assert got["Publish the draft minutes"] == DONE and got["Confirm the minutes at a later meeting"] == CANNOT_START
    assert _tasks(_meeting(), "confirmed", items=[item], papers=papers)["Confirm the minutes at a later meeting"] == DONE
    waiting = _tasks(_meeting(status="scheduled", took_place=False, attendance_finalised=False), items=[item], papers=papers)
    assert waiting["Record attendance, declarations and decisions"] == NOT_STARTED  # its date has passed
    scheduled = SimpleNamespace(published_at=None, status="scheduled")
    assert _tasks(_meeting(status="scheduled", took_place=False, date=D(2026, 12, 20)), items=[item],
                  papers=scheduled)["Publish the agenda and papers"] == IN_PROGRESS
    assert _tasks(_meeting(status="cancelled")) == {}
