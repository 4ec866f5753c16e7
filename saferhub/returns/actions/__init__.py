"""Every write to returns (CONVENTIONS "Actions")."""

from saferhub.returns.actions.definitions import define_return
from saferhub.returns.actions.submissions import (
    FiguresBreakRules,
    import_submissions,
    save_submission,
    submit_submission,
)

__all__ = ["FiguresBreakRules", "define_return", "import_submissions", "save_submission", "submit_submission"]
