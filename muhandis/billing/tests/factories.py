from decimal import Decimal

import factory

from muhandis.billing.models import Issuer


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ("currency",)

    currency = "UZS"
    name = "Oʻzbekiston muhandislik kompaniyalari uyushmasi (UZACE)"
    tax_number = "201234567"
    address = "Toshkent sh., Amir Temur koʻchasi 1"
    bank_name = "Xalq banki"
    bank_account = "20212000900123456001"
    bank_code = "00014"
    vat_rate = Decimal(12)
    prices_include_vat = True


class KztIssuerFactory(IssuerFactory):
    currency = "KZT"
    name = "Qazaqstan injenerler qauymdastyǵy"
    tax_number = "123456789012"
    address = "Shymkent, Tauke khan 5"
    bank_name = "Halyk Bank"
    bank_account = "KZ123456789012345678"
    bank_code = "HSBKKZKX"
    number_prefix = "KZ"
    credit_prefix = "KZCN"


def make_invoice(
    *,
    person=None,
    organisation=None,
    price="1120000",
    currency="UZS",
    language="uz",
    lines=None,
    issue=True,
):
    """An issued invoice to ``person`` (a new one unless given) or ``organisation``."""
    from muhandis.accounts.tests.factories import UserFactory
    from muhandis.billing import services

    (KztIssuerFactory if currency == "KZT" else IssuerFactory)()
    if organisation is not None:
        payer = services.Payer.for_organisation(organisation)
    else:
        payer = services.Payer.for_person(person or UserFactory())
    payer = services.Payer(**{**payer.__dict__, "language": language})
    lines = lines or [
        services.LineIn(
            description="Yomgʻir suvlarini boshqarish kursi",
            unit_price=Decimal(price),
            ikpu_code="10305008001000000",
            package_code="1500414",
        )
    ]
    return services.create_invoice(
        payer=payer, lines=lines, currency=currency, actor=None, issue=issue
    )
