"""Telling a person something: on the site, by email at once, or in a daily digest.

Each domain registers its kinds of notice once (``register_kind`` in its ``AppConfig.ready``)
and calls ``notify`` whenever something happens that a person should hear about. The notice is
rendered in the person's language from two templates, ``<template>_subject.txt`` (the title)
and ``<template>.txt`` (the text), the same pair an email uses, so that what the site shows and
what the email says never differ."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.core.mail import render_text, send_in_language

from .models import EmailChoice, Notification, Preference


@dataclass(frozen=True)
class Kind:
    """A kind of notice: its code (``forum.reply``), the words the settings page shows, the
    group it is listed under, what a person gets unless they choose otherwise, and whether its
    email may be switched off (an invoice or an account notice may not)."""

    code: str
    label: str | Promise
    group: str | Promise
    email: str = EmailChoice.NOW
    required: bool = False


_KINDS: dict[str, Kind] = {}


def register_kind(
    code: str,
    label: str | Promise,
    *,
    group: str | Promise,
    email: str = EmailChoice.NOW,
    required: bool = False,
) -> Kind:
    """Make a kind of notice known (idempotent: an app's ready() may run twice in tests)."""
    if email not in EmailChoice.values:
        raise ValueError(f"unknown email choice {email!r}")
    kind = Kind(code=code, label=label, group=group, email=email, required=required)
    _KINDS[code] = kind
    return kind


def kinds() -> list[Kind]:
    """Every registered kind, grouped as the settings page lists them."""
    return sorted(_KINDS.values(), key=lambda kind: (str(kind.group), str(kind.label)))


def get_kind(code: str) -> Kind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ValueError(f"unknown notification kind {code!r}") from None


def _choice(person: User, found: Kind) -> tuple[bool, str]:
    row = Preference.objects.filter(person=person, kind=found.code).first()
    if row is None:
        return True, found.email
    email = row.email
    if found.required and email == EmailChoice.OFF:
        email = found.email
    return row.on_site, email


def notify(
    *,
    person: User,
    kind: str,
    template: str,
    context: dict[str, Any] | None = None,
    url: str = "",
) -> Notification | None:
    """Tell ``person`` about something of ``kind``, rendered from ``template`` in their
    language; ``url`` is where the notice leads (a path on this site). Shown on the site and
    emailed as the person chose; nothing is kept when they want neither (returns None). The
    email leaves when the surrounding transaction commits."""
    found = get_kind(kind)
    on_site, email = _choice(person, found)
    if not person.is_active or (not on_site and email == EmailChoice.OFF):
        return None
    language = person.preferred_language or settings.LANGUAGE_CODE
    values = {"person": person, "url": url, "site_url": settings.SITE_URL, **(context or {})}
    with translation.override(language):
        title = " ".join(render_text(f"{template}_subject.txt", values).split())[:300]
        body = render_text(f"{template}.txt", values).strip()
    notice = Notification.objects.create(
        person=person,
        kind=found.code,
        title=title,
        body=body,
        url=url,
        on_site=on_site,
        awaiting_digest=email == EmailChoice.DIGEST and bool(person.email),
    )
    if email == EmailChoice.NOW and person.email:
        transaction.on_commit(lambda: _email_now(notice.pk))
    return notice


def _email_now(notice_id: int) -> None:
    notice = Notification.objects.select_related("person").get(pk=notice_id)
    person = notice.person
    send_in_language(
        person.email,
        "notifications/email/notice",
        person.preferred_language or settings.LANGUAGE_CODE,
        {"notice": notice, "link": _absolute(notice.url)},
    )
    Notification.objects.filter(pk=notice_id).update(emailed_at=timezone.now())


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def mark_read(*, person: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notices read (the given ones, or all); how many changed."""
    found = Notification.objects.filter(person=person, read_at__isnull=True)
    if ids is not None:
        found = found.filter(pk__in=list(ids))
    return found.update(read_at=timezone.now())


def set_preferences(
    *, person: User, choices: dict[str, tuple[bool, str]], request: Any = None
) -> None:
    """Save the person's choice, per kind code, of (show on the site, email choice). A
    required kind's email cannot be switched off; an unknown kind or choice is refused."""
    for code, (_on_site, email) in choices.items():
        found = get_kind(code)
        if email not in EmailChoice.values:
            raise ValidationError(_("Choose how to be emailed from the list."))
        if found.required and email == EmailChoice.OFF:
            raise ValidationError(
                _("“%(kind)s” is always emailed: you cannot switch it off.") % {"kind": found.label}
            )
    with transaction.atomic():
        before = {
            row.kind: [row.on_site, row.email] for row in Preference.objects.filter(person=person)
        }
        for code, (on_site, email) in choices.items():
            Preference.objects.update_or_create(
                person=person, kind=code, defaults={"on_site": on_site, "email": email}
            )
        after = {code: [on_site, email] for code, (on_site, email) in choices.items()}
        if any(before.get(code) != value for code, value in after.items()):
            audit.record(
                "notifications.preferences.changed",
                actor=person,
                target=person,
                before=before,
                after=after,
                request=request,
            )


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Email each person one digest of the notices waiting for it, in their language; how
    many digests were sent. A notice is in one digest only."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(awaiting_digest=True)
        .select_related("person")
        .order_by("person_id", "created_at", "id")
    )
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for notice in waiting:
        by_person[notice.person_id].append(notice)
    sent = 0
    for notices in by_person.values():
        person = notices[0].person
        with transaction.atomic():
            ids = [n.pk for n in notices]
            Notification.objects.filter(pk__in=ids).update(awaiting_digest=False, emailed_at=now)
            if person.email and person.is_active:
                items = [(n, _absolute(n.url)) for n in notices]
                send_in_language(
                    person.email,
                    "notifications/email/digest",
                    person.preferred_language or settings.LANGUAGE_CODE,
                    {"person": person, "items": items, "count": len(items)},
                )
                sent += 1
    return sent
