"""Facts the rules need, gathered from the database."""

from __future__ import annotations

from saferhub.delivery import rules


def snapshots(version) -> list[rules.RowSnapshot]:
    """A version's rows as ``rules.diff_versions`` compares them (by stable identity)."""
    return [rules.RowSnapshot(key=r.identity.key if r.identity_id else f"row-{r.pk}", number=r.number,
                              text=r.action, success_measure=r.success_measure)
            for r in version.actions.select_related("identity")]


def baseline(version) -> list[rules.RowSnapshot]:
    """What ``version`` is compared with: its previous version's rows, and, where that version is
    partial, each action as last shown further back, up to the first complete version."""
    seen: dict[str, rules.RowSnapshot] = {}
    current, hops = version.previous, 0
    while current is not None and hops < 50:
        for row in snapshots(current):
            seen.setdefault(row.key, row)
        if not current.is_partial:
            break
        current, hops = current.previous, hops + 1
    return list(seen.values())


def version_diff(version) -> rules.VersionDiff:
    """The diff of a version from its baseline; a partial version removes nothing."""
    diff = rules.diff_versions(baseline(version), snapshots(version))
    if version.is_partial:
        diff.removed = []
    return diff
