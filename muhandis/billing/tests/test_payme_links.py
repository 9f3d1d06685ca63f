"""The providers' one interface: which are offered, their checkout addresses, the pay buttons,
and the money conversions and key check that Payme's protocol rests on."""

import base64
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from muhandis.billing import services
from muhandis.billing.providers import checkout_links, enabled_providers
from muhandis.billing.providers.base import from_tiyin, parse_soum, to_tiyin
from muhandis.billing.providers.payme import authorised

from .providers_sim import CLICK_MERCHANT, CLICK_SERVICE, PAYME_MERCHANT, configure, make_invoice

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), places=2)


@given(AMOUNTS)
def test_soum_to_tiyin_and_back_is_exact(amount):
    assert from_tiyin(to_tiyin(amount)) == amount
    assert to_tiyin(amount) == int(amount * 100)


@given(st.integers(min_value=1, max_value=10**14))
def test_tiyin_to_soum_and_back_is_exact(tiyin):
    assert to_tiyin(from_tiyin(tiyin)) == tiyin


@given(AMOUNTS)
def test_click_amounts_read_as_they_are_written(amount):
    assert parse_soum(f"{amount:.2f}") == amount
    assert parse_soum(f"{amount:f}") == amount
    assert parse_soum(f"{amount}1") in {None, amount}  # a third decimal other than 0 is refused


@pytest.mark.parametrize("text", ["", "abc", "0", "-5.00", "1.001", "NaN", "Infinity", "1e400"])
def test_click_amounts_that_are_no_amount_are_refused(text):
    assert parse_soum(text) is None


@given(st.text(min_size=1, max_size=40))
def test_only_payme_s_login_with_our_key_is_let_in(key):
    with override_settings(PAYME_KEY="the-right-key", PAYME_TEST_KEY=""):
        header = "Basic " + base64.b64encode(f"Paycom:{key}".encode()).decode()
        assert authorised(header) == (key == "the-right-key")
        right = "Basic " + base64.b64encode(b"Paycom:the-right-key").decode()
        assert authorised(right)
        assert not authorised(right.replace("Basic", "Bearer"))


def test_no_key_lets_nobody_in():
    with override_settings(PAYME_KEY="", PAYME_TEST_KEY=""):
        assert not authorised("Basic " + base64.b64encode(b"Paycom:").decode())


@pytest.mark.django_db
def test_providers_are_offered_only_when_their_settings_are_given(settings):
    settings.PAYME_MERCHANT_ID = settings.PAYME_KEY = settings.PAYME_TEST_KEY = ""
    settings.CLICK_SERVICE_ID = settings.CLICK_MERCHANT_ID = settings.CLICK_SECRET_KEY = ""
    assert enabled_providers() == []
    configure(settings)
    assert [p.code for p in enabled_providers()] == ["payme", "click"]
    settings.CLICK_SECRET_KEY = ""
    assert [p.code for p in enabled_providers()] == ["payme"]


@pytest.mark.django_db
def test_checkout_addresses_carry_the_invoice_number_and_amount(settings):
    configure(settings)
    invoice = make_invoice(prices=("1120000",))
    payme, click = checkout_links(invoice, return_url="https://muhandis.uz/uz/billing/x/")
    assert payme.url.startswith("https://checkout.paycom.uz/")
    decoded = base64.b64decode(payme.url.rsplit("/", 1)[1]).decode()
    assert decoded == (
        f"m={PAYME_MERCHANT};ac.invoice={invoice.number};a=112000000;l=en;"
        "c=https://muhandis.uz/uz/billing/x/"
    )
    assert click.url == (
        f"https://my.click.uz/services/pay?service_id={CLICK_SERVICE}&merchant_id={CLICK_MERCHANT}"
        f"&amount=1120000.00&transaction_param={invoice.number}"
        "&return_url=https%3A%2F%2Fmuhandis.uz%2Fuz%2Fbilling%2Fx%2F"
    )


@pytest.mark.django_db(transaction=True)
def test_the_pay_buttons_show_for_an_open_invoice_in_soum_only(settings):
    configure(settings)
    template = Template('{% include "billing/_pay.html" %}')
    request = RequestFactory().get("/en/billing/invoice/")

    def render(invoice):
        return template.render(Context({"invoice": invoice, "request": request}))

    invoice = make_invoice()
    page = render(invoice)
    assert "Pay with Payme" in page
    assert "Pay with Click" in page
    assert invoice.number in page
    assert render(make_invoice(currency="KZT")).strip() == ""
    services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="cash", external_id="r-1"
    )
    invoice.refresh_from_db()
    assert render(invoice).strip() == ""
