"""Governance models: committees and their terms of reference, members, meetings and decisions."""

from saferhub.governance.models.choices import (
    TOOK_PLACE,
    AgendaItemKind,
    AttendanceRole,
    AttendanceStatus,
    ChairCapacity,
    DatePrecision,
    DecisionVerb,
    InterestType,
    MeetingStatus,
    MembershipRole,
    Office,
    RecommendationStatus,
)
from saferhub.governance.models.committee import Committee, SeatGroup
from saferhub.governance.models.interests import (
    Declaration,
    Dispensation,
    MonitoringOfficerTask,
    RegisterChange,
    RegisterEntry,
    RegisterReview,
)
from saferhub.governance.models.meeting import AgendaItem, Attendance, Decision, Meeting, Recommendation, took_place_q
from saferhub.governance.models.membership import Membership, OfficeHolder, Seat
from saferhub.governance.models.party import PartyAffiliation

__all__ = [
    "AgendaItem",
    "AgendaItemKind",
    "Attendance",
    "AttendanceRole",
    "AttendanceStatus",
    "ChairCapacity",
    "Committee",
    "DatePrecision",
    "Decision",
    "DecisionVerb",
    "Declaration",
    "Dispensation",
    "MonitoringOfficerTask",
    "RegisterChange",
    "RegisterReview",
    "InterestType",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "MembershipRole",
    "Office",
    "OfficeHolder",
    "PartyAffiliation",
    "Recommendation",
    "RecommendationStatus",
    "TOOK_PLACE",
    "RegisterEntry",
    "Seat",
    "SeatGroup",
    "took_place_q",
]
