"""Announcements to the apps above certification (see docs/architecture.md).

``certificate_issued(certificate)`` is sent inside the transaction that issues a certificate;
the credentials app makes the PDF then, so the certificate and its document commit together.
"""

from django.dispatch import Signal

certificate_issued = Signal()
