"""The groups' quarterly progress reports as an agenda-report source (``core.agenda_reports``): offered to
the parent's agenda once written and only to those who may see the group; built from the report page's
data with the report's PDF as the appendix."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from saferhub.core import agenda_reports as registry
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance.tests.factories import user
from saferhub.groups import actions
from saferhub.groups import agenda_reports as source
from saferhub.groups.tests.factories import make_group, secretariat_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def group():
    group = make_group(slug="clsg-src")
    meeting = actions.schedule_group_meeting(group.body, date=D(2022, 8, 9), acting_user=SYSTEM)
    actions.add_action(group.body, text="Share the County Lines data product", owner_person=group.chair,
                       target_date=D(2022, 8, 31), source_meeting=meeting, acting_user=SYSTEM)
    actions.write_progress_report(group.body, year=2022, quarter=3, commentary="Data shared with every district.",
                                  acting_user=SYSTEM)
    return group


def test_the_source_is_registered_by_the_groups_app():
    registered = registry.get_source(source.CODE)
    assert registered.app == "groups" and registered.build is source.build


def test_offers_the_written_reports_of_groups_reporting_to_the_committee(group):
    secretariat = secretariat_user(group)
    offers = source.offers(group.board, secretariat)
    assert [o.key for o in offers] == ["clsg-src/2022/q3"]  # quarter 4 is not written, so not offered
    assert offers[0].label == f"{group.body.name}: progress report, quarter 3 2022"
    assert "1 July 2022 to 30 September 2022" in offers[0].hint
    assert source.offers(group.body, secretariat) == []  # nothing reports to the group itself


def test_a_private_groups_reports_are_offered_only_to_those_who_may_see_it(group):
    assert source.offers(group.board, user("cllr", Role.COUNCILLOR)) == []
    assert len(source.offers(group.board, user("team", Role.PARTNERSHIP_OFFICER))) == 1
    with pytest.raises(PermissionError):
        source.build("clsg-src/2022/q3", user("cllr2", Role.COUNCILLOR))


def test_a_private_groups_report_for_a_public_agenda_says_it_will_be_published(group):
    secretariat = secretariat_user(group)
    assert "public once the agenda" not in source.offers(group.board, secretariat)[0].hint  # private board
    group.board.is_public = True
    group.board.save(update_fields=["is_public"])
    assert not group.body.is_public
    assert "its report will be public once the agenda is published" in source.offers(group.board, secretariat)[0].hint
    group.body.is_public = True
    group.body.save(update_fields=["is_public"])
    assert "public once the agenda" not in source.offers(group.board, secretariat)[0].hint


def test_builds_the_report_with_its_pdf_as_the_appendix(group):
    from pypdf import PdfReader

    report = source.build("clsg-src/2022/q3", secretariat_user(group))
    assert report.title == f"{group.body.name}: progress report, quarter 3 2022"
    assert "1 July 2022 to 30 September 2022" in report.executive_summary
    sections = dict(report.sections)
    assert sections["The group's commentary"] == "Data shared with every district."
    assert "Action 1: Share the County Lines data product" in sections["Open actions"]
    assert "overdue" in sections["Open actions"]  # target date 31 August 2022 has passed
    (appendix,) = report.appendices
    assert appendix.content_type == "application/pdf" and appendix.filename == "clsg-src-progress-report-2022-q3.pdf"
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(appendix.content)).pages)
    assert "Share the County Lines data product" in text
    assert report.source_url == "/groups/clsg-src/reports/2022/q3/"


@pytest.mark.parametrize("key", ["clsg-src/2022/q4", "nope/2022/q3", "clsg-src/year/q3", "garbage"])
def test_an_unwritten_or_unknown_report_is_a_lookup_error(group, key):
    with pytest.raises(LookupError):
        source.build(key, SYSTEM)
