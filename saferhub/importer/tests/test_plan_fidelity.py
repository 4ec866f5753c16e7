"""Fidelity of the Safer Norfolk Plan's import (issue 12, item 8): the Delivery Plan tables of the seeds
go onto the plan ``load_plan_data`` loads, through the delivery actions, read as printed."""

from __future__ import annotations

import datetime as dt
import html

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, TestCase

from saferhub.core.actors import SystemActor
from saferhub.delivery import actions as delivery_actions
from saferhub.delivery.loader import DATA_FILE, load_plan
from saferhub.delivery.models import DeliveryAction, DeliveryPlan
from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.importer import actions
from saferhub.importer.models import Provenance
from saferhub.importer.tests.conftest import seed_files

ACTOR = SystemActor("Import of the seed documents")
D = dt.date


def _import():
    batch = actions.read_files(seed_files(), acting_user=ACTOR)
    return actions.commit_batch(batch, acting_user=ACTOR)


def _load_data(tmp_dir=None):
    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    call_command("load_groups_data", verbosity=0)
    if tmp_dir is None:
        return load_plan()
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    data.pop("versions")  # the plan's structure only: its delivery-plan versions come from the import
    path = tmp_dir / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_plan(path)


class ImportOntoThePlanStructure(TestCase):
    """The plan, themes and outcomes are loaded, not its versions: the import records them."""

    @classmethod
    def setUpTestData(cls):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            _load_data(Path(tmp))
        cls.batch = _import()
        cls.draft = DeliveryPlan.objects.get(version_date=D(2021, 9, 16))
        cls.extract = DeliveryPlan.objects.get(version_date=D(2022, 6, 9))

    def row(self, number, version=None):
        return (version or self.draft).actions.get(number=number)

    def flags(self, kind, number=None):
        found = self.batch.flags.filter(kind=kind)
        return [f for f in found if number is None or f"Action {number}:" in f.message]

    def test_the_versions_are_on_the_loaded_plan_and_none_is_titled_appendix_a(self):
        assert not DeliveryPlan.objects.filter(title__icontains="appendix").exists()
        assert DeliveryPlan.objects.count() == 2
        assert self.draft.plan.slug == self.extract.plan.slug == "safer-norfolk-plan-2021-24"
        assert self.draft.stage == "draft" and self.draft.actions.count() == 53
        assert self.extract.stage == "extract" and self.extract.is_partial and self.extract.previous == self.draft
        assert "June 2022" in self.extract.label
        assert not self.draft.published_at  # the officer checks and publishes
        assert self.batch.flags.filter(kind="plan_version_created").count() == 2

    def test_the_2022_extract_is_rows_2_1_to_2_7_with_their_updates_and_the_same_identities(self):
        rows = list(self.extract.actions.order_by("position"))
        assert [r.number for r in rows] == [f"2.{n}" for n in range(1, 8)]
        assert all(r.update for r in rows)
        assert rows[0].update.startswith("Drug Market Profile completed. County Lines Strategic Group data product")
        assert rows[0].due == "April 2022" and rows[0].due_date == D(2022, 4, 30)
        for row in rows:
            assert row.identity == self.row(row.number).identity
        assert self.row("2.2", self.extract).update.startswith("Tier 1 e-learning")

    def test_a_cell_split_across_lines_is_joined(self):
        row = self.row("1.4")
        assert row.due == "September 2021" and row.due_kind == "date" and row.due_date == D(2021, 9, 30)
        assert row.success_measure.endswith("provided with information by Norfolk Constabulary")
        # "local partnerships" on the next line is part of the owner, not a footer.
        assert self.row("1.6").owner == "Norfolk Constabulary and District Councils local partnerships"

    def test_page_footer_debris_never_becomes_an_update(self):
        for number in ("1.3", "1.8", "2.11"):
            assert self.row(number).update == "", number
        assert self.row("1.3").action.endswith("including piloting call blockers for vulnerable victims.")
        assert self.row("1.8").action.endswith("such as Prevent and safeguarding.")
        debris = {f.source for f in self.batch.flags.filter(kind="delivery_debris")}
        assert {"003_0b87fb749afc2013.txt:1553", "003_0b87fb749afc2013.txt:1587"} <= debris

    def test_question_marks_are_kept_raw_and_flagged(self):
        row = self.row("2.14")
        assert row.due == "???" and row.due_kind == "unknown"
        flag, = self.flags("delivery_illegible", "2.14")
        assert "“???”" in flag.message

    def test_ocr_garbled_cells_are_kept_raw_and_flagged(self):
        row = self.row("3.6")
        assert row.owner == "DASVG" and row.due == "Ongoing"
        assert row.action.endswith("affected by domestic abuse and sexual violence")
        flag, = self.flags("delivery_ocr_garbled", "3.6")
        for raw in ("3.0", "2,1000", "5.18511.18", "SCAULI VIOIETICE", "TECOVEI"):
            assert f"“{raw}”" in flag.message and raw in row.identity.note

    def test_cyrillic_tbc_is_normalised_with_a_flag(self):
        for number in ("2.3", "2.7"):
            assert self.row(number).success_measure == "TBC", number
            flag, = [f for f in self.flags("ocr_text", number) if "success measure" in f.message]
            assert "“ТВС” read as “TBC”" in flag.message
        assert self.row("1.9").due == "TBC" and self.flags("ocr_text", "1.9")

    def test_themes_and_outcomes_are_attached(self):
        def outcomes(number):
            return set(self.row(number).outcomes.values_list("number", flat=True))

        assert outcomes("1.1") == {1, 2, 3, 4, 5, 6}
        assert outcomes("2.1") == {7, 8, 9}
        assert outcomes("3.14") == {10, 11, 12}
        assert set(self.row("2.1", self.extract).outcomes.values_list("number", flat=True)) == {7, 8, 9}
        assert self.row("2.1").theme == "County Lines"  # "Count" + "Lines" read as the plan's theme
        assert self.row("1.23").theme == "Resilient cohesive communities"
        assert self.row("1.6").theme == "Neighbourhood crime"
        assert self.flags("delivery_theme_read", "2.1")

    def test_every_flag_appears_on_the_review_page(self):
        user = get_user_model().objects.create_superuser("admin-plan", password="a-long-password-1")
        client = Client()
        client.force_login(user)
        page = client.get(f"/import/{self.batch.pk}/")
        assert page.status_code == 200
        body = html.unescape(page.content.decode())
        kinds = ["delivery_debris", "delivery_illegible", "delivery_ocr_garbled", "ocr_text", "plan_version_created",
                 "delivery_theme_read"]
        for flag in self.batch.flags.filter(kind__in=kinds):
            assert flag.message in body, flag.message


class ImportOntoTheLoadedPlan(TestCase):
    """The whole plan is loaded: the import matches its versions, adds nothing and flags differences."""

    @classmethod
    def setUpTestData(cls):
        _load_data()
        row = DeliveryAction.objects.get(plan__version_date=D(2021, 9, 16), number="1.4")
        delivery_actions.update_action(row, due="October 2021", acting_user=ACTOR)
        cls.before = DeliveryAction.objects.count()
        cls.batch = _import()

    def test_the_versions_are_matched_not_duplicated(self):
        assert DeliveryPlan.objects.count() == 3
        assert not DeliveryPlan.objects.filter(title__icontains="appendix").exists()
        assert DeliveryAction.objects.count() == self.before
        extract = DeliveryPlan.objects.get(version_date=D(2022, 6, 9))
        confirmed = Provenance.objects.filter(role=Provenance.Role.CONFIRMED,
                                              content_type__model="deliveryaction",
                                              object_id__in=[str(pk) for pk in extract.actions.values_list("pk", flat=True)])
        assert confirmed.count() == 7

    def test_a_difference_from_the_register_is_flagged_and_only_that(self):
        flags = [f.message for f in self.batch.flags.filter(kind="differs_from_database") if "Action " in f.message]
        assert flags == [f for f in flags if "Action 1.4 " in f] and len(flags) == 1
        assert "“September 2021” in the document and “October 2021” in SaferHub" in flags[0]
