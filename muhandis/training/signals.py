"""Announcements of the training domain to the apps above it (see docs/architecture.md).

``enrolment_completed(enrolment)`` is sent once the transaction that marks an enrolment
``completed`` has committed (``transaction.on_commit``), once per enrolment: ``enrolment`` is
the ``training.Enrolment`` (status ``completed``, ``completed_at`` set). The cpd app credits the
course's CPD hours; the credentials app issues the completion certificate and its Open Badges
credential. Receivers must be idempotent: the signal may be sent again for the same enrolment
(an assessment repeated after a correction), and must record nothing twice.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
