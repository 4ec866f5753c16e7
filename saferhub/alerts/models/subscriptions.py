"""A subscriber is an email address and nothing else; each subscription is one topic and how often.

Only the address and the choices are stored (no name, no IP address). A subscription is confirmed by the
link in the confirmation email (double opt-in); nothing is sent before. Unconfirmed subscriptions are
deleted after ``ALERTS_UNCONFIRMED_DAYS`` by the retention task, and a subscriber with no subscription left
goes with them. Unsubscribing deletes the subscription (and its delivery records).
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q


class Topic(models.TextChoices):
    COMMITTEE = "committee", "A committee"
    COUNCILLOR = "councillor", "A councillor"
    KEYWORD = "keyword", "Documents containing a word"
    WORK_PROGRAMME = "work_programme", "The work programme"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As soon as something happens"
    DAILY = "daily", "Once a day (a daily summary)"
    WEEKLY = "weekly", "Once a week (a weekly summary)"


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True, help_text="Stored in lower case.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        # Never the address: this is what audit rows and logs show.
        return f"Subscriber {self.pk}"

    @property
    def fingerprint(self) -> str:
        """A short hash of the address, put in signed links so that a link never works for another address."""
        return hashlib.sha256(self.email.encode()).hexdigest()[:16]


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    committee = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    keyword = models.CharField(max_length=60, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="Nothing is sent until this is set.")

    class Meta:
        ordering = ["subscriber", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(topic="committee") | Q(committee__isnull=False),
                                   name="alerts_committee_topic_names_committee"),
            models.CheckConstraint(condition=~Q(topic="councillor") | Q(person__isnull=False),
                                   name="alerts_councillor_topic_names_person"),
            models.CheckConstraint(condition=~Q(topic="keyword") | ~Q(keyword=""),
                                   name="alerts_keyword_topic_names_word"),
        ]
        indexes = [models.Index(fields=["confirmed_at", "created_at"], name="alerts_sub_confirmed")]

    def __str__(self) -> str:
        return f"Alert {self.pk}: {self.description}"

    @property
    def description(self) -> str:
        if self.topic == Topic.COMMITTEE:
            return f"the {self.committee.name}"
        if self.topic == Topic.COUNCILLOR:
            return f"{self.person.display_name}" if hasattr(self.person, "display_name") else str(self.person)
        if self.topic == Topic.KEYWORD:
            return f"new documents containing “{self.keyword}”"
        if self.committee_id:
            return f"the work programme of the {self.committee.name}"
        return "the work programme of every committee"


class Delivery(models.Model):
    """One item found for one subscription, and when it was emailed (empty: waiting for the next email or
    digest). Unique per subscription and item, so a run can be repeated without sending anything twice."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    item_key = models.CharField(max_length=120)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    found_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["found_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "item_key"], name="alerts_delivery_once"),
        ]
        indexes = [models.Index(fields=["sent_at", "found_at"], name="alerts_delivery_pending")]

    def __str__(self) -> str:
        return f"{self.item_key} for alert {self.subscription_id}"
