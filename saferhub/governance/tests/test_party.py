"""A councillor's party: set through an action (and the data file's ``party``), shown on the councillor
pages, and a party filter on /councillors/."""

import pytest
from django.test import Client

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import PartyAffiliation
from saferhub.governance.tests.factories import make_panel, user

pytestmark = pytest.mark.django_db


def test_party_is_set_changed_removed_and_audited_only_for_councillors():
    panel = make_panel()
    member = panel.member(0)
    actions.set_councillor_party(member, party="  Green   Party ", acting_user=SYSTEM)
    assert PartyAffiliation.objects.get(person=member).party == "Green Party"
    actions.set_councillor_party(member, party="Independent", acting_user=SYSTEM)
    actions.set_councillor_party(member, party="Independent", acting_user=SYSTEM)  # no change, no audit row
    assert AuditEvent.objects.filter(code="governance.party.set").count() == 2
    actions.set_councillor_party(member, party="", acting_user=SYSTEM)
    assert not PartyAffiliation.objects.filter(person=member).exists()
    with pytest.raises(RuleViolation, match="not a councillor"):
        actions.set_councillor_party(panel.officer, party="Labour", acting_user=SYSTEM)
    with pytest.raises(ActionPermissionDenied):
        actions.set_councillor_party(member, party="Labour", acting_user=user("c", Role.COUNCILLOR))


def test_councillor_pages_show_the_party_and_the_index_filters_by_it():
    panel = make_panel()
    greens, independent = panel.member(0), panel.member(1)
    actions.set_councillor_party(greens, party="Green Party", acting_user=SYSTEM)
    actions.set_councillor_party(independent, party="Independent", acting_user=SYSTEM)
    client = Client()
    assert "Party: Green Party" in client.get(f"/people/{greens.pk}/").content.decode()
    assert "Party:" not in client.get(f"/people/{panel.member(2).pk}/").content.decode()
    everyone = client.get("/councillors/").content.decode()
    assert '<option value="Green Party">Green Party</option>' in everyone and "Independent" in everyone
    assert greens.display_name in everyone and panel.member(2).display_name in everyone
    filtered = client.get("/councillors/?party=Green+Party").content.decode()
    assert greens.display_name in filtered and independent.display_name not in filtered
    assert "1 councillor match your choice" in filtered
    assert '<option value="Green Party" selected>' in filtered
    unknown = client.get("/councillors/?party=Nonsense").content.decode()  # an unknown party is ignored
    assert independent.display_name in unknown and greens.display_name in unknown


def test_the_data_file_party_is_loaded_where_given():
    """Norfolk's documents name no party, so Norfolk's file gives none; a file that does sets it."""
    from pathlib import Path

    from django.conf import settings

    from saferhub.governance.loader import load_committee_data, read_data_file

    data = read_data_file(Path(settings.SAFERHUB_DEFAULT_DATA))
    assert not any(p.get("party") for p in data.get("people", []))
    councillor = next(p for p in data["people"] if p.get("councillor"))
    councillor["party"] = "Independent"
    load_committee_data(data)
    assert PartyAffiliation.objects.get(person__name=councillor["name"]).party == "Independent"
