"""Norfolk's plan loads from the data file through the actions. Expected values come from the seeds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.delivery import actions, facts
from saferhub.delivery.loader import load_plan
from saferhub.delivery.models import DeliveryAction, DeliveryPlan, Measure, Outcome, Plan
from saferhub.governance.loader import load_committee_data, read_data_file

D = dt.date


class NorfolkPlanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
        call_command("load_groups_data", verbosity=0)  # delivery's tests may not import groups (layers)
        cls.report = load_plan()
        cls.plan = Plan.objects.get()
        cls.draft = DeliveryPlan.objects.get(label__startswith="Draft")
        cls.final = DeliveryPlan.objects.get(stage="final")
        cls.extract = DeliveryPlan.objects.get(stage="extract")

    def test_structure(self):
        assert self.plan.extended and "extended beyond 2024" in self.plan.period_text  # 002:159
        assert self.plan.themes.count() == 4
        assert list(self.plan.outcomes.values_list("number", "appendix_number")) == [
            (1, 1), (2, 2), (3, 3), (4, None), (5, 4), (6, 5), (7, 6), (8, 7), (9, 8), (10, None), (11, None), (12, 9)]
        assert [o.number for o in Outcome.objects.filter(measures__isnull=True)] == [4, 10, 11]  # 003:921-993
        assert Measure.objects.count() == 37
        assert Measure.objects.get(name="Hate crime reported to the police").direction == "neutral"  # 003:924
        assert self.plan.priorities.count() == 5

    def test_statutory_duties_from_appendix_2(self):
        from saferhub.delivery import queries

        assert self.report.duties == 8  # 003:1003-1014, 1024
        states = queries.duty_states(self.plan, today=D(2022, 1, 1))
        assert {d["duty"].slug: d["duty"].frequency for d in states}["data-sharing"] == "quarterly"  # 003:1014
        assert all(d["state"].state == "not_scheduled" for d in states)  # the seeds give no dates

    def test_funds(self):
        funds = {f.name: f for f in self.plan.funds.select_related("provider", "managed_by")}
        assert funds["Community Safety Fund"].amount == 500000  # 003:741
        assert funds["Community Safety Fund"].provider.short_name == "OPCCN"
        assert funds["County Lines Strategic Group funds"].amount == 22875  # 002:679
        assert funds["County Lines Strategic Group funds"].managed_by.slug == "clsg"
        assert self.report.funds == 2 and not any(f.allocations.exists() for f in funds.values())

    def test_draft_rows_owners_and_dates(self):
        assert self.draft.actions.count() == 53 and not self.draft.actions.filter(number="2.12").exists()
        row = self.draft.actions.get(number="1.4")
        assert (row.due, row.due_kind, row.due_date) == ("September 2021", "date", D(2021, 9, 30))
        assert [str(o) for o in row.owners.all()] == ["Office of the Police and Crime Commissioner for Norfolk",
                                                      "Norfolk Constabulary"]
        cyrillic = self.draft.actions.get(number="1.9")
        assert cyrillic.due == "ТВС" and cyrillic.due_kind == "tbc" and "Cyrillic" in cyrillic.due_flag
        assert self.draft.actions.get(number="2.14").due_kind == "unknown"
        clsg = self.draft.actions.get(number="2.1")
        assert clsg.cross_references == ["CLSG Action 2"]
        assert {o.body.slug for o in clsg.owners.all() if o.body} == {"vulnerable-adolescents-group", "clsg"}
        assert self.draft.actions.get(number="1.8").owners.count() == 0  # owner TBC
        assert list(self.draft.actions.get(number="2.1").outcomes.values_list("number", flat=True)) == [7, 8, 9]

    def test_renumbering_history_keeps_identity(self):
        # The draft's 1.13 and 1.16 are the final plan's "1.14" and "1.17" (002:181-186).
        for old, new in [("1.13", "1.14"), ("1.16", "1.17")]:
            a, b = self.draft.actions.get(number=old), self.final.actions.get(number=new)
            assert a.identity_id == b.identity_id
        diff = facts.version_diff(self.final)
        assert [(a.number, b.number) for a, b in diff.renumbered] == [("1.13", "1.14"), ("1.16", "1.17")]
        assert diff.removed == []  # partial: rows it does not list are not removed

    def test_june_2022_extract(self):
        assert list(self.extract.actions.values_list("number", flat=True)) == [f"2.{n}" for n in range(1, 8)]
        row = self.extract.actions.get(number="2.3")
        assert (row.due_kind, row.due_date) == ("date", D(2024, 1, 31)) and "Vulnerable Adolescent" in row.update
        reworded = [b.number for _, b in facts.version_diff(self.extract).reworded]
        assert reworded == ["2.3", "2.4", "2.5", "2.7"]

    def test_loading_twice_changes_nothing(self):
        assert load_plan().skipped
        assert DeliveryPlan.objects.filter(plan=self.plan).count() == 3

    def test_published_versions_cannot_change(self):
        with pytest.raises(RuleViolation, match="published"):
            actions.renumber_row(self.final.actions.first(), number="9.9", acting_user=SYSTEM)
        assert AuditEvent.objects.filter(code="delivery.version.published").count() == 3

    def test_values_and_updates(self):
        measure = Measure.objects.get(name="Number of homicides")
        actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), value=Decimal(3),
                             acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="already recorded"):
            actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), value=4,
                                 acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="Row 2: .*whole months"):
            actions.record_values(self.plan, acting_user=SYSTEM, rows=[
                {"measure": measure, "period_start": D(2022, 7, 1), "period_end": D(2022, 9, 30), "value": 1},
                {"measure": measure, "period_start": D(2022, 7, 2), "period_end": D(2022, 9, 30), "value": 1}])
        assert measure.values.count() == 1  # all or nothing
        hate = Measure.objects.get(name="Hate crime reported to the police")
        with pytest.raises(RuleViolation, match="neutral measure has no target"):
            actions.set_measure_target(hate, target_value=Decimal(10), acting_user=SYSTEM)
        row = self.extract.actions.get(number="2.1")
        update = actions.submit_update(row, rag="green", commentary="Profile published.", period_end=D(2022, 5, 31),
                                       due_by=D(2022, 6, 1), submitted_on=D(2022, 6, 3), acting_user=SYSTEM)
        assert update.is_late and update.identity == self.draft.actions.get(number="2.1").identity
        assert AuditEvent.objects.filter(code="delivery.update.submitted").count() == 1


def test_add_version_row_refuses_free_text_owners(db):
    plan = actions.create_strategic_plan(slug="p", title="P", start_year=2021, end_year=2024, acting_user=SYSTEM)
    version = actions.create_version(plan, title="P", stage="draft", label="Draft", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="not free text"):
        actions.add_version_row(version, key="a", number="1.1", action="Do", owners=["Norfolk Police"],
                                acting_user=SYSTEM)
    actions.add_version_row(version, key="a", number="1.1", action="Do", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="numbered 1.1"):
        actions.add_version_row(version, key="b", number="1.1", action="Do", acting_user=SYSTEM)
    assert DeliveryAction.objects.count() == 1
