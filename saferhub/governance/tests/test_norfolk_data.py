"""The Norfolk data file loads through the actions and says what the seed documents say.

Expected values were written by reading the seed documents (file:line in each test), not by
running the loader.
"""

import datetime as dt

from django.conf import settings
from django.test import TestCase

from saferhub.core.models import Person
from saferhub.governance import queries
from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.governance.models import Committee, Meeting, OfficeHolder

D = dt.date


class NorfolkDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
        cls.panel = Committee.objects.get(slug="nccsp-scrutiny-sub-panel")

    def meeting(self, day):
        return queries.meeting_with_record(Meeting.objects.get(committee=self.panel, date=day).pk)

    def api(self, day):
        response = self.client.get(f"/api/v1/meetings/{Meeting.objects.get(committee=self.panel, date=day).pk}")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_terms_of_reference(self):
        """002:422-433: 3 county + 7 district seats, one substitute each, quorum five, quarterly."""
        p = self.panel
        self.assertEqual((p.quorum, p.meeting_frequency_months, p.substitutes_per_member), (5, 3, 1))
        self.assertEqual(p.parent.name, "Scrutiny Committee")
        groups = {g.name: g for g in p.seat_groups.all()}
        self.assertEqual(groups["County Council members"].seats, 3)
        self.assertEqual(groups["District Council members"].seats, 7)
        self.assertEqual(p.seats.count(), 10)

    def test_membership_on_24_february_2023(self):
        """001:24-33, including the Broadland vacancy ("To be confirmed")."""
        rows = queries.composition_on(self.panel, D(2023, 2, 24)).seats
        table = [(r.seat.organisation.short_name, r.member.person.name if r.member else None,
                  [s.person.name for s in r.substitutes]) for r in rows]
        self.assertEqual(table, [
            ("Breckland", "Alison Webb", ["Robert Hambidge"]),
            ("Broadland", None, ["David King"]),
            ("Great Yarmouth", "Penny Carpenter", []),
            ("King's Lynn and West Norfolk", "Alexandra Kemp", ["Christine Hudson"]),
            ("NCC", "Mark Kiddle-Morris", ["Julian Kirk"]),
            ("NCC", "Graham Carpenter", ["Ian Mackie"]),
            ("NCC", "Emma Corlett", ["Chrissie Rumsby"]),
            ("North Norfolk", "Sarah Butikofer", ["Wendy Fredericks"]),
            ("Norwich", "Vivien Thomas", ["Ian Stutely"]),
            ("South Norfolk", "James Easter", ["Tony Holden"]),
        ])

    def test_membership_on_16_september_2021(self):
        """003:26-35."""
        rows = queries.composition_on(self.panel, D(2021, 9, 16)).seats
        self.assertEqual([s.person.name for r in rows for s in r.substitutes],
                         ["Trevor Carter", "David King", "Anthony Bubb", "Julian Kirk", "Ian Mackie", "Sarah Butikofer",
                          "Cate Oliver", "Tony Holden"])
        self.assertEqual(rows[8].member.person.name, "Adam Giles")

    def test_office_holders_each_year(self):
        """003:164-174, 001:127-135, 000:34-42."""
        holders = {(h.civic_year, h.office): h.person.name for h in OfficeHolder.objects.filter(committee=self.panel)}
        for year in ["2021-22", "2022-23", "2023-24"]:
            self.assertEqual(holders[(year, "chair")], "Mark Kiddle-Morris")
            self.assertEqual(holders[(year, "vice_chair")], "Penny Carpenter")

    def test_every_meeting_from_july_2021_to_june_2023(self):
        statuses = dict(Meeting.objects.filter(committee=self.panel, date__gte=D(2021, 7, 1), date__lte=D(2023, 6, 30))
                        .values_list("date", "status"))
        self.assertEqual(statuses, {
            D(2021, 7, 20): "held", D(2021, 9, 16): "held", D(2021, 12, 16): "postponed", D(2022, 2, 24): "held",
            D(2022, 6, 9): "held", D(2022, 9, 28): "inquorate", D(2022, 12, 8): "inquorate", D(2023, 2, 24): "held",
            D(2023, 6, 8): "held",
        })

    def test_28_september_2022_was_inquorate_with_three_present(self):
        """001:227-244: Kiddle-Morris, Rumsby, Easter; declared inquorate at 10.05 am."""
        data = self.api(D(2022, 9, 28))
        self.assertEqual(data["status"], "inquorate")
        self.assertEqual(data["quorum"], {"required": 5, "voting_present": 3, "quorate": False, "basis": "attendance"})
        self.assertEqual(data["declared_inquorate_at"], "10:05:00+01:00")  # BST on that day
        present = [(a["person"], a["role"], a["substitute_for"]) for a in data["attendance"] if a["status"] == "present"]
        self.assertEqual(present, [("Mark Kiddle-Morris", "member", None), ("Chrissie Rumsby", "substitute", "Emma Corlett"),
                                   ("James Easter", "member", None)])
        self.assertEqual(data["decisions"], [])

    def test_8_december_2022_was_inquorate_at_10_03(self):
        """001:256-281."""
        meeting = self.meeting(D(2022, 12, 8))
        self.assertEqual((meeting.declared_inquorate_at, meeting.finished_at), (dt.time(10, 3), dt.time(10, 4)))
        self.assertEqual(queries.quorum_for(meeting).voting_present, 3)

    def test_24_february_2022_vice_chair_in_the_chair(self):
        """002:118-140: six present, four members and four substitutes sent apologies."""
        data = self.api(D(2022, 2, 24))
        self.assertEqual(data["quorum"]["voting_present"], 6)
        self.assertEqual(data["chaired_by"], "Penny Carpenter")
        self.assertEqual(data["chair_capacity"], "vice_chair")
        apologies = {(a["person"], a["role"]) for a in data["attendance"] if a["status"] == "apologies"}
        self.assertEqual(apologies, {
            ("Tim Adams", "member"), ("Mark Kiddle-Morris", "member"), ("Nigel Shaw", "member"), ("Alison Webb", "member"),
            ("Robert Hambidge", "substitute"), ("Julian Kirk", "substitute"), ("Sarah Butikofer", "substitute"),
            ("Ian Stutely", "substitute"), ("Gavin Thompson", "officer"),
        })
        declarations = [(d["person"], d["type"]) for d in data["declarations"]]
        self.assertEqual(declarations, [("Emma Corlett", "Other"), ("Penny Carpenter", "Other")])
        self.assertEqual(data["agenda"][1]["minutes_confirmed"], ["2021-09-16"])

    def test_9_june_2022_substitutes(self):
        """001:106-123: seven present, Rumsby for Corlett and Holden for Easter."""
        data = self.api(D(2022, 6, 9))
        self.assertEqual(data["quorum"]["voting_present"], 7)
        subs = {(a["person"], a["substitute_for"]) for a in data["attendance"] if a["role"] == "substitute" and a["status"] == "present"}
        self.assertEqual(subs, {("Chrissie Rumsby", "Emma Corlett"), ("Tony Holden", "James Easter")})
        verbs = [(d["item"], d["verb"]) for d in data["decisions"]]
        self.assertIn(("7", "ENDORSED"), verbs)
        self.assertIn(("9", "COMMENDED"), verbs)

    def test_8_june_2023_adams_substituting_and_recommendations(self):
        """000:10-30 and 000:108-114."""
        data = self.api(D(2023, 6, 8))
        adams = next(a for a in data["attendance"] if a["person"] == "Tim Adams")
        self.assertEqual((adams["role"], adams["substitute_for"]), ("substitute", "Wendy Fredericks"))
        recommended = next(d for d in data["decisions"] if d["verb"] == "RECOMMENDED")
        self.assertEqual(len(recommended["recommendations"]), 2)
        self.assertEqual(recommended["recommendations"][0]["addressee"], "Norfolk Countywide Community Safety Partnership")
        self.assertEqual(data["finished_at"], "11:57:00+01:00")

    def test_december_2021_postponed_to_february_2022(self):
        dec = Meeting.objects.get(committee=self.panel, date=D(2021, 12, 16))
        self.assertEqual(dec.postponed_to.date, D(2022, 2, 24))

    def test_aliases_resolve(self):
        from saferhub.core.queries import find_person

        self.assertEqual(find_person("Amanda Muir").name, "Amanda Murr")
        self.assertEqual(find_person("Nicola Jepson").name, "Nicola Allum")
        self.assertEqual(find_person("Cllr lan Mackie").name, "Ian Mackie")
        self.assertEqual(find_person("Cllr Mark Kiddle – Morris").name, "Mark Kiddle-Morris")

    def test_attendance_statistics_for_a_member(self):
        """Kiddle-Morris: present 20 Jul 2021, apologies 24 Feb and 9 Jun 2022, present at the two
        inquorate meetings and on 8 June 2023."""
        person = Person.objects.get(name="Mark Kiddle-Morris")
        stats = {s.civic_year: s for s in queries.attendance_statistics(person) if s.committee_name == "NCCSP Scrutiny Sub Panel"}
        self.assertEqual((stats["2021-22"].expected, stats["2021-22"].present, stats["2021-22"].apologies), (3, 1, 1))
        self.assertEqual((stats["2022-23"].present, stats["2022-23"].apologies), (2, 1))
        corlett = {s.civic_year: s for s in queries.attendance_statistics(Person.objects.get(name="Emma Corlett"))}
        self.assertEqual(corlett["2022-23"].substituted, 2)

    def test_loading_twice_changes_nothing(self):
        before = (Meeting.objects.count(), Person.objects.count())
        report = load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
        self.assertEqual((Meeting.objects.count(), Person.objects.count()), before)
        self.assertEqual(report.meetings, 0)
        self.assertIn("Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel", report.skipped)

    def test_frequency_warnings_include_the_inquorate_quarters(self):
        warnings = queries.frequency_warnings(self.panel, D(2023, 7, 1))
        self.assertIn("No meeting was held in quarter 4 of 2021 (1 October 2021 to 31 December 2021).", warnings)
        self.assertIn("No meeting was held in quarter 3 of 2022 (1 July 2022 to 30 September 2022).", warnings)
        self.assertIn("No meeting was held in quarter 4 of 2022 (1 October 2022 to 31 December 2022).", warnings)
        self.assertNotIn("No meeting was held in quarter 1 of 2022 (1 January 2022 to 31 March 2022).", warnings)
