from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared kernel: organisations, people, calendar, permissions, audit and site configuration."""

    name = "saferhub.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from saferhub.core import audit, checks, permissions  # noqa: F401

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
            ],
        )


def _create_role_groups(sender, **kwargs) -> None:
    """Make sure a group exists for every role after migrations."""
    from saferhub.core.permissions import ensure_role_groups

    ensure_role_groups()
