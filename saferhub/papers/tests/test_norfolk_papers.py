"""The Norfolk papers data loads and the seed meetings' agendas and minutes render as web pages,
PDF and Word."""

import datetime as dt
import io

from django.conf import settings
from django.test import TestCase

from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.governance.models import Meeting
from saferhub.papers.loader import load_file
from saferhub.papers.models import Minutes, WorkProgrammeEntry, WrittenQuestion

D = dt.date


class NorfolkPapersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
        cls.message = load_file()

    def meeting(self, day):
        return Meeting.objects.get(committee__slug="nccsp-scrutiny-sub-panel", date=day)

    def test_minutes_statuses_follow_the_confirmations(self):
        statuses = {m.meeting.date: m.status for m in Minutes.objects.select_related("meeting")}
        for day in [D(2021, 7, 20), D(2022, 2, 24), D(2022, 6, 9), D(2022, 9, 28), D(2022, 12, 8)]:
            self.assertEqual(statuses[day], "confirmed", day)
        self.assertEqual(statuses[D(2023, 6, 8)], "published")
        confirmed = Minutes.objects.get(meeting__date=D(2022, 2, 24))
        self.assertEqual(confirmed.confirmed_on, D(2022, 6, 9))
        self.assertEqual(confirmed.signed_by.name, "Penny Carpenter")

    def test_work_programme_rows_and_carried_forward_status(self):
        rows = WorkProgrammeEntry.objects.filter(target_meeting__date=D(2022, 9, 28))
        self.assertEqual(rows.count(), 3)
        self.assertTrue(all(r.status == "carried_forward" for r in rows))
        self.assertEqual(WorkProgrammeEntry.objects.get(target_meeting__date=D(2023, 9, 28)).status, "planned")
        added = rows.filter(added_by_decision__isnull=False)
        self.assertEqual(added.count(), 2)

    def test_six_written_questions_for_24_february_2022(self):
        questions = WrittenQuestion.objects.filter(meeting__date=D(2022, 2, 24)).order_by("number")
        self.assertEqual([q.number for q in questions], [1, 2, 3, 4, 5, 6])
        self.assertEqual([q.agenda_item.number for q in questions], ["5", "5", "5", "6", "6", "6"])

    def test_seed_meetings_render_in_every_format(self):
        from pypdf import PdfReader

        for day in [D(2021, 7, 20), D(2022, 2, 24), D(2022, 6, 9), D(2022, 9, 28), D(2022, 12, 8), D(2023, 6, 8)]:
            meeting = self.meeting(day)
            html = self.client.get(f"/meetings/{meeting.pk}/minutes/")
            self.assertEqual(html.status_code, 200, day)
            pdf = self.client.get(f"/meetings/{meeting.pk}/minutes.pdf")
            self.assertEqual(pdf["Content-Type"], "application/pdf")
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
            self.assertIn(f"{day.day} {day:%B %Y}", " ".join(text.split()))
            docx = self.client.get(f"/meetings/{meeting.pk}/minutes.docx")
            self.assertEqual(docx.status_code, 200)
            agenda = self.client.get(f"/meetings/{meeting.pk}/agenda.pdf")
            self.assertEqual(agenda.status_code, 200)
        inquorate = self.client.get(f"/meetings/{self.meeting(D(2022, 9, 28)).pk}/minutes/").content.decode()
        self.assertIn("inquorate meeting", inquorate)
        self.assertIn("declared inquorate at 10.05 am", inquorate)

    def test_questions_are_appended_to_the_minutes(self):
        html = self.client.get(f"/meetings/{self.meeting(D(2022, 2, 24)).pk}/minutes/").content.decode()
        self.assertIn("Questions requiring written responses", html)
        self.assertIn("prolific offender unit", html)

    def test_meetings_known_only_from_later_records_have_no_generated_minutes(self):
        meeting = self.meeting(D(2021, 9, 16))
        self.assertEqual(self.client.get(f"/meetings/{meeting.pk}/minutes/").status_code, 404)
        self.assertIn("not held in", self.client.get(f"/meetings/{meeting.pk}/").content.decode())

    def test_agenda_front_sheet_of_june_2022_matches_the_membership_table(self):
        import docx

        meeting = self.meeting(D(2022, 6, 9))
        document = docx.Document(io.BytesIO(self.client.get(f"/meetings/{meeting.pk}/agenda.docx").content))
        rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
        self.assertIn(["To be confirmed", "Cllr Ian Stutely", "Norwich City Council"], rows)
        self.assertIn(["Cllr Penny Carpenter", "To be confirmed", "Great Yarmouth Borough Council"], rows)

    def test_loading_twice_changes_nothing(self):
        self.assertIn("already loaded", load_file())
