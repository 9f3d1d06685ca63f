"""What training announces to the apps above it (docs/decisions/0004-app-order.md).

Every signal is sent after the transaction that caused it commits, with ``sender=Enrolment``.
"""

from django.dispatch import Signal

#: The participant's seat is paid (by them, their employer, or free). Arguments: ``enrolment``.
enrolment_paid = Signal()
#: The enrolment was cancelled (by the person, staff or the system). Arguments: ``enrolment``
#: (its ``cancelled_by`` and ``cancel_reason`` say by whom and why).
enrolment_cancelled = Signal()
