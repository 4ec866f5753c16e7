from saferhub.returns.models.centres import ReportingCentre
from saferhub.returns.models.definitions import (
           FieldKind,
           PeriodKind,
           ReturnContributor,
           ReturnDefinition,
           ReturnField,
           RuleKind,
           ValidationRule,
)
from saferhub.returns.models.prevent import Benchmark, BenchmarkExercise, BenchmarkRating
from saferhub.returns.models.submissions import Figure, Submission, SubmissionFlag, SubmissionStatus
from saferhub.returns.models.tensions import (
           FeedbackAudience,
           LogSettings,
           TensionFeedback,
           TensionRecipient,
           TensionReport,
           TensionStatus,
)

__all__ = ["Benchmark", "BenchmarkExercise", "BenchmarkRating", "FieldKind", "Figure", "PeriodKind", "ReturnContributor", "ReturnDefinition", "ReturnField", "RuleKind", "Submission",
           "SubmissionFlag", "SubmissionStatus", "ValidationRule",
           "FeedbackAudience", "LogSettings", "ReportingCentre", "TensionFeedback", "TensionRecipient", "TensionReport",
           "TensionStatus"]
