"""Facts the rules need, gathered from the database."""

from __future__ import annotations

from saferhub.delivery import rules


def snapshots(version) -> list[rules.RowSnapshot]:
    """A version's rows as ``rules.diff_versions`` compares them (by stable identity)."""
    return [rules.RowSnapshot(key=r.identity.key if r.identity_id else f"row-{r.pk}", number=r.number,
                              text=r.action, success_measure=r.success_measure)
            for r in version.actions.select_related("identity")]
