"""Click's ``sign_string``: as published, and any change to a signed field breaks it."""

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from muhandis.billing.providers.click import sign, signature_matches

from .providers_sim import click_sign

DIGITS = st.integers(min_value=1, max_value=10**12).map(str)
TEXT = st.text(alphabet="INV-0123456789 ʻабвёЎқ&=?%", max_size=30)
FIELDS = st.fixed_dictionaries(
    {
        "click_trans_id": DIGITS,
        "service_id": st.just("12345"),
        "click_paydoc_id": DIGITS,
        "merchant_trans_id": TEXT,
        "amount": st.integers(min_value=100, max_value=10**11).map(
            lambda n: f"{n // 100}.{n % 100:02d}"
        ),
        "action": st.sampled_from(["0", "1"]),
        "error": st.just("0"),
        "sign_time": st.just("2026-12-07 10:00:00"),
        "merchant_prepare_id": DIGITS,
    }
)


def test_the_published_example_order():
    expected = click_sign(
        {
            "click_trans_id": "1",
            "service_id": "2",
            "merchant_trans_id": "INV",
            "merchant_prepare_id": "4",
            "amount": "500.00",
            "action": "1",
            "sign_time": "2026-12-07 10:00:00",
        },
        secret="S",
    )
    assert expected == sign(
        click_trans_id="1",
        service_id="2",
        secret_key="S",
        merchant_trans_id="INV",
        merchant_prepare_id="4",
        amount="500.00",
        action="1",
        sign_time="2026-12-07 10:00:00",
    )


@given(FIELDS, st.booleans())
def test_a_signature_made_with_our_secret_is_accepted(fields, complete):
    if not complete:
        fields = {k: v for k, v in fields.items() if k != "merchant_prepare_id"}
    fields["sign_string"] = click_sign(fields, secret="our-secret")
    with override_settings(CLICK_SECRET_KEY="our-secret", CLICK_SERVICE_ID="12345"):
        assert signature_matches(fields, complete=complete)
        assert signature_matches(
            {**fields, "sign_string": fields["sign_string"].upper()}, complete=complete
        )


@given(
    FIELDS,
    st.sampled_from(
        [
            "click_trans_id",
            "merchant_trans_id",
            "merchant_prepare_id",
            "amount",
            "action",
            "sign_time",
        ]
    ),
    st.text(min_size=1, max_size=5),
)
def test_changing_any_signed_field_breaks_the_signature(fields, name, suffix):
    fields["sign_string"] = click_sign(fields, secret="our-secret")
    tampered = {**fields, name: fields[name] + suffix}
    with override_settings(CLICK_SECRET_KEY="our-secret", CLICK_SERVICE_ID="12345"):
        assert not signature_matches(tampered, complete=True)


@given(FIELDS, TEXT)
def test_another_secret_is_refused(fields, secret):
    fields["sign_string"] = click_sign(fields, secret=secret)
    with override_settings(CLICK_SECRET_KEY="our-secret", CLICK_SERVICE_ID="12345"):
        assert signature_matches(fields, complete=True) == (secret == "our-secret")
