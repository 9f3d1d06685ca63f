"""What training announces to the apps above it (docs/decisions/0004-app-order.md).

Every signal is sent after the transaction that caused it commits, with ``sender=Enrolment``.
"""

from django.dispatch import Signal

#: The participant's seat is paid (by them, their employer, or free). Arguments: ``enrolment``.
enrolment_paid = Signal()
#: The enrolment was cancelled (by the person, staff or the system). Arguments: ``enrolment``
#: (its ``cancelled_by`` and ``cancel_reason`` say by whom and why).
enrolment_cancelled = Signal()
#: A seat freed on an event's session went straight to the first person waiting (status
#: ``confirmed``, or ``paid`` when the event is free; decision 0014). Arguments: ``enrolment``.
enrolment_promoted = Signal()
#: The participant completed the course (status ``completed``, ``completed_at`` set).
#: Arguments: ``enrolment``. Sent once per enrolment that becomes completed; the cpd app credits
#: the course's CPD hours and the credentials app issues the certificate of completion and its
#: Open Badges credential. Receivers must be idempotent: an assessment repeated after a
#: correction may send it again for the same enrolment, and nothing may be recorded twice.
enrolment_completed = Signal()
