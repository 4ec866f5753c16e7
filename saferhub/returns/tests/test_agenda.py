"""The returns' dashboards as an agenda-report source ("returns" in core.agenda_reports): offers only what
the user may see, for each return's latest periods; the report has the figures, the flags and CSV/XLSX
appendices, and leaves out free text."""

import io

import pytest
from openpyxl import load_workbook

from saferhub.core import agenda_reports
from saferhub.core.permissions import Role
from saferhub.returns.loader import load_returns
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db
KEY = "returns:adder-year-measures:2021-04-01:2022-03-31"


def test_returns_is_registered_as_a_source():
    source = agenda_reports.get_source("returns")
    assert source.app == "returns" and source.label == "Data returns"


def test_offers_are_what_the_user_may_see(django_user_model):
    load_returns()
    source = agenda_reports.get_source("returns")
    officer = user_with(django_user_model, Role.PARTNERSHIP_OFFICER)
    keys = {o.key for o in source.offers(None, officer)}
    assert KEY in keys and "returns:varac-referrals:2022-05-01:2022-06-09" in keys
    councillor = user_with(django_user_model, Role.COUNCILLOR)
    assert {o.key for o in source.offers(None, councillor)} == {
        "returns:adder-quarterly-home-office:2022-01-01:2022-03-31"}  # submitted only
    assert source.offers(None, user_with(django_user_model, Role.TENSION_ANALYST)) == []
    with pytest.raises(PermissionError):
        source.build(KEY, user_with(django_user_model, Role.ASB_SPOC))
    with pytest.raises(LookupError):
        source.build(KEY, councillor)  # a flagged draft is not for councillors
    with pytest.raises(LookupError):
        source.build("returns:nothing:2021-04-01:2022-03-31", officer)
    with pytest.raises(LookupError):
        source.build("garbage", officer)


def test_the_report_has_the_figures_the_flags_and_the_appendices(django_user_model):
    load_returns()
    officer = user_with(django_user_model, Role.PARTNERSHIP_OFFICER)
    report = agenda_reports.get_source("returns").build(KEY, officer)
    headings = [h for h, _ in report.sections]
    assert headings == ["Figures: Greater Norwich (flagged draft)", "Figures that break the return's rules"]
    figures, flags = report.sections[0][1], report.sections[1][1]
    assert "Total lines at the start of the year: 35" in figures
    assert "12 + 30 = 42" in flags and "As published in the source" in flags
    assert "5 figure checks failed" in report.executive_summary
    csv_doc, xlsx_doc = report.appendices
    text = csv_doc.content.decode()
    assert "lines_start_total" in text and "notes" not in text.split("\n", 1)[1]
    sheet = load_workbook(io.BytesIO(xlsx_doc.content)).active
    assert sheet.max_row == text.strip().count("\n") + 1
    assert report.source_url == "/returns/adder-year-measures/"


def test_free_text_figures_stay_out_of_the_report(django_user_model):
    import datetime as dt

    from saferhub.core.actors import SYSTEM
    from saferhub.returns import actions
    from saferhub.returns.tests.factories import lines_return

    definition = lines_return()
    actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=dt.date(2022, 5, 1),
                            period_end=dt.date(2022, 5, 31), geography="Norfolk",
                            values={"total": 3, "tier1": 1, "tier2": 2, "notes": "Mr Smith's line"})
    officer = user_with(django_user_model, Role.PARTNERSHIP_OFFICER)
    report = agenda_reports.get_source("returns").build("returns:lines:2022-05-01:2022-05-31", officer)
    everything = str(report.sections) + report.executive_summary + "".join(
        d.content.decode() for d in report.appendices if d.filename.endswith(".csv"))
    assert "Total lines: 3" in everything and "Smith" not in everything
    assert report.sections[-1] == ("Checks", "The figures meet every rule between fields of this return.")


def test_a_breakdown_says_which_categories_have_none_such_as_sectors_absent_from_the_channel_panel(django_user_model):
    import datetime as dt

    from saferhub.core.actors import SYSTEM
    from saferhub.returns import actions
    from saferhub.returns.models import ReturnDefinition

    load_returns()
    definition = ReturnDefinition.objects.get(slug="channel-panel")
    sectors = definition.fields.get(key="attendance").categories
    attendance = {c: 1 for c in sectors} | {"Probation": 0, "Housing": 0}
    day = dt.date(2023, 3, 1)
    actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=day, period_end=day,
                            geography="Norfolk", values={"referrals": 5, "discussed": 4, "adopted": 1,
                                                         "attendance": attendance})
    officer = user_with(django_user_model, Role.PARTNERSHIP_OFFICER)
    report = agenda_reports.get_source("returns").build("returns:channel-panel:2023-03-01:2023-03-01", officer)
    assert "People attending, by sector: none for Probation, Housing" in report.sections[0][1]
