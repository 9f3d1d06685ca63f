"""Billing's pages: the payer's, the staff's, and who is refused."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from muhandis.accounts.models import Employment
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.billing import services
from muhandis.billing.models import Invoice, Payment
from muhandis.core.models import AuditEntry

from .factories import make_invoice

pytestmark = pytest.mark.django_db

STAFF_GET = ["billing:staff_invoices", "billing:refunds", "billing:statement_upload"]


def _invoice_urls(invoice):
    note_id = invoice.credit_notes.values_list("public_id", flat=True).first()
    urls = [
        reverse("billing:invoice", args=[invoice.public_id]),
        reverse("billing:invoice_pdf", args=[invoice.public_id]),
    ]
    if note_id:
        urls.append(reverse("billing:credit_note_pdf", args=[note_id]))
    return urls


def _staff_invoice_urls(invoice):
    return [
        ("get", reverse("billing:staff_invoice", args=[invoice.public_id])),
        ("get", reverse("billing:staff_invoices_export", args=["csv"])),
        ("get", reverse("billing:staff_invoices_export", args=["xlsx"])),
        ("post", reverse("billing:staff_record_payment", args=[invoice.public_id])),
        ("post", reverse("billing:staff_cancel", args=[invoice.public_id])),
        ("post", reverse("billing:staff_refund", args=[invoice.public_id])),
        ("post", reverse("billing:statement_confirm")),
    ]


# --- Refusals ------------------------------------------------------------------------------


def test_a_stranger_is_sent_to_sign_in_from_every_billing_page(client):
    invoice = make_invoice()
    services.cancel_invoice(invoice=invoice, reason="x", actor=None)
    payment = Payment.objects.create(
        invoice=invoice,
        provider="bank",
        external_id="r",
        amount=1,
        currency="UZS",
        received_at="2026-12-01T10:00Z",
        needs_refund=True,
    )
    urls = [("get", reverse("billing:my_invoices"))]
    urls += [("get", url) for url in _invoice_urls(invoice)]
    urls += [("get", reverse(name)) for name in STAFF_GET]
    urls += _staff_invoice_urls(invoice)
    urls += [("post", reverse("billing:refund_payment", args=[payment.public_id]))]
    for method, url in urls:
        response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"], url


def test_another_signed_in_person_cannot_see_someone_elses_invoice(client, engineer, stranger):
    invoice = make_invoice(person=engineer)
    services.cancel_invoice(invoice=invoice, reason="x", actor=None)
    for person in (stranger, make_person(Role.EMPLOYER)):
        client.force_login(person)
        for url in _invoice_urls(invoice):
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "role",
    [
        None,
        Role.ENGINEER,
        Role.EMPLOYER,
        Role.TRAINER,
        Role.EXAMINER,
        Role.COMMITTEE,
        Role.REPORT_VIEWER,
    ],
)
def test_people_without_a_billing_role_are_refused_the_staff_pages(client, role):
    invoice = make_invoice()
    person = make_person(role, two_factor=True)
    client.force_login(person)
    for name in STAFF_GET:
        assert client.get(reverse(name)).status_code == 403, name
    for method, url in _staff_invoice_urls(invoice):
        response = getattr(client, method)(url, {"reason": "x", "amount": "1"})
        assert response.status_code == 403, url
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert not Payment.objects.exists()


def test_a_registrar_without_two_factor_is_sent_to_set_it_up(client, registrar_without_two_factor):
    client.force_login(registrar_without_two_factor)
    response = client.get(reverse("billing:staff_invoices"))
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]


# --- The payer -----------------------------------------------------------------------------


def test_a_person_sees_their_own_and_their_firms_invoices_only(client, engineer):
    firm = OrganisationFactory(name="Suv Loyiha MChJ")
    Employment.objects.create(person=engineer, organisation=firm, relation="representative")
    mine = make_invoice(person=engineer)
    firms = make_invoice(organisation=firm, price="5000000")
    others = make_invoice(organisation=OrganisationFactory(), price="7000000")
    client.force_login(engineer)
    page = client.get(reverse("billing:my_invoices")).content.decode()
    assert mine.number in page
    assert firms.number in page
    assert others.number not in page
    response = client.get(reverse("billing:invoice", args=[firms.public_id]))
    assert response.status_code == 200
    assert "Suv Loyiha MChJ" in response.content.decode()


def test_an_employee_who_does_not_represent_the_firm_does_not_see_its_invoices(client, engineer):
    firm = OrganisationFactory()
    Employment.objects.create(person=engineer, organisation=firm, relation="employee")
    invoice = make_invoice(organisation=firm)
    client.force_login(engineer)
    assert client.get(reverse("billing:invoice", args=[invoice.public_id])).status_code == 404


def test_the_invoice_page_shows_lines_totals_payments_and_the_pay_place(client, engineer):
    invoice = make_invoice(person=engineer)
    services.record_payment(
        invoice=invoice, amount=Decimal("120000"), provider="bank", external_id="doc-7"
    )
    client.force_login(engineer)
    response = client.get(reverse("billing:invoice", args=[invoice.public_id]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Yomgʻir suvlarini boshqarish kursi" in page
    assert "10305008001000000" in page
    assert "doc-7" in page
    assert 'id="pay-heading"' in page
    assert "billing/_pay.html" in [t.name for t in response.templates]
    pdf = client.get(reverse("billing:invoice_pdf", args=[invoice.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_paid_invoice_offers_no_payment(client, engineer):
    invoice = make_invoice(person=engineer)
    services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="bank", external_id="doc-8"
    )
    client.force_login(engineer)
    page = client.get(reverse("billing:invoice", args=[invoice.public_id])).content.decode()
    assert 'id="pay-heading"' not in page


def test_the_api_gives_a_person_their_invoices_and_refuses_others(client, engineer, stranger):
    invoice = make_invoice(person=engineer)
    make_invoice(person=stranger)
    client.force_login(engineer)
    listed = client.get("/api/v1/invoices/mine").json()
    assert [row["number"] for row in listed["items"]] == [invoice.number]
    detail = client.get(f"/api/v1/invoices/{invoice.public_id}").json()
    assert detail["lines"][0]["ikpu_code"] == "10305008001000000"
    assert Decimal(detail["gross_total"]) == Decimal("1120000")
    client.force_login(stranger)
    refused = client.get(f"/api/v1/invoices/{invoice.public_id}")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"
    client.logout()
    assert client.get("/api/v1/invoices/mine").status_code == 401


def test_staff_cannot_read_others_invoices_through_the_personal_api(client, registrar):
    invoice = make_invoice()
    client.force_login(registrar)
    assert client.get(f"/api/v1/invoices/{invoice.public_id}").status_code == 404


# --- Billing staff -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN])
def test_billing_staff_find_invoices_by_filters(client, role):
    paid = make_invoice(price="1000")
    services.record_payment(invoice=paid, amount=paid.gross_total, provider="bank", external_id="p")
    unpaid = make_invoice(price="2000")
    tenge = make_invoice(price="3000", currency="KZT")
    client.force_login(make_person(role, two_factor=True))
    url = reverse("billing:staff_invoices")
    page = client.get(url).content.decode()
    assert all(i.number in page for i in (paid, unpaid, tenge))
    page = client.get(url, {"status": "paid"}).content.decode()
    assert paid.number in page
    assert unpaid.number not in page
    page = client.get(url, {"currency": "KZT"}).content.decode()
    assert tenge.number in page
    assert unpaid.number not in page
    page = client.get(url, {"q": unpaid.payer_name}).content.decode()
    assert unpaid.number in page
    assert paid.number not in page


def test_overdue_invoices_are_found(client, registrar):
    import datetime

    late = make_invoice()
    Invoice.objects.filter(pk=late.pk).update(due_on=datetime.date(2020, 1, 1))
    on_time = make_invoice()
    client.force_login(registrar)
    page = client.get(reverse("billing:staff_invoices"), {"overdue": "on"}).content.decode()
    assert late.number in page
    assert on_time.number not in page


def test_a_wrong_date_range_is_explained(client, registrar):
    client.force_login(registrar)
    response = client.get(
        reverse("billing:staff_invoices"), {"issued_from": "2026-12-10", "issued_to": "2026-12-01"}
    )
    assert response.status_code == 400


def test_a_registrar_records_a_bank_transfer_once(client, registrar):
    invoice = make_invoice()
    client.force_login(registrar)
    url = reverse("billing:staff_record_payment", args=[invoice.public_id])
    data = {
        "provider": "bank",
        "amount": "1120000",
        "received_on": "2026-12-01",
        "reference": "PP-555",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    again = client.post(url, data)
    assert again.status_code == 400
    assert "PP-555" in again.content.decode()
    assert Payment.objects.count() == 1
    assert Payment.objects.get().recorded_by == registrar


def test_a_payment_in_the_future_or_without_amount_is_refused(client, registrar):
    invoice = make_invoice()
    client.force_login(registrar)
    url = reverse("billing:staff_record_payment", args=[invoice.public_id])
    base = {"provider": "cash", "amount": "100", "received_on": "2999-01-01", "reference": "K1"}
    assert client.post(url, base).status_code == 400
    assert client.post(url, {**base, "received_on": "2026-01-01", "amount": "0"}).status_code == 400
    assert not Payment.objects.exists()


def test_cancel_and_refund_need_a_reason_and_leave_credit_notes(client, registrar):
    invoice = make_invoice()
    services.record_payment(
        invoice=invoice, amount=Decimal("100000"), provider="cash", external_id="K-1"
    )
    client.force_login(registrar)
    cancel = reverse("billing:staff_cancel", args=[invoice.public_id])
    assert client.post(cancel, {"cancel-reason": ""}).status_code == 400
    assert client.post(cancel, {"cancel-reason": "Session cancelled"}).status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED
    assert invoice.credit_notes.count() == 1
    refund = reverse("billing:staff_refund", args=[invoice.public_id])
    assert client.post(refund, {"refund-reason": "Paid back in cash"}).status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.REFUNDED
    assert AuditEntry.objects.filter(action="billing.invoice.refunded", actor=registrar).exists()


def test_a_paid_invoice_cannot_be_cancelled_and_the_page_says_so(client, registrar):
    invoice = make_invoice()
    services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="cash", external_id="K-2"
    )
    client.force_login(registrar)
    response = client.post(
        reverse("billing:staff_cancel", args=[invoice.public_id]), {"cancel-reason": "why"}
    )
    assert response.status_code == 400
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_money_for_a_cancelled_invoice_is_listed_and_refunded(client, training_manager):
    invoice = make_invoice()
    services.cancel_invoice(invoice=invoice, reason="Session cancelled", actor=None)
    payment = services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="payme", external_id="tx-1"
    )
    client.force_login(training_manager)
    page = client.get(reverse("billing:refunds")).content.decode()
    assert invoice.number in page
    url = reverse("billing:refund_payment", args=[payment.public_id])
    assert client.post(url, {"reason": "Returned through Payme"}).status_code == 302
    payment.refresh_from_db()
    assert payment.state == Payment.State.REFUNDED
    assert not payment.needs_refund
    with translation.override("en"):
        in_english = reverse("billing:refund_payment", args=[payment.public_id])
    twice = client.post(in_english, {"reason": "Returned through Payme"}, follow=True)
    assert "not waiting for a refund" in twice.content.decode()
    assert invoice.number not in client.get(reverse("billing:refunds")).content.decode()


def test_an_overpayment_is_refunded_in_its_excess_only(client, registrar):
    invoice = make_invoice(price="1000")
    payment = services.record_payment(
        invoice=invoice, amount=Decimal("1500"), provider="bank", external_id="over"
    )
    assert payment.needs_refund
    client.force_login(registrar)
    url = reverse("billing:refund_payment", args=[payment.public_id])
    client.post(url, {"reason": "Excess returned"})
    invoice.refresh_from_db()
    payment.refresh_from_db()
    assert invoice.paid_total == Decimal("1000")
    assert invoice.status == Invoice.Status.PAID
    assert payment.state == Payment.State.RECEIVED
    assert payment.details["refunded"]["amount"] == "500.00"


def test_invoices_export_as_csv_and_xlsx(client, registrar):
    import openpyxl

    invoice = make_invoice()
    client.force_login(registrar)
    csv_response = client.get(reverse("billing:staff_invoices_export", args=["csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert invoice.number in text
    xlsx = client.get(reverse("billing:staff_invoices_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert invoice.number in [row[0] for row in sheet.iter_rows(values_only=True)]
    assert AuditEntry.objects.filter(action="billing.invoices.exported").count() == 2


def test_a_statement_is_previewed_then_confirmed(client, registrar):
    from django.core.files.uploadedfile import SimpleUploadedFile

    invoice = make_invoice()
    content = (
        f"Дата;Номер документа;Назначение платежа;Сумма\n"
        f"01.12.2026;77;Оплата по счёту {invoice.number};1 120 000,00\n"
        f"02.12.2026;78;Оплата без номера;5 000,00\n"
    ).encode("cp1251")
    client.force_login(registrar)
    url = reverse("billing:statement_upload")
    preview = client.post(url, {"file": SimpleUploadedFile("s.csv", content)})
    assert preview.status_code == 200
    assert not Payment.objects.exists()
    token = preview.context["confirm"]["token"].value()
    done = client.post(reverse("billing:statement_confirm"), {"token": token})
    assert done.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    page = done.content.decode()
    assert "Оплата без номера" in page


def test_a_file_that_is_not_a_statement_is_explained(client, registrar):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(registrar)
    response = client.post(
        reverse("billing:statement_upload"), {"file": SimpleUploadedFile("s.csv", b"hello")}
    )
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_dashboards_show_what_is_owed(client, training_manager, engineer):
    import datetime

    invoice = make_invoice(person=engineer)
    late = make_invoice(price="5000")
    Invoice.objects.filter(pk=late.pk).update(due_on=datetime.date(2020, 1, 1))
    client.force_login(engineer)
    page = client.get(reverse("accounts:role_dashboard", args=["engineer"])).content.decode()
    assert invoice.number in page
    assert late.number not in page
    client.force_login(training_manager)
    url = reverse("accounts:role_dashboard", args=["training_manager"])
    page = client.get(url).content.decode()
    assert "data-owed" in page
    assert "data-overdue" in page
    assert reverse("billing:refunds") in page


def test_a_read_token_lists_the_persons_invoices(client, engineer):
    from muhandis.accounts import services as accounts_services

    invoice = make_invoice(person=engineer)
    _, plain = accounts_services.create_api_token(user=engineer, name="books", scope="read")
    response = client.get("/api/v1/invoices/mine", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == str(invoice.public_id)
    wrong = client.get("/api/v1/invoices/mine", HTTP_AUTHORIZATION="Bearer mhd_wrong")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "not_authenticated"
