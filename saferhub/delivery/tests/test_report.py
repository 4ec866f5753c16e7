"""The performance report for the Sub Panel (issue 12, item 5): RAG by theme and outcome, changes since the
previous round, overdue actions, measures with distance to target, the panel's recommendations last time;
HTML, PDF and Word; the agenda-report source "plan". No person is named in it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core import agenda_reports
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import attend, make_meeting, make_panel, person, user

pytestmark = pytest.mark.django_db
D = dt.date
Q1 = dict(title="Quarter 1, 2022 to 2023", period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), due_by=D(2022, 7, 15))
Q2 = dict(title="Quarter 2, 2022 to 2023", period_start=D(2022, 7, 1), period_end=D(2022, 9, 30), due_by=D(2022, 10, 14))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2022-11-01T12:00+00:00", tick=False):  # the report's "now" and the meeting's past
        yield


@pytest.fixture
def world():
    panel = make_panel()
    police = panel.districts[0]
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, extended=True, partnership=panel.partnership,
                                         acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    one = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    four = actions.add_outcome(plan, theme=theme, number=4, title="Victims are supported", acting_user=SYSTEM)
    measure = actions.add_measure(one, name="Anti-social behaviour incidents", geography="county", acting_user=SYSTEM)
    actions.set_measure_target(measure, baseline_value=Decimal(150), target_value=Decimal(100), direction="decrease",
                               acting_user=SYSTEM)
    for start, end, value in [(D(2022, 4, 1), D(2022, 6, 30), 140), (D(2022, 7, 1), D(2022, 9, 30), 120)]:
        actions.record_value(measure, period_start=start, period_end=end, value=Decimal(value), acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=D(2022, 2, 24), acting_user=SYSTEM)
    rows = [actions.add_version_row(version, key=f"a{n}", number=f"1.{n}", action=f"Action number {n}",
                                    owners=[police], outcomes=outcomes, due=due, acting_user=SYSTEM)
            for n, outcomes, due in [(1, [one], "June 2022"), (2, [one, four], "Ongoing"), (3, [four], "March 2022")]]
    actions.publish_version(version, acting_user=SYSTEM)
    owner = user("olive", Role.AGENCY_OFFICER, person=person("Olive Ownername", councillor=False, organisation=police))
    first = actions.open_round(plan, acting_user=SYSTEM, **Q1)
    for row, rag in [(rows[0], "amber"), (rows[1], "green")]:
        actions.submit_update(row, rag=rag, commentary="Progress as planned.", submitted_on=D(2022, 7, 10),
                              round=first, acting_user=owner)
    actions.close_round(first, acting_user=SYSTEM)
    second = actions.open_round(plan, acting_user=SYSTEM, **Q2)
    for row, rag in [(rows[0], "red"), (rows[1], "green"), (rows[2], "complete")]:
        actions.submit_update(row, rag=rag, commentary=f"Now {rag}.", evidence="Report published." if rag == "complete" else "",
                              submitted_on=D(2022, 10, 10), round=second,
                              acting_user=owner)
    meeting = make_meeting(panel, date=D(2022, 9, 15), items=1)
    attend(meeting, panel.members[:5])
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    governance.record_decision(meeting.agenda_items.get(), verb="RECOMMENDED", text="to the Partnership that:",
                               recommendations=[{"text": "It reports hate crime by district.",
                                                 "addressee_organisation": panel.partnership}], acting_user=SYSTEM)
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    return {"panel": panel, "plan": plan, "rows": rows, "first": first, "second": second, "measure": measure,
            "pship": user("pship", Role.PARTNERSHIP_OFFICER), "owner": owner}


def test_the_report_for_a_round(client, world):
    client.force_login(world["pship"])
    page = client.get(f"/plan/snp/report/?round={world['second'].pk}").content.decode()
    assert "Safer Norfolk Plan 2021-24: performance report, Quarter 2, 2022 to 2023" in page
    assert "Actions that changed status since Quarter 1, 2022 to 2023" in page
    changed = page.split('id="changed"')[1].split('id="overdue"')[0]
    assert "1.1</strong>" in changed and "1.3</strong>" in changed and "1.2</strong>" not in changed  # green stayed green
    assert "Amber</td><td class=\"govuk-table__cell\">Red" in changed
    overdue = page.split('id="overdue"')[1].split('id="measures"')[0]
    assert "1.1</strong>" in overdue and "1.3</strong>" not in overdue and "1.2</strong>" not in overdue  # complete, ongoing
    assert "20 from the target." in page and "<polyline" in page and "no measures for outcome 4" in page
    assert "It reports hate crime by district." in page and "Awaiting response" in page
    assert "Ownername" not in page  # an update's author is never named



def test_the_report_has_a_rag_chart_per_outcome_on_the_page_and_in_print(client, world):
    from saferhub.delivery.report_documents import report_html
    from saferhub.delivery.reporting import performance_report

    client.force_login(world["pship"])
    page = client.get(f"/plan/snp/report/?round={world['second'].pk}").content.decode()
    chart = page.split('<title id="outcome-rag-t">')[1].split("</svg>")[0]
    one, four = chart.split("Outcome 4")
    assert "Outcome 1" in one and "<title>Red: 1</title>" in one and "<title>Green: 1</title>" in one
    assert "<title>Green: 1</title>" in four and "<title>Complete: 1</title>" in four and "Red:" not in four
    report = performance_report(world["plan"], round_=world["second"], today=D(2022, 11, 1))
    assert '<title id="outcome-rag-t">' in report_html(report)


def test_the_default_is_the_latest_round_and_the_first_round_compares_with_nothing(client, world):
    client.force_login(world["pship"])
    assert "performance report, Quarter 2" in client.get("/plan/snp/report/").content.decode()
    page = client.get(f"/plan/snp/report/?round={world['first'].pk}").content.decode()
    assert "changed status since reporting began" in page
    assert "Now red" not in page  # updates of a later round are not in an earlier round's report
    measures = page.split('id="measures"')[1]
    assert "40 from the target." in measures  # the value to the end of that round: 140


def test_the_report_as_pdf_and_word(client, world):
    import docx
    import pdfplumber

    client.force_login(world["pship"])
    pdf = client.get(f"/plan/snp/report/{world['second'].pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "Overdue actions" in text and "Ownername" not in text and "20 from the target." in text
    word = client.get("/plan/snp/report/now.docx")
    body = docx.Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in body.paragraphs) + "\n".join(c.text for t in body.tables for r in t.rows
                                                                  for c in r.cells)
    assert "position at 1 November 2022" in text and "It reports hate crime by district." in text
    assert "Ownername" not in text
    assert client.get("/plan/snp/report/now.txt").status_code == 404
    assert client.get("/plan/snp/report/99999.pdf").status_code == 404


def test_report_query_count_is_constant(client, world):
    client.force_login(world["pship"])
    url = f"/plan/snp/report/?round={world['second'].pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    version = world["rows"][0].plan
    outcome = world["plan"].outcomes.first()
    for n in range(5):
        measure = actions.add_measure(outcome, name=f"Extra {n}", geography="county", acting_user=SYSTEM)
        actions.record_value(measure, period_start=D(2022, 7, 1), period_end=D(2022, 9, 30), value=n,
                             acting_user=SYSTEM)
    actions.close_round(world["second"], acting_user=SYSTEM)
    draft = actions.create_version(world["plan"], title="Revised", stage="revised", label="Revised",
                                   previous=version, version_date=D(2022, 10, 1), acting_user=SYSTEM)
    for n in range(6):
        actions.add_version_row(draft, key=f"x{n}", number=f"2.{n}", action="More", owners=[world["panel"].county],
                                outcomes=[outcome], due="May 2022", acting_user=SYSTEM)
    actions.publish_version(draft, acting_user=SYSTEM)
    third = actions.open_round(world["plan"], acting_user=SYSTEM, title="Q3", period_start=D(2022, 10, 1),
                               period_end=D(2022, 10, 31), due_by=D(2022, 11, 10))
    with CaptureQueriesContext(connection) as after:
        page = client.get(f"/plan/snp/report/?round={third.pk}").content.decode()
    assert "2.5</strong>" in page and "Extra 4" in page
    assert len(after) == len(before)


def test_the_agenda_report_source(world):
    source = agenda_reports.get_source("plan")
    committee = world["panel"].committee
    offers = source.offers(committee, world["pship"])
    assert [o.label for o in offers] == [
        "Safer Norfolk Plan 2021-24: performance report, the position now",
        "Safer Norfolk Plan 2021-24: performance report, Quarter 2, 2022 to 2023",
        "Safer Norfolk Plan 2021-24: performance report, Quarter 1, 2022 to 2023"]
    built = source.build(offers[1].key, world["pship"])
    assert built.title.endswith("Quarter 2, 2022 to 2023")
    assert built.appendices[0].content.startswith(b"%PDF") and built.appendices[0].content_type == "application/pdf"
    assert "1.1: Amber to Red." in dict(built.sections)["Changes since the last report"]
    assert built.extra["last_meeting"] is not None
    everything = " ".join([built.title, built.executive_summary, *(t for _, t in built.sections)])
    assert "Ownername" not in everything


def test_the_source_offers_and_builds_only_for_the_partnership_team(world):
    source = agenda_reports.get_source("plan")
    committee = world["panel"].committee
    key = source.offers(committee, world["pship"])[0].key
    for someone in (world["owner"], user("cllr", Role.COUNCILLOR)):
        assert source.offers(committee, someone) == []
        with pytest.raises(PermissionError):
            source.build(key, someone)
    other = make_panel().committee  # scrutinises another partnership
    assert source.offers(other, world["pship"]) == []
    with pytest.raises(LookupError):
        source.build(key.replace(f":c{committee.pk}", f":c{other.pk}"), world["pship"])
    with pytest.raises(LookupError):
        source.build("snp:round-99999:c1", world["pship"])
    with pytest.raises(LookupError):
        source.build("nonsense", world["pship"])


# -- the questions the panel asked last time (core.meeting_questions; papers provides them) ---------------

@pytest.fixture
def questions(monkeypatch):
    """Stands in for papers' provider (delivery cannot import papers): what it is asked, and what it gives."""
    from saferhub.core import meeting_questions as hook

    state = {"asked": [], "given": hook.MeetingQuestions(about_report=True, questions=(
        hook.MeetingQuestion(number=1, text="Why is action 1.1 red?", answer="The funding came late.",
                             answered_on=D(2022, 10, 3), answered_by="Norfolk County Council",
                             item="Item 1: Safer Norfolk Plan"),
        hook.MeetingQuestion(number=2, text="When will hate crime be reported by district?")))}

    def provider(meeting_id, *, source_code, key_prefix):
        state["asked"].append((meeting_id, source_code, key_prefix))
        return state["given"]

    monkeypatch.setattr(hook, "_PROVIDER", [])
    hook.register_provider(provider, app="papers")
    return state


def _word_text(content) -> str:
    import docx

    body = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in body.paragraphs) + "\n" + "\n".join(
        c.text for t in body.tables for r in t.rows for c in r.cells)


def test_the_questions_and_answers_of_the_last_meeting_in_page_pdf_and_word(client, world, questions):
    import pdfplumber

    client.force_login(world["pship"])
    page = client.get(f"/plan/snp/report/?round={world['second'].pk}").content.decode()
    meeting = world["panel"].committee.meetings.get(date=D(2022, 9, 15))
    assert questions["asked"][-1] == (meeting.pk, "plan", "snp:")
    section = page.split('id="questions"')[1]
    assert "Questions the panel asked last time" in page and "under the item on this Plan" in section
    assert "Why is action 1.1 red?" in section and "The funding came late." in section
    assert "Norfolk County Council, 3 October 2022" in section
    assert "When will hate crime be reported by district?" in section and "No answer recorded yet" in section

    with pdfplumber.open(io.BytesIO(client.get(f"/plan/snp/report/{world['second'].pk}.pdf").content)) as pdf:
        text = " ".join((p.extract_text() or "").replace("\n", " ") for p in pdf.pages)
    assert "Questions the panel asked last time" in text and "The funding came late." in text
    assert "No answer recorded yet" in text

    text = _word_text(client.get("/plan/snp/report/now.docx").content)
    assert "Questions the panel asked last time" in text and "Why is action 1.1 red?" in text
    assert "The funding came late. (Norfolk County Council, 3 October 2022)" in text
    assert "No answer recorded yet" in text


def test_the_cover_report_has_the_questions_section(world, questions):
    source = agenda_reports.get_source("plan")
    built = source.build(source.offers(world["panel"].committee, world["pship"])[0].key, world["pship"])
    text = dict(built.sections)["Questions the panel asked last time"]
    assert "1. Why is action 1.1 red? Answer: The funding came late." in text
    assert "2. When will hate crime be reported by district? Answer: No answer recorded yet." in text
    assert "It reports hate crime by district." in dict(built.sections)["What the panel recommended last time"]


def test_untagged_questions_say_every_question_of_the_meeting_is_listed(client, world, questions):
    from saferhub.core import meeting_questions as hook

    questions["given"] = hook.MeetingQuestions(about_report=False, questions=questions["given"].questions)
    client.force_login(world["pship"])
    section = client.get("/plan/snp/report/?round=now").content.decode().split('id="questions"')[1]
    assert "every question put at it is listed" in section and "Why is action 1.1 red?" in section


def test_a_meeting_without_questions_says_none_were_asked(client, world, questions):
    from saferhub.core import meeting_questions as hook

    client.force_login(world["pship"])
    for about, wording in [(True, "No questions were asked about the Plan at the meeting of the"),
                           (False, "No questions were asked at the meeting of the")]:
        questions["given"] = hook.MeetingQuestions(about_report=about)
        section = client.get("/plan/snp/report/?round=now").content.decode().split('id="questions"')[1]
        assert wording in section and "<table" not in section and "No answer recorded yet" not in section
        assert wording in _word_text(client.get("/plan/snp/report/now.docx").content)


def test_no_last_meeting_or_no_provider_leaves_the_section_out(client, world, monkeypatch, questions):
    from saferhub.core import meeting_questions as hook

    client.force_login(world["pship"])
    from saferhub.delivery.reporting import performance_report

    before = performance_report(world["plan"], round_=None, today=D(2022, 9, 1))  # before the panel's meeting
    assert before.last_meeting is None and before.questions is None
    monkeypatch.setattr(hook, "_PROVIDER", [])
    page = client.get("/plan/snp/report/?round=now").content.decode()
    assert 'id="last-time"' in page and 'id="questions"' not in page
    assert "Questions the panel asked last time" not in _word_text(client.get("/plan/snp/report/now.docx").content)
