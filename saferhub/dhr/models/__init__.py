from saferhub.dhr.models.case import (
    Case,
    CaseSource,
    Decision,
    DecisionOutcome,
    Extension,
    ImrRequest,
    PanelMember,
    Recommendation,
    ReviewStep,
    Step,
)
from saferhub.dhr.models.records import (
    BLOCKS_PUBLICATION,
    Appointment,
    AppointmentRole,
    Chair,
    ContactChannel,
    ContactPurpose,
    FamilyContact,
    ParallelProcess,
    ProcessKind,
    RecommendationStatus,
    RecommendationUpdate,
    Tender,
)
from saferhub.dhr.models.report import DocumentKind, QaChange, QaOutcome, QaSubmission, ReportDocument
from saferhub.dhr.models.settings import DEFAULT_REVIEW_NAME, RENAMED_REVIEW_NAME, DhrSettings

__all__ = [
    "BLOCKS_PUBLICATION", "Appointment", "AppointmentRole", "Chair", "ContactChannel", "ContactPurpose",
    "FamilyContact", "ParallelProcess", "ProcessKind", "RecommendationStatus", "RecommendationUpdate", "Tender",
    "DEFAULT_REVIEW_NAME", "RENAMED_REVIEW_NAME", "Case", "CaseSource", "Decision", "DecisionOutcome", "DhrSettings",
    "DocumentKind", "QaChange", "QaOutcome", "QaSubmission", "ReportDocument",
    "Extension", "ImrRequest", "PanelMember", "Recommendation", "ReviewStep", "Step",
]
