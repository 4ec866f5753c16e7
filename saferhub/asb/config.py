"""A partnership's ASB Case Review settings: the one way to read them.

Each partnership has one settings record (``AsbSettings.partnership``, loaded from ``data/norfolk.yaml`` by
``load_asb_config`` and edited in the admin through ``actions.update_asb_settings``). Until one is saved, a
partnership reads the model's defaults, which are Norfolk's. Pages, the API, letters, queries, actions and
commands all call ``current_settings(scope)``; nothing else queries ``AsbSettings`` for reading.

``scope`` is what the settings are for: a case (or anything with a ``partnership_id``), a partnership
organisation or its id. Without one, the home partnership's (``core.partnerships.home_partnership``): the
public form and the single-partnership installation.
"""

from __future__ import annotations

from saferhub.asb.models import AsbSettings


def partnership_id_of(scope) -> int | None:
    """The partnership id ``scope`` names (a case, an area, a settings record, an organisation or an id)."""
    from saferhub.core.models import Organisation

    if scope is None:
        return None
    if isinstance(scope, int):
        return scope
    if isinstance(scope, Organisation):
        return scope.pk
    pid = getattr(scope, "partnership_id", None)
    if pid is None and getattr(scope, "case", None) is not None:
        pid = scope.case.partnership_id
    return pid


def home_partnership_id() -> int | None:
    from saferhub.core.partnerships import home_partnership

    home = home_partnership()
    return home.pk if home else None


def stored_settings(scope=None) -> AsbSettings | None:
    """The saved settings record of ``scope``'s partnership, or ``None`` before one is saved (the write path
    uses this). Without a scope: the home partnership's, else (an installation that has not named one) the
    only record there is."""
    qs = AsbSettings.objects.select_related("pcc_office", "partnership")
    pid = partnership_id_of(scope)
    if pid is None:
        pid = home_partnership_id()
        if pid is None:
            return qs.order_by("pk").first()
    return qs.filter(partnership_id=pid).first()


def current_settings(scope=None) -> AsbSettings:
    """The settings in force for ``scope``: the saved record, else the model's defaults (Norfolk's), unsaved."""
    found = stored_settings(scope)
    if found is not None:
        return found
    pid = partnership_id_of(scope) or home_partnership_id()
    return AsbSettings(partnership_id=pid) if pid else AsbSettings()


def public_partnership_id() -> int | None:
    """The partnership the public application form, the public threshold check and the public statistics are
    for: ``settings.ASB_PUBLIC_PARTNERSHIP`` (a partnership's name) when set, else the home partnership. Norfolk's
    installation sets nothing and keeps working as before."""
    from django.conf import settings

    from saferhub.core.models import Organisation, OrganisationKind

    name = getattr(settings, "ASB_PUBLIC_PARTNERSHIP", "")
    if name:
        return (Organisation.objects.filter(name=name, kind=OrganisationKind.PARTNERSHIP)
                .values_list("pk", flat=True).first())
    return home_partnership_id()


def public_areas():
    """The OPT areas the public form offers: the public partnership's, in their order."""
    from saferhub.asb.models import OptArea

    return OptArea.objects.filter(partnership_id=public_partnership_id()).order_by("position", "name")
