"""Signals sent by governance actions, inside their transaction, for apps above governance.

``business_not_transacted`` is sent when a meeting ends without transacting its business
(inquorate, cancelled or postponed), so that the papers app can carry the business forward in
the same transaction.
"""

from django.dispatch import Signal

business_not_transacted = Signal()  # kwargs: meeting, acting_user
