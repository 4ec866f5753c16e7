from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "saferhub.delivery"
    verbose_name = "Delivery plans"

    def ready(self) -> None:
        from saferhub.core import audit
        from saferhub.delivery import policies  # noqa: F401  (registers permissions)

        audit.register_codes("delivery", [
            ("delivery.plan.created", "Create delivery plan", "Created delivery plan"),
            ("delivery.action.added", "Add delivery action", "Added delivery action"),
            ("delivery.action.updated", "Update delivery action", "Updated delivery action"),
        ])
