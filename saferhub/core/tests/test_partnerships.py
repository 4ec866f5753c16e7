"""Partnership memberships: the one home of which partnerships a member of staff works for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from saferhub.core import actions, partnerships
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent, PartnershipMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return actions.create_organisation(name="Alpha Community Safety Partnership", kind="partnership",
                                       acting_user=SYSTEM)


def _user(name="member"):
    return get_user_model().objects.create_user(username=name, password="x-test-password-1")


def test_a_membership_is_recorded_audited_and_read_back_by_role(p):
    user = _user()
    actions.add_partnership_member(user=user, partnership=p, role="asb_county_team", acting_user=SYSTEM)
    assert partnerships.partnership_ids(user, "asb_county_team") == {p.pk}
    assert partnerships.partnership_ids(user, "dhr_team") == frozenset()
    assert partnerships.partnership_ids(user) == {p.pk}
    assert AuditEvent.objects.filter(code="core.partnership_member.added").count() == 1
    # Again with the same dates: nothing changes and nothing more is audited.
    actions.add_partnership_member(user=user, partnership=p, role="asb_county_team", acting_user=SYSTEM)
    assert PartnershipMembership.objects.count() == 1
    assert AuditEvent.objects.filter(code__startswith="core.partnership_member.").count() == 1


def test_removing_a_membership_takes_effect_at_once(p):
    user = _user()
    actions.add_partnership_member(user=user, partnership=p, role="dhr_team", acting_user=SYSTEM)
    assert partnerships.partnership_ids(user, "dhr_team") == {p.pk}
    assert actions.remove_partnership_member(user=user, partnership=p, role="dhr_team", acting_user=SYSTEM) == 1
    assert partnerships.partnership_ids(user, "dhr_team") == frozenset()  # the per-request cache was dropped
    assert AuditEvent.objects.filter(code="core.partnership_member.removed").exists()


def test_only_memberships_in_force_today_count(p):
    today = dt.date.today()
    ended, future = _user("ended"), _user("future")
    actions.add_partnership_member(user=ended, partnership=p, role="asb_county_team", acting_user=SYSTEM,
                                   starts_on=today - dt.timedelta(days=30), ends_on=today - dt.timedelta(days=1))
    actions.add_partnership_member(user=future, partnership=p, role="asb_county_team", acting_user=SYSTEM,
                                   starts_on=today + dt.timedelta(days=1))
    assert partnerships.partnership_ids(ended, "asb_county_team") == frozenset()
    assert partnerships.partnership_ids(future, "asb_county_team") == frozenset()
    actions.add_partnership_member(user=ended, partnership=p, role="asb_county_team", acting_user=SYSTEM,
                                   starts_on=today - dt.timedelta(days=30), ends_on=today)
    assert partnerships.partnership_ids(ended, "asb_county_team") == {p.pk}
    assert AuditEvent.objects.filter(code="core.partnership_member.changed").count() == 1


def test_refusals_name_the_rule(p):
    user = _user()
    police = actions.create_organisation(name="Alpha Police", kind="police", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Community Safety Partnership") as exc:
        actions.add_partnership_member(user=user, partnership=police, role="dhr_team", acting_user=SYSTEM)
    assert exc.value.code == "core.partnership_kind"
    with pytest.raises(RuleViolation, match="cannot end before it starts"):
        actions.add_partnership_member(user=user, partnership=p, role="dhr_team", acting_user=SYSTEM,
                                       starts_on=dt.date(2026, 5, 2), ends_on=dt.date(2026, 5, 1))
    with pytest.raises(RuleViolation, match="Name the role"):
        actions.add_partnership_member(user=user, partnership=p, role="", acting_user=SYSTEM)
    assert not PartnershipMembership.objects.exists()


def test_only_administrators_keep_memberships_by_default(p):
    user, someone = _user(), _user("someone")
    with pytest.raises(ActionPermissionDenied):
        actions.add_partnership_member(user=user, partnership=p, role="dhr_team", acting_user=someone)
    admin = _user("admin")
    actions.set_user_roles(admin, roles=["administrator"], acting_user=SYSTEM)
    actions.add_partnership_member(user=user, partnership=p, role="dhr_team", acting_user=admin)


def test_an_anonymous_visitor_works_for_no_partnership(p):
    from django.contrib.auth.models import AnonymousUser

    assert partnerships.partnership_ids(AnonymousUser(), "dhr_team") == frozenset()


def test_the_home_partnership(p, settings, django_capture_on_commit_callbacks):
    # The only partnership there is; then the one named in the settings; then the site configuration's.
    assert partnerships.home_partnership() == p
    other = actions.create_organisation(name="Beta Community Safety Partnership", kind="partnership",
                                        acting_user=SYSTEM)
    assert partnerships.home_partnership() is None  # two, and neither named
    settings.SAFERHUB_HOME_PARTNERSHIP = other.name
    assert partnerships.home_partnership() == other
    assert actions.ensure_home_partnership(acting_user=SYSTEM) == other
    with django_capture_on_commit_callbacks(execute=True):  # the cached configuration is forgotten on commit
        actions.update_site_configuration(partnership=p, acting_user=SYSTEM)
    assert partnerships.home_partnership() == p


def test_ensure_home_partnership_creates_it_once(settings):
    settings.SAFERHUB_HOME_PARTNERSHIP = "Gamma Community Safety Partnership"
    first = actions.ensure_home_partnership(acting_user=SYSTEM)
    assert first.name == "Gamma Community Safety Partnership" and first.kind == "partnership"
    assert actions.ensure_home_partnership(acting_user=SYSTEM) == first
