"""The only writes to the Plan: each checks permission, saves in one transaction and audits."""

from saferhub.delivery.actions.drafts import add_draft_row, remove_row, reword_row
from saferhub.delivery.actions.duties import add_duty, record_duty_done, schedule_duty
from saferhub.delivery.actions.funding import add_fund, allocate, record_spend
from saferhub.delivery.actions.performance import record_value, record_values, set_measure_target, submit_update
from saferhub.delivery.actions.register import ACTION_FIELDS, add_action, add_actions, create_plan, update_action
from saferhub.delivery.actions.rounds import close_round, open_round
from saferhub.delivery.actions.structure import (
    add_measure,
    add_outcome,
    add_priority,
    add_theme,
    create_strategic_plan,
    set_rag_definitions,
)
from saferhub.delivery.actions.versions import (
    add_version_row,
    create_version,
    publish_version,
    renumber_row,
    set_owners,
)

__all__ = [
    "ACTION_FIELDS", "add_action", "add_draft_row", "remove_row", "reword_row", "add_actions", "add_duty", "add_fund", "allocate", "add_measure", "add_outcome", "add_priority", "add_theme",
    "add_version_row", "close_round", "create_plan", "create_strategic_plan", "create_version", "open_round", "publish_version",
    "record_duty_done", "record_spend", "record_value", "record_values", "renumber_row", "schedule_duty", "set_measure_target", "set_owners", "set_rag_definitions", "submit_update",
    "update_action",
]
