"""The only place papers data changes (see docs/CONVENTIONS.md)."""

from saferhub.papers.actions.documents import store_document, upload_annex, withdraw_document
from saferhub.papers.actions.exempt import mark_item_exempt
from saferhub.papers.actions.minutes import (
    answer_written_question,
    confirm_minutes,
    draft_chair_report,
    edit_chair_report,
    publish_minutes,
    record_delegation,
    record_written_question,
    send_chair_report,
)
from saferhub.papers.actions.publication import (
    build_agenda,
    cancel_scheduled_publication,
    publish_agenda,
    schedule_publication,
    update_paper_settings,
)
from saferhub.papers.actions.reports import add_report_from_source, save_cover_report, save_report_template
from saferhub.papers.actions.supplementary import publish_supplementary_pack
from saferhub.papers.actions.tracking import (
    add_future_item,
    add_work_programme_entry,
    carry_forward_business,
    carry_forward_work_programme,
    record_recommendation_response,
    update_work_programme_entry,
)

__all__ = [
    "add_report_from_source",
    "mark_item_exempt",
    "add_future_item",
    "add_work_programme_entry",
    "answer_written_question",
    "build_agenda",
    "cancel_scheduled_publication",
    "carry_forward_business",
    "carry_forward_work_programme",
    "confirm_minutes",
    "draft_chair_report",
    "edit_chair_report",
    "publish_agenda",
    "publish_minutes",
    "publish_supplementary_pack",
    "record_delegation",
    "record_recommendation_response",
    "record_written_question",
    "save_cover_report",
    "save_report_template",
    "schedule_publication",
    "send_chair_report",
    "store_document",
    "update_paper_settings",
    "update_work_programme_entry",
    "upload_annex",
    "withdraw_document",
]
