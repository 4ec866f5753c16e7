"""Core models, re-exported from one module per concept."""

from saferhub.core.models.audit import AuditEvent
from saferhub.core.models.organisations import Organisation, OrganisationKind
from saferhub.core.models.partnerships import PartnershipMembership
from saferhub.core.models.people import Person, PersonAlias
from saferhub.core.models.site import SiteConfiguration
from saferhub.core.models.tokens import ApiToken

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Organisation",
    "OrganisationKind",
    "PartnershipMembership",
    "Person",
    "PersonAlias",
    "SiteConfiguration",
]
