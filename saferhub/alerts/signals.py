"""Signals the alerts actions send after their transaction commits: an email is wanted (a confirmation, a
manage link). The receiver in ``receivers.py`` queues the task that sends it, so the actions never import
the tasks that call them back."""

from django.dispatch import Signal

email_requested = Signal()  # kwargs: task_name (a name in alerts.tasks), pk
