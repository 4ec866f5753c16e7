from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data and feeds: OParl 1.1, iCalendar, RSS/Atom, the public meetings calendar."""

    name = "saferhub.opendata"
    label = "opendata"
    verbose_name = "Open data"

    def ready(self) -> None:
        from saferhub.governance import extensions
        from saferhub.opendata import middleware, panels, receivers

        receivers.connect()
        middleware.connect()
        extensions.register_meeting_panel(panels.written_questions)
        extensions.register_meeting_panel(panels.meeting_links)
        extensions.register_committee_panel(panels.committee_links)
