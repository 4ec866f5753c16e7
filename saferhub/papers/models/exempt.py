"""Exempt (Part 2) business: an agenda item whose papers are not open to the public because they
contain exempt information under a paragraph of Schedule 12A to the Local Government Act 1972."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

#: Schedule 12A, Part 1 (England), paragraphs 1–7, in short.
SCHEDULE_12A = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person (including the authority).",
    4: "Information relating to consultations or negotiations in connection with any labour relations matter.",
    5: "Information in respect of which a claim to legal professional privilege could be maintained.",
    6: "Information which reveals that the authority proposes to give a notice or make an order or direction.",
    7: "Information relating to action taken in connection with the prevention, investigation or prosecution of crime.",
}


class ExemptItem(models.Model):
    """An agenda item taken in Part 2: the public see its title and paragraph, never its papers.
    Members of the committee, its committee officers and the officers named here may open them."""

    agenda_item = models.OneToOneField("governance.AgendaItem", on_delete=models.CASCADE, related_name="exemption")
    paragraph = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(7)],
                                                 help_text="The paragraph of Schedule 12A, Local Government Act 1972.")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                      help_text="Officers, besides members and committee officers, who may read the papers.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(paragraph__gte=1, paragraph__lte=7),
                                              name="papers_exemptitem_paragraph_1_7")]

    def __str__(self) -> str:
        return f"{self.agenda_item} (exempt – paragraph {self.paragraph})"
