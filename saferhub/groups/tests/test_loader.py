"""Norfolk's bodies load from the data file through the actions, as the seeds describe them.

Expected values come from reading the seeds (file:line in each assertion), not from running the loader.
"""

import datetime as dt

from django.conf import settings
from django.test import TestCase

from saferhub.core.models import AuditEvent
from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.governance.models import Committee
from saferhub.groups import queries
from saferhub.groups.loader import load_groups

D = dt.date


class NorfolkGroupsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
        cls.report = load_groups()
        cls.clsg = Committee.objects.get(slug="clsg")

    def test_every_named_body_is_registered(self):
        names = set(Committee.objects.values_list("short_name", flat=True))
        assert {"NCCSP", "CLSG", "DASVG", "CRPSG", "Serious Violence T&F", "CTT&FG", "NASP"} <= names
        assert Committee.objects.filter(name__in=["Norfolk Anti-Slavery Network", "Vulnerable Adolescents Group",
                                                  "Channel Panel"]).count() == 3
        assert Committee.objects.get(slug="norfolk-against-scams").kind == "external_partnership"  # 003:867
        assert Committee.objects.get(slug="dasvg").governed_by_partnership  # 003:222

    def test_clsg_register_and_terms_of_reference(self):
        assert self.clsg.parent.slug == "nccsp" and self.clsg.reports_every_months == 3  # 002:794
        assert not self.clsg.is_public
        tor = queries.version_in_force(self.clsg, D(2022, 1, 1))
        assert tor.version == "2.0" and tor.review_date == D(2022, 9, 30)  # 002:715-722, 002:815
        assert (tor.pre_agenda_days_before, tor.papers_days_before, tor.minutes_days_after) == (14, 7, 7)  # 002:809-810
        assert tor.chair_term_months == 24 and tor.chair_re_electable  # 002:802
        assert tor.required_members.count() == 15  # 002:770-789
        assert [p["delivery_actions"] for p in tor.priorities] == [["2.2"], ["2.1"], ["2.4"], ["2.5"], ["2.6"], ["2.7"]]
        assert queries.version_in_force(self.clsg, D(2021, 6, 30)) is None

    def test_chairs_named_in_the_seeds(self):
        assert self.clsg.chair_terms.get().person.name == "Sonia Humphreys"  # 002:685
        crpsg = Committee.objects.get(slug="crpsg").chair_terms.get()
        assert crpsg.person.name == "Gavin Thompson" and crpsg.method == "unanimous"  # 001:690
        assert Committee.objects.get(slug="nccsp").chair_terms.get().person.name == "Mark Stokes"  # 003:701

    def test_sub_panel_keeps_its_rules_and_five_clear_working_days(self):
        panel = Committee.objects.get(slug="nccsp-scrutiny-sub-panel")
        assert panel.quorum == 5 and panel.is_public and panel.kind == "scrutiny_committee"
        assert queries.version_in_force(panel, D(2022, 6, 9)).papers_clear_working_days == 5
        assert not panel.chair_terms.exists()  # its annual election stays in governance

    def test_loading_again_changes_nothing(self):
        events = AuditEvent.objects.count()
        report = load_groups()
        assert report.bodies == 0 and len(report.skipped) == 12
        assert AuditEvent.objects.count() == events

    def test_demo_loads_meetings_actions_and_matters_arising(self):
        from saferhub.governance.models import AgendaItem
        from saferhub.groups.demo import load_demo
        from saferhub.groups.models import SecretariatTask

        load_demo()
        assert self.clsg.meetings.count() == 3 and self.clsg.group_actions.count() == 3
        assert SecretariatTask.objects.filter(meeting__committee=self.clsg).count() == 9
        december = self.clsg.meetings.get(date=D(2022, 12, 15))
        assert AgendaItem.objects.filter(meeting=december, title__startswith="Matters arising").exists()
        assert "already loaded" in load_demo()
