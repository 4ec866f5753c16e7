"""The emails of alerts, as Django ``EmailMessage`` objects for whichever backend is set (console, SMTP, Notify).

Every email carries a one-click unsubscribe (RFC 8058): a signed link in the body and the
``List-Unsubscribe`` and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` headers, so a mail program's
own "Unsubscribe" button works with one POST. Every email to a subscriber also links to "manage my alerts".
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from saferhub.alerts import tokens
from saferhub.alerts.models import Frequency, Subscriber, Subscription
from saferhub.core.site import get_site_configuration

ONE_CLICK = "List-Unsubscribe=One-Click"


def confirm_url(subscription: Subscription) -> str:
    token = tokens.make(tokens.CONFIRM, subscription.pk, subscription.subscriber.fingerprint)
    return tokens.absolute(reverse("alerts:confirm", kwargs={"token": token}))


def unsubscribe_url(subscription: Subscription) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE, subscription.pk, subscription.subscriber.fingerprint)
    return tokens.absolute(reverse("alerts:unsubscribe", kwargs={"token": token}))


def unsubscribe_all_url(subscriber: Subscriber) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE_ALL, subscriber.pk, subscriber.fingerprint)
    return tokens.absolute(reverse("alerts:unsubscribe-all", kwargs={"token": token}))


def manage_url(subscriber: Subscriber) -> str:
    token = tokens.make(tokens.MANAGE, subscriber.pk, subscriber.fingerprint)
    return tokens.absolute(reverse("alerts:manage", kwargs={"token": token}))


def _message(to: str, subject: str, template: str, context: dict, unsubscribe: str) -> EmailMessage:
    site = get_site_configuration()
    body = render_to_string(template, {**context, "site": site, "unsubscribe_url": unsubscribe})
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": ONE_CLICK,
                 "Auto-Submitted": "auto-generated"},
    )


def confirmation(subscription: Subscription) -> EmailMessage:
    return _message(subscription.subscriber.email, "Confirm your email alert", "alerts/email/confirm.txt",
                    {"subscription": subscription, "confirm_url": confirm_url(subscription),
                     "days": settings.ALERTS_CONFIRM_DAYS}, unsubscribe_url(subscription))


def manage_link(subscriber: Subscriber) -> EmailMessage:
    return _message(subscriber.email, "Manage your email alerts", "alerts/email/manage.txt",
                    {"manage_url": manage_url(subscriber)}, unsubscribe_all_url(subscriber))


def alert(subscriber: Subscriber, groups: list[tuple[Subscription, list]], frequency: str) -> EmailMessage:
    """One email: a single subscription's new items (straight away), or a daily or weekly summary of every
    subscription of that frequency. The header's one-click link stops the one alert, or every alert in a
    summary; the body links to each alert's own unsubscribe page and to "manage my alerts"."""
    if frequency == Frequency.IMMEDIATE:
        subscription = groups[0][0]
        count = len(groups[0][1])
        subject = f"Update: {subscription.description}" if count == 1 else \
            f"{count} updates: {subscription.description}"
        unsubscribe = unsubscribe_url(subscription)
    else:
        subject = "Your daily summary of email alerts" if frequency == Frequency.DAILY else \
            "Your weekly summary of email alerts"
        unsubscribe = unsubscribe_all_url(subscriber) if len(groups) > 1 else unsubscribe_url(groups[0][0])
    sections = [{"subscription": s, "items": [{"title": d.title, "url": tokens.absolute(d.url)} for d in items],
                 "unsubscribe_url": unsubscribe_url(s)} for s, items in groups]
    return _message(subscriber.email, subject, "alerts/email/alert.txt",
                    {"sections": sections, "manage_url": manage_url(subscriber), "frequency": frequency},
                    unsubscribe)


def staff_unsubscribe_url(user) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE, user.pk, tokens.user_fingerprint(user))
    return tokens.absolute(reverse("alerts:staff-unsubscribe", kwargs={"token": token}))


def staff(user, deliveries: list, *, digest: bool) -> EmailMessage:
    subject = "Your daily summary of work due" if digest else (
        deliveries[0].title if len(deliveries) == 1 else f"{len(deliveries)} things need your attention")
    items = [{"title": d.title, "url": tokens.absolute(d.url) if d.url else ""} for d in deliveries]
    return _message(user.email, subject[:200], "alerts/email/staff.txt",
                    {"user": user, "items": items,
                     "settings_url": tokens.absolute(reverse("alerts:staff-settings"))},
                    staff_unsubscribe_url(user))
