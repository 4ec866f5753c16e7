from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts for the public (committees, councillors, words in documents, the work programme) and the
    staff notifications other apps register in ``saferhub.core.notifications``."""

    name = "saferhub.alerts"
    label = "alerts"
    verbose_name = "Email alerts"

    def ready(self) -> None:
        from saferhub.alerts import receivers, signals
        from saferhub.core import audit

        signals.email_requested.connect(receivers.queue_email, dispatch_uid="saferhub.alerts.queue_email")

        from saferhub.alerts import panels
        from saferhub.governance import extensions

        extensions.register_committee_panel(panels.committee_alerts)
        extensions.register_person_panel(panels.councillor_alerts)

        audit.register_codes("alerts", [
            ("alerts.subscription.requested", "Ask for an email alert", "Asked for an email alert (not yet confirmed)"),
            ("alerts.subscription.confirmed", "Confirm an email alert", "Confirmed an email alert"),
            ("alerts.subscription.changed", "Change how often an alert is sent", "Changed how often an alert is sent"),
            ("alerts.subscription.unsubscribed", "Unsubscribe from an email alert", "Unsubscribed from an email alert"),
            ("alerts.subscription.expired", "Delete unconfirmed alerts", "Deleted unconfirmed email alerts"),
            ("alerts.sent", "Send email alerts", "Sent email alerts"),
            ("alerts.staff_preferences.saved", "Save notification settings", "Saved notification settings"),
        ])
