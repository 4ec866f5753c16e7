"""Permission matrix: which ASB role may do what, on a case in Norwich."""

import datetime as dt

import pytest

from saferhub.asb import actions, queries
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import Role, can

pytestmark = pytest.mark.django_db

ROLES = ["county", "norwich_spoc", "norwich_opt", "breck_spoc", "norwich_inspector", "housing", "health",
         "committee", "anonymous"]


@pytest.fixture
def scene():
    from django.contrib.auth.models import AnonymousUser

    w = f.world()
    users = {
        "county": f.user(Role.ASB_COUNTY_TEAM),
        "norwich_spoc": f.user(Role.ASB_SPOC, area=w.norwich),
        "norwich_opt": f.user(Role.OPT_OFFICER, area=w.norwich),
        "breck_spoc": f.user(Role.ASB_SPOC, area=w.breckland),
        "norwich_inspector": f.user(Role.OPT_INSPECTOR, area=w.norwich),
        "housing": f.user(Role.AGENCY_OFFICER, organisation=w.housing),
        "health": f.user(Role.AGENCY_OFFICER, organisation=w.health),
        "committee": f.user(Role.COMMITTEE_OFFICER),
        "anonymous": AnonymousUser(),
    }
    return w, users


MATRIX = {
    # permission: roles allowed (on a Norwich case in review where housing has an information request)
    "asb.view_case": {"county", "norwich_spoc", "norwich_opt", "norwich_inspector", "housing"},
    "asb.manage_case": {"county", "norwich_spoc", "norwich_opt"},
    "asb.triage": {"county"},
    "asb.handle_appeal": {"county", "norwich_spoc", "norwich_opt", "norwich_inspector"},
    "asb.decide_appeal": {"county", "norwich_inspector"},
    "asb.audit_case": {"county"},
    "asb.view_history": {"county"},
}


@pytest.mark.parametrize("perm", list(MATRIX))
def test_permission_matrix(scene, perm):
    w, users = scene
    case = f.to_review(w, f.application(w, area=w.norwich))
    actions.send_information_requests(case, agencies=[w.housing], acting_user=SYSTEM)
    allowed = {name for name, u in users.items() if can(u, perm, case)}
    assert allowed == MATRIX[perm]


def test_role_without_assignment_sees_nothing(scene):
    w, users = scene
    case = f.application(w, area=w.norwich)
    spoc_without_area = f.user(Role.ASB_SPOC)
    assert not can(spoc_without_area, "asb.view_case", case)
    assert not queries.cases_for(spoc_without_area).exists()
    # An assignment without the role's group grants nothing either.
    no_role = f.user(None)
    actions.assign_asb_staff(user=no_role, role="asb_spoc", area=w.norwich, acting_user=SYSTEM)
    assert not can(no_role, "asb.view_case", case)


@pytest.mark.parametrize("who,allowed", [("county", True), ("norwich_spoc", True), ("norwich_opt", True),
                                         ("breck_spoc", False), ("norwich_inspector", False), ("housing", False)])
def test_who_may_determine(scene, who, allowed):
    w, users = scene
    case = f.application(w, area=w.norwich)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    call = lambda: actions.determine_threshold(case, determination="C_ii", complaints_related=True,  # noqa: E731
                                               acting_user=users[who])
    if allowed:
        call()
    else:
        with pytest.raises(ActionPermissionDenied):
            call()


def test_queryset_and_object_permission_agree(scene):
    w, users = scene
    cases = [f.application(w, area=w.norwich), f.to_action_plan(w, f.application(w, area=w.breckland))]
    for u in users.values():
        visible = set(queries.cases_for(u).values_list("pk", flat=True))
        assert visible == {c.pk for c in cases if can(u, "asb.view_case", c)}


def test_update_application_and_add_complaint(scene):
    w, users = scene
    case = f.application(w, area=w.norwich, n=2)
    assert case.threshold_route == "none"
    with pytest.raises(ActionPermissionDenied):
        actions.update_application(case, victim_phone="01632 960001", acting_user=users["housing"])
    actions.update_application(case, victim_phone="01632 960001", acting_user=users["norwich_spoc"])
    with pytest.raises(RuleViolation, match="consent"):
        actions.update_application(case, applicant_relationship="friend", acting_user=users["norwich_spoc"])
    day = case.application_date - dt.timedelta(days=3)
    actions.add_complaint(case, behaviour_date=day, reported_date=day, agency=w.police, reference="LATE-1",
                          acting_user=users["norwich_spoc"])
    case.refresh_from_db()
    assert case.threshold_route == "threshold" and case.complaints.count() == 3
    history = list(queries.case_history(case).values_list("code", flat=True))
    assert history[-2:] == ["asb.case.updated", "asb.case.complaint_added"]
    updated = queries.case_history(case).get(code="asb.case.updated")
    assert updated.data["changes"] == {"victim_phone": {"old": "", "new": "01632 960001"}}


def test_superuser_without_asb_role_sees_no_case_and_the_list_agrees(scene):
    # Django grants a superuser every has_perm; victims' data does not follow (security review, issue 4).
    from saferhub.asb.policies import can_asb

    w, users = scene
    case = f.application(w)
    su = f.user(None)
    su.is_superuser = True
    su.save()
    assert not can_asb(su, "asb.view_case", case)
    assert list(queries.cases_for(su)) == []
