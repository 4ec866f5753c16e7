"""The Plan's pages: public read-only view of published versions, permissions by role, query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance.tests.factories import person, user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def plan():
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, extended=True, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Building Resilient Cohesive Communities", acting_user=SYSTEM)
    one = actions.add_outcome(plan, theme=theme, number=1, appendix_number=1, title="People feel safe",
                              acting_user=SYSTEM)
    actions.add_outcome(plan, theme=theme, number=4, title="Victims are supported", acting_user=SYSTEM)
    measure = actions.add_measure(one, name="Anti-social behaviour reported", geography="county", acting_user=SYSTEM)
    draft = actions.create_version(plan, title="Delivery plan", stage="draft", label="Draft", acting_user=SYSTEM,
                                   version_date=D(2021, 9, 16))
    row = actions.add_version_row(draft, key="a", number="1.13", action="Strong referral routes", owners=[police],
                                  outcomes=[one], due="ТВС", acting_user=SYSTEM)
    actions.publish_version(draft, acting_user=SYSTEM)
    final = actions.create_version(plan, title="Delivery plan (final)", stage="final", label="Final",
                                   previous=draft, version_date=D(2022, 2, 24), acting_user=SYSTEM)
    hidden = actions.add_version_row(final, key="a", number="1.14", action="Strong referral routes",
                                     owners=[police], outcomes=[one], acting_user=SYSTEM)
    return {"plan": plan, "measure": measure, "row": row, "hidden": hidden, "police": police, "final": final}


def test_public_plan_page_shows_published_rows_and_says_when_an_outcome_has_no_measures(client, plan):
    page = client.get("/plan/snp/").content.decode()
    assert "Long-term outcome 4: Victims are supported" in page
    assert "The plan gives no measures for this outcome." in page
    assert "1.13" in page and "1.14" not in page  # the final version is not published yet
    assert "Plan Appendix 1, outcome 1" in page and "Not in Plan Appendix 1" in page
    assert 'role="img"' in page


def test_staff_see_the_unpublished_version_and_the_public_do_not(client, plan):
    url = f"/plan/snp/actions/{plan['hidden'].pk}/"
    assert client.get(url).status_code == 404
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get(url).content.decode()
    assert "Number in each version" in page and "1.13" in page and "1.14" in page
    assert "1.14" in client.get("/plan/snp/").content.decode()


def test_measure_page_has_chart_table_and_distance(client, plan):
    measure = plan["measure"]
    actions.set_measure_target(measure, baseline_value=Decimal(150), target_value=Decimal(100),
                               direction="decrease", acting_user=SYSTEM)
    for q, v in [(4, 140), (7, 120)]:
        actions.record_value(measure, period_start=D(2022, q, 1), period_end=D(2022, q + 2, 30 if q == 4 else 30),
                             value=Decimal(v), acting_user=SYSTEM)
    page = client.get(f"/plan/snp/measures/{measure.pk}/").content.decode()
    assert "20 from the target." in page and "<polyline" in page and "Target 100" in page
    assert "<title id=\"chart-t\">" in page and "govuk-table" in page


@pytest.mark.parametrize("role, allowed", [
    (Role.ADMINISTRATOR, True), (Role.PARTNERSHIP_OFFICER, True), (Role.COMMITTEE_OFFICER, True),
    (Role.COUNCILLOR, False), (Role.AGENCY_OFFICER, False)])
def test_who_may_manage_the_plan(plan, role, allowed):
    acting = user(f"u-{role}", role)
    call = lambda: actions.record_value(plan["measure"], period_start=D(2022, 1, 1), period_end=D(2022, 3, 31),  # noqa: E731
                                        value=1, acting_user=acting)
    if allowed:
        call()
    else:
        with pytest.raises(ActionPermissionDenied):
            call()


def test_an_owner_updates_their_own_action_and_no_one_elses(plan):
    owner = user("owner", Role.AGENCY_OFFICER, person=person("Olive Owner", councillor=False,
                                                               organisation=plan["police"]))
    other = user("other", Role.AGENCY_OFFICER, person=person("Otto Other", councillor=False))
    kwargs = dict(rag="green", commentary="Done so far.", period_end=D(2022, 3, 31), due_by=D(2022, 4, 10),
                  submitted_on=D(2022, 4, 5))
    actions.submit_update(plan["row"], acting_user=owner, **kwargs)
    with pytest.raises(ActionPermissionDenied):
        actions.submit_update(plan["row"], acting_user=other, **kwargs)


def test_plan_page_query_count_is_constant(client, plan):
    client.get("/plan/snp/")  # warm the site configuration cache
    with CaptureQueriesContext(connection) as before:
        client.get("/plan/snp/")
    draft = plan["row"].plan
    for n in range(20):
        # more actions in another published version, each with owners and an update
        version = actions.create_version(plan["plan"], title=f"v{n}", stage="revised", label=f"v{n}",
                                         version_date=D(2023, 1, 1) + dt.timedelta(days=n), previous=draft,
                                         acting_user=SYSTEM)
        row = actions.add_version_row(version, key=f"k{n}", number=f"9.{n}", action="More", owners=[plan["police"]],
                                      outcomes=list(plan["plan"].outcomes.all()), acting_user=SYSTEM)
        actions.publish_version(version, acting_user=SYSTEM)
        actions.submit_update(row, rag="amber", commentary="Under way.", period_end=D(2023, 3, 31),
                              due_by=D(2023, 4, 10), submitted_on=D(2023, 4, 1), acting_user=SYSTEM)
    with CaptureQueriesContext(connection) as after:
        page = client.get("/plan/snp/").content.decode()
    assert "9.19" in page
    assert len(after) == len(before) <= 8


CSV = ("measure,period_start,period_end,geography,area,value,note\n"
       "1.1,2022-04-01,2022-06-30,county,Norfolk,120,\n"
       "1.1,2022-07-01,2022-09-30,county,Norfolk,110,provisional\n")


def test_csv_upload_previews_then_saves_all_or_nothing(client, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/plan/snp/values/upload/"
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    bad = CSV + "1.1,2022-10-02,2022-12-31,county,Norfolk,x,\n9.9,2022-04-01,2022-06-30,county,,1,\n"
    page = client.post(url, {"file": SimpleUploadedFile("v.csv", bad.encode())}).content.decode()
    assert "Nothing has been saved" in page and "Value must be a number." in page and "No measure 9.9" in page
    assert "Save " not in page and plan["measure"].values.count() == 0
    page = client.post(url, {"file": SimpleUploadedFile("v.csv", CSV.encode())}).content.decode()
    assert "Save 2 values" in page and plan["measure"].values.count() == 0  # preview saves nothing
    response = client.post(url, {"csv_text": CSV, "confirm": "1"})
    assert response.status_code == 302 and plan["measure"].values.count() == 2
    wrong = client.post(url, {"file": SimpleUploadedFile("v.csv", b"measure,colour\n")}).content.decode()
    assert "Error: " in wrong and "columns are wrong" in wrong


def test_csv_upload_is_for_the_partnership_team_only(client, plan):
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get("/plan/snp/values/upload/").status_code == 404


def test_owner_update_page(client, plan):
    owner = user("owner2", Role.AGENCY_OFFICER, person=person("Olga Owner", councillor=False,
                                                                organisation=plan["police"]))
    url = f"/plan/snp/actions/{plan['row'].pk}/update/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(user("nobody", Role.AGENCY_OFFICER))
    assert client.get(url).status_code == 404
    client.force_login(owner)
    dates = {"period_end_day": "31", "period_end_month": "3", "period_end_year": "2022",
             "due_by_day": "10", "due_by_month": "4", "due_by_year": "2022"}
    page = client.post(url, {"commentary": "Going well.", **dates}).content.decode()
    assert "Error: " in page and "Select a RAG status" in page
    response = client.post(url, {"rag": "green", "commentary": "Going well.", **dates})
    assert response.status_code == 302
    assert plan["row"].identity.updates.get().rag == "green"


def _value_form(start, end, value="120", geography="county", area=""):
    return {"period_start_day": str(start.day), "period_start_month": str(start.month),
            "period_start_year": str(start.year), "period_end_day": str(end.day), "period_end_month": str(end.month),
            "period_end_year": str(end.year), "geography": geography, "area": area, "value": value,
            "data_quality_note": ""}


def test_one_value_by_form_with_the_rules_messages_and_nothing_half_saved(client, plan):
    from saferhub.core.models import AuditEvent

    measure = plan["measure"]
    url = f"/plan/snp/measures/{measure.pk}/values/add/"
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    assert f'href="{url}"' in client.get(f"/plan/snp/measures/{measure.pk}/").content.decode()
    refusals = [
        (_value_form(D(2022, 4, 2), D(2022, 6, 30)), "A value covers whole months"),
        (_value_form(D(2015, 1, 1), D(2015, 3, 31)), "more than five years before the plan starts"),
        (_value_form(D(2022, 4, 1), D(2022, 6, 30), geography="district", area="Breckland"),
         "This measure is recorded at county level, not by district."),
        (_value_form(D(2022, 4, 1), D(2022, 6, 30), value="lots"), "The value must be a number."),
    ]
    for data, message in refusals:
        page = client.post(url, data).content.decode()
        assert "Error: " in page and message in page, message
    assert measure.values.count() == 0
    response = client.post(url, _value_form(D(2022, 4, 1), D(2022, 6, 30), value="1204"))
    assert response.status_code == 302 and response.url == f"/plan/snp/measures/{measure.pk}/"
    assert measure.values.get().value == Decimal(1204) and measure.values.get().area == "Norfolk"
    assert AuditEvent.objects.filter(code="delivery.value.recorded").count() == 1
    page = client.post(url, _value_form(D(2022, 4, 1), D(2022, 6, 30), value="9")).content.decode()
    assert "A value for this period and area is already recorded." in page and measure.values.count() == 1
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(f"/plan/snp/measures/{measure.pk}/").content.decode()


def test_baseline_and_target_by_form_and_a_neutral_measure_has_no_target(client, plan):
    from saferhub.core.models import AuditEvent

    measure = plan["measure"]
    url = f"/plan/snp/measures/{measure.pk}/target/"
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    assert f'href="{url}"' in client.get(f"/plan/snp/measures/{measure.pk}/").content.decode()
    data = {"direction": "neutral", "baseline_value": "150", "baseline_label": "2019 to 2020", "target_value": "100",
            "data_quality_note": ""}
    page = client.post(url, data).content.decode()
    assert "Error: " in page and "A neutral measure has no target" in page
    measure.refresh_from_db()
    assert (measure.direction, measure.target_value, measure.baseline_value) == ("not_stated", None, None)
    response = client.post(url, {**data, "direction": "decrease"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.direction, measure.target_value, measure.baseline_label) == ("decrease", Decimal(100),
                                                                                 "2019 to 2020")
    assert AuditEvent.objects.filter(code="delivery.measure.target_set").count() == 1
    assert 'value="100.00"' in client.get(url).content.decode()  # the form shows what is set
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get(url).status_code == 404


def test_a_quarterly_measure_refuses_a_monthly_value_by_form_csv_and_api_alike(client, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    measure = plan["measure"]
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    response = client.post(f"/plan/snp/measures/{measure.pk}/target/", {"direction": "decrease",
                                                                         "frequency": "quarterly"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.frequency == "quarterly"
    assert "Quarterly" in client.get(f"/plan/snp/measures/{measure.pk}/").content.decode()
    page = client.post(f"/plan/snp/measures/{measure.pk}/values/add/",
                       _value_form(D(2022, 4, 1), D(2022, 4, 30))).content.decode()
    assert "Error: " in page and "This measure is reported quarterly: a value covers one quarter" in page
    monthly = "measure,period_start,period_end,geography,area,value,note\n1.1,2022-04-01,2022-04-30,county,Norfolk,4,\n"
    page = client.post("/plan/snp/values/upload/", {"file": SimpleUploadedFile("v.csv", monthly.encode())}
                       ).content.decode()
    assert "Nothing has been saved" in page and "reported quarterly" in page
    with pytest.raises(RuleViolation, match="reported quarterly"):
        actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 4, 30), value=4,
                             acting_user=SYSTEM)
    assert measure.values.count() == 0
    assert client.post(f"/plan/snp/measures/{measure.pk}/values/add/",
                       _value_form(D(2022, 4, 1), D(2022, 6, 30))).status_code == 302
