"""Every write to consultations (CONVENTIONS "Actions")."""

from saferhub.consultations.actions.coding import add_theme, code_answer
from saferhub.consultations.actions.responses import submit_response
from saferhub.consultations.actions.retention import apply_retention
from saferhub.consultations.actions.surveys import (
    add_question,
    add_section,
    create_survey,
    open_survey,
    publish_results,
    set_baseline,
    set_schedule,
    withdraw_results,
)

__all__ = ["add_question", "add_section", "add_theme", "apply_retention", "code_answer", "create_survey",
           "open_survey", "publish_results", "set_baseline", "set_schedule", "submit_response", "withdraw_results"]
