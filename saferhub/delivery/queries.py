"""Reads for the Plan's pages and API, with a constant number of queries."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import Prefetch, Q

from saferhub.core.permissions import can
from saferhub.delivery import rules
from saferhub.delivery.models import (
    ActionOwner,
    ActionUpdate,
    Allocation,
    DeliveryAction,
    DeliveryPlan,
    Fund,
    Measure,
    MeasureValue,
    Outcome,
    Plan,
    StatutoryDuty,
)


def current_version(plan: Plan, *, published_only: bool = True) -> DeliveryPlan | None:
    """The latest complete version (a partial one shows only some rows)."""
    versions = plan.versions.filter(is_partial=False)
    if published_only:
        versions = versions.filter(published_at__isnull=False)
    return versions.order_by("-version_date", "-pk").first()


def latest_rows(plan: Plan, *, published_only: bool = True) -> list[DeliveryAction]:
    """Each action as last shown: its row in the newest version (partial ones included) that lists it, with
    its owners in ``owner_list`` and its outcomes in ``outcome_list`` (lists: a prefetched queryset per row
    would copy the whole prefetch filter for every row)."""
    rows = (DeliveryAction.objects.filter(plan__plan=plan)
            .select_related("plan", "identity")
            .prefetch_related(Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation", "body"),
                                       to_attr="owner_list"),
                              Prefetch("outcomes", queryset=Outcome.objects.all(), to_attr="outcome_list"))
            .order_by("-plan__version_date", "-plan_id", "position"))
    if published_only:
        rows = rows.filter(plan__published_at__isnull=False)
    seen: dict[int, DeliveryAction] = {}
    for row in rows:
        seen.setdefault(row.identity_id or -row.pk, row)
    return sorted(seen.values(), key=lambda r: tuple(int(p) if p.isdigit() else 0 for p in r.number.split(".")))


#: The owners' updates the public sees: only those of a closed reporting round. While a round is open its
#: owners may still revise their updates (a later one supersedes the earlier), so the public keeps seeing the
#: previous closed round's until it closes; an update written outside any round has been through no round and
#: is for staff only. Staff see every update.
PUBLIC_UPDATES = Q(round__isnull=False, round__closed_on__isnull=False)


def updates_for(*, public: bool):
    """Owners' updates, the public's only those of closed rounds (``PUBLIC_UPDATES``)."""
    updates = ActionUpdate.objects.all()
    return updates.filter(PUBLIC_UPDATES) if public else updates


def latest_updates(plan: Plan, *, public: bool) -> dict[int, ActionUpdate]:
    """Each action identity's latest update: for the public, the latest of a closed round; for staff, the latest."""
    latest: dict[int, ActionUpdate] = {}
    for update in (updates_for(public=public).filter(identity__plan=plan).select_related("round")
                   .order_by("identity_id", "-period_end", "-created_at", "-pk")):
        latest.setdefault(update.identity_id, update)
    return latest


def plan_page(plan: Plan, *, published_only: bool = True) -> dict:
    """Themes → outcomes → measures → actions with their latest RAG, and the RAG summary by outcome.
    ``published_only`` is the public's page: published versions and updates of closed rounds only."""
    outcomes = list(Outcome.objects.filter(plan=plan).select_related("theme")
                    .prefetch_related(Prefetch("measures", queryset=Measure.objects.select_related(
                        "owner_organisation", "owner_body"))))
    rows = latest_rows(plan, published_only=published_only)
    updates = latest_updates(plan, public=published_only)
    by_outcome: dict[int, list] = {o.pk: [] for o in outcomes}
    for row in rows:
        entry = (row, updates.get(row.identity_id))
        for outcome in row.outcome_list:
            by_outcome.setdefault(outcome.pk, []).append(entry)
    themes = []
    for outcome in outcomes:
        if not themes or themes[-1]["theme"].pk != outcome.theme_id:
            themes.append({"theme": outcome.theme, "outcomes": []})
        entries = by_outcome.get(outcome.pk, [])
        counts = Counter(u.rag if u else "no_update" for _, u in entries)
        themes[-1]["outcomes"].append({"outcome": outcome, "measures": list(outcome.measures.all()),
                                       "actions": entries, "rag": counts})
    overall = Counter(updates[r.identity_id].rag if r.identity_id in updates else "no_update" for r in rows)
    rounds = plan.rounds.all()
    if published_only:
        rounds = rounds.filter(version__published_at__isnull=False)
    return {"plan": plan, "themes": themes, "rows": rows, "overall": overall,
            "latest_round": rounds.order_by("-period_end", "-pk").first()}


def county_values(plan: Plan) -> dict[int, list[MeasureValue]]:
    """Each measure's county values, oldest first, in one query."""
    result: dict[int, list[MeasureValue]] = {}
    for value in MeasureValue.objects.filter(measure__outcome__plan=plan, geography="county").order_by(
            "measure_id", "period_start"):
        result.setdefault(value.measure_id, []).append(value)
    return result


def version_history(plan: Plan, *, published_only: bool = True) -> list[DeliveryPlan]:
    versions = plan.versions.select_related("previous").order_by("version_date", "pk")
    return list(versions.filter(published_at__isnull=False) if published_only else versions)


def identity_history(row: DeliveryAction) -> list[DeliveryAction]:
    """Every version's row of an action (its number in each), oldest first."""
    if row.identity_id is None:
        return [row]
    return list(DeliveryAction.objects.filter(identity_id=row.identity_id).select_related("plan")
                .order_by("plan__version_date", "plan_id"))


def measure_page(measure: Measure) -> dict:
    values = list(measure.values.order_by("period_start", "geography", "area"))
    county = [v for v in values if v.geography == "county"]
    latest = county[-1].value if county else None
    distance = rules.distance_to_target(latest=latest, baseline=measure.baseline_value, target=measure.target_value,
                                        direction=measure.direction)
    return {"measure": measure, "values": values, "county": county, "distance": distance}


def open_round(plan: Plan):
    return plan.rounds.filter(closed_on__isnull=True).select_related("version").first()


def in_round(round_, row: DeliveryAction) -> bool:
    """Whether an action (by its stable identity) is one of the round's version's rows."""
    return row.identity_id is not None and DeliveryAction.objects.filter(
        plan_id=round_.version_id, identity_id=row.identity_id).exists()


def round_progress(round_, *, today) -> dict:
    """Each action of the round's version with its latest update in the round and its reply state
    (``rules.reply_status``), the counts, and who has not replied, owner by owner."""
    rows = list(DeliveryAction.objects.filter(plan_id=round_.version_id)
                .prefetch_related(Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation", "body")))
                .order_by("position", "pk"))
    latest: dict[int, ActionUpdate] = {}
    for update in (ActionUpdate.objects.filter(round=round_).select_related("author")
                   .order_by("identity_id", "-created_at", "-pk")):
        latest.setdefault(update.identity_id, update)
    entries, owners = [], {}
    counts = Counter()
    for row in rows:
        update = latest.get(row.identity_id)
        state = rules.reply_status(submitted_on=update.submitted_on if update else None, due_by=round_.due_by,
                                   today=today)
        counts[state] += 1
        counts["replied" if update else "not_replied"] += 1
        entries.append({"row": row, "update": update, "state": state, "label": rules.REPLY_LABELS[state]})
        for owner in row.owners.all() or [None]:
            name = str(owner.party) if owner else "No owner recorded"
            slot = owners.setdefault(name, {"name": name, "actions": 0, "missing": []})
            slot["actions"] += 1
            if update is None:
                slot["missing"].append(row)
    waiting = sorted((o for o in owners.values() if o["missing"]), key=lambda o: (-len(o["missing"]), o["name"]))
    return {"round": round_, "entries": entries, "counts": counts, "waiting": waiting, "total": len(rows)}


def round_tasks(round_, user, *, today) -> list[dict]:
    """The actions of an open round that ``user`` may update (their own, or all for the Partnership team),
    as a task list: each with its reply state."""
    progress = round_progress(round_, today=today)
    return [e for e in progress["entries"] if can(user, "delivery.update_action", e["row"])]


def duty_states(plan: Plan, *, today) -> list[dict]:
    """Each statutory duty of the plan with its records and its state (``rules.duty_state``)."""
    result = []
    for duty in StatutoryDuty.objects.filter(plan=plan).prefetch_related("records__recorded_by"):
        records = list(duty.records.all())
        state = rules.duty_state(first_due=duty.first_due, frequency=duty.frequency,
                                 done={r.due_on for r in records}, today=today)
        result.append({"duty": duty, "records": records, "state": state, "label": rules.DUTY_LABELS[state.state]})
    return result


def funding(plan: Plan) -> list[dict]:
    """Each fund with its allocations (to actions, by their latest number, or to projects) and its totals."""
    funds = list(Fund.objects.filter(plan=plan).select_related("provider", "managed_by").prefetch_related(
        Prefetch("allocations", queryset=Allocation.objects.select_related("action"))))
    numbers = {r.identity_id: r for r in latest_rows(plan, published_only=False)}
    result = []
    for fund in funds:
        allocations = list(fund.allocations.all())
        allocated = sum((a.amount for a in allocations), Decimal(0))
        spent = sum((a.spent for a in allocations), Decimal(0))
        result.append({"fund": fund, "allocations": [(a, numbers.get(a.action_id)) for a in allocations],
                       "allocated": allocated, "spent": spent, "unallocated": fund.amount - allocated})
    return result


def possible_owners() -> list:
    """Who may own an action: the organisations, then the partnership groups, by name."""
    from saferhub.core.models import Organisation
    from saferhub.governance.models import Committee

    return [*Organisation.objects.order_by("name"), *Committee.objects.order_by("name")]
