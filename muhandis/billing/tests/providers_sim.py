"""Simulated Payme and Click: they send our endpoints the calls the real providers send, in
their order and shape (Payme's JSON-RPC with its Basic key, Click's signed form posts),
through Django's test client, and hand back the decoded answers."""

import base64
import hashlib
import itertools
import json
import secrets
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.test import Client

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing import services
from muhandis.billing.models import Invoice

from .factories import IssuerFactory

PAYME_KEY = "sim-payme-key-&?%@"
PAYME_MERCHANT = "5e730e8e0b852a417aa49ceb"
CLICK_SERVICE = "12345"
CLICK_MERCHANT = "6789"
CLICK_USER = "4321"
CLICK_SECRET = "sim-click-secret"
IKPU = "10305008002000000"
PACKAGE = "1501378"


def configure(settings: Any) -> None:
    """The merchant accounts the simulators speak for."""
    settings.PAYME_MERCHANT_ID = PAYME_MERCHANT
    settings.PAYME_KEY = PAYME_KEY
    settings.PAYME_TEST_KEY = ""
    settings.CLICK_SERVICE_ID = CLICK_SERVICE
    settings.CLICK_MERCHANT_ID = CLICK_MERCHANT
    settings.CLICK_MERCHANT_USER_ID = CLICK_USER
    settings.CLICK_SECRET_KEY = CLICK_SECRET


def make_invoice(
    *, prices: tuple[str, ...] = ("1120000",), currency: str = "UZS", quantity: str = "1"
) -> Invoice:
    """An issued invoice with course lines that carry their fiscal codes."""
    IssuerFactory(currency=currency)
    return services.create_invoice(
        payer=services.Payer.for_person(UserFactory()),
        lines=[
            services.LineIn(
                description=f"Course {n}: rainwater management",
                unit_price=Decimal(price),
                quantity=Decimal(quantity),
                ikpu_code=IKPU,
                package_code=PACKAGE,
            )
            for n, price in enumerate(prices, start=1)
        ],
        currency=currency,
        actor=None,
    )


def tiyin(invoice: Invoice) -> int:
    return int(invoice.balance * 100)


@dataclass
class PaymeSimulator:
    client: Client = field(default_factory=Client)
    key: str = PAYME_KEY
    login: str = "Paycom"
    path: str = "/pay/payme/"
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @staticmethod
    def new_id() -> str:
        """A Payme transaction id (24 hex digits, like Payme's)."""
        return secrets.token_hex(12)

    @staticmethod
    def now() -> int:
        return int(time.time() * 1000)

    def headers(self) -> dict[str, str]:
        token = base64.b64encode(f"{self.login}:{self.key}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def raw(self, body: bytes | str, *, headers: dict[str, str] | None = None) -> dict:
        response = self.client.post(
            self.path,
            body,
            content_type="application/json",
            headers=self.headers() if headers is None else headers,
        )
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    def call(self, method: str, params: dict[str, Any], **kwargs: Any) -> dict:
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        return self.raw(json.dumps(body), **kwargs)

    def check_perform(self, number: str, amount: int) -> dict:
        return self.call(
            "CheckPerformTransaction", {"amount": amount, "account": {"invoice": number}}
        )

    def create(self, payme_id: str, number: str, amount: int, when: int | None = None) -> dict:
        return self.call(
            "CreateTransaction",
            {
                "id": payme_id,
                "time": when or self.now(),
                "amount": amount,
                "account": {"invoice": number},
            },
        )

    def perform(self, payme_id: str) -> dict:
        return self.call("PerformTransaction", {"id": payme_id})

    def cancel(self, payme_id: str, reason: int) -> dict:
        return self.call("CancelTransaction", {"id": payme_id, "reason": reason})

    def check(self, payme_id: str) -> dict:
        return self.call("CheckTransaction", {"id": payme_id})

    def statement(self, start: int, end: int) -> dict:
        return self.call("GetStatement", {"from": start, "to": end})

    def pay(self, invoice: Invoice, *, payme_id: str | None = None) -> tuple[str, list[dict]]:
        """Payme's whole sequence for one payment: check, create, perform."""
        payme_id = payme_id or self.new_id()
        amount = tiyin(invoice)
        answers = [
            self.check_perform(invoice.number, amount),
            self.create(payme_id, invoice.number, amount),
            self.perform(payme_id),
        ]
        return payme_id, answers


def click_sign(fields: dict[str, str], *, secret: str = CLICK_SECRET) -> str:
    """Click's own computation of ``sign_string`` (the simulator's copy, not ours)."""
    text = (
        fields["click_trans_id"]
        + fields["service_id"]
        + secret
        + fields["merchant_trans_id"]
        + fields.get("merchant_prepare_id", "")
        + fields["amount"]
        + fields["action"]
        + fields["sign_time"]
    )
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324  (Click's published scheme)


@dataclass
class ClickSimulator:
    client: Client = field(default_factory=Client)
    secret: str = CLICK_SECRET
    service_id: str = CLICK_SERVICE
    _ids: itertools.count = field(default_factory=lambda: itertools.count(2_000_000_001))

    def new_id(self) -> int:
        return next(self._ids)

    def post(self, action: str, fields: dict[str, str]) -> dict:
        path = "/pay/click/prepare/" if action == "prepare" else "/pay/click/complete/"
        response = self.client.post(path, fields)
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    def fields(
        self,
        click_trans_id: int,
        number: str,
        amount: str,
        *,
        action: str,
        error: int = 0,
        prepare_id: int | None = None,
    ) -> dict[str, str]:
        fields = {
            "click_trans_id": str(click_trans_id),
            "service_id": self.service_id,
            "click_paydoc_id": str(click_trans_id + 7),
            "merchant_trans_id": number,
            "amount": amount,
            "action": action,
            "error": str(error),
            "error_note": "Success" if error == 0 else "Payment failed",
            "sign_time": "2026-12-07 10:00:00",
        }
        if prepare_id is not None:
            fields["merchant_prepare_id"] = str(prepare_id)
        fields["sign_string"] = click_sign(fields, secret=self.secret)
        return fields

    def prepare(self, click_trans_id: int, number: str, amount: str, **kwargs: Any) -> dict:
        return self.post(
            "prepare", self.fields(click_trans_id, number, amount, action="0", **kwargs)
        )

    def complete(
        self, click_trans_id: int, prepare_id: int, number: str, amount: str, *, error: int = 0
    ) -> dict:
        fields = self.fields(
            click_trans_id, number, amount, action="1", error=error, prepare_id=prepare_id
        )
        return self.post("complete", fields)

    def pay(self, invoice: Invoice) -> tuple[int, list[dict]]:
        """Click's sequence for one payment: prepare, then complete."""
        click_trans_id = self.new_id()
        amount = f"{invoice.balance:.2f}"
        prepared = self.prepare(click_trans_id, invoice.number, amount)
        completed = self.complete(
            click_trans_id, prepared["merchant_prepare_id"], invoice.number, amount
        )
        return click_trans_id, [prepared, completed]


@dataclass
class FakeClickApi:
    """Click's merchant API as the fiscal task sees it: records each call, answers as told."""

    status: int = 200
    answer: dict = field(default_factory=lambda: {"error_code": 0, "error_note": "Успешно"})
    fail: bool = False
    calls: list[tuple[str, dict[str, str], dict]] = field(default_factory=list)

    def __call__(self, url: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        self.calls.append((url, headers, json.loads(body)))
        if self.fail:
            raise OSError("network unreachable")
        return self.status, json.dumps(self.answer).encode()
