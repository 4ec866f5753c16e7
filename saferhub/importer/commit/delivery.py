"""Delivery-plan tables onto the partnership's plan, through the delivery actions.

A table is put on the strategic plan that ``load_plan_data`` loaded (the plan its title names, or the
only one), never on a plan of its own: the version of the papers' date is matched (the draft of
16 September 2021, the June 2022 extract of rows 2.1-2.7) and each row compared with the row of the same
number, differences flagged; a version not yet recorded is created (unpublished, for the officer to check
and publish), its rows keeping the stable identity of the same number in the version before it, with
their section's outcomes and the plan's own theme names. Without a plan nothing is recorded, and a flag
says so.
"""

from __future__ import annotations

import datetime as dt
import re

from saferhub.core.models import Organisation
from saferhub.delivery import actions as delivery_actions
from saferhub.delivery.models import DeliveryPlan, Plan
from saferhub.governance.models import Committee
from saferhub.importer.commit.base import _norm
from saferhub.importer.models import Provenance
from saferhub.importer.parsing.plan_tables import CYRILLIC

COMPARED = [("action", "action", "wording"), ("success_measure", "success_measure", "success measure"),
            ("date", "due", "date"), ("update", "update", "update"), ("owner", "owner", "owner")]


def _same(a: str, b: str) -> bool:
    return _norm((a or "").translate(CYRILLIC)) == _norm((b or "").translate(CYRILLIC))


class DeliveryMixin:
    def delivery(self) -> None:
        tables = []
        for table in self.x["delivery_plans"]:
            src = table["source"]
            doc = self.doc_for(src["path"], src["lines"][0])
            date = None
            if doc is not None:
                date = doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)
            tables.append((date or dt.date.max, table))
        # Oldest first, so that each new version revises the one before it (the draft, then the extract).
        for date, table in sorted(tables, key=lambda t: t[0]):
            date = None if date == dt.date.max else date
            src = table["source"]
            where = f"{src['path']}:{src['lines'][0]}"
            plan = self._strategic_plan(table["title"])
            if plan is None:
                self.flag("plan_not_loaded", f"“{table['title']}”: no strategic plan is loaded for its "
                          f"{len(table['actions'])} action rows, so they were not recorded. Load the plan "
                          "(manage.py load_plan_data) and import the file again.", where)
                continue
            version = plan.versions.filter(version_date=date).first() if date else None
            if version is None:
                version = self._new_version(plan, table, date, where)
                if version is None:
                    continue
            else:
                self.provenance(version, src, Provenance.Role.CONFIRMED)
            self._rows(plan, version, table)

    # -- the plan and the version ------------------------------------------------------------
    def _strategic_plan(self, title: str) -> Plan | None:
        plans = list(Plan.objects.all())
        named = [p for p in plans if _norm(p.title) and _norm(p.title) in _norm(title)]
        if len(named) == 1:
            return named[0]
        return plans[0] if len(plans) == 1 else None

    def _new_version(self, plan: Plan, table: dict, date, where: str) -> DeliveryPlan | None:
        extract = table.get("kind") == "extract"
        stage = "extract" if extract else "draft"
        when = f", {date:%B %Y}" if date else ""
        label = (f"Extract with updates{when} (rows {table['actions'][0]['number']}-{table['actions'][-1]['number']})"
                 if extract and table["actions"] else f"{'Extract with updates' if extract else 'Draft'}{when}")
        previous = (plan.versions.filter(version_date__lt=date).order_by("-version_date").first()
                    if date else plan.versions.order_by("-version_date").first())
        version = None
        with self.attempt(f"The delivery plan version “{table['title']}”", where):
            version = delivery_actions.create_version(
                plan, title=table["title"][:300], stage=stage, label=label[:120], version_date=date,
                previous=previous, source=where[:200], is_partial=extract, acting_user=self.actor)
        if version is not None:
            self.provenance(version, table["source"])
            self.flag("plan_version_created", f"“{table['title']}” was recorded as a new, unpublished version of "
                      f"{plan.title} ({label}); check it and publish it on the Plan's pages.", where, "info")
        return version

    # -- rows ----------------------------------------------------------------------------------
    def _themes(self, plan: Plan) -> list[str]:
        names = list(plan.themes.values_list("title", flat=True))
        for p in plan.priorities.all():
            names += [p.title, *p.sub_areas]
        names += [t for t in DeliveryPlan.objects.filter(plan=plan).values_list("actions__theme", flat=True) if t]
        return list(dict.fromkeys(names))

    def _theme(self, text: str, names: list[str], number: str, where: str) -> str:
        """The plan's own name for a theme heading OCR split or misread ("Count" + "Lines" is County Lines)."""
        from rapidfuzz import fuzz, process

        if not text or text in names:
            return text
        found = process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=85)
        if found is None:
            return text
        self.flag("delivery_theme_read", f"Action {number}: the theme heading “{text}” was read as the plan's "
                  f"“{found[0]}”.", where, "info")
        return found[0]

    def _owners(self, text: str) -> list:
        """Owners linked only where the whole cell names one organisation or group; otherwise the
        printed text is kept for the officer to link."""
        name = " ".join(text.split())
        if not name:
            return []
        body = Committee.objects.filter(name__iexact=name).first()
        if body is not None:
            return [body]
        org = Organisation.objects.filter(name__iexact=name).first()
        return [org] if org is not None else []

    def _rows(self, plan: Plan, version: DeliveryPlan, table: dict) -> None:
        existing = {r.number: r for r in version.actions.all()}
        previous = {r.number: r for r in version.previous.actions.select_related("identity")} if version.previous_id \
            else {}
        outcomes = {o.number: o for o in plan.outcomes.all()}
        names = self._themes(plan)
        unlinked = 0
        for a in table["actions"]:
            where = f"{a['source']['path']}:{a['source']['lines'][0]}"
            row = existing.get(a["number"])
            if row is not None:
                self.provenance(row, a["source"], Provenance.Role.CONFIRMED)
                for key, field, label in COMPARED:
                    if not _same(a[key], getattr(row, field)):
                        self.differs(f"Action {a['number']} of “{version}”: the {label} reads “{a[key][:200]}” in "
                                     f"the document and “{getattr(row, field)[:200]}” in SaferHub", a["source"], row)
                continue
            if version.published_at:
                self.summary["not_recorded"] += 1
                self.flag("not_recorded", f"Action {a['number']} is not in “{version}”, which is published; it was "
                          "not added (start a new version of the plan to change it).", where)
                continue
            missing = [n for n in a.get("outcomes", []) if n not in outcomes]
            if missing:
                self.flag("delivery_outcome_unknown", f"Action {a['number']}: long-term outcome "
                          f"{', '.join(map(str, missing))} is not in {plan.title}; it was not linked.", where)
            theme = self._theme(a["theme"], names, a["number"], where)
            before = previous.get(a["number"])
            key = before.identity.key if before is not None and before.identity_id else \
                "imported-" + re.sub(r"[^0-9a-z]+", "-", a["number"].lower())
            owners = self._owners(a["owner"])
            unlinked += not owners and bool(a["owner"]) and a["owner"].upper() != "TBC"
            note = "; ".join(f"OCR-garbled {g['column']} cell “{g['raw']}” (line {g['line']}) kept out of the row"
                             for g in a.get("garbled", []))
            created = None
            with self.attempt(f"Delivery action {a['number']}", where):
                created = delivery_actions.add_version_row(
                    version, key=key, number=a["number"], action=a["action"] or "(blank)",
                    success_measure=a["success_measure"], owners=owners, owner_text=a["owner"], due=a["date"],
                    theme=theme, outcomes=[outcomes[n] for n in a.get("outcomes", []) if n in outcomes],
                    update=a["update"], note=note, acting_user=self.actor)
            if created is not None:
                self.summary["delivery_actions"] += 1
                self.provenance(created, a["source"])
        if unlinked:
            src = table["source"]
            self.flag("delivery_owners_unlinked", f"“{version}”: the owners of {unlinked} rows are kept as printed; "
                      "link each to an organisation or partnership group on the Plan's pages.",
                      f"{src['path']}:{src['lines'][0]}", "info")
