"""The only place governance data changes. Forms, admin, the API, commands and the importer all
call these functions; each checks permission, applies the rules, saves in one transaction and
writes an audit row."""

from saferhub.governance.actions.agenda import (
    add_agenda_item,
    add_agenda_items,
    arrange_agenda,
    publish_meeting_record,
    update_agenda_item,
)
from saferhub.governance.actions.attendance import (
    finalise_attendance,
    record_attendance,
    record_attendance_many,
    record_chair,
    remove_attendance,
    reopen_attendance,
)
from saferhub.governance.actions.business import (
    record_decision,
    record_decisions,
    record_declaration,
    remove_decision,
    remove_declaration,
    set_recommendation_status,
)
from saferhub.governance.actions.constitution import (
    add_seat,
    add_seat_group,
    appoint_member,
    appoint_members,
    create_committee,
    elect_office_holder,
    end_membership,
    set_support_officers,
    update_terms_of_reference,
)
from saferhub.governance.actions.councillors import set_councillor_party
from saferhub.governance.actions.interests import (
    add_register_entry,
    close_monitoring_task,
    grant_dispensation,
    record_register_change,
    record_register_review,
)
from saferhub.governance.actions.meetings import (
    cancel_meeting,
    postpone_meeting,
    record_outcome_without_attendance,
    schedule_meeting,
    update_meeting,
)

__all__ = [
    "add_agenda_item",
    "add_agenda_items",
    "arrange_agenda",
    "add_register_entry",
    "close_monitoring_task",
    "grant_dispensation",
    "record_register_change",
    "record_register_review",
    "set_councillor_party",
    "add_seat",
    "add_seat_group",
    "appoint_member",
    "appoint_members",
    "cancel_meeting",
    "create_committee",
    "elect_office_holder",
    "end_membership",
    "finalise_attendance",
    "postpone_meeting",
    "publish_meeting_record",
    "record_attendance",
    "record_attendance_many",
    "record_outcome_without_attendance",
    "record_chair",
    "record_decision",
    "record_decisions",
    "record_declaration",
    "remove_attendance",
    "remove_decision",
    "remove_declaration",
    "reopen_attendance",
    "schedule_meeting",
    "set_recommendation_status",
    "set_support_officers",
    "update_agenda_item",
    "update_meeting",
    "update_terms_of_reference",
]
