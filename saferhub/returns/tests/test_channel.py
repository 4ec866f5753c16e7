"""The Channel Panel attendance summary (Prevent Duty benchmark 5): the arithmetic (pure), the reading of
submitted meetings only, the page's permission, its chart, table and CSV, and the configured share."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.returns import actions, channel, rules
from saferhub.returns.loader import load_returns
from saferhub.returns.models import LogSettings, ReturnDefinition
from saferhub.returns.tests.factories import ROLES, user_with

FY22 = (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
SECTORS = ["Police", "Health", "Education"]


def meeting(day, **present):
    return (day, {k.replace("_", " "): v for k, v in present.items()})


# -- arithmetic (no database) --------------------------------------------------------------------------

def test_counts_percentages_people_and_the_sectors_over_the_share():
    meetings = [meeting(dt.date(2022, 4, 12), Police=2, Health=1, Education=1),
                meeting(dt.date(2022, 5, 10), Police=1, Health=0, Education=None),
                meeting(dt.date(2022, 6, 14), Police=1, Health=1),
                meeting(dt.date(2022, 7, 12), Police=3, Health=2, Education=1)]
    s = channel.summarise(meetings, sectors=SECTORS, start=FY22[0], end=FY22[1], missed_percent=25)
    assert s.meetings == 4
    rows = {r.sector: r for r in s.rows}
    assert (rows["Police"].attended, rows["Police"].missed, rows["Police"].percent, rows["Police"].people) == (4, 0, 100, 7)
    # Health missed 1 of 4: exactly 25 %, which is not more than 25 %.
    assert (rows["Health"].attended, rows["Health"].percent, rows["Health"].over_threshold) == (3, 75, False)
    # Education missed 2 of 4 (no figure counts as missed).
    assert (rows["Education"].attended, rows["Education"].percent, rows["Education"].over_threshold) == (2, 50, True)
    assert [r.sector for r in s.flagged] == ["Education"]
    assert s.months_without_meeting == ["August 2022", "September 2022", "October 2022", "November 2022",
                                        "December 2022", "January 2023", "February 2023", "March 2023"]


def test_the_share_is_compared_exactly_not_after_rounding():
    # 1 of 3 missed is 33.3 %: over 33 %, not over 34 %; shown as 67 % attended.
    meetings = [meeting(dt.date(2022, 4, 1), Police=1), meeting(dt.date(2022, 5, 1), Police=1),
                meeting(dt.date(2022, 6, 1), Police=0)]
    at33 = channel.summarise(meetings, sectors=["Police"], start=FY22[0], end=FY22[1], missed_percent=33)
    at34 = channel.summarise(meetings, sectors=["Police"], start=FY22[0], end=FY22[1], missed_percent=34)
    assert at33.rows[0].percent == 67 and at33.rows[0].over_threshold and not at34.rows[0].over_threshold
    none_allowed = channel.summarise(meetings, sectors=["Police"], start=FY22[0], end=FY22[1], missed_percent=0)
    assert none_allowed.rows[0].over_threshold


def test_a_period_with_no_meetings():
    s = channel.summarise([meeting(dt.date(2021, 4, 1), Police=1)], sectors=SECTORS, start=FY22[0], end=FY22[1],
                          missed_percent=25)
    assert s.meetings == 0 and s.flagged == []
    assert [(r.attended, r.missed, r.percent, r.people) for r in s.rows] == [(0, 0, None, 0)] * 3
    assert len(s.months_without_meeting) == 12
    assert channel.csv_rows(s)[1] == ["2022-04-01", "2023-03-31", 0, "Police", 0, 0, "", 0, "no"]


def test_financial_year():
    assert channel.financial_year(dt.date(2023, 3, 31)) == 2022 and channel.financial_year(dt.date(2023, 4, 1)) == 2023
    assert channel.financial_year_bounds(2022) == FY22


def test_missed_percent_rule():
    for ok in (0, 25, 100):
        rules.check_missed_percent(ok)
    for bad in (-1, 101, 2.5, "25", True):
        with pytest.raises(RuleViolation, match="whole per cent from 0 to 100"):
            rules.check_missed_percent(bad)


# -- reading and pages ---------------------------------------------------------------------------------

def _channel_meetings():
    load_returns()
    definition = ReturnDefinition.objects.get(slug="channel-panel")
    sectors = definition.fields.get(key="attendance").categories

    def save(day, absent=(), submit=True):
        values = {"referrals": 5, "discussed": 3, "adopted": 1,
                  "attendance": {c: 0 if c in absent else 1 for c in sectors}}
        sub = actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=day, period_end=day,
                                      geography="Norfolk", values=values)
        if submit:
            actions.submit_submission(acting_user=SYSTEM, submission=sub)

    save(dt.date(2022, 4, 12), absent=["Housing", "Probation"])
    save(dt.date(2022, 5, 10), absent=["Housing"])
    save(dt.date(2022, 6, 14))
    save(dt.date(2022, 7, 12), absent=["Housing"], submit=False)  # a draft: not counted
    save(dt.date(2022, 3, 8), absent=list(sectors))  # the year before
    return definition


@pytest.mark.django_db
def test_summary_counts_submitted_meetings_of_the_period_only():
    definition = _channel_meetings()
    s = channel.summary_for(queries_definition(definition), start=FY22[0], end=FY22[1])
    assert (s.meetings, s.drafts, s.missed_percent) == (3, 1, 25)
    rows = {r.sector: r for r in s.rows}
    assert (rows["Housing"].attended, rows["Housing"].percent, rows["Housing"].over_threshold) == (1, 33, True)
    assert (rows["Probation"].attended, rows["Probation"].percent, rows["Probation"].over_threshold) == (2, 67, True)
    assert (rows["Police"].attended, rows["Police"].percent, rows["Police"].over_threshold) == (3, 100, False)
    assert [r.sector for r in s.flagged] == ["Probation", "Housing"]  # in the return's order of sectors


def queries_definition(definition):
    from saferhub.returns import queries

    return queries.definitions().get(pk=definition.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_page_and_csv_permission(client, django_user_model, role):
    _channel_meetings()
    if role != "anonymous":
        client.force_login(user_with(django_user_model, role))
    allowed = role in (Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR, Role.COUNCILLOR)
    for url in (reverse("returns:channel"), reverse("returns:channel-csv")):
        status = client.get(url + "?year=2022").status_code
        assert status == (302 if role == "anonymous" else 200 if allowed else 404), (role, url)


@pytest.mark.django_db
def test_page_shows_chart_table_flagged_sectors_and_the_csv(client, django_user_model):
    _channel_meetings()
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    page = client.get(reverse("returns:channel") + "?year=2022").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert "Housing: 33% (1 of 3)" in page  # the chart's text alternative
    assert "Probation: missed 1 of 3" in page and "Housing: missed 2 of 3" in page
    assert "1 meeting with draft figures" in page
    rows = list(csv.reader(io.StringIO(client.get(reverse("returns:channel-csv") + "?year=2022").content.decode())))
    assert rows[0][:4] == ["period_start", "period_end", "meetings", "sector"]
    housing = next(r for r in rows if r[3] == "Housing")
    assert housing == ["2022-04-01", "2023-03-31", "3", "Housing", "1", "2", "33", "1", "yes"]


@pytest.mark.django_db
def test_page_for_a_year_with_no_meetings_and_a_bad_year(client, django_user_model):
    _channel_meetings()
    client.force_login(user_with(django_user_model, Role.COUNCILLOR))
    page = client.get(reverse("returns:channel") + "?year=2019").content.decode()
    assert "No Channel Panel meetings with submitted figures in this financial year." in page
    assert "<svg" not in page and "Change the share" not in page
    assert client.get(reverse("returns:channel") + "?year=20x9").status_code == 404


@pytest.mark.django_db
def test_officer_sets_the_share_and_others_may_not(client, django_user_model):
    _channel_meetings()
    url = reverse("returns:channel") + "?year=2022"
    client.force_login(user_with(django_user_model, Role.COUNCILLOR))
    assert client.post(url, {"missed_percent": "50"}).status_code == 404
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    response = client.post(url, {"missed_percent": "101"})
    assert response.status_code == 200 and "Error: " in response.content.decode()
    assert "Enter a whole per cent from 0 to 100." in response.content.decode()
    assert client.post(url, {"missed_percent": "50"}).status_code == 302
    assert LogSettings.objects.get(pk=1).channel_missed_percent == 50
    assert AuditEvent.objects.filter(code="returns.channel.configured").exists()
    page = client.get(url).content.decode()
    assert "Probation: missed" not in page and "Housing: missed 2 of 3" in page


@pytest.mark.django_db
def test_configure_channel_summary_needs_the_define_permission(django_user_model):
    with pytest.raises(PermissionError):
        actions.configure_channel_summary(acting_user=user_with(django_user_model, Role.COUNCILLOR),
                                          missed_percent=10)
    with pytest.raises(RuleViolation, match="whole per cent"):
        actions.configure_channel_summary(acting_user=SYSTEM, missed_percent=200)


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_meetings(client, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    definition = _channel_meetings()
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    url = reverse("returns:channel") + "?year=2022"
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    for day in (dt.date(2022, 8, 9), dt.date(2022, 9, 13)):
        sub = actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=day, period_end=day,
                                      geography="Norfolk", values={"referrals": 1})
        actions.submit_submission(acting_user=SYSTEM, submission=sub)
    with CaptureQueriesContext(connection) as five:
        assert "Meetings</dt><dd class=\"govuk-summary-list__value\">5<" in client.get(url).content.decode()
    assert len(five) == len(three)
