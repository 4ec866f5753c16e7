"""Papers: what the committee officer prepares and publishes, and what the public reads."""

from saferhub.papers.models.documents import Document, DocumentKind
from saferhub.papers.models.exempt import SCHEDULE_12A, ExemptItem
from saferhub.papers.models.links import AgendaItemLink
from saferhub.papers.models.minutes import ChairReport, Minutes, MinutesStatus, WrittenQuestion
from saferhub.papers.models.publication import MeetingPapers, PaperSettings, PublicationStatus, SupplementaryPack
from saferhub.papers.models.reports import CoverReport, ReportTemplate
from saferhub.papers.models.tracking import FutureItem, RecommendationResponse, WorkProgrammeEntry, WorkProgrammeStatus

__all__ = [
    "AgendaItemLink",
    "ChairReport",
    "CoverReport",
    "Document",
    "DocumentKind",
    "ExemptItem",
    "FutureItem",
    "MeetingPapers",
    "Minutes",
    "MinutesStatus",
    "PaperSettings",
    "PublicationStatus",
    "RecommendationResponse",
    "ReportTemplate",
    "SCHEDULE_12A",
    "SupplementaryPack",
    "WorkProgrammeEntry",
    "WorkProgrammeStatus",
    "WrittenQuestion",
]
