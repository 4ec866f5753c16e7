"""The Plan and its delivery: structure (plan, themes, priorities, outcomes, measures), the versioned
action register (versions, stable action identities, owners) and performance (values, updates)."""

from saferhub.delivery.models.duties import DutyRecord, Frequency, StatutoryDuty
from saferhub.delivery.models.funding import Allocation, Fund
from saferhub.delivery.models.performance import ActionUpdate, MeasureValue, Rag
from saferhub.delivery.models.plan import (
    Direction,
    Geography,
    Measure,
    MeasureFrequency,
    Outcome,
    Plan,
    Priority,
    Theme,
)
from saferhub.delivery.models.register import (
    ActionIdentity,
    ActionOwner,
    DeliveryAction,
    DeliveryPlan,
    DueKind,
    VersionStage,
)
from saferhub.delivery.models.rounds import ReportingRound

__all__ = [
    "ActionIdentity", "ActionOwner", "ActionUpdate", "Allocation", "Fund", "DeliveryAction", "DeliveryPlan", "Direction", "DueKind",
    "DutyRecord", "Frequency", "StatutoryDuty",
    "Geography", "Measure", "MeasureFrequency", "MeasureValue", "Outcome", "Plan", "Priority", "Rag", "ReportingRound", "Theme", "VersionStage",
]
