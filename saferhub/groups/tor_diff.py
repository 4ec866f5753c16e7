"""What one Terms of Reference version changed from another, field by field (issue 11 item 6): the one home
of the diff shown on a version's page and on an amendment's page. Pure: it takes plain values."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The fields an amendment may change, with the label the pages show (in the order shown).
FIELDS: dict[str, str] = {
    "purpose": "Purpose",
    "key_activities": "Key activities",
    "priorities": "Priorities",
    "accountability": "Accountability",
    "quorum": "Quorum",
    "cadence_months": "Cadence months",
    "cadence_weeks": "Cadence weeks",
    "chair_term_months": "Chair term months",
    "chair_election_method": "Chair election method",
    "chair_from_members": "Chair from members",
    "chair_re_electable": "Chair re-electable",
    "pre_agenda_days_before": "Pre-agenda meeting, days before",
    "papers_days_before": "Papers out, days before",
    "papers_clear_working_days": "Papers out, clear working days",
    "minutes_days_after": "Minutes out, days after",
    "report_to_parent_months": "Reports to parent, every so many months",
    "absence_meetings": "Roster: absent from the last so many meetings",
    "review_months": "Review every so many months",
    "review_date": "Review date",
}
LIST_FIELDS = {"key_activities", "priorities"}
REQUIRED_MEMBERS = "Required members"


@dataclass(frozen=True)
class FieldChange:
    """One field's change: ``kind`` is "added" (nothing before), "removed" (nothing after) or "changed";
    for lists, the items added and removed."""

    label: str
    kind: str
    before: object
    after: object
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    def __iter__(self):  # (label, before, after), as the version page's table reads it
        return iter((self.label, self.before, self.after))


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _item(value) -> str:
    if isinstance(value, dict):
        return str(value.get("title") or value)
    return str(value)


def _shown(value):
    if isinstance(value, list):
        return "; ".join(_item(v) for v in value) or None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def _kind(before, after) -> str:
    if _empty(before):
        return "added"
    if _empty(after):
        return "removed"
    return "changed"


def diff(old: dict, new: dict, old_members: list[str] | None = None,
         new_members: list[str] | None = None) -> list[FieldChange]:
    """The changes from ``old`` to ``new`` (dicts of field values; a field missing from both is not
    compared), then the required member organisations by name."""
    out = []
    for name, label in FIELDS.items():
        if name not in old and name not in new:
            continue
        before, after = old.get(name), new.get(name)
        if before == after or (_empty(before) and _empty(after)):
            continue
        if name in LIST_FIELDS:
            b, a = [_item(v) for v in before or []], [_item(v) for v in after or []]
            out.append(FieldChange(label, _kind(before, after), _shown(before), _shown(after),
                                   added=[v for v in a if v not in b], removed=[v for v in b if v not in a]))
        else:
            out.append(FieldChange(label, _kind(before, after), _shown(before), _shown(after)))
    if old_members is not None and new_members is not None and old_members != new_members:
        added = [m for m in new_members if m not in old_members]
        removed = [m for m in old_members if m not in new_members]
        out.append(FieldChange(REQUIRED_MEMBERS, _kind(old_members, new_members), ", ".join(removed) or "–",
                               ", ".join(added) or "–", added=added, removed=removed))
    return out
