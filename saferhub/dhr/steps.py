"""The stages of a review after the decision to hold one, in the order the task list shows them, and what
each needs done first. The single home of the stage list: models, rules, pages and clocks use it.

The order follows the 2016 statutory guidance's Section 4 (panel, chair, scope), Section 6 (family and
friends), Section 8 (individual management reviews and the overview report) and Sections 9 and 11
(publication and the Home Office quality assurance panel), and the seeds' reconstructed sequence
(seed-processes 2.3, steps 5-12). Telling the family and the media team the publication date before publishing
is a local step (issue 13), not the guidance's. Family engagement runs alongside the panel's work (000:99: a review may go
ahead without the family's engagement, and the offer stays open), so it needs only the chair.
"""

from __future__ import annotations

from django.db import models


class Step(models.TextChoices):
    CHAIR = "chair", "Appoint the chair and report author"
    PANEL = "panel", "Form the review panel"
    TERMS = "terms", "Agree the terms of reference"
    IMRS = "imrs", "Receive individual management reviews"
    FAMILY = "family", "Engage family and friends"
    DRAFT = "draft", "Draft the overview report"
    SIGN_OFF = "sign_off", "Partnership sign-off"
    SUBMITTED = "submitted", "Submit to the Home Office quality assurance panel"
    FEEDBACK = "feedback", "Record the quality assurance panel's feedback"
    PUBLICATION_NOTICE = "notice", "Tell the family and the media team the publication date"
    PUBLISHED = "published", "Publish the report"
    COMMISSIONER = "commissioner", "Send the final report to the Domestic Abuse Commissioner"


#: What must be done before each stage may be recorded.
PREREQUISITES: dict[str, tuple[str, ...]] = {
    Step.CHAIR: (),
    Step.PANEL: (Step.CHAIR,),
    Step.TERMS: (Step.PANEL,),
    Step.IMRS: (Step.TERMS,),
    Step.FAMILY: (Step.CHAIR,),
    Step.DRAFT: (Step.IMRS, Step.FAMILY),
    Step.SIGN_OFF: (Step.DRAFT,),
    Step.SUBMITTED: (Step.SIGN_OFF,),
    Step.FEEDBACK: (Step.SUBMITTED,),
    # The family and the media team hear of the publication date before the day, with the partnership's minimum
    # notice (``DhrSettings.publication_notice_days``; a local rule, see ``rules.check_publication_notice``).
    Step.PUBLICATION_NOTICE: (Step.FEEDBACK,),
    Step.PUBLISHED: (Step.FEEDBACK, Step.PUBLICATION_NOTICE),
    # Required since November 2021 (001:477): the final report, so only after the QA panel's approval.
    Step.COMMISSIONER: (Step.FEEDBACK,),
}

ORDER: list[str] = [s.value for s in Step]


def label(step: str) -> str:
    return Step(step).label
