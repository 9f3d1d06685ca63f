"""What the item bank's pages share: who opens them, how a refusal is shown, the list's filter
and the formats an export can take."""

import importlib
from types import ModuleType

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from muhandis.accounts.roles import Role
from muhandis.exams.bank.forms import EXPORT_FORMATS, BankFilterForm
from muhandis.exams.formats.items import LANGUAGES
from muhandis.exams.models import Item

BANK = (Role.EXAMINER, Role.REGISTRAR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refused(request: HttpRequest, exc: Exception) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def filtered_items(form: BankFilterForm) -> QuerySet[Item]:
    items = Item.objects.all()
    if not form.is_valid():
        return items.none()
    data = form.cleaned_data
    if data["q"]:
        text = Q(code__icontains=data["q"])
        for code in LANGUAGES:
            text |= Q(**{f"versions__content__texts__{code}__icontains": data["q"]})
        items = items.filter(text)
    if data["kind"]:
        items = items.filter(kind=data["kind"])
    if data["status"]:
        items = items.filter(versions__status=data["status"])
    if data["area"]:
        items = items.filter(competencies__area__code=data["area"])
    if data["scheme"]:
        items = items.filter(schemes__code=data["scheme"])
    if data["language"]:
        items = items.filter(versions__content__texts__has_key=data["language"])
    return items.distinct().order_by("code")


def qti_module() -> ModuleType | None:
    """The QTI module, where this installation has one."""
    if importlib.util.find_spec("muhandis.exams.formats.qti") is None:
        return None
    module = importlib.import_module("muhandis.exams.formats.qti")
    return module if hasattr(module, "write") else None


def export_formats() -> list[tuple[str, str]]:
    found = list(EXPORT_FORMATS)
    if qti_module() is not None:
        found.append(("qti", gettext_lazy("QTI (IMS Question and Test Interoperability)")))
    return found
