"""Fixes from the security review of the ASB Case Review app (issue 4): each test fails without its fix."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.asb.tests import factories as fx
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return fx.world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- 1. history and admin: the county team only ---------------------------------------------------------------

def _administrator(*, superuser: bool = False):
    admin_user = fx.user(Role.ADMINISTRATOR)
    admin_user.is_staff = True
    admin_user.is_superuser = superuser
    admin_user.save()
    return admin_user


def test_administrator_gets_404_on_case_history_page_and_api(w):
    case = fx.application(w, area=w.norwich)
    client = client_for(_administrator())
    assert client.get(reverse("asb:case-history", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/asb/cases/{case.reference}/history").status_code == 404
    county = client_for(fx.user(Role.ASB_COUNTY_TEAM))
    assert county.get(reverse("asb:case-history", args=[case.pk])).status_code == 200
    assert county.get(f"/api/v1/asb/cases/{case.reference}/history").status_code == 200


def test_administrator_cannot_read_cases_in_the_admin(w):
    case = fx.application(w, area=w.norwich)
    client = client_for(_administrator(superuser=True))
    assert client.get("/admin/asb/case/").status_code == 403
    assert client.get(f"/admin/asb/case/{case.pk}/change/").status_code in (302, 403, 404)
    assert case.reference not in client.get("/admin/").content.decode()
    assert "/admin/asb/case/" not in client.get("/admin/").content.decode()
    # Configuration stays theirs.
    assert client.get("/admin/asb/asbsettings/").status_code == 200
    county = fx.user(Role.ASB_COUNTY_TEAM)
    county.is_staff = True
    county.save()
    assert client_for(county).get("/admin/asb/case/").status_code == 200


# --- 2. an appeal is decided by the reviewing area, never the area appealed against ----------------------------

def _appealed_case(w):
    import datetime as dt

    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    case = fx.to_panel(w, fx.application(w, area=w.norwich))
    sent = case.panel_held_on + dt.timedelta(days=1)
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X", sent_on=sent,
                                 acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=sent + dt.timedelta(days=1), grounds="review",
                                  reviewing_area=w.breckland, acting_user=SYSTEM)
    return case, appeal


def test_original_area_cannot_decide_the_appeal_the_reviewing_area_can(w):
    from saferhub.asb import actions
    from saferhub.core.exceptions import ActionPermissionDenied

    case, appeal = _appealed_case(w)
    norwich_spoc = fx.user(Role.ASB_SPOC, area=w.norwich)
    with pytest.raises(ActionPermissionDenied, match="reviewing OPT"):
        actions.decide_appeal(appeal, outcome="not_upheld", reasons="Fine", acting_user=norwich_spoc)
    url = reverse("asb:case-post", args=[case.pk, "appeal-outcome"])
    post = {"outcome-appeal": appeal.pk, "outcome-outcome": "not_upheld", "outcome-reasons": "Fine"}
    own = client_for(norwich_spoc)
    assert "Record appeal outcome" not in own.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert own.post(url, post).status_code == 404
    appeal.refresh_from_db()
    assert appeal.decided_on is None
    reviewer = client_for(fx.user(Role.OPT_OFFICER, area=w.breckland))
    assert "Record appeal outcome" in reviewer.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert reviewer.post(url, post).status_code == 302
    appeal.refresh_from_db()
    assert appeal.outcome == "not_upheld"


# --- 3. a non-numeric row id posted by staff is a 404, never a 500 ------------------------------------------------

@pytest.mark.parametrize("section,field", [("information-response", "request_pk"), ("progress", "item_pk")])
@pytest.mark.parametrize("value", ["abc", "1.5", "²", "-1", ""])
def test_bad_row_id_is_404_not_500(w, section, field, value):
    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    case = fx.to_review(w, fx.application(w, area=w.norwich))
    actions.send_information_requests(case, agencies=[w.housing], acting_user=SYSTEM)
    client = client_for(fx.user(Role.ASB_SPOC, area=w.norwich))
    client.raise_request_exception = False
    response = client.post(reverse("asb:case-post", args=[case.pk, section]), {field: value})
    assert response.status_code == 404
