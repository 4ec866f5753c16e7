"""The GOV.UK Notify email backend, with the Notify client mocked (no network)."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured


@pytest.fixture
def notify(settings):
    settings.EMAIL_BACKEND = "saferhub.alerts.backends.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_TEMPLATE_ID = "template-1"
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        yield client_class


def test_each_recipient_is_one_notify_notification_with_the_unsubscribe_link(notify):
    message = mail.EmailMessage("Subject line", "Body text", "from@example.org", ["a@example.org", "b@example.org"],
                                headers={"List-Unsubscribe": "<https://x.example/alerts/unsubscribe/t/>"})
    assert message.send() == 1
    notify.assert_called_once_with("test-key")
    calls = notify.return_value.send_email_notification.call_args_list
    assert [c.kwargs["email_address"] for c in calls] == ["a@example.org", "b@example.org"]
    assert calls[0].kwargs["template_id"] == "template-1"
    assert calls[0].kwargs["personalisation"] == {"subject": "Subject line", "body": "Body text"}
    assert calls[0].kwargs["one_click_unsubscribe_url"] == "https://x.example/alerts/unsubscribe/t/"


def test_a_notify_error_is_raised_unless_silenced(notify):
    notify.return_value.send_email_notification.side_effect = RuntimeError("400")
    with pytest.raises(RuntimeError):
        mail.EmailMessage("S", "B", None, ["a@example.org"]).send()
    assert mail.EmailMessage("S", "B", None, ["a@example.org"]).send(fail_silently=True) == 0


def test_missing_settings_are_named(settings, notify):
    settings.NOTIFY_TEMPLATE_ID = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_TEMPLATE_ID"):
        mail.EmailMessage("S", "B", None, ["a@example.org"]).send()
