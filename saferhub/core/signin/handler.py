"""The axes handler: axes' database handler (one store shared by every worker and machine), with a
limit of its own for each lockout parameter.

Axes compares the worst count over ``AXES_LOCKOUT_PARAMETERS`` with one ``AXES_FAILURE_LIMIT``. Here each
parameter's count is first moved by the difference between its own limit (``policy.limit_for``) and the
account limit, so the comparison locks exactly when some parameter reaches its own limit.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from django.db.models import Sum

from saferhub.core.signin import policy


class SignInAttemptHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        base = policy.account_limit()
        worst = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if count:
                worst = max(worst, count + base - policy.limit_for(parameter))
        return worst
