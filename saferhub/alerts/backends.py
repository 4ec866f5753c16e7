"""GOV.UK Notify as a Django email backend (optional: ``EMAIL_BACKEND=saferhub.alerts.backends.NotifyEmailBackend``).

Notify sends from a template: set up one email template whose subject is ``((subject))`` and whose body is
``((body))``, and give its id as ``NOTIFY_TEMPLATE_ID`` with the API key as ``NOTIFY_API_KEY``
(``NOTIFY_EMAIL_REPLY_TO_ID`` optional). The message's ``List-Unsubscribe`` link is passed to Notify as its
one-click unsubscribe URL, so Notify adds the RFC 8058 headers itself. Uses the maintained
``notifications-python-client``; each recipient is one Notify notification.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

log = logging.getLogger(__name__)


def _client():
    from notifications_python_client.notifications import NotificationsAPIClient

    key = getattr(settings, "NOTIFY_API_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set NOTIFY_API_KEY to send email through GOV.UK Notify.")
    return NotificationsAPIClient(key)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = None

    def open(self):
        if self.client is None:
            self.client = _client()
        return True

    def close(self):
        self.client = None

    def send_messages(self, email_messages) -> int:
        template_id = getattr(settings, "NOTIFY_TEMPLATE_ID", "")
        if not template_id:
            raise ImproperlyConfigured("Set NOTIFY_TEMPLATE_ID to the Notify template with ((subject)) and ((body)).")
        if not email_messages:
            return 0
        self.open()
        sent = 0
        for message in email_messages:
            unsubscribe = (message.extra_headers or {}).get("List-Unsubscribe", "").strip("<>") or None
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address, template_id=template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                        email_reply_to_id=getattr(settings, "NOTIFY_EMAIL_REPLY_TO_ID", "") or None,
                        one_click_unsubscribe_url=unsubscribe,
                    )
                sent += 1
            except Exception:
                if not self.fail_silently:
                    raise
                log.exception("GOV.UK Notify did not accept a message")
        return sent
