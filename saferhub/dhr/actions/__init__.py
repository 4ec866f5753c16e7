"""Every change to a Domestic Homicide Review goes through these functions (the one write path)."""

from saferhub.dhr.actions.cases import (
    notify_case,
    record_case_viewed,
    record_decision,
    record_direction,
    record_home_office_confirmation,
    record_home_office_notified,
    record_qa_panel_seen,
    reopen_decision,
    tell_family,
)
from saferhub.dhr.actions.records import (
    add_chair,
    add_parallel_process,
    appoint_chair,
    appoint_person,
    blocking_processes,
    end_parallel_process,
    invite_tender,
    log_family_contact,
    record_imr_viewed,
    record_review_viewed,
    retire_chair,
    update_recommendation,
    upload_imr,
)
from saferhub.dhr.actions.report import (
    record_document_viewed,
    record_qa_approval,
    record_qa_letter,
    respond_to_qa_change,
    submit_to_qa,
    upload_report_version,
)
from saferhub.dhr.actions.retention import erase_case, erase_due_cases, erase_retired_chairs
from saferhub.dhr.actions.review import (
    add_panel_member,
    add_recommendation,
    extend_review,
    receive_imr,
    record_step,
    request_imr,
    withhold_publication,
)
from saferhub.dhr.actions.team import join_team, leave_team, save_settings

__all__ = [
    "record_document_viewed", "record_qa_approval", "record_qa_letter", "respond_to_qa_change", "submit_to_qa",
    "upload_report_version",
    "add_chair", "add_parallel_process", "appoint_chair", "appoint_person", "blocking_processes",
    "end_parallel_process", "invite_tender", "log_family_contact", "record_imr_viewed", "record_review_viewed", "retire_chair", "update_recommendation",
    "upload_imr",
    "add_panel_member", "add_recommendation", "erase_case", "erase_due_cases", "erase_retired_chairs", "extend_review", "join_team",
    "leave_team", "notify_case", "receive_imr", "record_case_viewed", "record_decision", "record_direction",
    "record_home_office_confirmation", "record_home_office_notified", "record_qa_panel_seen", "record_step",
    "reopen_decision", "request_imr", "save_settings", "tell_family", "withhold_publication",
]
