from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "saferhub.delivery"
    verbose_name = "Plan and delivery"

    def ready(self) -> None:
        from saferhub.core import audit, pages
        from saferhub.delivery import dashboard, policies  # noqa: F401  (registers permissions)

        pages.register_dashboard_section(dashboard.dashboard_section)
        from saferhub.delivery import notifications

        notifications.register()  # staff email: actions due
        from saferhub.delivery import agenda

        agenda.register()  # the performance report, offered for a scrutiny committee's agenda pack

        audit.register_codes("delivery", [
            ("delivery.plan.created", "Create delivery plan", "Created delivery plan"),
            ("delivery.action.added", "Add delivery action", "Added delivery action"),
            ("delivery.action.updated", "Update delivery action", "Updated delivery action"),
            ("delivery.plan.structured", "Record plan", "Recorded the plan"),
            ("delivery.theme.added", "Add theme", "Added a strategic theme"),
            ("delivery.priority.added", "Add priority", "Added a priority"),
            ("delivery.outcome.added", "Add outcome", "Added a long-term outcome"),
            ("delivery.measure.added", "Add measure", "Added a measure"),
            ("delivery.measure.target_set", "Set measure target", "Set a measure's baseline and target"),
            ("delivery.version.created", "Create plan version", "Created a delivery plan version"),
            ("delivery.version.published", "Publish plan version", "Published a delivery plan version"),
            ("delivery.action.owners_set", "Set action owners", "Set an action's owners"),
            ("delivery.action.renumbered", "Renumber action", "Renumbered an action"),
            ("delivery.action.reworded", "Reword action", "Reworded an action of a draft version"),
            ("delivery.action.removed", "Remove action", "Removed an action from a draft version"),
            ("delivery.value.recorded", "Record measure value", "Recorded a measure value"),
            ("delivery.values.imported", "Import measure values", "Imported measure values"),
            ("delivery.update.submitted", "Submit action update", "Submitted an action update"),
            ("delivery.round.opened", "Open reporting round", "Opened a reporting round"),
            ("delivery.round.closed", "Close reporting round", "Closed a reporting round"),
            ("delivery.duty.added", "Add statutory duty", "Added a statutory duty"),
            ("delivery.duty.scheduled", "Schedule statutory duty", "Set when a statutory duty falls due"),
            ("delivery.fund.added", "Add fund", "Added a fund"),
            ("delivery.fund.allocated", "Allocate funding", "Allocated money from a fund"),
            ("delivery.fund.spend_recorded", "Record spend", "Recorded spend and evaluation of an allocation"),
            ("delivery.rag_definitions.set", "Set RAG definitions", "Set what each RAG status means"),
            ("delivery.duty.done", "Record statutory duty done", "Recorded that a statutory duty was done"),
        ])
