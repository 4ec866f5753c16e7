"""Read helpers for the shared kernel."""

from __future__ import annotations

from django.db.models import Q

from saferhub.core.models import Person, PersonAlias
from saferhub.core.names import normalise_name, split_honorific


def find_person(text: str) -> Person | None:
    """The one person a written name refers to, by exact name or recorded alias; else ``None``.

    Matching ignores the honorific, case and the style of hyphen. A surname on its own matches a
    person whose name is that surname alone ("Cllr Ashby"). Ambiguous names give ``None``: callers
    must never guess.
    """
    _, bare = split_honorific(text)
    key = normalise_name(bare)
    if not key:
        return None
    candidates = list(Person.objects.filter(Q(name__iexact=bare) | Q(aliases__name__iexact=bare)).distinct()[:2])
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        return None
    # Fall back to normalised comparison (dash and spacing variants).
    surname = key.split(" ")[-1].split("-")[-1]
    pool = Person.objects.filter(Q(name__icontains=surname) | Q(aliases__name__icontains=surname)).distinct()
    matches = {p.pk: p for p in pool if normalise_name(p.name) == key}
    for alias in PersonAlias.objects.filter(name__icontains=surname).select_related("person"):
        if normalise_name(alias.name) == key:
            matches[alias.person_id] = alias.person
    return next(iter(matches.values())) if len(matches) == 1 else None
