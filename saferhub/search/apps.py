from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "saferhub.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from saferhub.search import receivers

        receivers.connect()
