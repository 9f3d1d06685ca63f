"""Payme Merchant API errors: the published codes, each with its message in the three
languages Payme shows its users (the protocol asks for all three in every error, whatever the
language of the request, so they are written here rather than taken from the catalogues)."""

from typing import Any

# Codes fixed by the protocol.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
NOT_POST = -32300
METHOD_NOT_FOUND = -32601
INSUFFICIENT_PRIVILEGE = -32504
SYSTEM_ERROR = -32400
WRONG_AMOUNT = -31001
TRANSACTION_NOT_FOUND = -31003
CANNOT_CANCEL = -31007
CANNOT_PERFORM = -31008
# Account errors: the protocol leaves -31050..-31099 to the merchant; ours are these.
INVOICE_NOT_FOUND = -31050
INVOICE_PAID = -31051
INVOICE_CLOSED = -31052
INVOICE_BUSY = -31053

MESSAGES: dict[int, dict[str, str]] = {
    PARSE_ERROR: {
        "ru": "Ошибка разбора JSON.",
        "uz": "JSON so‘rovini o‘qib bo‘lmadi.",
        "en": "The request is not valid JSON.",
    },
    INVALID_REQUEST: {
        "ru": "Неверный запрос: нет обязательных полей или неверные типы полей.",
        "uz": "So‘rov noto‘g‘ri: majburiy maydonlar yo‘q yoki turi noto‘g‘ri.",
        "en": "Invalid request: required fields are missing or of the wrong type.",
    },
    NOT_POST: {
        "ru": "Запрос должен быть отправлен методом POST.",
        "uz": "So‘rov POST usulida yuborilishi kerak.",
        "en": "The request must be sent with POST.",
    },
    METHOD_NOT_FOUND: {
        "ru": "Запрашиваемый метод не найден.",
        "uz": "So‘ralgan usul topilmadi.",
        "en": "The method was not found.",
    },
    INSUFFICIENT_PRIVILEGE: {
        "ru": "Недостаточно привилегий для выполнения метода.",
        "uz": "Usulni bajarish uchun huquq yetarli emas.",
        "en": "Insufficient privileges to perform this method.",
    },
    SYSTEM_ERROR: {
        "ru": "Системная ошибка.",
        "uz": "Tizim xatosi.",
        "en": "System error.",
    },
    WRONG_AMOUNT: {
        "ru": "Неверная сумма: она должна совпадать с суммой к оплате по счёту.",
        "uz": "Summa noto‘g‘ri: u hisob-faktura bo‘yicha to‘lanadigan summaga teng bo‘lishi kerak.",
        "en": "Wrong amount: it must equal the amount due on the invoice.",
    },
    TRANSACTION_NOT_FOUND: {
        "ru": "Транзакция не найдена.",
        "uz": "Tranzaksiya topilmadi.",
        "en": "Transaction not found.",
    },
    CANNOT_CANCEL: {
        "ru": "Невозможно отменить транзакцию: деньги по счёту уже возвращены.",
        "uz": "Tranzaksiyani bekor qilib bo‘lmaydi: to‘lov allaqachon qaytarilgan.",
        "en": "The transaction cannot be cancelled: the money was already refunded.",
    },
    CANNOT_PERFORM: {
        "ru": "Невозможно выполнить операцию.",
        "uz": "Amalni bajarib bo‘lmaydi.",
        "en": "The operation cannot be performed.",
    },
    INVOICE_NOT_FOUND: {
        "ru": "Счёт не найден.",
        "uz": "Hisob-faktura topilmadi.",
        "en": "Invoice not found.",
    },
    INVOICE_PAID: {
        "ru": "Счёт уже оплачен.",
        "uz": "Hisob-faktura allaqachon to‘langan.",
        "en": "The invoice is already paid.",
    },
    INVOICE_CLOSED: {
        "ru": "Счёт отменён и не может быть оплачен.",
        "uz": "Hisob-faktura bekor qilingan, uni to‘lab bo‘lmaydi.",
        "en": "The invoice is cancelled and cannot be paid.",
    },
    INVOICE_BUSY: {
        "ru": "По этому счёту уже идёт другая оплата. Завершите её или подождите.",
        "uz": "Bu hisob-faktura bo‘yicha boshqa to‘lov jarayonda. Uni yakunlang yoki kuting.",
        "en": "Another payment of this invoice is in progress. Finish it or wait.",
    },
}


class PaymeError(Exception):
    """An error answer; ``data`` names the field at fault, as the protocol asks."""

    def __init__(self, code: int, data: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.data = data

    def as_error(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": MESSAGES[self.code]}
        if self.data is not None:
            error["data"] = self.data
        return error
