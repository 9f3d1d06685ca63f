"""What the CPD services share: the role check and messages to a person in their language."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from muhandis.accounts.models import User
from muhandis.accounts.selectors import usable_roles
from muhandis.core.mail import send_in_language


def require_role(actor: User, role: str, message: str) -> None:
    if role not in usable_roles(actor):
        raise PermissionDenied(message)


def notify(person: User, template: str, context: dict[str, Any]) -> None:
    send_in_language(person.email, f"cpd/email/{template}", person.preferred_language, context)


def link(person: User, name: str, **kwargs: object) -> str:
    with translation.override(person.preferred_language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)
