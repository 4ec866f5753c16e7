"""Documents written for these tests in layouts the seeds do not use: capitals, "Councillor",
lettered decisions, a DPI, a forward plan table, and a PDF generated with WeasyPrint."""

from __future__ import annotations

import pytest

from saferhub.importer.parsing.extract import extract_batch, public_json
from saferhub.importer.parsing.reader import read_lines

MINUTES = """BROADSHIRE COMMUNITY SAFETY SCRUTINY COMMITTEE

MINUTES of the meeting held in Room 4, Civic Centre, Broadtown on Tuesday 5 March 2024 at 2.30 pm

PRESENT:

Councillor Jane Smith (Chair)\tBroadtown District Council
Councillor Raj Patel\tEastshire County Council
Councillor Amy Wong\tEastshire County Council
Councillor Tom Baker\tWestvale Borough Council

IN ATTENDANCE:

Dr Helen Park\tCommunity Safety Manager, Broadtown District Council
Sam Reed\tDemocratic Services Officer

1 APOLOGIES

1.1 Apologies for absence were received from Councillor Peter Jones.

2 DECLARATIONS OF INTEREST

2.1 Councillor Amy Wong declared a Disclosable Pecuniary Interest in item 4 as an employee of a housing provider.

3 MINUTES

3.1 The minutes of the meeting held on 12 December 2023 were confirmed as a correct record.

4 ANTI-SOCIAL BEHAVIOUR CASE REVIEWS

4.1 The Committee received a report on Community Trigger activations in the county.

4.2 The Committee:

(a) NOTED the report.
(b) RECOMMENDED to the Partnership:
  - That the case review application form is published in plain English.
(c) AGREED to delegate to the Chair the task of reporting to the Overview and Scrutiny Committee, through a written report to its meeting on 18 April 2024.

The meeting ended at 4.05 pm"""


def test_minutes_in_another_layout():
    result = extract_batch([("broadshire.txt", MINUTES.encode())], {})
    m = next(m for m in result["meetings"] if m["date"] == "2024-03-05")
    assert next(m for m in result["meetings"] if m["date"] == "2023-12-12")["status"] == "held"
    assert m["date"] == "2024-03-05" and m["time"] == "14:30" and m["finished"] == "16:05"
    assert m["venue"] == "Room 4, Civic Centre, Broadtown"
    assert m["committee"] == "BROADSHIRE COMMUNITY SAFETY SCRUTINY COMMITTEE"
    assert m["chair"] == "Jane Smith"
    assert {(p["name"], p["body"]) for p in m["present"]} == {
        ("Jane Smith", "Broadtown District Council"), ("Raj Patel", "Eastshire County Council"),
        ("Amy Wong", "Eastshire County Council"), ("Tom Baker", "Westvale Borough Council")}
    assert [(a["name"], a["title"]) for a in m["in_attendance"]] == [
        ("Helen Park", "Community Safety Manager, Broadtown District Council"),
        ("Sam Reed", "Democratic Services Officer")]
    assert [(a["name"], a["kind"]) for a in m["apologies"]] == [("Peter Jones", "member")]
    assert [(d["name"], d["type"]) for d in m["declarations"]] == [("Amy Wong", "DPI")]
    assert m["minutes_confirmed"] == ["2023-12-12"]
    assert [(d["item"], d["verb"]) for d in m["decisions"]] == [("4", "NOTED"), ("4", "RECOMMENDED"), ("4", "AGREED")]
    assert [r["text"] for r in m["recommendations"]] == [
        "That the case review application form is published in plain English."]
    assert m["delegations"][0]["date"] == "2024-04-18"
    assert m["delegations"][0]["to"] == "Overview and Scrutiny Committee"


AGENDA = """Westvale Police and Crime Scrutiny Panel

Date: Monday 3 June 2024
Time: 6.00 pm
Venue: Council Offices, Westvale

Membership

MAIN MEMBER\tSUBSTITUTE MEMBER\tREPRESENTING
Cllr Ann Lee\tCllr Bob Moss\tWestvale Borough Council
To be confirmed\tCllr Cy Dunn\tEastshire County Council

Agenda

1. Apologies
2. Minutes (Page 3)
To confirm the minutes of the meeting held on 4 March 2024.
3. Knife Crime Update (Page 9)
To consider progress on the knife crime strategy.

Date Agenda Published: 24 May 2024

Westvale Police and Crime Scrutiny Panel Forward Work Programme

Date\tReport\tIssues for consideration\tInvited to attend
9 September 2024\tKnife crime\tAn update on the strategy\tChief Inspector
December 2024 (date to be confirmed)\tAnnual report\tThe Partnership's annual report\tPartnership Chair"""


def test_an_agenda_with_membership_and_work_programme():
    result = extract_batch([("westvale.txt", AGENDA.encode())], {})
    meetings = {m["date"]: m for m in result["meetings"]}
    june = meetings["2024-06-03"]
    assert june["time"] == "18:00" and june["status"] == "scheduled"
    items = june["agenda"]["items"]
    assert [(i["number"], i["title"], i["page"]) for i in items] == [
        ("1", "Apologies", None), ("2", "Minutes", 3), ("3", "Knife Crime Update", 9)]
    assert items[1]["confirms"] == ["2024-03-04"]
    assert meetings["2024-03-04"]["status"] == "held"
    assert june["agenda"]["membership"][1] == {"body": "Eastshire County Council", "member": "To be confirmed",
                                               "substitute": "Cy Dunn"}
    assert {(e["meeting_date"], e["precision"]) for e in result["work_programme"]} == {
        ("2024-09-09", "day"), ("2024-12-01", "month")}
    assert any(f["kind"] == "date_to_be_confirmed" for f in result["flags"])


@pytest.fixture(scope="module")
def minutes_pdf():
    from weasyprint import HTML

    rows = "".join(f"<tr><td>{n}</td><td>{b}</td></tr>" for n, b in [
        ("Councillor Jane Smith (Chair)", "Broadtown District Council"), ("Councillor Raj Patel",
                                                                          "Eastshire County Council")])
    html = f"""<html><head><style>td {{ padding: 2pt 20pt 2pt 0 }}</style></head><body style="font-family: sans-serif">
    <h1>Broadshire Community Safety Scrutiny Committee</h1>
    <p>Minutes of the meeting held at the Civic Centre, Broadtown on Tuesday 5 March 2024 at 10 am</p>
    <p>Present:</p><table style="border-collapse: collapse">{rows}</table>
    <h2>1 Apologies</h2><p>1.1 Apologies for absence were received from Councillor Tom Baker.</p>
    <h2 style="page-break-before: always">2 Community Trigger</h2>
    <p>2.1 The Committee NOTED the report.</p>
    <p>The meeting finished at 11.20 am</p></body></html>"""
    return HTML(string=html).write_pdf()


def test_a_generated_pdf_keeps_page_numbers(minutes_pdf):
    lines, kind, pages = read_lines("minutes.pdf", minutes_pdf)
    assert kind == "pdf" and pages == 2
    assert any("\t" in ln.raw and "Jane Smith" in ln.raw for ln in lines)  # the table row keeps its cells
    result = extract_batch([("minutes.pdf", minutes_pdf)], {})
    m = next(m for m in result["meetings"] if m["date"] == "2024-03-05")
    assert m["date"] == "2024-03-05" and m["finished"] == "11:20"
    assert {p["name"] for p in m["present"]} == {"Jane Smith", "Raj Patel"}
    assert [(d["item"], d["verb"]) for d in m["decisions"]] == [("2", "NOTED")]
    doc = next(d for d in result["files"][0]["documents"] if d["kind"] == "minutes")
    assert doc["pages"] == [1, 2]
    assert public_json(result)["meetings"][0]["chair"] == "Jane Smith"
