"""Exempt (Part 2) items: the title and Schedule 12A paragraph are public, the papers never are. This
walks every public surface (meeting page, agenda and pack, search page and API, RSS/Atom, iCal, OParl
lists and objects, the governance API) after publication and indexing, looking for the papers' text."""

import pytest
from django.test import Client

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import committee_officer, make_panel, user
from saferhub.papers import actions
from saferhub.papers.models import CoverReport, Document
from saferhub.papers.tests.factories import final_report, future_meeting, norfolk_template, pdf_bytes
from saferhub.search.indexing import index_meetings, index_papers

pytestmark = pytest.mark.django_db
MARKER = "Quokkasecret"


def public_surfaces(meeting, item, report, annex) -> dict[str, str]:
    client = Client()
    slug = meeting.committee.slug
    pack = Document.objects.get(meeting=meeting, kind="agenda_pack", format="html")
    urls = [meeting.get_absolute_url(), f"/meetings/{meeting.pk}/agenda/", pack.get_absolute_url(),
            # Searched in lower case: the page echoes the query, the papers' text has a capital.
            f"/search/?q={MARKER.lower()}", f"/api/v1/search?q={MARKER.lower()}", "/feeds/documents.rss", "/feeds/documents.atom",
            f"/committees/{slug}/documents.rss", f"/committees/{slug}/documents.atom", "/feeds/decisions.rss",
            f"/committees/{slug}/meetings.ics", f"/meetings/{meeting.pk}.ics", f"/oparl/v1/meeting/{meeting.pk}",
            f"/oparl/v1/agendaitem/{item.pk}", "/oparl/v1/body/1/paper", "/oparl/v1/body/1/file",
            "/oparl/v1/body/1/meeting", "/oparl/v1/body/1/agendaItem", f"/api/v1/meetings/{meeting.pk}",
            meeting.committee.get_absolute_url()]
    pages = {url: client.get(url) for url in urls}
    assert client.get(f"/oparl/v1/paper/{report.pk}").status_code == 404
    assert client.get(f"/oparl/v1/file/{annex.pk}").status_code == 404
    assert client.get(annex.get_absolute_url()).status_code == 404
    def body(r) -> str:
        content = b"".join(r.streaming_content) if r.streaming else r.content
        return content.decode("utf-8", "replace")

    return {url: body(r) for url, r in pages.items() if r.status_code == 200}


@pytest.mark.date_sensitive("2026-12-03")  # the meeting is a fortnight ahead
def test_exempt_papers_never_reach_a_public_surface_but_members_and_named_officers_read_them():
    panel = make_panel()
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    public_item = governance.add_agenda_item(meeting, title="Serious violence duty", kind="report", acting_user=SYSTEM)
    final_report(public_item, title="Serious violence duty update")
    item = governance.add_agenda_item(meeting, title="Case review of a named family", kind="report", acting_user=SYSTEM)
    report = final_report(item, title=f"{MARKER} family review", executive_summary=f"{MARKER} details of a person.")
    annex = actions.upload_annex(report, title=f"{MARKER} chronology", content=pdf_bytes(1, MARKER), filename="c.pdf",
                                 acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Schedule 12A"):
        actions.mark_item_exempt(item, paragraph=8, acting_user=SYSTEM)
    named = user("named.officer")
    actions.mark_item_exempt(item, paragraph=1, officers=[named], acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    actions.publish_agenda(meeting, acting_user=SYSTEM)
    index_meetings([meeting.pk])
    index_papers([meeting.committee_id])
    annex.refresh_from_db()
    assert annex.published_at is None

    pages = public_surfaces(meeting, item, report, annex)
    assert len(pages) >= 15, sorted(pages)
    for url, text in pages.items():
        assert MARKER not in text, url
    assert "Case review of a named family" in pages[meeting.get_absolute_url()]  # the title is public
    agenda = pages[f"/meetings/{meeting.pk}/agenda/"]
    assert "exempt – paragraph 1 of Schedule 12A" in agenda
    assert "Serious violence duty update" in pages[Document.objects.get(meeting=meeting, kind="agenda_pack",
                                                                         format="html").get_absolute_url()]

    url = f"/meetings/{meeting.pk}/papers/items/{item.pk}/exempt/"
    client = Client()
    assert client.get(url).status_code == 404
    client.force_login(user("someone.else"))
    assert client.get(url).status_code == 404 and client.get(annex.get_absolute_url()).status_code == 404
    for reader in (named, committee_officer(panel)):
        client.force_login(reader)
        page = client.get(url)
        assert page.status_code == 200 and f"{MARKER} details of a person." in page.content.decode()
        assert "paragraph 1 of Schedule 12A" in page.content.decode()
        assert client.get(annex.get_absolute_url()).status_code == 200
    assert CoverReport.objects.filter(pk=report.pk).exists()


def _minute_surfaces(meeting, item) -> dict[str, str]:
    """Every public surface of a held meeting whose record and minutes are published, and the text
    of the minutes' Word edition."""
    import io

    import docx

    client = Client()
    slug = meeting.committee.slug
    minutes_html = Document.objects.get(meeting=meeting, kind="minutes", format="html", deleted_at__isnull=True)
    urls = [meeting.get_absolute_url(), f"/meetings/{meeting.pk}/minutes/", minutes_html.get_absolute_url(),
            f"/search/?q={MARKER.lower()}", f"/api/v1/search?q={MARKER.lower()}", "/feeds/documents.rss",
            "/feeds/documents.atom", f"/committees/{slug}/documents.rss", "/feeds/decisions.rss",
            f"/committees/{slug}/meetings.ics", f"/meetings/{meeting.pk}.ics", f"/oparl/v1/meeting/{meeting.pk}",
            f"/oparl/v1/agendaitem/{item.pk}", "/oparl/v1/body/1/agendaItem", "/oparl/v1/body/1/meeting",
            "/oparl/v1/body/1/file", f"/api/v1/meetings/{meeting.pk}", meeting.committee.get_absolute_url(),
            f"/committees/{slug}/decisions/"]
    pages = {}
    for url in urls:
        r = client.get(url)
        if r.status_code == 200:
            content = b"".join(r.streaming_content) if r.streaming else r.content
            pages[url] = content.decode("utf-8", "replace")
    word = Document.objects.get(meeting=meeting, kind="minutes", format="docx", deleted_at__isnull=True)
    pages["minutes.docx"] = "\n".join(p.text for p in docx.Document(io.BytesIO(word.file.read())).paragraphs)
    return pages


def test_an_exempt_items_minute_is_replaced_by_a_private_note_on_every_public_surface():
    """The minute of a Part 2 item (and its report's title) never reaches the public meeting page, the
    minutes in any format, search, feeds, calendars, OParl or the API: they say the item was taken in
    private under its paragraph. Members and named officers still read it."""
    import datetime as dt

    from saferhub.governance.tests.factories import attend, make_meeting

    panel = make_panel()
    norfolk_template(panel.committee)
    meeting = make_meeting(panel, date=dt.date(2023, 3, 1), items=0)
    open_item = governance.add_agenda_item(meeting, title="Serious violence duty", kind="report",
                                           minute_text="Members discussed the duty's first year.", acting_user=SYSTEM)
    item = governance.add_agenda_item(meeting, title="Case review of a named family", kind="report",
                                      minute_text=f"{MARKER}: the panel heard about the family's history.",
                                      acting_user=SYSTEM)
    final_report(item, title=f"{MARKER} family review")
    named = user("named.officer")
    actions.mark_item_exempt(item, paragraph=2, officers=[named], acting_user=SYSTEM)
    attend(meeting, panel.members[:5])
    governance.record_chair(meeting, person=panel.member(0), capacity="chair", acting_user=SYSTEM)
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    governance.record_decision(item, verb="NOTED", text="the review.", acting_user=SYSTEM)
    actions.publish_minutes(meeting, acting_user=SYSTEM)
    index_meetings([meeting.pk])
    index_papers([meeting.committee_id])
    assert open_item.minute_text

    pages = _minute_surfaces(meeting, item)
    assert len(pages) >= 15, sorted(pages)
    for url, text in pages.items():
        assert MARKER not in text, url
    note = "This item was considered in private under paragraph 2 of Schedule 12A"
    for url in (meeting.get_absolute_url(), "minutes.docx",
                Document.objects.get(meeting=meeting, kind="minutes", format="html").get_absolute_url()):
        assert "Case review of a named family" in pages[url], url
        assert note in pages[url], url
        assert "Members discussed the duty&#x27;s first year." in pages[url] or \
            "Members discussed the duty's first year." in pages[url], url

    for reader in (named, committee_officer(panel)):
        client = Client()
        client.force_login(reader)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert f"{MARKER}: the panel heard" in page and note not in page
        exempt = client.get(f"/meetings/{meeting.pk}/papers/items/{item.pk}/exempt/").content.decode()
        assert f"{MARKER}: the panel heard" in exempt
    client = Client()
    client.force_login(user("someone.else"))
    assert MARKER not in client.get(meeting.get_absolute_url()).content.decode()
