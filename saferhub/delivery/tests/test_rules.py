"""Each rule of delivery.rules, pure (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from saferhub.core.exceptions import RuleViolation
from saferhub.delivery import rules

D = dt.date


@pytest.mark.parametrize("raw, kind, date", [
    ("Ongoing", "ongoing", None), ("TBC", "tbc", None), ("ТВС", "tbc", None),  # Cyrillic, 003:1589
    ("September 2021", "date", D(2021, 9, 30)), ("Jan 2024", "date", D(2024, 1, 31)),
    ("TBC September 2021", "tbc", D(2021, 9, 30)), ("???", "unknown", None), ("", "unknown", None),
    ("September", "unknown", None), ("2022-07-31", "date", D(2022, 7, 31)),
])
def test_due_dates_are_read_and_the_raw_text_is_not_lost(raw, kind, date):
    reading = rules.read_due(raw)
    assert (reading.kind, reading.date) == (kind, date)


def test_cyrillic_and_question_marks_are_flagged():
    assert "Cyrillic" in rules.read_due("ТВС").flag
    assert "Not legible" in rules.read_due("???").flag
    assert rules.read_due("TBC").flag == ""


def test_cross_references_are_found_and_bounded():
    text = "Provide an evidence base (CLSG Action 2); promoted (Prevent Duty Benchmark 4), (prevent duty benchmark 7)"
    assert rules.find_cross_references(text) == ["CLSG Action 2", "Prevent Duty Benchmark 4", "Prevent Duty Benchmark 7"]
    with pytest.raises(RuleViolation, match="no CLSG Action 7"):
        rules.find_cross_references("(CLSG Action 7)")
    with pytest.raises(RuleViolation, match="runs? from 1 to 10|numbers run from 1 to 10"):
        rules.check_cross_reference("Prevent Duty Benchmark 11")
    with pytest.raises(RuleViolation, match="not a cross-reference"):
        rules.check_cross_reference("Home Office Action 3")


def test_a_renumbering_that_collides_is_refused():
    rules.check_numbers_unique(["1.13", "1.14"])
    with pytest.raises(RuleViolation, match="Two actions would be numbered 1.14"):
        rules.check_numbers_unique(["1.14", "1.14"])


def test_the_diff_matches_by_identity_not_number():
    # The draft's 1.13 is the final plan's 1.14 (seed 002:181-186).
    old = [rules.RowSnapshot("a", "1.13", "Strong referral routes"), rules.RowSnapshot("b", "1.14", "Victims"),
           rules.RowSnapshot("c", "1.15", "Gone")]
    new = [rules.RowSnapshot("x", "1.13", "Inserted"), rules.RowSnapshot("a", "1.14", "Strong referral routes"),
           rules.RowSnapshot("b", "1.15", "Victims of neighbourhood crime")]
    diff = rules.diff_versions(old, new)
    assert [r.key for r in diff.added] == ["x"]
    assert [(a.number, b.number) for a, b in diff.renumbered] == [("1.13", "1.14"), ("1.14", "1.15")]
    assert [b.key for _, b in diff.reworded] == ["b"]
    assert [r.key for r in diff.removed] == ["c"]
    assert rules.diff_versions(new, new).is_empty


def _update(**kw):
    args = dict(rag="green", commentary="On track.", evidence="", submitted_on=D(2022, 6, 1), due_by=D(2022, 6, 1),
                period_end=D(2022, 5, 31))
    args.update(kw)
    rules.check_update(**args)


def test_update_rules():
    _update()
    with pytest.raises(RuleViolation, match="Select a RAG status"):
        _update(rag="")
    with pytest.raises(RuleViolation, match="Enter the update"):
        _update(commentary="  ")
    with pytest.raises(RuleViolation, match="evidence"):
        _update(rag="complete")
    with pytest.raises(RuleViolation, match="late and Red or Amber"):
        _update(rag="red", commentary="Delayed.", submitted_on=D(2022, 6, 10))
    _update(rag="red", commentary="Delayed; a new owner is agreed for July.", submitted_on=D(2022, 6, 10))
    with pytest.raises(RuleViolation, match="has not ended"):
        _update(period_end=D(2022, 6, 30))
    assert set(rules.RAG_DEFINITIONS) == set(rules.RAG_ORDER)


def test_overdue_updates():
    assert rules.update_is_overdue(due_by=D(2022, 6, 1), today=D(2022, 6, 2), submitted=False)
    assert not rules.update_is_overdue(due_by=D(2022, 6, 1), today=D(2022, 6, 1), submitted=False)
    assert not rules.update_is_overdue(due_by=D(2022, 6, 1), today=D(2022, 7, 1), submitted=True)


def _value(**kw):
    args = dict(period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), geography="district",
                measure_geography="locality", plan_start_year=2021, plan_end_year=2024, extended=False)
    args.update(kw)
    rules.check_value(**args)


def test_value_rules():
    _value()
    with pytest.raises(RuleViolation, match="on or after"):
        _value(period_end=D(2022, 3, 31))
    with pytest.raises(RuleViolation, match="whole months"):
        _value(period_start=D(2022, 4, 2))
    with pytest.raises(RuleViolation, match="more than five years before"):
        _value(period_start=D(2015, 1, 1), period_end=D(2015, 1, 31))
    with pytest.raises(RuleViolation, match="has not been extended"):
        _value(period_start=D(2025, 4, 1), period_end=D(2025, 6, 30))
    _value(period_start=D(2025, 4, 1), period_end=D(2025, 6, 30), extended=True)  # seed 002:159
    with pytest.raises(RuleViolation, match="recorded at county level"):
        _value(measure_geography="county")


def test_distance_to_target():
    d = rules.distance_to_target(latest=Decimal(120), baseline=Decimal(150), target=Decimal(100), direction="decrease")
    assert (d.gap, d.met, d.text) == (Decimal(20), False, "20 from the target.")
    assert rules.distance_to_target(latest=Decimal(90), baseline=None, target=Decimal(100),
                                    direction="decrease").met is True
    assert rules.distance_to_target(latest=Decimal(90), baseline=None, target=Decimal(100),
                                    direction="increase").met is False
    assert "Neutral" in rules.distance_to_target(latest=Decimal(5), baseline=None, target=None, direction="neutral").text
    assert "−10 since the baseline" in rules.distance_to_target(latest=Decimal(5), baseline=Decimal(15), target=None,
                                                                direction="decrease").text
    assert rules.distance_to_target(latest=None, baseline=None, target=None, direction="neutral").latest is None


def test_values_csv():
    rows = rules.parse_values_csv("measure,period_start,period_end,geography,area,value,note\n"
                                  "12.1,2022-04-01,2022-06-30,county,Norfolk,\"1,204\",\n"
                                  "12.1,2022-04-01,June,county,Norfolk,x,\n\n")
    assert rows[0].value == Decimal(1204) and not rows[0].errors
    assert rows[1].line == 3 and len(rows[1].errors) == 2
    with pytest.raises(RuleViolation, match="missing value; unknown colour"):
        rules.parse_values_csv("measure,period_start,period_end,colour\n")


def test_a_value_for_a_period_its_measure_is_not_reported_by_is_refused():
    _value(frequency="quarterly")  # April to June
    for start, end in [(D(2022, 4, 1), D(2022, 4, 30)), (D(2022, 5, 1), D(2022, 7, 31)),
                       (D(2022, 4, 1), D(2022, 9, 30))]:
        with pytest.raises(RuleViolation, match="reported quarterly: a value covers one quarter") as exc:
            _value(period_start=start, period_end=end, frequency="quarterly")
        assert exc.value.rule_code == "delivery.period_frequency"
    _value(period_start=D(2022, 4, 1), period_end=D(2022, 4, 30), frequency="monthly")
    with pytest.raises(RuleViolation, match="reported monthly"):
        _value(frequency="monthly")
    _value(period_start=D(2022, 4, 1), period_end=D(2023, 3, 31), frequency="annual")  # a financial year
    _value(period_start=D(2022, 1, 1), period_end=D(2022, 12, 31), frequency="annual")
    with pytest.raises(RuleViolation, match="reported yearly: a value covers one year"):
        _value(period_start=D(2022, 7, 1), period_end=D(2023, 6, 30), frequency="annual")
    _value(period_start=D(2022, 4, 1), period_end=D(2022, 4, 30), frequency="")  # not stated: any whole months
