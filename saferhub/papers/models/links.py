"""Cross-references between agenda items: a report that says "described at item 9 on today's
agenda" (seed 002:493, 002:868), or one that builds on "the report produced for the meetings
scheduled in September and December 2022" (001:681)."""

from django.db import models


class AgendaItemLink(models.Model):
    class Kind(models.TextChoices):
        ITEM = "item", "Refers to another item"
        EARLIER_PAPERS = "earlier_papers", "Refers to the papers of an earlier meeting"

    from_item = models.ForeignKey("governance.AgendaItem", on_delete=models.CASCADE, related_name="links_out")
    to_item = models.ForeignKey("governance.AgendaItem", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="links_in")
    to_meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300, help_text="The words that make the reference, as printed.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_item", "pk"]

    def __str__(self) -> str:
        return f"{self.from_item_id} → {self.to_item_id or self.to_meeting_id}"
