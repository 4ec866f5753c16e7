import pytest


@pytest.fixture(autouse=True)
def _report_files_in_memory(settings):
    """Uploaded report versions, letters and agencies' reviews go to memory, not the shared media folder."""
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage") and "OPTIONS" not in settings.STORAGES["default"]:
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
