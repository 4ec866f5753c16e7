"""Every write to returns (CONVENTIONS "Actions")."""

from saferhub.returns.actions.definitions import define_return
from saferhub.returns.actions.submissions import FiguresBreakRules, save_submission, submit_submission

__all__ = ["FiguresBreakRules", "define_return", "save_submission", "submit_submission"]
