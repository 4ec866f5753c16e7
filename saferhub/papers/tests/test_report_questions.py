"""Papers provides the written questions and answers of a meeting to the reports of the apps below it
(``core.meeting_questions``): the Plan's performance report lists the questions raised under the item that
received the Plan's report at the panel's last meeting, or every question when no item did, each with its
answer or "No answer recorded yet", in the report and in the cover report papers builds from it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from saferhub.core import meeting_questions
from saferhub.core.actors import SYSTEM
from saferhub.delivery import actions as delivery
from saferhub.delivery.reporting import performance_report
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import attend, make_meeting, make_panel
from saferhub.papers import actions
from saferhub.papers.queries import meeting_questions as provider

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2022-11-01T12:00+00:00", tick=False):  # after the panel's September meeting
        yield


@pytest.fixture
def world():
    panel = make_panel()
    plan = delivery.create_strategic_plan(slug="snpq", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                          end_year=2024, partnership=panel.partnership, acting_user=SYSTEM)
    theme = delivery.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    outcome = delivery.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    version = delivery.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                      version_date=D(2022, 2, 24), acting_user=SYSTEM)
    delivery.add_version_row(version, key="a1", number="1.1", action="Map the county lines",
                             owners=[panel.districts[0]], outcomes=[outcome], due="Ongoing", acting_user=SYSTEM)
    delivery.publish_version(version, acting_user=SYSTEM)
    return {"panel": panel, "plan": plan}


def _held(panel, day, *, plan_item: bool):
    """A two-item meeting on ``day``; the first item receives the Plan's report when ``plan_item``."""
    meeting = make_meeting(panel, date=day, items=2)
    first, second = list(meeting.agenda_items.order_by("position"))
    if plan_item:
        actions.add_report_from_source(first, source_code="plan", offer_key=f"snpq:now:c{panel.committee.pk}",
                                       acting_user=SYSTEM)
    attend(meeting, panel.members[:5])
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    return meeting, first, second


def _ask(meeting, item, text, answer=""):
    question = actions.record_written_question(meeting, question=text, agenda_item=item, acting_user=SYSTEM)
    if answer:
        actions.answer_written_question(question, response=answer, responded_on=D(2022, 10, 3),
                                        response_from=meeting.committee.organisation, acting_user=SYSTEM)
    return question


def test_the_questions_under_the_plans_item_with_their_answers(world):
    panel = world["panel"]
    meeting, plan_item, other_item = _held(panel, D(2022, 9, 15), plan_item=True)
    _ask(meeting, plan_item, "Why is the county lines action behind?", "The funding came late.")
    _ask(meeting, other_item, "How many CCTV cameras work?", "Forty.")
    _ask(meeting, plan_item, "When will the next update come?")
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)

    report = performance_report(world["plan"], round_=None, today=D(2022, 11, 1))
    assert report.last_meeting == meeting and report.questions.about_report
    assert [(q.number, q.text, q.answer) for q in report.questions.questions] == [
        (1, "Why is the county lines action behind?", "The funding came late."),
        (3, "When will the next update come?", "")]  # not question 2: it was put under another item
    first = report.questions.questions[0]
    assert first.answered_on == D(2022, 10, 3) and first.answered_by == panel.committee.organisation.name
    assert first.item == (f"Item {plan_item.number}: {plan_item.title}" if plan_item.number else plan_item.title)

    # The next meeting's cover report, built by papers from the Plan's source, carries them.
    next_meeting = make_meeting(panel, date=D(2022, 12, 1), items=1)
    cover = actions.add_report_from_source(next_meeting.agenda_items.get(), source_code="plan",
                                           offer_key=f"snpq:now:c{panel.committee.pk}", acting_user=SYSTEM)
    headings = {s["heading"]: s["key"] for s in cover.source_sections}
    text = cover.sections[headings["Questions the panel asked last time"]]
    assert "under the item on this Plan" in text
    assert "1. Why is the county lines action behind? Answer: The funding came late." in text
    assert "3. When will the next update come? Answer: No answer recorded yet." in text
    assert "CCTV" not in text


def test_without_an_item_on_the_plan_every_question_of_the_meeting_is_listed(world):
    meeting, first, second = _held(world["panel"], D(2022, 9, 15), plan_item=False)
    _ask(meeting, first, "Why is the county lines action behind?")
    _ask(meeting, None, "How many CCTV cameras work?", "Forty.")
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    given = provider(meeting.pk, source_code="plan", key_prefix="snpq:")
    assert not given.about_report and [q.number for q in given.questions] == [1, 2]
    assert given.questions[1].item == "" and given.questions[1].answered
    report = performance_report(world["plan"], round_=None, today=D(2022, 11, 1))
    assert "every question put at it is listed" in report.questions_text


def test_a_meeting_without_questions_says_none_were_asked(world):
    meeting, *_ = _held(world["panel"], D(2022, 9, 15), plan_item=True)
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    report = performance_report(world["plan"], round_=None, today=D(2022, 11, 1))
    assert report.questions.questions == () and report.questions.about_report
    assert report.questions_text.startswith("No questions were asked about the Plan at the meeting of the")


def test_another_plans_report_is_not_this_plans_item(world):
    meeting, plan_item, _ = _held(world["panel"], D(2022, 9, 15), plan_item=True)
    _ask(meeting, plan_item, "Why is the county lines action behind?")
    assert provider(meeting.pk, source_code="plan", key_prefix="snpq:").about_report
    assert not provider(meeting.pk, source_code="plan", key_prefix="snp:").about_report  # "snpq:" is not "snp:"
    assert not provider(meeting.pk, source_code="groups.progress", key_prefix="snpq:").about_report


def test_papers_registers_the_provider():
    assert meeting_questions._PROVIDER[0].provider is provider and meeting_questions._PROVIDER[0].app == "papers"
