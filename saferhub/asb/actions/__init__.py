"""The only place ASB Case Review data changes. Pages, the API, the admin, commands and tasks call these."""

from saferhub.asb.actions.appeals import appeal_deadline_for, decide_appeal, lodge_appeal
from saferhub.asb.actions.cases import (
    add_complaint,
    determine_threshold,
    mark_vexatious,
    record_acknowledgement,
    record_overrun_notice,
    reevaluate_threshold,
    submit_application,
    triage_case,
    update_application,
)
from saferhub.asb.actions.config import (
    assign_asb_staff,
    join_county_team,
    leave_county_team,
    remove_asb_staff,
    save_local_route,
    save_opt_area,
    save_relevant_body,
    update_asb_settings,
)
from saferhub.asb.actions.configured import record_partner_page, record_pcc_review, record_threshold_discretion
from saferhub.asb.actions.letters import (
    acknowledge_and_store_letter,
    determine_and_store_letter,
    send_and_store_decision_letter,
    store_letter,
)
from saferhub.asb.actions.online import (
    send_acknowledgement_email,
    submit_online_application,
    will_email_acknowledgement,
)
from saferhub.asb.actions.peer_review import assign_peer_review, complete_peer_review, nominate_peer_reviewer
from saferhub.asb.actions.records import (
    AUDIT_CHECKLIST,
    add_case_document,
    apply_retention,
    approve_published_summary,
    draft_published_summary,
    record_audit_checklist,
    save_published_summary,
    set_legal_hold,
)
from saferhub.asb.actions.review import (
    add_action_item,
    appoint_lead_agency,
    close_case,
    record_information_response,
    record_initial_review,
    record_panel,
    schedule_panel,
    send_decision_letter,
    send_information_requests,
    update_action_item,
)

__all__ = [
    "record_partner_page", "record_pcc_review", "record_threshold_discretion",
    "AUDIT_CHECKLIST", "add_action_item", "add_complaint", "mark_vexatious", "update_application", "add_case_document", "appeal_deadline_for", "apply_retention",
    "appoint_lead_agency", "approve_published_summary", "assign_asb_staff", "join_county_team", "leave_county_team", "assign_peer_review", "close_case",
    "complete_peer_review", "decide_appeal", "determine_threshold", "draft_published_summary", "lodge_appeal",
    "nominate_peer_reviewer", "record_acknowledgement", "record_audit_checklist", "record_information_response",
    "record_initial_review", "record_overrun_notice", "record_panel", "reevaluate_threshold", "remove_asb_staff",
    "save_local_route", "save_opt_area", "save_relevant_body", "schedule_panel", "send_decision_letter",
    "send_information_requests", "set_legal_hold", "submit_application", "triage_case", "update_action_item",
    "update_asb_settings", "acknowledge_and_store_letter", "determine_and_store_letter",
    "send_and_store_decision_letter", "store_letter", "send_acknowledgement_email", "submit_online_application",
    "will_email_acknowledgement", "save_published_summary",
]
