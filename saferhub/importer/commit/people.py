"""Matching the people and bodies the documents name to those SaferHub knows; a new record only
when nobody matches (flagged, so staff can merge)."""

from __future__ import annotations

from saferhub.core import actions as core_actions
from saferhub.core.models import Organisation, Person
from saferhub.core.queries import find_person
from saferhub.importer.models import ImportFlag
from saferhub.importer.parsing.text import fold


class PeopleMixin:
    # -- organisations and people -----------------------------------------------------------
    def org(self, name: str) -> Organisation | None:
        if not name:
            return None
        if name in self.orgs:
            return self.orgs[name]
        key = fold(name)
        if self._all_orgs is None:
            self._all_orgs = list(Organisation.objects.all())
        for org in self._all_orgs:
            if key in {fold(org.name), fold(org.short_name or "")} | {fold(a) for a in org.aliases or []}:
                self.orgs[name] = org
                return org
        body = next((b for b in self.x.get("bodies", []) if b["name"] == name), {"kind": ""})
        org = core_actions.create_organisation(name=name, kind=body.get("kind") or "other",
                                               aliases=body.get("aliases", []), acting_user=self.actor)
        self.orgs[name] = org
        self._all_orgs.append(org)
        return org

    def person(self, name: str, *, councillor: bool | None = None, source: str = "") -> Person | None:
        if not name:
            return None
        if name in self.people:
            return self.people[name]
        info = next((p for p in self.x.get("people", []) if p["name"] == name), None)
        person = None
        if info and info.get("db_id"):
            person = Person.objects.filter(pk=info["db_id"]).first()
        if person is None:
            person = find_person(name)
            for alias in (info or {}).get("aliases", []):
                person = person or find_person(alias)
        renamed = self.renamed(name)
        if person is None and renamed:
            person = self.person(renamed, councillor=councillor, source=source)
            if person is not None:
                info = {**(info or {}), "aliases": [name, *(info or {}).get("aliases", [])]}
        if person is None:
            is_cllr = bool(info["councillor"]) if info else bool(councillor)
            person = core_actions.create_person(
                name=name, honorific="Cllr" if is_cllr else "", is_councillor=is_cllr,
                organisation=self.org(info["body"]) if info and info.get("body") else None,
                job_title=(info or {}).get("title", "")[:250] if not is_cllr else "", acting_user=self.actor)
            self.summary["people_created"] += 1
            if not info:
                self.flag("person_created", f"“{name}” was not matched to anyone known, so a new person was "
                          "recorded under that name; check and merge if it is someone already known.", source)
        for alias in (info or {}).get("aliases", []):
            if fold(alias) == fold(person.name) or person.aliases.filter(name__iexact=alias).exists():
                continue
            with self.attempt(f"The alias “{alias}” for {person.name}", source):
                core_actions.add_person_alias(person, name=alias, note=f"Seen in imported documents (import "
                                              f"{self.batch.pk}).", acting_user=self.actor)
        self.people[name] = person
        return person

    def renamed(self, name: str) -> str | None:
        """The earlier name staff confirmed ``name`` is a new name of (a ``possible_same_person``
        flag resolved "same"); ``None`` while the flag is open or was rejected."""
        if not hasattr(self, "_renamed"):
            self._renamed = {f.ref.get("name"): f.ref.get("same_as") for f in self.batch.flags.filter(
                kind="possible_same_person", status=ImportFlag.Status.RESOLVED, resolution="same")}
        return self._renamed.get(name)
