"""ASB Case Review models, one module per aggregate."""

from saferhub.asb.models.case import (
    ActionItem,
    Appeal,
    AppealGrounds,
    AppealOutcome,
    ApplicantRelationship,
    AuditChecklist,
    Case,
    CaseClock,
    CaseDocument,
    CaseStatus,
    Channel,
    ClockStep,
    Complaint,
    DecisionLetter,
    Determination,
    DiscretionaryFactor,
    DocumentKind,
    InformationRequest,
    Notification,
    NotificationKind,
    PanelMember,
    PanelRole,
    PublicationStatus,
    PublishedSummary,
    ReferenceCounter,
    ThresholdRoute,
    TriageDecision,
    VictimAttendance,
    VictimType,
)
from saferhub.asb.models.config import (
    STATUTORY_MAXIMUM_THRESHOLD,
    AppealRecipient,
    AppealWindowUnit,
    AsbRole,
    AsbSettings,
    AsbStaffAssignment,
    BodyKind,
    LocalThresholdRoute,
    OptArea,
    PartnerWebPage,
    RelevantBody,
)
from saferhub.asb.models.peer_review import PeerReview, PeerReviewer, PeerReviewRota
from saferhub.asb.models.retention import RetentionLog, RetentionOutcome

__all__ = [
    "STATUTORY_MAXIMUM_THRESHOLD", "ActionItem", "Appeal", "AppealGrounds", "AppealOutcome", "AppealRecipient",
    "AppealWindowUnit", "ApplicantRelationship", "AsbRole", "AsbSettings", "AsbStaffAssignment", "AuditChecklist",
    "BodyKind", "Case", "CaseClock", "CaseDocument", "CaseStatus", "Channel", "ClockStep", "Complaint",
    "DecisionLetter", "Determination", "DiscretionaryFactor", "DocumentKind", "InformationRequest",
    "LocalThresholdRoute", "Notification", "NotificationKind", "OptArea", "PanelMember", "PartnerWebPage", "PanelRole", "PeerReview",
    "PeerReviewRota", "PeerReviewer", "PublicationStatus", "PublishedSummary", "ReferenceCounter", "RelevantBody",
    "RetentionLog", "RetentionOutcome", "ThresholdRoute", "TriageDecision", "VictimAttendance", "VictimType",
]
