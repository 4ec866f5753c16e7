"""The migrations that made ASB per partnership and moved DHR's review teams into core lose nobody's access.

Rolls the schema back to before them (asb 0007, dhr 0005), writes rows as they were, migrates forward and
checks: every ASB record and case belongs to the home partnership, the county team and area staff are its
members, and every DHR review-team row is a ``dhr_team`` partnership membership.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0005_partnership_membership"), ("asb", "0007_partner_web_pages"),
          ("dhr", "0005_report_versions_qa")]
AFTER = [("asb", "0009_partnerships_required"), ("dhr", "0006_team_in_core_memberships")]


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """Each test migrates part of the schema back and forward to a named migration; afterwards the database must
    be at the latest migration of every app again, or later tests on this database (the same worker) would meet
    the columns of newer migrations missing."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_rows_go_to_the_home_partnership_and_teams_to_core():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Group = old.get_model("auth", "Group")
    Organisation = old.get_model("core", "Organisation")
    county = User.objects.create(username="county")
    spoc = User.objects.create(username="spoc")
    reviewer = User.objects.create(username="reviewer")
    county.groups.add(Group.objects.get_or_create(name="ASB county team")[0])
    other = Organisation.objects.create(name="Beta Community Safety Partnership", kind="partnership")
    area = old.get_model("asb", "OptArea").objects.create(code="norwich", name="Norwich")
    old.get_model("asb", "AsbSettings").objects.create(name="Norfolk")
    old.get_model("asb", "LocalThresholdRoute").objects.create(area=None, name="Partnership-wide")
    old.get_model("asb", "LocalThresholdRoute").objects.create(area=area, name="Area route")
    old.get_model("asb", "AsbStaffAssignment").objects.create(user=spoc, role="asb_spoc", area=area)
    case = old.get_model("asb", "Case").objects.create(reference="ASB-OLD-1", area=area, channel="letter",
                                                       application_date=dt.date(2026, 1, 5), victim_name="V")
    old.get_model("dhr", "DhrTeamMembership").objects.create(user=reviewer, partnership=other)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    home = new.get_model("core", "Organisation").objects.get(name="Norfolk Countywide Community Safety Partnership")
    assert home.kind == "partnership"
    assert new.get_model("asb", "Case").objects.get(pk=case.pk).partnership_id == home.pk
    assert new.get_model("asb", "OptArea").objects.get(pk=area.pk).partnership_id == home.pk
    assert new.get_model("asb", "AsbSettings").objects.get().partnership_id == home.pk
    assert set(new.get_model("asb", "LocalThresholdRoute").objects.values_list("partnership_id", flat=True)) == {
        home.pk}
    memberships = set(new.get_model("core", "PartnershipMembership").objects.values_list(
        "user__username", "partnership_id", "role"))
    assert memberships == {("county", home.pk, "asb_county_team"), ("spoc", home.pk, "asb_spoc"),
                           ("reviewer", other.pk, "dhr_team")}


@pytest.mark.django_db(transaction=True)
def test_existing_tension_reports_and_analysts_go_to_the_home_partnership():
    before = [("core", "0005_partnership_membership"), ("returns", "0003_tension_log_and_reporting_centres")]
    after = [("returns", "0005_tension_partnership_required")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    analyst = old.get_model("auth", "User").objects.create(username="analyst")
    analyst.groups.add(old.get_model("auth", "Group").objects.get_or_create(name="Tension analyst")[0])
    report = old.get_model("returns", "TensionReport").objects.create(
        what="Graffiti", where="Thetford", occurred_on=dt.date(2026, 1, 5), communities="Residents", source="Patrol",
        submitted_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    home = new.get_model("core", "Organisation").objects.get(name="Norfolk Countywide Community Safety Partnership")
    assert new.get_model("returns", "TensionReport").objects.get(pk=report.pk).partnership_id == home.pk
    assert set(new.get_model("core", "PartnershipMembership").objects.values_list(
        "user__username", "partnership_id", "role")) == {("analyst", home.pk, "tension_analyst")}
