from django.apps import AppConfig


class AsbConfig(AppConfig):
    """ASB Case Reviews ("Community Trigger"): applications, threshold, clocks, panels, letters, appeals."""

    name = "saferhub.asb"
    label = "asb"
    verbose_name = "ASB Case Reviews"
