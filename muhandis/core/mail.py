"""Email backends: hand every message to a task; in development deliver it to the outbox."""

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


def message_to_dict(message: EmailMessage) -> dict:
    alternatives = [(str(alt[0]), str(alt[1])) for alt in getattr(message, "alternatives", [])]
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": alternatives,
    }


class TaskEmailBackend(BaseEmailBackend):
    """Enqueue each message for delivery by the background worker."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from .tasks import deliver_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_to_dict(message))
            count += 1
        return count


class OutboxEmailBackend(BaseEmailBackend):
    """Development delivery: print to the console and keep a copy for the outbox page."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from .models import OutboxMessage

        for message in email_messages:
            data = message_to_dict(message)
            html = next((c for c, mimetype in data["alternatives"] if mimetype == "text/html"), "")
            OutboxMessage.objects.create(
                subject=data["subject"][:300],
                from_email=data["from_email"][:300],
                to=", ".join(data["to"] + data["cc"] + data["bcc"]),
                body=data["body"],
                html_body=html,
            )
            logger.info("Email to %s: %s\n%s", ", ".join(data["to"]), data["subject"], data["body"])
        return len(email_messages)


def send_in_language(to: str, template: str, language: str, context: dict) -> None:
    """Email ``<template>_subject.txt`` and ``<template>.txt`` to ``to``, rendered in
    ``language`` (for example ``template="certification/email/expiry_reminder"``)."""
    from django.utils import translation

    with translation.override(language):
        subject = render_text(f"{template}_subject.txt", context)
        body = render_text(f"{template}.txt", context)
    EmailMessage(" ".join(subject.split()), body, None, [to]).send()


def render_text(name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: an email is not a page, so a name
    such as O'Brien or a title with "&" reads as typed."""
    from django.template import Context, engines
    from django.template.backends.django import DjangoTemplates

    backend = engines["django"]
    assert isinstance(backend, DjangoTemplates)
    template = backend.engine.get_template(name)
    return template.render(Context(context, autoescape=False))
