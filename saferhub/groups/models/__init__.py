"""Groups models: register details, Terms of Reference versions, members, chairs and the secretariat's work."""

from saferhub.groups.models.amendments import AmendmentStatus, TorAmendment
from saferhub.groups.models.people import ChairTerm, GroupMembership, MemberKind
from saferhub.groups.models.register import BodyProfile, ElectionMethod, RequiredMember, TermsOfReference
from saferhub.groups.models.work import (
    OPEN_STATUSES,
    ActionCarry,
    ActionStatus,
    ActionUpdate,
    GroupAction,
    ProgressReport,
    SecretariatTask,
    TaskKind,
)

__all__ = [
    "OPEN_STATUSES", "ActionCarry", "ActionStatus", "ActionUpdate", "BodyProfile", "ChairTerm", "ElectionMethod",
    "GroupAction", "GroupMembership", "MemberKind", "ProgressReport", "RequiredMember", "SecretariatTask",
    "TaskKind", "TermsOfReference", "AmendmentStatus", "TorAmendment",
]
