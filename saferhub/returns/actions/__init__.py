"""Every write to returns (CONVENTIONS "Actions")."""

from saferhub.returns.actions.centres import add_reporting_centre, update_reporting_centre
from saferhub.returns.actions.definitions import define_return, name_contributors
from saferhub.returns.actions.prevent import add_benchmark, complete_exercise, open_exercise, rate_benchmark
from saferhub.returns.actions.submissions import (
    FiguresBreakRules,
    NotYourSubmission,
    import_submissions,
    save_submission,
    submit_submission,
)
from saferhub.returns.actions.tensions import (
    configure_channel_summary,
    configure_log,
    erase_expired_tensions,
    escalate_tension,
    join_tension_analysts,
    name_recipient,
    record_feedback,
    submit_tension,
    triage_tension,
)

__all__ = ["FiguresBreakRules", "NotYourSubmission", "add_benchmark", "complete_exercise", "define_return", "name_contributors", "open_exercise",
           "rate_benchmark", "import_submissions", "save_submission", "submit_submission",
           "add_reporting_centre", "configure_channel_summary", "configure_log", "erase_expired_tensions", "escalate_tension", "name_recipient",
           "join_tension_analysts", "record_feedback", "submit_tension", "triage_tension", "update_reporting_centre"]
