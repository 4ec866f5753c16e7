"""Papers rules, as plain Python."""

import datetime as dt

import pytest

from saferhub.core.exceptions import RuleViolation
from saferhub.papers import rules

UTC = dt.UTC


def test_template_must_keep_the_eqia():
    with pytest.raises(RuleViolation, match="must include the Equality Impact Assessment"):
        rules.check_template([{"key": "a", "heading": "A"}], [{"key": "financial", "heading": "Financial"}])
    rules.check_template([{"key": "a", "heading": "A"}], [{"key": "eqia", "heading": "EqIA"}])


def test_template_keys_must_be_unique_and_headed():
    with pytest.raises(RuleViolation, match="own key"):
        rules.check_template([{"key": "a", "heading": "A"}, {"key": "a", "heading": "B"}], [{"key": "eqia", "heading": "E"}])
    with pytest.raises(RuleViolation, match="needs a heading"):
        rules.check_template([{"key": "a", "heading": " "}], [{"key": "eqia", "heading": "E"}])
    with pytest.raises(RuleViolation, match="at least one section"):
        rules.check_template([], [{"key": "eqia", "heading": "E"}])


def test_final_report_must_be_complete():
    implications = [{"key": "eqia", "heading": "Equality Impact Assessment (EqIA)"}, {"key": "legal", "heading": "Legal"}]
    with pytest.raises(RuleViolation, match="executive summary"):
        rules.check_report_complete(executive_summary="", actions_required=["x"], implications={}, template_implications=implications)
    with pytest.raises(RuleViolation, match="action required"):
        rules.check_report_complete(executive_summary="s", actions_required=[" "], implications={}, template_implications=implications)
    with pytest.raises(RuleViolation, match="Missing: Equality Impact Assessment \\(EqIA\\), Legal"):
        rules.check_report_complete(executive_summary="s", actions_required=["x"], implications={"eqia": ""},
                                    template_implications=implications)
    rules.check_report_complete(executive_summary="s", actions_required=["x"], implications={"eqia": "None.", "legal": "None."},
                                template_implications=implications)


def test_report_without_template_still_needs_an_eqia():
    with pytest.raises(RuleViolation, match="Equality Impact Assessment"):
        rules.check_report_complete(executive_summary="s", actions_required=["x"], implications={}, template_implications=[])


def test_publication_must_be_future_and_before_the_meeting():
    now = dt.datetime(2023, 2, 10, 9, tzinfo=UTC)
    with pytest.raises(RuleViolation, match="in the future"):
        rules.check_publication_time(publish_at=now, now=now, meeting_date=dt.date(2023, 2, 24))
    with pytest.raises(RuleViolation, match="before the day of the meeting"):
        rules.check_publication_time(publish_at=dt.datetime(2023, 2, 24, 8, tzinfo=UTC), now=now, meeting_date=dt.date(2023, 2, 24))
    rules.check_publication_time(publish_at=dt.datetime(2023, 2, 16, 9, tzinfo=UTC), now=now, meeting_date=dt.date(2023, 2, 24))


def test_minutes_are_confirmed_later_at_a_quorate_meeting_signed_by_its_chair():
    base = {"minutes_meeting_date": dt.date(2022, 6, 9), "same_committee": True, "signer_is_chair": True}
    with pytest.raises(RuleViolation, match="later meeting"):
        rules.check_minutes_confirmation(at_meeting_date=dt.date(2022, 6, 9), at_meeting_status="held", **base)
    with pytest.raises(RuleViolation, match="quorate meeting"):
        rules.check_minutes_confirmation(at_meeting_date=dt.date(2022, 9, 28), at_meeting_status="inquorate", **base)
    with pytest.raises(RuleViolation, match="signed by the person who chaired"):
        rules.check_minutes_confirmation(at_meeting_date=dt.date(2023, 2, 24), at_meeting_status="held",
                                         **{**base, "signer_is_chair": False})
    with pytest.raises(RuleViolation, match="same committee"):
        rules.check_minutes_confirmation(at_meeting_date=dt.date(2023, 2, 24), at_meeting_status="held",
                                         **{**base, "same_committee": False})
    rules.check_minutes_confirmation(at_meeting_date=dt.date(2023, 2, 24), at_meeting_status="held", **base)


def test_a_proposed_work_programme_item_answers_all_four_scoping_questions():
    from saferhub.papers.models.tracking import SCOPING_QUESTIONS

    answers = {field: "An answer." for field, _ in SCOPING_QUESTIONS}
    rules.check_scoping_answers(answers, SCOPING_QUESTIONS)
    for field, question in SCOPING_QUESTIONS:
        with pytest.raises(RuleViolation, match="Answer the scoping question") as refused:
            rules.check_scoping_answers({**answers, field: "  "}, SCOPING_QUESTIONS)
        assert refused.value.field == field and question in str(refused.value)
