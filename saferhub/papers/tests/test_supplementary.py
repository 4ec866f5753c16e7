"""Supplementary agenda packs: late reports published after the agenda pack, with pages that continue
from the pack before, their own publication date, the reason they are late (Local Government Act 1972,
s.100B(4)(b)), listed on the meeting page; each refusal; the staff page and its permission matrix."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions as governance
from saferhub.governance.models import AgendaItem
from saferhub.governance.tests.factories import committee_officer, make_panel, user
from saferhub.papers import actions
from saferhub.papers.models import Document, DocumentKind, MeetingPapers, SupplementaryPack
from saferhub.papers.tests.factories import final_report, norfolk_template, pdf_bytes

pytestmark = pytest.mark.django_db
MEETING_DAY = dt.date(2023, 6, 20)  # the last day for its papers (5 clear working days) is 12 June


def at(day: str):
    return time_machine.travel(f"{day}T10:00+01:00", tick=False)


@pytest.fixture
def world():
    with at("2023-05-30"):
        panel = make_panel()
        norfolk_template(panel.committee)
        meeting = governance.schedule_meeting(panel.committee, date=MEETING_DAY, acting_user=SYSTEM)
        item = governance.add_agenda_item(meeting, title="Serious violence duty", kind="report", acting_user=SYSTEM)
        final_report(item, title="Serious violence duty update")
    with at("2023-06-01"):
        actions.build_agenda(meeting, acting_user=SYSTEM)
        actions.publish_agenda(meeting, acting_user=SYSTEM)
    return panel, meeting


def late_report(meeting, title: str, **extra):
    item = governance.add_agenda_item(meeting, title=title, kind="report", acting_user=SYSTEM)
    return final_report(item, title=f"{title} report", **extra)


def pdf_pages(document) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(document.file.read())).pages]


def test_late_reports_go_in_numbered_packs_whose_pages_continue_and_the_meeting_page_lists_them(world):
    panel, meeting = world
    pack_pages = MeetingPapers.objects.get(meeting=meeting).pack_pages
    assert pack_pages
    with at("2023-06-05"):  # before the last day: no reason needed
        first = late_report(meeting, "Night-time economy")
        actions.upload_annex(first, title="Footfall figures", content=pdf_bytes(2, "Footfall"), filename="f.pdf",
                             acting_user=SYSTEM)
        one = actions.publish_supplementary_pack(meeting, reports=[first], acting_user=SYSTEM)
    assert (one.number, one.first_page, one.late, one.reason) == (1, pack_pages + 1, False, "")
    assert one.pages >= 3  # front sheet, report, the annex's two pages
    pdf = Document.objects.get(meeting=meeting, kind=DocumentKind.SUPPLEMENTARY_PACK, position=1, format="pdf")
    pages = pdf_pages(pdf)
    assert f"Page {pack_pages + 1}" in pages[0] and f"Page {pack_pages + len(pages)}" in pages[-1]
    assert AgendaItem.objects.get(pk=first.agenda_item_id).page > pack_pages
    annex = Document.objects.get(kind=DocumentKind.ANNEX, cover_report=first)
    assert annex.published_at is not None

    with at("2023-06-16"):  # after the last day: the reason is required
        second = late_report(meeting, "Knife crime")
        with pytest.raises(RuleViolation, match="section 100B"):
            actions.publish_supplementary_pack(meeting, reports=[second], acting_user=SYSTEM)
        two = actions.publish_supplementary_pack(
            meeting, reports=[second], reason="The police figures for May arrived on 15 June.", acting_user=SYSTEM)
    assert (two.number, two.first_page, two.late) == (2, one.last_page + 1, True)
    pages = pdf_pages(Document.objects.get(kind=DocumentKind.SUPPLEMENTARY_PACK, position=2, format="pdf"))
    assert f"Page {one.last_page + 1}" in pages[0]
    html = Document.objects.get(kind=DocumentKind.SUPPLEMENTARY_PACK, position=2, format="html").file.read().decode()
    assert "Supplementary agenda pack 2" in html and "The police figures for May arrived on 15 June." in html
    assert "16 June 2023" in html
    assert AuditEvent.objects.filter(code="papers.supplementary.published").count() == 2

    with at("2023-06-16"):
        page = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Supplementary agenda pack 1" in page and "Supplementary agenda pack 2" in page
    assert f"pages {one.first_page} to {one.last_page}" in page
    assert "Published 16 June 2023 after the agenda pack" in page
    assert "Why the papers are late: The police figures for May arrived on 15 June." in page
    supplement = Document.objects.get(kind=DocumentKind.SUPPLEMENTARY_PACK, position=2, format="html")
    assert f"{supplement.get_absolute_url()}#item-{second.agenda_item_id}" in page  # the item links to its pack


def test_refusals(world):
    panel, meeting = world
    with at("2023-05-30"):
        other = governance.schedule_meeting(panel.committee, date=dt.date(2023, 7, 20), acting_user=SYSTEM)
        unpublished = late_report(other, "Not yet")
    with at("2023-06-05"):
        with pytest.raises(RuleViolation, match="Publish the agenda pack first"):
            actions.publish_supplementary_pack(other, reports=[unpublished], acting_user=SYSTEM)
        in_pack = meeting.agenda_items.get(title="Serious violence duty").cover_report
        with pytest.raises(RuleViolation, match="already in a published pack"):
            actions.publish_supplementary_pack(meeting, reports=[in_pack], acting_user=SYSTEM)
        draft = late_report(meeting, "Draft one", status="draft")
        with pytest.raises(RuleViolation, match="still drafts"):
            actions.publish_supplementary_pack(meeting, reports=[draft], acting_user=SYSTEM)
        secret = late_report(meeting, "Named family")
        actions.mark_item_exempt(secret.agenda_item, paragraph=1, acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="exempt"):
            actions.publish_supplementary_pack(meeting, reports=[secret], acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="at least one report"):
            actions.publish_supplementary_pack(meeting, reports=[], acting_user=SYSTEM)
        good = late_report(meeting, "Late one")
        actions.publish_supplementary_pack(meeting, reports=[good], acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="already in a published pack"):
            actions.publish_supplementary_pack(meeting, reports=[good], acting_user=SYSTEM)
    with at("2023-06-21"):
        later = late_report(meeting, "After the meeting")
        with pytest.raises(RuleViolation, match="already taken place"):
            actions.publish_supplementary_pack(meeting, reports=[later], reason="x", acting_user=SYSTEM)
    assert SupplementaryPack.objects.filter(meeting=meeting).count() == 1
    assert not Document.objects.filter(kind=DocumentKind.ANNEX, published_at__isnull=False,
                                       cover_report=secret).exists()


def test_the_officer_publishes_from_the_page_with_errors_shown_the_gov_uk_way(client, world):
    panel, meeting = world
    url = f"/meetings/{meeting.pk}/supplementary-packs/"
    client.force_login(committee_officer(panel))
    with at("2023-06-16"):
        report = late_report(meeting, "Knife crime")
        unwritten = governance.add_agenda_item(meeting, title="Youth violence", kind="report", acting_user=SYSTEM)
        page = client.get(url).content.decode()
        assert "Item" in page and "Knife crime report" in page and "The last day for this meeting" in page
        assert f"/meetings/{meeting.pk}/papers/items/{unwritten.pk}/report/" in page  # write a late report
        response = client.post(url, {"reports": [str(report.pk)], "reason": ""})
        body = response.content.decode()
        assert response.status_code == 200 and "govuk-error-summary" in body and "section 100B(4)(b)" in body
        assert body.count("<title>Error: ") == 1
        response = client.post(url, {})
        assert "Choose at least one report" in response.content.decode()
        response = client.post(url, {"reports": [str(report.pk)], "reason": "Figures came late."})
        assert response.status_code == 302
    assert SupplementaryPack.objects.get(meeting=meeting).reason == "Figures came late."


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("councillor", 404), ("partnership", 404), ("other_officer", 404), ("officer", 200),
    ("admin", 200),
])
def test_permission_matrix_for_the_page(client, world, who, status):
    panel, meeting = world
    users = {
        "councillor": lambda: user("c", Role.COUNCILLOR),
        "partnership": lambda: user("p", Role.PARTNERSHIP_OFFICER),
        "other_officer": lambda: user("o", Role.COMMITTEE_OFFICER),
        "officer": lambda: committee_officer(panel),
        "admin": lambda: user("a", Role.ADMINISTRATOR),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    url = f"/meetings/{meeting.pk}/supplementary-packs/"
    with at("2023-06-05"):
        report = late_report(meeting, "Late one")
        assert client.get(url).status_code == status
        response = client.post(url, {"reports": [str(report.pk)]})
    assert response.status_code == (302 if status == 200 else status)
    assert SupplementaryPack.objects.filter(meeting=meeting).exists() == (status == 200)
