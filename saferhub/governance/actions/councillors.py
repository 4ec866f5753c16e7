"""Facts about a councillor that governance keeps: their party."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Person
from saferhub.core.permissions import require
from saferhub.governance.models import PartyAffiliation


@transaction.atomic
def set_councillor_party(person: Person, *, party: str, acting_user: Actor) -> PartyAffiliation | None:
    """Record the party (or political group) a councillor stands for; an empty party removes it."""
    require(acting_user, "core.manage_people")
    if not person.is_councillor:
        raise RuleViolation(f"{person.display_name} is not a councillor; only councillors have a party.",
                            code="governance.party_councillor", field="party")
    party = " ".join((party or "").split())[:100]
    current = PartyAffiliation.objects.select_for_update().filter(person=person).first()
    before = current.party if current else ""
    if party == before:
        return current
    if not party:
        current.delete()
        current = None
    elif current is None:
        current = PartyAffiliation.objects.create(person=person, party=party)
    else:
        current.party = party
        current.save(update_fields=["party", "updated_at"])
    audit.record("governance.party.set", actor=acting_user, target=person, data={"from": before, "to": party})
    return current
