"""What billing announces to the apps that sell (docs/decisions/0004-app-order.md).

Every signal is sent after the transaction that caused it commits, with ``sender=Invoice``.
"""

from django.dispatch import Signal

#: The invoice is now paid in full. Arguments: ``invoice``.
invoice_paid = Signal()
#: Money was returned on the invoice (a refund or a provider's reversal after payment); the
#: invoice may be paid no longer. Arguments: ``invoice``, ``reason``.
invoice_refunded = Signal()
#: The invoice was cancelled before being paid in full. Arguments: ``invoice``, ``reason``.
invoice_cancelled = Signal()
