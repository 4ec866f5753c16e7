from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data and feeds: OParl 1.1, iCalendar, RSS/Atom, the public meetings calendar."""

    name = "saferhub.opendata"
    label = "opendata"
    verbose_name = "Open data"
