"""Invoice pages: the payer's own invoices, and the billing staff's list and actions."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import exporting, pdf, selectors, services
from ..access import billing_staff_required, is_billing_staff
from ..forms import InvoiceFilterForm, ManualPaymentForm, ReasonForm
from ..models import Invoice, Payment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50


# --- The payer -----------------------------------------------------------------------------


@login_required
@require_GET
def my_invoices(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.invoices_of(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "billing/my_invoices.html", {"page": page})


def _visible(request: HttpRequest, public_id: UUID) -> Invoice:
    invoice = selectors.invoice_for(request.user, public_id)
    if invoice is None:
        raise Http404
    return invoice


@login_required
@require_GET
def invoice_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """An invoice for its payer (staff may open it too): lines, payments, credit notes."""
    invoice = _visible(request, public_id)
    return render(
        request,
        "billing/invoice.html",
        {
            "invoice": invoice,
            "is_staff": is_billing_staff(request.user),
            "today": timezone.localdate(),
        },
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def invoice_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    invoice = _visible(request, public_id)
    link = request.build_absolute_uri(reverse("billing:invoice", args=[invoice.public_id]))
    return _pdf_response(pdf.invoice_pdf(invoice, link=link), f"{invoice.number or 'draft'}.pdf")


@login_required
@require_GET
def credit_note_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    note = selectors.credit_note_for(request.user, public_id)
    if note is None:
        raise Http404
    return _pdf_response(pdf.credit_note_pdf(note), f"{note.number}.pdf")


# --- Billing staff -------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[InvoiceFilterForm, dict]:
    form = InvoiceFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data["q"].strip(),
            "status": data["status"],
            "currency": data["currency"],
            "overdue": data["overdue"],
            "open_only": data["open"],
            "issued_from": data["issued_from"],
            "issued_to": data["issued_to"],
        }
    return form, filters


@billing_staff_required
@require_GET
def staff_invoices(request: HttpRequest) -> HttpResponse:
    form, filters = _filtered(request)
    found = selectors.search_invoices(**filters)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page"])
    return render(
        request,
        "billing/staff/invoices.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "owed": selectors.unpaid_totals(found),
        },
        status=400 if form.errors else 200,
    )


@billing_staff_required
@require_GET
def staff_invoices_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The invoices the list's filters find, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, filters = _filtered(request)
    if form.errors:
        return HttpResponse(_("The filters are not valid: %s") % form.errors.as_text(), status=400)
    content, filename = exporting.export_invoices(
        found=selectors.search_invoices(**filters),
        fmt=fmt,
        filters=filters,
        actor=request.user,
        request=request,
    )
    if isinstance(content, bytes):
        response: HttpResponse | StreamingHttpResponse = HttpResponse(content, content_type=XLSX)
    else:
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _staff_invoice(public_id: UUID) -> Invoice:
    invoice = selectors.staff_invoice(public_id)
    if invoice is None:
        raise Http404
    return invoice


def _staff_page(
    request: HttpRequest,
    invoice: Invoice,
    *,
    payment_form: ManualPaymentForm | None = None,
    cancel_form: ReasonForm | None = None,
    refund_form: ReasonForm | None = None,
) -> HttpResponse:
    invalid = any(f is not None for f in (payment_form, cancel_form, refund_form))
    context = {
        "invoice": invoice,
        "today": timezone.localdate(),
        "payment_form": payment_form or ManualPaymentForm(initial={"amount": invoice.balance}),
        "cancel_form": cancel_form or ReasonForm(prefix="cancel"),
        "refund_form": refund_form or ReasonForm(prefix="refund"),
        "can_pay": invoice.is_open,
        "can_cancel": invoice.status
        in {Invoice.Status.DRAFT, Invoice.Status.ISSUED, Invoice.Status.PART_PAID},
        "can_refund": any(p.state == Payment.State.RECEIVED for p in invoice.payments.all()),
    }
    return render(request, "billing/staff/invoice.html", context, status=400 if invalid else 200)


@billing_staff_required
@require_GET
def staff_invoice(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _staff_page(request, _staff_invoice(public_id))


@billing_staff_required
@require_POST
def staff_record_payment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Record a bank transfer or cash by hand."""
    invoice = _staff_invoice(public_id)
    form = ManualPaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.record_manual_payment(
                invoice=invoice,
                provider=data["provider"],
                amount=data["amount"],
                received_on=data["received_on"],
                reference=data["reference"],
                actor=request.user,
            )
        except services.BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The payment was recorded."))
            if payment.needs_refund:
                messages.warning(request, payment.refund_reason)
            return redirect("billing:staff_invoice", public_id=invoice.public_id)
    return _staff_page(request, invoice, payment_form=form)


@billing_staff_required
@require_POST
def staff_cancel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    invoice = _staff_invoice(public_id)
    form = ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            services.cancel_invoice(
                invoice=invoice, reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The invoice was cancelled."))
            return redirect("billing:staff_invoice", public_id=invoice.public_id)
    return _staff_page(request, invoice, cancel_form=form)


@billing_staff_required
@require_POST
def staff_refund(request: HttpRequest, public_id: UUID) -> HttpResponse:
    invoice = _staff_invoice(public_id)
    form = ReasonForm(request.POST, prefix="refund")
    if form.is_valid():
        try:
            services.refund_invoice(
                invoice=invoice, reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The money paid on the invoice was refunded."))
            return redirect("billing:staff_invoice", public_id=invoice.public_id)
    return _staff_page(request, invoice, refund_form=form)


@billing_staff_required
@require_GET
def refunds(request: HttpRequest) -> HttpResponse:
    """Payments kept on record that wait to be paid back."""
    page = Paginator(selectors.payments_to_refund(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "billing/staff/refunds.html", {"page": page, "form": ReasonForm()})


@billing_staff_required
@require_POST
def refund_payment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    payment = selectors.payment(public_id)
    if payment is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the money is refunded."))
        return redirect("billing:refunds")
    try:
        services.refund_payment(
            payment=payment, reason=form.cleaned_data["reason"], actor=request.user
        )
    except services.BillingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The refund was recorded."))
    return redirect("billing:refunds")


urlpatterns = [
    path("mine/", my_invoices, name="my_invoices"),
    path("invoice/<uuid:public_id>/", invoice_page, name="invoice"),
    path("invoice/<uuid:public_id>/pdf/", invoice_pdf, name="invoice_pdf"),
    path("credit-note/<uuid:public_id>/pdf/", credit_note_pdf, name="credit_note_pdf"),
    path("staff/invoices/", staff_invoices, name="staff_invoices"),
    path("staff/invoices/export.<str:fmt>", staff_invoices_export, name="staff_invoices_export"),
    path("staff/invoices/<uuid:public_id>/", staff_invoice, name="staff_invoice"),
    path(
        "staff/invoices/<uuid:public_id>/payment/",
        staff_record_payment,
        name="staff_record_payment",
    ),
    path("staff/invoices/<uuid:public_id>/cancel/", staff_cancel, name="staff_cancel"),
    path("staff/invoices/<uuid:public_id>/refund/", staff_refund, name="staff_refund"),
    path("staff/refunds/", refunds, name="refunds"),
    path("staff/refunds/<uuid:public_id>/", refund_payment, name="refund_payment"),
]
