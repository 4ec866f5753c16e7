"""The register of bodies at national size: visibility in the query (the same people as groups.view_body),
50 a page, GET filters, and a query count that does not grow with the number of bodies."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, can
from saferhub.governance.models import Committee
from saferhub.governance.tests.factories import person, user
from saferhub.groups import actions, queries
from saferhub.groups.policies import visible_bodies_q
from saferhub.groups.tests.factories import make_group

pytestmark = pytest.mark.django_db
D = dt.date
URL = reverse("groups:register")


def listed(response) -> list[str]:
    """The bodies' names in the register's table, in order."""
    return re.findall(r'<td class="govuk-table__cell"><a class="govuk-link" href="/groups/[^"]+/">([^<]+)</a>',
                      response.content.decode())


def add_bodies(n: int, *, partnership, parent, prefix: str = "Synthetic group") -> list[Committee]:
    """``n`` more bodies under ``parent``, every third one public, each with a chair."""
    chair = person(f"{prefix} chair", councillor=False, organisation=partnership)
    out = []
    for k in range(n):
        body = actions.register_body(name=f"{prefix} {k:03d}", slug=f"{prefix.lower().replace(' ', '-')}-{k:03d}",
                                     organisation=partnership, kind="task_and_finish", parent=parent,
                                     is_public=k % 3 == 0, governed_by_partnership=True, acting_user=SYSTEM)
        actions.add_member(body, person=chair, start_date=D(2025, 1, 1), acting_user=SYSTEM)
        actions.elect_chair(body, person=chair, date=D(2025, 1, 1), method="unanimous", acting_user=SYSTEM)
        out.append(body)
    return out


@pytest.fixture
def group():
    return make_group()


def viewers(group):
    secretariat = user("secretariat", Role.COMMITTEE_OFFICER, supports=group.body)
    former = person("Former member", councillor=False, organisation=group.district)
    membership = actions.add_member(group.body, person=former, start_date=D(2021, 7, 1), acting_user=SYSTEM)
    actions.end_member(membership, end_date=D(2022, 1, 1), acting_user=SYSTEM)
    return {
        "anonymous": None,
        "administrator": user("admin", Role.ADMINISTRATOR),
        "secretariat": secretariat,
        "other_officer": user("officer2", Role.COMMITTEE_OFFICER),
        "councillor": user("cllr", Role.COUNCILLOR, person=person("A Councillor")),
        "partnership": user("partner", Role.PARTNERSHIP_OFFICER),
        "member": user("member", person=group.district_officer),
        "former_member": user("former", person=former),
        "asb_spoc": user("spoc", Role.ASB_SPOC),
    }


def test_visible_bodies_filter_agrees_with_the_permission(group):
    """The register's queryset filter lets through exactly the bodies groups.view_body allows, for every kind of
    user (the private delivery group: its members, secretariat, the Partnership team and administrators)."""
    other = make_group()  # another partnership's private group, its secretariat and members unrelated
    add_bodies(4, partnership=other.partnership, parent=other.board)
    from django.contrib.auth.models import AnonymousUser

    bodies = list(Committee.objects.filter(is_active=True))
    assert any(not b.is_public for b in bodies)
    for role, u in viewers(group).items():
        u = u or AnonymousUser()
        expected = {b.pk for b in bodies if can(u, "groups.view_body", b)}
        got = set(Committee.objects.filter(visible_bodies_q(u), is_active=True).values_list("pk", flat=True))
        assert got == expected, role
        assert (group.body.pk in got) == (role in {"administrator", "secretariat", "partnership", "member"}), role


def test_a_private_body_is_not_listed_to_those_who_may_not_see_it_even_when_filtered_for(client, group):
    users = viewers(group)
    for role in ("anonymous", "other_officer", "councillor", "former_member", "asb_spoc"):
        if users[role] is not None:
            client.force_login(users[role])
        for query in ("", f"?q=County+Lines&visibility=private&parent={group.board.pk}",
                      f"?organisation={group.partnership.pk}&kind=delivery_group"):
            response = client.get(URL + query)
            assert response.status_code == 200
            assert group.body.name not in response.content.decode(), (role, query)
        client.logout()


@pytest.mark.date_sensitive("2026-03-11")
@pytest.mark.parametrize("role", ["anonymous", "member", "partnership"])
@pytest.mark.parametrize(("extra", "queries_expected"), [
    # Signed in: session, user, roles, and the two permission queries of the page's layout. Then whether any
    # private body is visible (a member), the organisations, the count, the page, its chairs and which private
    # parents may be named (not for the Partnership officer, who sees every body).
    (1, {"anonymous": 5, "member": 11, "partnership": 9}),
    (58, {"anonymous": 5, "member": 11, "partnership": 9}),
])
def test_register_query_count_does_not_grow_with_the_bodies(client, group, django_assert_num_queries, role, extra,
                                                            queries_expected):
    """3 bodies (the board, the private group and one more) or 60: the same number of queries, for anonymous,
    a member of a private body and a Partnership officer."""
    add_bodies(extra, partnership=group.partnership, parent=group.board)
    assert Committee.objects.count() == 2 + extra
    users = {"member": user("member", person=group.district_officer),
             "partnership": user("partner", Role.PARTNERSHIP_OFFICER)}
    if role != "anonymous":
        client.force_login(users[role])
    client.get(URL)  # the site configuration is created and cached on the first request
    with django_assert_num_queries(queries_expected[role]):
        response = client.get(URL)
    assert response.status_code == 200
    names = listed(response)
    assert (group.body.name in names) == (role != "anonymous")
    public = (extra + 2) // 3  # every third added body; the board and the group are private
    visible = {"anonymous": public, "member": public + 1, "partnership": extra + 2}[role]
    assert len(names) == min(queries.REGISTER_PER_PAGE, visible)
    assert "Synthetic group chair" in response.content.decode()  # the current chair, from the one prefetch


def test_register_is_paged_50_at_a_time_and_a_page_past_the_end_gives_the_last(client, group):
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    add_bodies(60, partnership=group.partnership, parent=group.board)  # 62 in all, 22 of them public
    client.force_login(user("partner", Role.PARTNERSHIP_OFFICER))
    first = client.get(URL)
    assert len(listed(first)) == 50
    page = first.content.decode()
    assert 'class="govuk-pagination"' in page and "Page 1 of 2" in page and 'href="?page=2"' in page
    second = client.get(URL + "?page=2")
    assert len(listed(second)) == 12
    assert not set(listed(first)) & set(listed(second))
    past = client.get(URL + "?page=99")
    assert past.status_code == 200 and listed(past) == listed(second)
    for bad in ("0", "-1", "abc", "1.5", "9" * 30):
        assert client.get(URL + f"?page={bad}").status_code == 404, bad
    # The filters are kept in the pagination links.
    filtered = client.get(URL + "?kind=task_and_finish&q=Synthetic").content.decode()
    assert 'href="?q=Synthetic&amp;kind=task_and_finish&amp;page=2"' in filtered


def test_register_filters_by_name_partnership_parent_kind_and_visibility(client, group):
    other = make_group(public=True)
    add_bodies(5, partnership=group.partnership, parent=group.body, prefix="Sub group")
    client.force_login(user("partner", Role.PARTNERSHIP_OFFICER))

    def names(query):
        response = client.get(URL + query)
        assert response.status_code == 200
        return set(listed(response))

    assert names("?q=sub+004") == {"Sub group 004"}
    assert names(f"?organisation={other.partnership.pk}") == {other.board.name, other.body.name}
    assert names(f"?parent={group.body.pk}") == {f"Sub group {k:03d}" for k in range(5)}
    assert names(f"?organisation={group.partnership.pk}&parent={group.board.pk}") == {group.body.name}
    assert names("?kind=statutory_board") == {group.board.name, other.board.name}
    assert names(f"?organisation={group.partnership.pk}&visibility=public") == {"Sub group 000", "Sub group 003"}
    assert names(f"?organisation={group.partnership.pk}&visibility=private") == {
        group.board.name, group.body.name, "Sub group 001", "Sub group 002", "Sub group 004"}
    # The body a group reports to is offered once a partnership is chosen: only bodies with groups under them.
    page = client.get(URL + f"?organisation={group.partnership.pk}").content.decode()
    assert f'<option value="{group.body.pk}">{group.body.name}</option>' in page
    assert f'<option value="{group.board.pk}">{group.board.name}</option>' in page
    assert 'id="visibility"' in page
    # Values that name nothing are ignored, never an error.
    everything = names("")
    for bad in ("organisation=abc", "organisation=0", f"organisation={'9' * 30}", "parent=-3",
                f"parent={group.chair.pk + 10_000}", "kind=nonsense", "visibility=secret", "q=%00"):
        assert names("?" + bad) == everything, bad


def test_public_or_private_filter_only_for_those_who_may_see_private_bodies(client, group):
    add_bodies(2, partnership=group.partnership, parent=group.board)
    users = viewers(group)
    for role, u in users.items():
        client.logout()
        if u is not None:
            client.force_login(u)
        response = client.get(URL + "?visibility=private")
        page = response.content.decode()
        may = role in {"administrator", "secretariat", "partnership", "member"}
        assert ('id="visibility"' in page) == may, role
        if not may:  # ignored: the public bodies are listed, no private one
            assert listed(response) == ["Synthetic group 000"], role


def test_a_parent_the_user_may_not_see_is_not_named_and_filters_nothing(client, group):
    """A public group under a private body: filtering by that private body does not reveal its name."""
    hidden = group.body  # private
    public_child = actions.register_body(name="Open Forum", slug="open-forum", organisation=group.partnership,
                                         kind="task_and_finish", parent=hidden, is_public=True, acting_user=SYSTEM)
    response = client.get(URL + f"?parent={hidden.pk}")
    page = response.content.decode()
    assert set(listed(response)) == {public_child.name}
    assert hidden.name not in page and group.board.name not in page
