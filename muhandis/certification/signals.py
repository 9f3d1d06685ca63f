"""Announcements to the apps above certification (see docs/architecture.md).

``certificate_issued(certificate, bulk=False)`` is sent inside the transaction that issues a
certificate. Normally the credentials app makes the PDF then, so the certificate and its
document commit together. ``bulk=True`` (sent by the import of many certificates at once) asks
receivers to defer slow work until after the commit (``transaction.on_commit``), typically to
a background task, so that an import of thousands of rows is not held up by drawing PDFs.

``certificate_status_changed(certificate)`` is sent inside the transaction that suspends,
reinstates, withdraws or replaces a certificate; receivers act on commit (the credentials app
updates the published status lists through a task).

``certificate_changed(certificate)`` is sent inside the transaction that renews a certificate
or reduces its scope (same number and status, new dates or limitation); the credentials app
signs its verifiable credential again on commit.
"""

from django.dispatch import Signal

certificate_issued = Signal()
certificate_status_changed = Signal()
certificate_changed = Signal()
