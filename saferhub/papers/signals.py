"""Events the papers actions announce, for work that happens elsewhere (the task worker)."""

from django.dispatch import Signal

#: Sent after the transaction that scheduled a meeting's agenda publication commits, with
#: ``meeting_id`` and ``publish_at``. ``papers.receivers`` enqueues the background task, so the
#: actions never import the tasks that call them back (actions → signals; receivers → tasks → actions).
agenda_publication_scheduled = Signal()
