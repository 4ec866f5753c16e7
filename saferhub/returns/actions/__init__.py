"""Every write to returns (CONVENTIONS "Actions")."""

from saferhub.returns.actions.definitions import define_return
from saferhub.returns.actions.prevent import add_benchmark, complete_exercise, open_exercise, rate_benchmark
from saferhub.returns.actions.submissions import (
    FiguresBreakRules,
    import_submissions,
    save_submission,
    submit_submission,
)

__all__ = ["FiguresBreakRules", "add_benchmark", "complete_exercise", "define_return", "open_exercise",
           "rate_benchmark", "import_submissions", "save_submission", "submit_submission"]
