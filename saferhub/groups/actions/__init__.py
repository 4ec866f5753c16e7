"""The only place groups data changes: each action checks permission, applies the rules, saves in
one transaction and writes an audit row. Meetings and agenda items are written through
``saferhub.governance.actions``."""

from saferhub.groups.actions.amendments import agree_tor_amendment, propose_tor_amendment, withdraw_tor_amendment
from saferhub.groups.actions.log import add_action, carry_forward_actions, update_action
from saferhub.groups.actions.meetings import complete_task, schedule_group_meeting, write_progress_report
from saferhub.groups.actions.people import add_member, elect_chair, end_member
from saferhub.groups.actions.register import add_tor_version, register_body, set_register_entry
from saferhub.groups.actions.reviews import record_tor_review_no_change, sweep_tor_reviews

__all__ = [
    "add_action", "add_member", "add_tor_version", "carry_forward_actions", "complete_task", "elect_chair",
    "end_member", "register_body", "schedule_group_meeting", "set_register_entry", "update_action",
    "write_progress_report", "agree_tor_amendment", "propose_tor_amendment", "withdraw_tor_amendment",
    "record_tor_review_no_change", "sweep_tor_reviews",
]
