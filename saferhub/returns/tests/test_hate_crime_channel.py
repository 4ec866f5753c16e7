"""The hate crime product and the Channel Panel, as returns of Norfolk's data file: each rule between
their fields is caught when broken, and figures that keep every rule save as a clean draft."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.returns import actions
from saferhub.returns.actions.submissions import evaluate
from saferhub.returns.loader import load_returns
from saferhub.returns.models import ReturnDefinition

pytestmark = pytest.mark.django_db
AGES = ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over", "Not recorded"]
DISTRICTS = ["Breckland", "Broadland", "Great Yarmouth", "King's Lynn and West Norfolk", "North Norfolk", "Norwich",
             "South Norfolk"]


def hate_values():
    return {
        "crimes": 70, "crimes_year_before": 64, "incidents": 21,
        "strands": {"Race": 40, "Religion or belief": 6, "Sexual orientation": 12, "Disability": 5,
                    "Transgender identity": 4, "More than one strand": 3},
        "victims": 60, "victim_age": dict(zip(AGES, [5, 10, 15, 10, 8, 6, 4, 2], strict=True)),
        "victim_gender": {"Female": 28, "Male": 30, "Another gender": 1, "Not recorded": 1},
        "suspects": 50, "suspect_age": dict(zip(AGES, [12, 10, 9, 8, 5, 3, 1, 2], strict=True)),
        "suspect_gender": {"Female": 10, "Male": 38, "Another gender": 0, "Not recorded": 2},
        "repeat_victims": 7, "repeat_locations": 4,
        "crimes_by_district": dict(zip(DISTRICTS, [8, 7, 12, 10, 5, 20, 8], strict=True)),
    }


BREAKS = [
    ("Hate crimes by strand add up to the total", lambda v: v["strands"].update(Race=41)),
    ("Victims by age band add up to the victims", lambda v: v["victim_age"].update({"Not recorded": 3})),
    ("Victims by gender add up to the victims", lambda v: v["victim_gender"].update(Male=31)),
    ("Suspects by age band add up to the suspects", lambda v: v["suspect_age"].update({"Under 18": 13})),
    ("Suspects by gender add up to the suspects", lambda v: v["suspect_gender"].update(Male=37)),
    ("Repeat victims are among the victims", lambda v: v.update(repeat_victims=61)),
    ("Hate crimes by district add up to the total", lambda v: v["crimes_by_district"].update(Norwich=21)),
]


def test_the_hate_crime_product_keeping_every_rule_is_a_clean_draft_per_crpsg_meeting():
    load_returns()
    definition = ReturnDefinition.objects.get(slug="hate-crime-product")
    assert definition.period_kind == "per_meeting" and "King's Lynn and West Norfolk" in definition.geographies
    day = dt.date(2023, 3, 14)
    sub = actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=day, period_end=day,
                                  geography="Norfolk", values=hate_values())
    assert sub.status == "draft" and not sub.flags.exists()


@pytest.mark.parametrize(("rule", "change"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_hate_crime_rule_is_caught(rule, change):
    load_returns()
    values = hate_values()
    change(values)
    _, failures = evaluate(ReturnDefinition.objects.get(slug="hate-crime-product"), values)
    assert [f.rule_name for f in failures] == [rule]


def test_channel_panel_adopted_cases_are_among_those_discussed_and_sectors_attend_per_meeting():
    load_returns()
    definition = ReturnDefinition.objects.get(slug="channel-panel")
    attendance = {c: 1 for c in definition.fields.get(key="attendance").categories}
    ok = {"referrals": 9, "discussed": 6, "adopted": 2, "attendance": attendance}
    assert evaluate(definition, ok)[1] == []
    _, failures = evaluate(definition, {**ok, "adopted": 7})
    assert [f.rule_name for f in failures] == ["Cases adopted are among the cases discussed"]
    with pytest.raises(actions.FiguresBreakRules):
        actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=dt.date(2023, 3, 1),
                                period_end=dt.date(2023, 3, 1), geography="Norfolk", values={**ok, "adopted": 7})


def test_the_data_file_configures_the_tension_log():
    from saferhub.returns.actions.tensions import current_settings

    load_returns()
    settings = current_settings()
    assert (settings.triage_hours, settings.grades, settings.retention_months, settings.centre_check_months) == (
        72, ["Low", "Medium", "High"], 24, 6)
