"""Events the ASB actions announce, for work that happens elsewhere (the task worker).

The actions send these and never import the tasks that call them back (actions → signals; receivers → tasks →
actions), so there is no import circle between ``asb.actions`` and ``asb.tasks``."""

from django.dispatch import Signal

#: Sent after the transaction that recorded an online application commits, with ``case_id``, when the
#: applicant gave an email address to acknowledge. ``asb.receivers`` queues the acknowledgement email task.
online_application_submitted = Signal()
