"""Reports other apps offer for an agenda (``core.agenda_reports``) become an item's draft cover report
with annexes through ``add_report_from_source``: each refusal, the rollback, the pack, the page and its
permission matrix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.core import agenda_reports as registry
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import committee_officer, make_panel, user
from saferhub.papers import actions
from saferhub.papers.models import CoverReport, Document, DocumentKind
from saferhub.papers.tests.factories import final_report, future_meeting, norfolk_template, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(monkeypatch):
    """Two fake sources (as groups and the Plan would register them); the second offers only to staff
    who are not the restricted user, and can be told to hand back a bad appendix."""
    monkeypatch.setattr(registry, "_SOURCES", {})
    state = {"appendix": pdf_bytes(2, title="Progress appendix"), "hidden_from": set()}

    def offers(committee, u):
        if getattr(u, "username", None) in state["hidden_from"]:
            return []
        return [registry.ReportOffer(key="clsg/2023/q3", label="CLSG progress report, quarter 3 2023", hint="July to September")]

    def build(key, u):
        return registry.AgendaReport(
            title="CLSG: progress report, quarter 3 2023", executive_summary="Four actions completed.",
            actions_required=["Note the report."], sections=[("Open actions", "Action 2: map the lines."),
                                                             ("Delivery Plan actions", "2.1 County lines")],
            appendices=[registry.ReportDocument(filename="clsg-q3.pdf", content=state["appendix"],
                                                content_type="application/pdf", title="CLSG report Q3")],
            source_url="/groups/clsg/reports/2023/q3/", source_label="CLSG report page",
        )

    def plan_offers(committee, u):
        return [registry.ReportOffer(key="round-7", label="Plan performance report, round 7")]

    def plan_build(key, u):
        return registry.AgendaReport(title="Plan performance", executive_summary="RAG summary.")

    registry.register_source("groups.test", label="Groups", offers=offers, build=build, app="groups")
    registry.register_source("plan", label="Safer Norfolk Plan", offers=plan_offers, build=plan_build, app="delivery")
    return state


@pytest.fixture
def item():
    panel = make_panel()
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="CLSG progress", kind="report", acting_user=SYSTEM)
    item.panel = panel
    return item


def add(item, **kwargs):
    kwargs.setdefault("source_code", "groups.test")
    kwargs.setdefault("offer_key", "clsg/2023/q3")
    kwargs.setdefault("acting_user", SYSTEM)
    return actions.add_report_from_source(item, **kwargs)


def test_adds_a_draft_report_with_its_appendix_remembering_the_source(sources, item):
    report = add(item)
    assert report.status == CoverReport.Status.DRAFT and report.title == "CLSG: progress report, quarter 3 2023"
    assert (report.source_code, report.source_key) == ("groups.test", "clsg/2023/q3")
    assert [s["heading"] for s in report.source_sections] == ["Open actions", "Delivery Plan actions"]
    assert report.sections["s1"] == "Action 2: map the lines." and report.actions_required == ["Note the report."]
    assert "/groups/clsg/reports/2023/q3/" in report.background_papers
    annex = report.annexes.get()
    assert (annex.label, annex.title, annex.format, annex.page_count) == ("Annex 1", "CLSG report Q3", "pdf", 2)
    event = AuditEvent.objects.get(code="papers.report.added_from_source")
    assert event.data["source"] == "groups.test" and event.data["annexes"] == ["Annex 1"]


def test_refuses_an_item_that_already_has_a_report_unless_replacing(sources, item):
    final_report(item, title="Officer's own report", implications={"eqia": "None."})
    with pytest.raises(RuleViolation, match="already has a report") as refused:
        add(item)
    assert refused.value.code == "papers.report_exists"
    assert CoverReport.objects.get(agenda_item=item).title == "Officer's own report"
    own = actions.upload_annex(CoverReport.objects.get(), title="Old annex", content=pdf_bytes(1), filename="o.pdf",
                               acting_user=SYSTEM)
    report = add(item, replace=True)
    assert report.title.startswith("CLSG") and report.status == CoverReport.Status.DRAFT
    own.refresh_from_db()
    assert own.deleted_at is not None
    assert [a.title for a in report.annexes.filter(deleted_at__isnull=True)] == ["CLSG report Q3"]


def test_refuses_an_offer_the_source_does_not_make_to_that_user(sources, item):
    officer = committee_officer(item.panel, "restricted")
    sources["hidden_from"].add("restricted")
    with pytest.raises(RuleViolation, match="not available to you") as refused:
        add(item, acting_user=officer)
    assert refused.value.code == "papers.offer_unavailable"
    with pytest.raises(RuleViolation, match="not available to you"):
        add(item, offer_key="clsg/1999/q1")
    with pytest.raises(RuleViolation, match="not available to you"):
        add(item, source_code="no-such-source")
    assert not CoverReport.objects.exists()


def test_refuses_when_the_papers_are_published_or_scheduled(sources, item):
    import datetime as dt

    from django.utils import timezone

    meeting = item.meeting
    actions.build_agenda(meeting, acting_user=SYSTEM)
    other = governance.add_agenda_item(meeting, title="Second", kind="report", acting_user=SYSTEM)
    final_report(item, implications={"eqia": "None."})
    final_report(other, implications={"eqia": "None."})
    actions.schedule_publication(meeting, publish_at=timezone.now() + dt.timedelta(days=1), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="publication is scheduled"):
        add(item, replace=True)
    actions.cancel_scheduled_publication(meeting, acting_user=SYSTEM)
    actions.publish_agenda(meeting, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="agenda has been published") as refused:
        add(item, replace=True)
    assert refused.value.code == "papers.published"
    assert not CoverReport.objects.filter(source_code="groups.test").exists()


def test_an_item_that_takes_no_report_is_refused(sources, item):
    apologies = governance.add_agenda_item(item.meeting, title="Apologies", kind="apologies", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="does not take a report"):
        add(apologies)


def test_a_bad_appendix_leaves_nothing_half_saved(sources, item):
    sources["appendix"] = b"<html>not a pdf</html>"
    with pytest.raises(RuleViolation, match="must be a PDF or a Word document"):
        add(item)
    assert not CoverReport.objects.exists() and not Document.objects.exists()
    assert not AuditEvent.objects.filter(code__startswith="papers.report").exists()


def test_only_those_who_prepare_the_papers_may_add(sources, item):
    for u in (user("cllr", Role.COUNCILLOR), user("partner", Role.PARTNERSHIP_OFFICER),
              user("elsewhere", Role.COMMITTEE_OFFICER)):
        with pytest.raises(ActionPermissionDenied):
            add(item, acting_user=u)
    assert add(item, acting_user=committee_officer(item.panel)).pk


def test_the_pack_includes_the_built_report_and_its_appendix(sources, item):
    from pypdf import PdfReader

    from saferhub.papers import rendering

    norfolk_template(item.meeting.committee)
    add(item)
    pack = rendering.render_pack(item.meeting)
    assert "CLSG: progress report, quarter 3 2023" in pack.text
    assert "Open actions" in pack.text and "Action 2: map the lines." in pack.text
    assert "Annex 1: CLSG report Q3" in pack.text
    import io

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pack.pdf)).pages)
    assert "Progress appendix page 2" in text and "Delivery Plan actions" in text


def url(item, name="papers:report-from-source"):
    return reverse(name, args=[item.meeting.pk, item.pk])


def test_page_lists_every_source_and_adds_the_chosen_report(client, sources, item):
    client.force_login(committee_officer(item.panel))
    page = client.get(url(item)).content.decode()
    assert "CLSG progress report, quarter 3 2023" in page and "From Groups. July to September" in page
    assert "Plan performance report, round 7" in page and "From Safer Norfolk Plan." in page
    assert "Replace the item" not in page
    response = client.post(url(item), {})
    assert response.status_code == 422 and "Choose the report to add." in response.content.decode()
    assert "Error: " in response.content.decode()
    response = client.post(url(item), {"src-offer": "groups.test|clsg/2023/q3"})
    assert response.status_code == 302 and response["Location"] == url(item, "papers:report-edit")
    edit = client.get(response["Location"]).content.decode()
    assert "built by another service: Groups" in edit and "Delivery Plan actions" in edit
    again = client.get(url(item)).content.decode()
    assert "already has a report" in again and "Already the report for item" in again
    refused = client.post(url(item), {"src-offer": "plan|round-7"})
    assert refused.status_code == 422 and "Choose to replace it" in refused.content.decode()
    client.post(url(item), {"src-offer": "plan|round-7", "src-replace": "on"})
    assert CoverReport.objects.get(agenda_item=item).source_code == "plan"


def test_editing_a_built_report_keeps_its_own_sections(client, sources, item):
    norfolk_template(item.meeting.committee)
    report = add(item)
    client.force_login(committee_officer(item.panel))
    edit_url = url(item, "papers:report-edit")
    page = client.get(edit_url).content.decode()
    assert "Open actions" in page and "Background and Purpose" not in page
    data = {"save-report": "1", "rep-title": report.title, "rep-status": "draft", "rep-executive_summary": "Changed.",
            "rep-section_s1": "Action 2: mapped.", "rep-section_s2": "2.1"}
    assert client.post(edit_url, data).status_code == 302
    report.refresh_from_db()
    assert report.sections == {"s1": "Action 2: mapped.", "s2": "2.1"} and len(report.source_sections) == 2


@pytest.mark.parametrize("who,status", [
    ("anonymous", 302), ("councillor", 404), ("partnership", 404), ("other_officer", 404), ("officer", 200),
    ("admin", 200),
])
def test_permission_matrix_for_the_page(client, sources, item, who, status):
    users = {
        "councillor": lambda: user("c", Role.COUNCILLOR),
        "partnership": lambda: user("p", Role.PARTNERSHIP_OFFICER),
        "other_officer": lambda: user("o", Role.COMMITTEE_OFFICER),
        "officer": lambda: committee_officer(item.panel),
        "admin": lambda: user("a", Role.ADMINISTRATOR),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    assert client.get(url(item)).status_code == status
    response = client.post(url(item), {"src-offer": "groups.test|clsg/2023/q3"})
    assert response.status_code == (302 if status == 200 else status)
    assert CoverReport.objects.filter(agenda_item=item).exists() == (status == 200)
    assert Document.objects.filter(kind=DocumentKind.ANNEX).exists() == (status == 200)


def test_a_groups_progress_report_goes_into_the_parents_pack():
    """The real groups source, registered by GroupsConfig.ready(): the CLSG's written quarterly report
    becomes the board meeting's cover report, with the report's PDF as Annex 1 of the pack."""
    import datetime as dt
    import io

    from pypdf import PdfReader

    from saferhub.groups import actions as groups
    from saferhub.groups.agenda_reports import CODE
    from saferhub.groups.tests.factories import make_group, secretariat_user
    from saferhub.papers import rendering

    group = make_group(slug="clsg-pack")
    groups.add_action(group.body, text="Map the county lines", owner_person=group.chair,
                      target_date=dt.date(2022, 8, 31), acting_user=SYSTEM)
    board_meeting = governance.schedule_meeting(group.board, date=future_meeting_date(), acting_user=SYSTEM)
    groups.write_progress_report(group.body, year=2022, quarter=3, to_meeting=board_meeting, commentary="On track.",
                                 acting_user=SYSTEM)
    item = board_meeting.agenda_items.get(kind="report")
    report = actions.add_report_from_source(item, source_code=CODE, offer_key="clsg-pack/2022/q3",
                                            acting_user=secretariat_user(group))
    assert report.title == f"{group.body.name}: progress report, quarter 3 2022"
    pack = rendering.render_pack(board_meeting)
    assert "Map the county lines" in pack.text and f"Annex 1: {report.title}" in pack.text
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pack.pdf)).pages)
    assert text.count("Map the county lines") >= 2  # in the cover report and in the merged annex pages


def future_meeting_date():
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=30)
