"""Each rule between fields, and each value check, in plain Python (no database)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from saferhub.core.exceptions import RuleViolation
from saferhub.returns import rules
from saferhub.returns.rules import FieldSpec, RuleSpec

FIELDS = [
    FieldSpec("total", "Total lines", "count"),
    FieldSpec("tier1", "Tier 1 lines", "count"),
    FieldSpec("tier2", "Tier 2 lines", "count"),
    FieldSpec("by_outcome", "Outcome", "breakdown", ("Charge", "Caution")),
    FieldSpec("pa", "Theft %", "percentage"),
    FieldSpec("pb", "Burglary %", "percentage"),
    FieldSpec("notes", "Notes", "text"),
]
SUM = RuleSpec("Tiers add up to the total", "parts_sum_to_total", "total", ("tier1", "tier2"))
SUBSET = RuleSpec("Tier 1 is part of the total", "subset_not_over_set", "total", ("tier1",))
PCT = RuleSpec("Offence shares add up to 100%", "percentages_sum_to_100", "", ("pa", "pb"))
BREAK = RuleSpec("Outcomes add up to the total", "parts_sum_to_total", "total", ("by_outcome:*",))


def values(**kw):
    return rules.clean_values(FIELDS, kw)


def test_parts_sum_to_total():
    failure = rules.check_rule(SUM, FIELDS, values(total=35, tier1=12, tier2=30))
    assert failure and "12 + 30 = 42" in failure.message and "35" in failure.message
    assert failure.rule_name == "Tiers add up to the total"
    assert rules.check_rule(SUM, FIELDS, values(total=42, tier1=12, tier2=30)) is None


def test_breakdown_categories_sum_to_total():
    assert rules.check_rule(BREAK, FIELDS, values(total=10, by_outcome={"Charge": 4, "Caution": 5}))
    assert rules.check_rule(BREAK, FIELDS, values(total=9, by_outcome={"Charge": 4, "Caution": 5})) is None
    # a category missing: the rule has nothing whole to compare, so it is not checked
    assert rules.check_rule(BREAK, FIELDS, values(total=10, by_outcome={"Charge": 4})) is None


def test_subset_cannot_exceed_set():
    failure = rules.check_rule(SUBSET, FIELDS, values(total=9, tier1=17))
    assert failure and "cannot be more than" in failure.message and "Tier 1 is part" in failure.message
    assert rules.check_rule(SUBSET, FIELDS, values(total=17, tier1=17)) is None


def test_percentages_sum_to_100_with_declared_tolerance():
    failure = rules.check_rule(PCT, FIELDS, values(pa=60, pb=39))
    assert failure and "add up to 99" in failure.message
    assert rules.check_rule(PCT, FIELDS, values(pa=60, pb=40)) is None
    loose = RuleSpec(PCT.name, PCT.kind, "", PCT.parts, D(1))
    assert rules.check_rule(loose, FIELDS, values(pa=60, pb=39)) is None


def test_missing_operand_is_not_checked():
    assert rules.check_rule(SUM, FIELDS, values(total=35, tier1=12)) is None


@pytest.mark.parametrize(("raw", "code"), [
    ({"total": "-1"}, "returns.count_whole"), ({"total": "1.5"}, "returns.count_whole"),
    ({"total": "lots"}, "returns.not_a_number"), ({"total": "NaN"}, "returns.not_a_number"),
    ({"total": "1e40"}, "returns.count_whole"), ({"pa": "101"}, "returns.percentage_range"),
    ({"nope": 1}, "returns.unknown_field"), ({"by_outcome": {"Other": 1}}, "returns.unknown_category"),
    ({"by_outcome": "3"}, "returns.breakdown_shape"),
])
def test_values_are_checked_by_kind(raw, code):
    with pytest.raises(RuleViolation) as exc:
        rules.clean_values(FIELDS, raw)
    assert exc.value.rule_code == code


def test_rule_definition_names_figures_of_the_return():
    with pytest.raises(RuleViolation, match="not a figure"):
        rules.check_rule_definition(RuleSpec("x", "parts_sum_to_total", "total", ("notes",)), FIELDS)
    with pytest.raises(RuleViolation, match="not a category"):
        rules.check_rule_definition(RuleSpec("x", "parts_sum_to_total", "total", ("by_outcome:Fine",)), FIELDS)
    with pytest.raises(RuleViolation, match="not one"):
        rules.check_rule_definition(RuleSpec("x", "percentages_sum_to_100", "", ("total",)), FIELDS)
    rules.check_rule_definition(BREAK, FIELDS)


@pytest.mark.parametrize(("kind", "start", "end", "ok"), [
    ("monthly", "2022-05-01", "2022-05-31", True), ("monthly", "2022-05-02", "2022-05-31", False),
    ("quarterly", "2022-01-01", "2022-03-31", True), ("quarterly", "2022-02-01", "2022-04-30", False),
    ("annual", "2021-04-01", "2022-03-31", True), ("annual", "2021-01-01", "2021-12-31", False),
    ("per_meeting", "2022-06-09", "2022-06-09", True), ("per_meeting", "2022-06-09", "2022-06-10", False),
    ("period", "2022-06-10", "2022-06-01", False),
])
def test_period_fits_its_kind(kind, start, end, ok):
    args = (kind, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    if ok:
        rules.check_period(*args)
    else:
        with pytest.raises(RuleViolation):
            rules.check_period(*args)
