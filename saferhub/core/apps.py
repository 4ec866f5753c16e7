from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared kernel: organisations, people, calendar, permissions, audit and site configuration."""

    name = "saferhub.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from saferhub.core import audit, checks, permissions  # noqa: F401
        from saferhub.core.params import IdConverter

        # <id:pk> in every app's URLs: a database id (1 to 2**63 - 1), before any URLconf is read.
        register_converter(IdConverter, "id")

        post_migrate.connect(_create_role_groups, sender=self, dispatch_uid="saferhub.core.role_groups")

        audit.register_codes(
            "core",
            [
                ("core.organisation.created", "Create organisation", "Created organisation"),
                ("core.organisation.updated", "Update organisation", "Updated organisation"),
                ("core.person.created", "Create person", "Created person"),
                ("core.person.updated", "Update person", "Updated person"),
                ("core.person.alias_added", "Add a name alias", "Added a name alias"),
                ("core.site.updated", "Update site configuration", "Updated site configuration"),
                ("core.user.roles_set", "Set a user's roles", "Set a user's roles"),
                ("core.api_token.created", "Create API token", "Created API token"),
                ("core.api_token.revoked", "Revoke API token", "Revoked API token"),
                ("core.audit.redacted", "Redact audit rows", "Redacted personal data in audit rows"),
                ("core.partnership_member.added", "Add a partnership member", "Added a partnership member"),
                ("core.partnership_member.changed", "Change a partnership membership",
                 "Changed a partnership membership's dates"),
                ("core.partnership_member.removed", "Remove a partnership member", "Removed a partnership member"),
            ],
        )
        _connect_sign_in_signals()


def _connect_sign_in_signals() -> None:
    """Sign-in events become audit rows (saferhub/core/signin/receivers.py)."""
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    from saferhub.core import audit
    from saferhub.core.signin import receivers

    audit.register_codes(
        "core",
        [
            ("core.signin.succeeded", "Sign in", "Signed in"),
            ("core.signin.failed", "Fail to sign in", "Failed to sign in"),
            ("core.signin.locked", "Lock sign-in", "Locked sign-in after repeated failures"),
            ("core.signin.unlocked", "Unlock sign-in", "Unlocked sign-in"),
            ("core.second_factor.setup_started", "Start setting up an authenticator app",
             "Started setting up an authenticator app"),
            ("core.second_factor.set_up", "Set up an authenticator app", "Set up an authenticator app"),
            ("core.second_factor.verified", "Enter a security code", "Entered a security code"),
            ("core.second_factor.failed", "Enter a wrong security code", "Entered a wrong security code"),
            ("core.second_factor.recovery_code_used", "Use a recovery code", "Used a recovery code"),
            ("core.second_factor.recovery_codes_renewed", "Make new recovery codes", "Made new recovery codes"),
            ("core.second_factor.reset", "Reset a person's security codes", "Reset a person's security codes"),
        ],
    )
    user_logged_in.connect(receivers.signed_in, dispatch_uid="saferhub.core.signin.succeeded")
    user_login_failed.connect(receivers.sign_in_failed, dispatch_uid="saferhub.core.signin.failed")
    user_locked_out.connect(receivers.locked_out, dispatch_uid="saferhub.core.signin.locked")


def _create_role_groups(sender, **kwargs) -> None:
    """Make sure a group exists for every role after migrations."""
    from saferhub.core.permissions import ensure_role_groups

    ensure_role_groups()
