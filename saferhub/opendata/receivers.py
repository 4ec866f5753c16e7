"""Keep a tombstone when an object published as open data is deleted (OParl 1.1 soft delete)."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.utils import timezone

#: model label -> (OParl type, prefix of the id in the OParl URL)
TRACKED = {
    "governance.Committee": ("Organization", "c"),
    "core.Organisation": ("Organization", "o"),
    "core.Person": ("Person", ""),
    "governance.Membership": ("Membership", ""),
    "groups.GroupMembership": ("Membership", "g"),
    "governance.Meeting": ("Meeting", ""),
    "governance.AgendaItem": ("AgendaItem", ""),
    "papers.CoverReport": ("Paper", ""),
    "papers.Document": ("File", ""),
}


def was_public(label: str, instance) -> bool:
    """Only objects that were published leave a tombstone: a draft document or an officer deleted
    never existed as far as open data is concerned. (Bodies tied to seats or committees, and people
    with memberships, cannot be deleted while those rows exist.)"""
    if label == "papers.Document":
        return instance.published_at is not None
    if label == "papers.CoverReport":
        return instance.status == "final"
    if label == "core.Person":
        return instance.is_councillor
    if label == "core.Organisation":
        from saferhub.opendata.queries import PUBLIC_ORGANISATION_KINDS

        return instance.kind in PUBLIC_ORGANISATION_KINDS
    if label == "groups.GroupMembership":  # a private group's members were never open data
        from saferhub.governance.models import Committee

        return Committee.objects.filter(pk=instance.body_id, is_public=True).exists()
    return True


def record_tombstone(sender, instance, **kwargs) -> None:
    from saferhub.opendata.models import OParlTombstone

    if not was_public(sender._meta.label, instance):
        return
    kind, prefix = TRACKED[sender._meta.label]
    now = timezone.now()
    rows = [(kind, f"{prefix}{instance.pk}")]
    if kind == "Paper":
        rows.append(("Consultation", str(instance.pk)))  # one consultation per report, same id
    required = {}
    if kind == "AgendaItem":
        required["order"] = instance.position
    elif kind == "File":
        required["accessUrl"] = f"/files/{instance.pk}/"
    for object_type, object_id in rows:
        OParlTombstone.objects.update_or_create(
            object_type=object_type, object_id=object_id,
            defaults={"created": getattr(instance, "created_at", None), "deleted_at": now,
                      "required": required if object_type == kind else {}},
        )


def connect() -> None:
    from django.apps import apps

    for label in TRACKED:
        model = apps.get_model(label)
        post_delete.connect(record_tombstone, sender=model, dispatch_uid=f"saferhub.opendata.tombstone.{label}")
