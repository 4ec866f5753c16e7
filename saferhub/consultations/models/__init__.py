from saferhub.consultations.models.baselines import Baseline
from saferhub.consultations.models.coding import Coding, Theme
from saferhub.consultations.models.responses import Answer, Channel, Response, Tally
from saferhub.consultations.models.surveys import (
    DONT_KNOW,
    OTHER,
    PREFER_NOT,
    Dimension,
    Question,
    QuestionKind,
    Section,
    Survey,
)

__all__ = ["DONT_KNOW", "OTHER", "PREFER_NOT", "Answer", "Baseline", "Channel", "Coding", "Dimension", "Question",
           "QuestionKind", "Response", "Section", "Survey", "Tally", "Theme"]
