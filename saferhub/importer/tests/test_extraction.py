"""The five seeds, read with nothing known beforehand, against values typed from the documents."""

from __future__ import annotations

import pytest

from saferhub.importer.parsing.extract import public_json
from saferhub.importer.tests import expected_seeds as E


@pytest.fixture(scope="module")
def meetings(extraction):
    return {m["date"]: m for m in extraction["meetings"]}


def test_every_meeting_from_november_2020_to_february_2024_with_its_status(meetings):
    expected = {**{d: m["status"] for d, m in E.MEETINGS.items()}, **E.OTHER_MEETINGS}
    assert {d: m["status"] for d, m in meetings.items()} == expected


@pytest.mark.parametrize("day", sorted(E.MEETINGS))
def test_minutes_facts(meetings, day):
    want = E.MEETINGS[day]
    got = meetings[day]
    assert got["chair"] == want["chair"]
    assert got["finished"] == want["finished"]
    assert {(p["name"], p["body"]) for p in got["present"]} == want["present"]
    assert {(s["name"], s["for"]) for s in got["substitutes"]} == want["substitutes"]
    assert {(a["name"], a["kind"]) for a in got["apologies"]} == want["apologies"]
    assert {a["name"] for a in got["in_attendance"]} == want["in_attendance"]
    titles = {a["name"]: a["title"] for a in got["in_attendance"]}
    for name, title in want["titles"].items():
        assert titles[name].replace(" ", "").replace(",", "") == title.replace(" ", "").replace(",", ""), name
    assert {(d["name"], d["type"]) for d in got["declarations"]} == want["declarations"]
    assert got["minutes_confirmed"] == want["minutes_confirmed"]
    assert {(d["item"], d["verb"]) for d in got["decisions"]} == want["decisions"]
    assert len(got["decisions"]) == want["decision_count"]
    if "inquorate_at" in want:
        assert got["declared_inquorate_at"] == want["inquorate_at"]
    if "delegation_dates" in want:
        assert [d["date"] for d in got["delegations"]] == want["delegation_dates"]
    if "recommendations" in want:
        assert len(got["recommendations"]) == want["recommendations"]
        assert all(r["to"] == "Partnership" for r in got["recommendations"])


def test_every_documented_defect_is_flagged_with_its_source(extraction):
    found = {(f["kind"], f["source"].split("-")[0]) for f in extraction["flags"]}
    assert E.FLAGS <= found


def test_name_variants_resolve_to_one_person(extraction):
    people = {p["name"]: set(p["aliases"]) for p in extraction["people"]}
    for alias, name in E.ALIASES.items():
        assert alias in people[name], alias
    assert "Mark Kiddle-Morris" in people
    assert not any("Kiddle –" in n for n in people)


def test_unresolvable_names_are_flagged_not_guessed(extraction):
    messages = [f["message"] for f in extraction["flags"] if f["kind"] == "unresolved_name"]
    assert any("Ashby" in m for m in messages) and any("Crane" in m for m in messages)
    assert not any(p["name"] in {"Ashby", "Crane"} for p in extraction["people"])


def test_work_programme_rows_future_items_and_written_questions(extraction):
    rows = {(e["version"], e["meeting_date"]) for e in extraction["work_programme"]}
    assert rows == E.WORK_PROGRAMME
    split_row = next(e for e in extraction["work_programme"] if e["meeting_date"] == "2022-09-28")
    assert split_row["report"] == "NCCSP Plan 2021-24 – performance monitoring"
    assert split_row["invited"] == "NCCSP Chair and Community Safety Team"
    assert any("Domestic Homicide Review" in i for i in split_row["issues"])
    assert len({i["text"] for i in extraction["future_items"]}) == E.FUTURE_ITEMS
    last = [e for e in extraction["work_programme"] if e["meeting_date"] == "2024-02-01"]
    assert last and last[0]["precision"] == "month"  # the unterminated last line is read
    by_file = {}
    for q in extraction["written_questions"]:
        by_file.setdefault(q["source"]["path"], []).append(q["number"])
    assert all(numbers == list(range(1, E.WRITTEN_QUESTIONS + 1)) for numbers in by_file.values())
    assert len(by_file) == 2
    assert all(q["response"] for q in extraction["written_questions"])


def test_delivery_plan_actions_are_repaired_from_multi_line_cells(extraction):
    plan = next(p for p in extraction["delivery_plans"] if p["source"]["path"].startswith("003"))
    numbers = {a["number"] for a in plan["actions"]}
    assert numbers == E.DELIVERY_ACTIONS_2021
    row = next(a for a in plan["actions"] if a["number"] == "1.4")
    assert row["action"] == ("Maximising the number of victims of fraud being identified and accessing support "
                             "where it is needed and wanted")
    assert row["owner"] == "OPCCN and Norfolk Constabulary"
    assert next(a for a in plan["actions"] if a["number"] == "1.9")["date"] == "TBC"


def test_documents_in_each_pack_are_split_by_kind(extraction):
    kinds = {f["name"][:3]: [d["kind"] for d in f["documents"]] for f in extraction["files"]}
    assert kinds["000"] == ["minutes", "minutes_appendix"]
    assert kinds["004"] == ["minutes", "written_questions"]
    assert kinds["001"].count("minutes") == 3 and kinds["001"].count("cover_report") == 4
    assert {"front_sheet", "written_questions", "terms_of_reference", "work_programme", "annex"} <= set(kinds["002"])


def test_public_json_has_exactly_the_documented_shape(extraction):
    data = public_json(extraction)
    assert set(data) == {"meetings", "work_programme", "written_questions", "delivery_actions", "flags"}
    for m in data["meetings"]:
        assert set(m) == {"committee", "date", "status", "chair", "present", "substitutes", "apologies",
                          "in_attendance", "declarations", "minutes_confirmed", "decisions", "finished", "source"}
        assert set(m["source"]) == {"path", "lines"}
        assert all(set(p) == {"name", "body"} for p in m["present"])
        assert all(set(a) == {"name", "kind"} and a["kind"] in {"member", "substitute", "officer"}
                   for a in m["apologies"])
    assert all(set(f) == {"kind", "message", "source"} for f in data["flags"])
    officers = {a["name"] for m in data["meetings"] for a in m["in_attendance"]}
    councillors = {p["name"] for m in data["meetings"] for p in m["present"]}
    assert not officers & councillors  # present lists councillors only


def test_the_theme_heading_above_the_first_action_table_is_captured(extraction):
    """"Fraud" stands above the first header row (003:1546), before the table starts; the next
    theme ("Neighbour" + "hood crime", 003:1560) sits between two tables."""
    plan = next(p for p in extraction["delivery_plans"] if p["source"]["path"].startswith("003"))
    themes = {a["number"]: a["theme"] for a in plan["actions"]}
    assert [themes[f"1.{n}"] for n in range(1, 6)] == ["Fraud"] * 5
    assert themes["1.6"] == "Neighbourhood crime"


def test_a_theme_above_the_header_of_a_table_in_another_layout():
    from saferhub.importer.parsing.context import Context
    from saferhub.importer.parsing.papers import parse_delivery_plan
    from saferhub.importer.parsing.reader import read_lines

    text = ("Delivery plan for the Westvale Safety Plan\n\nIntroduction\tnot a theme\n\n"
            "\tRoad Safety\t\t\t\t\n"
            "N\tAction\tSuccess measure\tOwner\tDate\tUpdate\n"
            "1.1\tSpeed checks near schools\tFewer collisions\tPolice\tOngoing\t\n"
            "\tKnife Crime\t\t\t\t\n"
            "N\tAction\tSuccess measure\tOwner\tDate\tUpdate\n"
            "1.2\tKnife arches at events\tFewer weapons seized\tPolice\tTBC\t\n")
    lines, _, _ = read_lines("plan.txt", text.encode())
    plan = parse_delivery_plan(lines, Context(), "plan.txt")
    assert [(a["number"], a["theme"]) for a in plan["actions"]] == [("1.1", "Road Safety"), ("1.2", "Knife Crime")]
