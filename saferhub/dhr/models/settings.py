"""Per-partnership configuration of Domestic Homicide Reviews and the partnership's review team.

One installation serves many Community Safety Partnerships: everything in this app belongs to a partnership
(a ``core.Organisation`` of kind ``partnership``), and staff see only the partnerships whose review team they
are on.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from saferhub.core.models import Organisation

DEFAULT_REVIEW_NAME = "Domestic Homicide Review"
#: The name the Victims and Prisoners Act 2024 gives the reviews; offered as an alternative in the settings.
RENAMED_REVIEW_NAME = "Domestic Abuse Related Death Review"


class DhrSettings(models.Model):
    """What a partnership calls its reviews and the timescales its clocks use.

    Defaults follow the Home Office's *Multi-agency Statutory Guidance for the Conduct of Domestic Homicide
    Reviews* (December 2016): the partnership decides whether to hold a review within one month of the death
    coming to its attention (Section 3, "Establishing a Domestic Homicide Review"), and the review is expected
    to be finished within six months of the decision to go ahead (Section 5, "Timescales for conducting a
    Domestic Homicide Review"). The seeds give no timescales (seed-processes 2.3, 2.10 item 4), so both are
    settings, not code. The paragraph numbers could not be verified with the search tool (see ``clocks``).

    ``resubmission_weeks`` (the revised report's deadline after the panel's letter asking for changes) and
    ``publication_notice_days`` (the family's and the media team's notice of the publication date) are local
    targets: the guidance and the seeds set neither, so the defaults are SaferHub's, for each partnership to set.
    """

    partnership = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="dhr_settings")
    review_name = models.CharField(max_length=80, default=DEFAULT_REVIEW_NAME,
                                   help_text="The name shown to users, e.g. Domestic Abuse Related Death Review.")
    short_name = models.CharField(max_length=12, default="DHR")
    decision_months = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(6)])
    review_months = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1), MaxValueValidator(36)])
    at_risk_days = models.PositiveSmallIntegerField(default=14, validators=[MaxValueValidator(90)])
    resubmission_weeks = models.PositiveSmallIntegerField(
        default=8, validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Weeks from the quality assurance panel's letter asking for changes to the revised report going back "
                  "(the partnership's own target: the guidance sets none).",
    )
    publication_notice_days = models.PositiveSmallIntegerField(
        default=7, validators=[MaxValueValidator(90)],
        help_text="The fewest days between telling the family and the media team the publication date and "
                  "publishing.",
    )
    retention_years = models.PositiveSmallIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Years after a case is closed before its personal data is erased (the learning is kept).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "review settings"
        verbose_name_plural = "review settings"

    def __str__(self) -> str:
        return f"{self.review_name} settings – {self.partnership}"
