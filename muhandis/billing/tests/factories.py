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
