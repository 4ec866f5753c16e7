"""The partnership's ASB Case Review settings: the one way to read them.

There is one settings record per installation (``AsbSettings``, loaded from ``data/norfolk.yaml`` by
``load_asb_config`` and edited in the admin through ``actions.update_asb_settings``). Until one is saved,
everything reads the model's defaults, which are Norfolk's. Pages, the API, letters, queries, actions and
commands all call ``current_settings()``; nothing else queries ``AsbSettings`` for reading.
"""

from __future__ import annotations

from saferhub.asb.models import AsbSettings


def stored_settings() -> AsbSettings | None:
    """The saved settings record, or ``None`` before a configuration is loaded (the write path uses this)."""
    return AsbSettings.objects.select_related("pcc_office").order_by("pk").first()


def current_settings() -> AsbSettings:
    """The settings in force: the saved record, else the model's defaults (Norfolk's), unsaved."""
    return stored_settings() or AsbSettings()
