"""The returns' demonstration account: a police analyst of the home partnership's community tension log (``tension-analyst``),
contributed to ``core.demo`` (``manage.py create_demo_users``)."""

from __future__ import annotations

from saferhub.core import actions as core_actions
from saferhub.core.actors import Actor
from saferhub.core.demo import demo_user
from saferhub.core.permissions import Role


def create_demo_accounts(password: str, *, acting_user: Actor) -> list[str]:
    user = demo_user("tension-analyst", full_name="Tess Analyst", password=password)
    core_actions.set_user_roles(user, roles=[Role.TENSION_ANALYST], acting_user=acting_user)
    from saferhub.returns import actions

    actions.join_tension_analysts(user=user, acting_user=acting_user)
    return [user.username]
