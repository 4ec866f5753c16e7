"""The Plan's pages: the plan and its measures and versions (``plan``), and reporting rounds (``rounds``)."""

from saferhub.delivery.views.drafts import add_row, remove_row, reword_row, start_version
from saferhub.delivery.views.duties import duties, duty_detail
from saferhub.delivery.views.funding import funding
from saferhub.delivery.views.plan import (
    RAG_LABELS,
    action_detail,
    measure_detail,
    plan_detail,
    plan_list,
    update_action,
    upload_values,
    versions,
)
from saferhub.delivery.views.rag import rag_definitions
from saferhub.delivery.views.report import report, report_document
from saferhub.delivery.views.rounds import my_round, round_detail, rounds
from saferhub.delivery.views.values import add_value, measure_target
from saferhub.delivery.views.version_page import version_detail

__all__ = ["RAG_LABELS", "action_detail", "add_row", "add_value", "remove_row", "reword_row", "start_version", "duties", "duty_detail", "funding", "measure_detail", "measure_target", "my_round", "plan_detail", "plan_list", "rag_definitions", "report",
           "report_document", "round_detail", "rounds", "update_action", "upload_values", "version_detail", "versions"]
