"""Funding (issue 12, item 7): allocations of a fund never add up to more than the fund; spend never passes
its allocation; an allocation is for one action or one project; the page refuses with the rule's words."""

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import Role
from saferhub.delivery import actions, queries, rules
from saferhub.governance.tests.factories import user

pytestmark = pytest.mark.django_db
D = dt.date


def test_money_is_printed_as_the_seeds_print_it():
    assert rules.money(Decimal(500000)) == "£500,000" and rules.money(Decimal("22875.50")) == "£22,875.50"


@pytest.fixture
def plan():
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=D(2022, 2, 24), acting_user=SYSTEM)
    row = actions.add_version_row(version, key="a", number="2.3", action="County lines awareness", acting_user=SYSTEM)
    fund = actions.add_fund(plan, name="County Lines Strategic Group funds", amount=Decimal(22875), acting_user=SYSTEM)
    return {"plan": plan, "row": row, "fund": fund}


def test_allocations_add_up_to_no_more_than_the_fund(plan):
    fund, identity = plan["fund"], plan["row"].identity
    actions.allocate(fund, amount=Decimal(20000), allocated_on=D(2022, 6, 1), action=identity, acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.allocate(fund, amount=Decimal(3000), allocated_on=D(2022, 6, 2), project="Schools talks",
                         acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.fund_overallocated"
    assert "£22,875 fund: £2,875 is left to allocate" in exc.value.text
    actions.allocate(fund, amount=Decimal(2875), allocated_on=D(2022, 6, 2), project="Schools talks",
                     acting_user=SYSTEM)
    assert queries.funding(plan["plan"])[0]["unallocated"] == 0


def test_an_allocation_is_for_an_action_or_a_project_not_both(plan):
    fund, identity = plan["fund"], plan["row"].identity
    for kwargs in [{}, {"action": identity, "project": "Both"}]:
        with pytest.raises(RuleViolation) as exc:
            actions.allocate(fund, amount=Decimal(1), allocated_on=D(2022, 6, 1), acting_user=SYSTEM, **kwargs)
        assert exc.value.rule_code == "delivery.allocation_target"


def test_spend_stays_within_its_allocation(plan):
    allocation = actions.allocate(plan["fund"], amount=Decimal(5000), allocated_on=D(2022, 6, 1), project="Training",
                                  acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.record_spend(allocation, spent=Decimal(5000.01), acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.spend_over_allocation"
    actions.record_spend(allocation, spent=Decimal(4800), evaluation="120 staff trained.", acting_user=SYSTEM)
    allocation.refresh_from_db()
    assert (allocation.spent, allocation.evaluation) == (Decimal(4800), "120 staff trained.")


def test_only_the_partnership_team_allocates(plan):
    with pytest.raises(ActionPermissionDenied):
        actions.allocate(plan["fund"], amount=Decimal(1), allocated_on=D(2022, 6, 1), project="X",
                         acting_user=user("cllr", Role.COUNCILLOR))


def test_the_funding_page(client, plan):
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    fund = plan["fund"]
    page = client.post("/plan/snp/funding/", {
        "allocate": "1", "allocate-fund": fund.pk, "allocate-project": "Schools talks", "allocate-amount": "30000",
        "allocate-allocated_on_day": "1", "allocate-allocated_on_month": "6", "allocate-allocated_on_year": "2022",
    }).content.decode()
    assert "Error: " in page and "£2,875" not in page and "£0 is left" not in page
    assert "This would allocate £30,000 of a £22,875 fund: £22,875 is left to allocate." in page
    assert not fund.allocations.exists()
    response = client.post("/plan/snp/funding/", {
        "allocate": "1", "allocate-fund": fund.pk, "allocate-action": plan["row"].identity_id, "allocate-amount": "2000",
        "allocate-allocated_on_day": "1", "allocate-allocated_on_month": "6", "allocate-allocated_on_year": "2022"})
    assert response.status_code == 302
    allocation = fund.allocations.get()
    page = client.post("/plan/snp/funding/", {"spend": "1", "allocation": allocation.pk, "spend-spent": "2500"}
                       ).content.decode()
    assert "The spend (£2,500) is more than the £2,000 allocated" in page
    assert "Choose the fund the money comes from." not in page  # the allocation form was not sent
    page = client.get("/plan/snp/funding/").content.decode()
    assert "Action 2.3" in page and 'role="img"' in page and "20,875" in page
    assert client.post("/plan/snp/funding/", {"spend": "1", "allocation": "99999999999999999999"}).status_code == 404
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get("/plan/snp/funding/").status_code == 404


def test_recording_a_fund_on_the_funding_page(client, plan):
    from saferhub.delivery.models import Fund

    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    url = "/plan/snp/funding/"
    page = client.post(url, {"add_fund": "1", "fund-name": "County Lines Strategic Group funds",
                             "fund-amount": "1000"}).content.decode()
    assert "Error: " in page and "A fund with that name is already recorded." in page
    page = unescape(client.post(url, {"add_fund": "1", "fund-name": "Grant", "fund-amount": "0"}).content.decode())
    assert "Enter the fund's amount, more than £0." in page
    page = unescape(client.post(url, {"add_fund": "1", "fund-name": " ", "fund-amount": "10"}).content.decode())
    assert "Error: " in page and "Enter the fund's name." in page
    assert Fund.objects.count() == 1
    response = client.post(url, {"add_fund": "1", "fund-name": "Community Safety Fund 2022 to 2023",
                                 "fund-amount": "500000", "fund-source": "PCC grant letter"})
    assert response.status_code == 302
    fund = Fund.objects.get(name="Community Safety Fund 2022 to 2023")
    assert fund.amount == Decimal(500000) and fund.source == "PCC grant letter"
    page = client.get(url).content.decode()
    assert "Community Safety Fund 2022 to 2023 (£500,000) recorded." in page
    assert "Choose the fund the money comes from." not in page  # the allocation form was not sent
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.post(url, {"add_fund": "1", "fund-name": "X", "fund-amount": "5"}).status_code == 404
    assert Fund.objects.count() == 2
