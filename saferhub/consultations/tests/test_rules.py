"""Each consultation rule, alone (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from saferhub.consultations import rules
from saferhub.core.exceptions import RuleViolation

D = dt.date
SINGLE = rules.QuestionSpec("d", "single", "District?", required=True, choices=("A", "B", rules.OTHER), other=True)
GRID = rules.QuestionSpec("g", "grid", "Agree?", required=True, rows=("X", "Y"), choices=("Agree", "Don't know"),
                          comment=True)
MULTI = rules.QuestionSpec("m", "multiple", "Which?", choices=("A", "B", "C"))
TEXT = rules.QuestionSpec("t", "text", "Why?", max_length=10)


def test_survey_status_by_dates():
    assert rules.survey_status(D(2021, 5, 24), D(2021, 7, 16), D(2021, 5, 23), opened=True) == "not_open"
    assert rules.survey_status(D(2021, 5, 24), D(2021, 7, 16), D(2021, 5, 24), opened=True) == "open"
    assert rules.survey_status(D(2021, 5, 24), D(2021, 7, 16), D(2021, 7, 16), opened=True) == "open"
    assert rules.survey_status(D(2021, 5, 24), D(2021, 7, 16), D(2021, 7, 17), opened=True) == "closed"


def test_a_survey_is_a_draft_until_opened_whatever_its_dates():
    for day in (D(2021, 5, 23), D(2021, 6, 1), D(2021, 7, 17)):
        assert rules.survey_status(D(2021, 5, 24), D(2021, 7, 16), day, opened=False) == "draft"


def test_check_open_refuses_before_and_after():
    with pytest.raises(RuleViolation, match="opens on 24 May 2021"):
        rules.check_open(D(2021, 5, 24), D(2021, 7, 16), D(2021, 5, 1), opened=True)
    with pytest.raises(RuleViolation, match="closed on 16 July 2021"):
        rules.check_open(D(2021, 5, 24), D(2021, 7, 16), D(2021, 8, 1), opened=True)
    rules.check_open(D(2021, 5, 24), D(2021, 7, 16), D(2021, 6, 1), opened=True)


def test_check_open_refuses_a_draft_between_its_dates():
    with pytest.raises(RuleViolation, match="This survey is a draft") as exc:
        rules.check_open(D(2021, 5, 24), D(2021, 7, 16), D(2021, 6, 1), opened=False)
    assert exc.value.rule_code == "consultations.draft"


def test_a_survey_opens_only_with_questions_and_sensible_dates():
    ok = {"opened": False, "question_count": 1, "opens_on": D(2021, 5, 24), "closes_on": D(2021, 5, 24)}
    rules.check_can_open(**ok)
    with pytest.raises(RuleViolation, match="at least one question before it can be opened") as exc:
        rules.check_can_open(**{**ok, "question_count": 0})
    assert exc.value.rule_code == "consultations.open_without_questions"
    with pytest.raises(RuleViolation, match="closing date is the same as or after its opening date") as exc:
        rules.check_can_open(**{**ok, "closes_on": D(2021, 5, 23)})
    assert exc.value.rule_code == "consultations.open_closes_before_opens"
    with pytest.raises(RuleViolation, match="already open") as exc:
        rules.check_can_open(**{**ok, "opened": True})
    assert exc.value.rule_code == "consultations.already_open"


def test_closing_date_not_before_opening():
    with pytest.raises(RuleViolation, match="closing date must be the same as or after"):
        rules.check_dates(D(2021, 5, 24), D(2021, 5, 23))
    rules.check_dates(D(2021, 5, 24), D(2021, 5, 24))


def test_question_definitions():
    with pytest.raises(RuleViolation, match="at least two choices"):
        rules.check_question_definition(rules.QuestionSpec("q", "single", "Q", choices=("Only",)))
    with pytest.raises(RuleViolation, match="grid lists its statements"):
        rules.check_question_definition(rules.QuestionSpec("q", "grid", "Q", choices=("A", "B")))
    with pytest.raises(RuleViolation, match="appears once"):
        rules.check_question_definition(rules.QuestionSpec("q", "single", "Q", choices=("A", "A")))
    with pytest.raises(RuleViolation, match="one of"):
        rules.check_question_definition(rules.QuestionSpec("q", "ranking", "Q"))
    rules.check_question_definition(SINGLE)
    rules.check_question_definition(GRID)


def test_questions_locked_once_answered():
    with pytest.raises(RuleViolation, match="3 responses"):
        rules.check_questions_editable(3)
    rules.check_questions_editable(0)


def test_tampered_choice_is_refused():
    with pytest.raises(RuleViolation, match="Select one of the answers shown"):
        rules.clean_answer(SINGLE, {"values": ["<script>"]})
    with pytest.raises(RuleViolation, match="Select one of the answers shown"):
        rules.clean_answer(GRID, {"grid": {"X": "Maybe", "Y": "Agree"}})
    with pytest.raises(RuleViolation, match="Select one of the answers shown"):
        rules.clean_answer(MULTI, {"values": ["A", "Z"]})


def test_single_choice_takes_one_answer():
    with pytest.raises(RuleViolation, match="only one"):
        rules.clean_answer(SINGLE, {"values": ["A", "B"]})


def test_other_needs_its_text_and_is_dropped_otherwise():
    with pytest.raises(RuleViolation, match="say what it is"):
        rules.clean_answer(SINGLE, {"values": [rules.OTHER], "other": "  "})
    assert rules.clean_answer(SINGLE, {"values": [rules.OTHER], "other": "Suffolk"}).other == "Suffolk"
    assert rules.clean_answer(SINGLE, {"values": ["A"], "other": "Suffolk"}).other == ""


def test_required_question_needs_an_answer():
    with pytest.raises(RuleViolation, match="must be answered"):
        rules.clean_answer(SINGLE, {})
    with pytest.raises(RuleViolation, match="“Y”"):
        rules.clean_answer(GRID, {"grid": {"X": "Agree"}})
    assert rules.clean_answer(MULTI, {}).empty


def test_text_length_limits():
    with pytest.raises(RuleViolation, match="10 characters or fewer"):
        rules.clean_answer(TEXT, {"text": "x" * 11})
    with pytest.raises(RuleViolation, match="1,000 characters"):
        rules.clean_answer(GRID, {"grid": {"X": "Agree", "Y": "Agree"}, "comment": "c" * 1001})
    assert rules.clean_answer(TEXT, {"text": " ok\x00 "}).text == "ok"


def test_odd_shapes_do_not_raise_type_errors():
    assert rules.clean_answer(MULTI, {"values": [None, 3, "A"]}).values == ["A"]
    with pytest.raises(RuleViolation):
        rules.clean_answer(GRID, {"grid": ["X"]})
    assert rules.clean_answer(TEXT, {"text": ["list"]}).text == ""


def test_missing_required():
    assert [s.key for s in rules.missing_required([SINGLE, MULTI, GRID], {"d": {"values": ["A"]}})] == ["g"]


def test_retention():
    assert rules.retention_ends(D(2021, 7, 16), 730) == D(2023, 7, 16)
    assert not rules.retention_due(D(2021, 7, 16), 730, D(2023, 7, 16))
    assert rules.retention_due(D(2021, 7, 16), 730, D(2023, 7, 17))


def test_percent_rounds_half_up_and_none_for_nobody():
    assert rules.percent(1, 8) == Decimal("12.5")
    assert rules.percent(1, 3) == Decimal("33.3")
    assert rules.percent(1, 0) is None


def test_representativeness_counts_prefer_not_to_say_in_the_whole():
    rows = rules.representativeness(["White", "Mixed", "Prefer not to say"],
                                    {"White": 90, "Mixed": 3, "Prefer not to say": 7},
                                    {"White": Decimal("96.5"), "Mixed": Decimal("1.2")})
    assert [(r.share, r.baseline, r.difference) for r in rows] == [
        (Decimal("90.0"), Decimal("96.5"), Decimal("-6.5")), (Decimal("3.0"), Decimal("1.2"), Decimal("1.8")),
        (Decimal("7.0"), None, None)]


def test_representativeness_shows_stored_baselines_to_one_place():
    [row] = rules.representativeness(["North"], {"North": 1}, {"North": Decimal("15.40")})
    assert str(row.baseline) == "15.4"
    [row] = rules.representativeness(["North"], {"North": 1}, {"North": Decimal("0.35")})
    assert str(row.baseline) == "0.35"
