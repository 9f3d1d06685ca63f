"""Background work of the payment providers."""

import logging

from django.db import transaction
from django.tasks import task

from muhandis.core import audit

from ..models import ClickTransaction
from . import click_fiscal

logger = logging.getLogger(__name__)

#: Replaced in tests; production sends over HTTPS.
TRANSPORT: click_fiscal.Transport = click_fiscal.urllib_transport


@task(queue_name="default")
def submit_click_receipt(click_transaction_id: int) -> str:
    """Give Click the fiscal receipt's items (IKPU code, package code, VAT) of a completed
    payment, once: a receipt already accepted is not sent again."""
    record = (
        ClickTransaction.objects.select_related("invoice__issuer")
        .filter(pk=click_transaction_id, state=ClickTransaction.State.COMPLETED)
        .first()
    )
    if record is None or record.fiscal_state == ClickTransaction.Fiscal.SENT:
        return "skipped"
    try:
        accepted, note = click_fiscal.submit_items(record, transport=TRANSPORT)
    except OSError as error:
        logger.warning("Click receipt for %s not sent: %s", record.click_trans_id, error)
        accepted, note = False, str(error)
    with transaction.atomic():
        record.fiscal_state = (
            ClickTransaction.Fiscal.SENT if accepted else ClickTransaction.Fiscal.FAILED
        )
        record.fiscal_note = note[:300]
        record.save(update_fields=["fiscal_state", "fiscal_note", "updated_at"])
        audit.record(
            "billing.click.receipt_sent" if accepted else "billing.click.receipt_refused",
            target=record.invoice,
            after={"transaction": record.click_trans_id, "note": record.fiscal_note},
        )
    return record.fiscal_state
