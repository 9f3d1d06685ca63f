"""Writes of the item bank: authoring, review by someone else, activation and retirement.

Authors and reviewers are examiners; the exam manager (a registrar) activates and retires.
Every view and every change of an item is recorded in the audit trail."""

import hashlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Scheme
from muhandis.competencies.models import Competency
from muhandis.core import audit
from muhandis.exams.models import Item, ItemImage, ItemKind, ItemVersion

LANGUAGES = ("uz", "ru", "en")
AUTHORS = frozenset({Role.EXAMINER})
MANAGERS = frozenset({Role.REGISTRAR})
V = ItemVersion.Status


def can_see_items(person: User) -> bool:
    """Only authors, reviewers and exam managers see items."""
    return bool(usable_roles(person) & (AUTHORS | MANAGERS))


def _require(person: User, roles: frozenset[str], message: str) -> None:
    if not usable_roles(person) & roles:
        raise PermissionDenied(message)


def content_languages(content: dict) -> list[str]:
    texts = content.get("texts") or {}
    return [code for code in LANGUAGES if str(texts.get(code) or "").strip()]


def _check(kind: str, content: dict) -> None:
    if kind not in ItemKind.values:
        raise ValidationError({"kind": _("Choose the type of the item.")})
    if not content_languages(content):
        raise ValidationError(
            {"content": _("Write the question in at least one of Uzbek, Russian and English.")}
        )


def create_item(
    *,
    actor: User,
    code: str,
    kind: str,
    content: dict,
    competencies: Iterable[Competency],
    schemes: Iterable[Scheme] = (),
    difficulty: int = 2,
    request: HttpRequest | None = None,
) -> Item:
    _require(actor, AUTHORS, _("Only examiners write items."))
    _check(kind, content)
    competencies = list(competencies)
    if not competencies:
        raise ValidationError({"competencies": _("Tag the item with at least one competency.")})
    try:
        with transaction.atomic():
            item = Item.objects.create(code=code, kind=kind, difficulty=difficulty, author=actor)
            item.competencies.set(competencies)
            item.schemes.set(list(schemes))
            ItemVersion.objects.create(
                item=item,
                number=1,
                content=content,
                languages=content_languages(content),
                author=actor,
            )
            audit.record(
                "exams.item.created",
                actor=actor,
                target=item,
                after={"code": code, "kind": kind},
                request=request,
            )
    except IntegrityError as exc:
        raise ValidationError({"code": _("Another item already has this code.")}) from exc
    return item


def new_version(
    *, item: Item, actor: User, content: dict, request: HttpRequest | None = None
) -> ItemVersion:
    """A change of wording or answers: a new draft; reviewed versions never change."""
    _require(actor, AUTHORS, _("Only examiners write items."))
    _check(item.kind, content)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        draft = item.versions.filter(status=V.DRAFT).first()
        if draft is not None:
            draft.content, draft.languages = content, content_languages(content)
            draft.author = actor
            draft.save(update_fields=["content", "languages", "author", "updated_at"])
            version = draft
        else:
            last = item.versions.order_by("-number").first()
            version = ItemVersion.objects.create(
                item=item,
                number=(last.number + 1) if last else 1,
                content=content,
                languages=content_languages(content),
                author=actor,
            )
        audit.record(
            "exams.item.edited",
            actor=actor,
            target=item,
            after={"version": version.number},
            request=request,
        )
    return version


def _tags(item: Item) -> dict:
    return {
        "difficulty": item.difficulty,
        "competencies": sorted(item.competencies.values_list("code", flat=True)),
        "schemes": sorted(
            f"{code} v{version}" for code, version in item.schemes.values_list("code", "version")
        ),
    }


def retag(
    *,
    item: Item,
    actor: User,
    difficulty: int,
    competencies: Iterable[Competency],
    schemes: Iterable[Scheme] = (),
    request: HttpRequest | None = None,
) -> bool:
    """Change what an item is tagged with (its difficulty, competencies and schemes); its code
    and type never change. Forms drawn from now on follow the new tags. Returns whether
    anything changed."""
    _require(actor, AUTHORS, _("Only examiners write items."))
    competencies = list(competencies)
    if not competencies:
        raise ValidationError({"competencies": _("Tag the item with at least one competency.")})
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        before = _tags(item)
        item.competencies.set(competencies)
        item.schemes.set(list(schemes))
        item.difficulty = difficulty
        after = _tags(item)
        if after == before:
            return False
        item.save(update_fields=["difficulty", "updated_at"])  # the drawing pool sees it
        audit.record(
            "exams.item.retagged",
            actor=actor,
            target=item,
            before=before,
            after=after,
            request=request,
        )
    return True


TAG_KEYS = frozenset({"competencies", "schemes", "difficulty", "tags", "name"})


def _wording(content: dict) -> dict:
    """What a new version is for: the content without the tags, which the item keeps."""
    return {k: v for k, v in content.items() if k not in TAG_KEYS}


def edit_item(
    *,
    item: Item,
    actor: User,
    difficulty: int,
    competencies: Iterable[Competency],
    schemes: Iterable[Scheme] = (),
    content: dict,
    source_content: dict,
    request: HttpRequest | None = None,
) -> tuple[bool, ItemVersion | None]:
    """Change an item's tags and, when its wording differs from the version it was edited
    from, save a new draft version; all or nothing. Returns whether the tags changed
    and the new version, if any."""
    with transaction.atomic():
        retagged = retag(
            item=item,
            actor=actor,
            difficulty=difficulty,
            competencies=competencies,
            schemes=schemes,
            request=request,
        )
        version = None
        if _wording(content) != _wording(source_content):
            version = new_version(item=item, actor=actor, content=content, request=request)
    return retagged, version


def record_export(
    *,
    actor: User,
    fmt: str,
    language: str,
    versions: str,
    items: list[str],
    warnings: int,
    request: HttpRequest | None = None,
) -> None:
    """Record that items of the bank were downloaded in a format."""
    audit.record(
        "exams.bank.exported",
        actor=actor,
        after={
            "format": fmt,
            "language": language,
            "versions": versions,
            "items": items,
            "warnings": warnings,
        },
        request=request,
    )


def review(*, version: ItemVersion, actor: User, request: HttpRequest | None = None) -> ItemVersion:
    """A second examiner, never the author of the version, confirms it."""
    _require(actor, AUTHORS, _("Only examiners review items."))
    if version.author_id == actor.pk:
        raise PermissionDenied(_("Someone other than the author must review an item."))
    with transaction.atomic():
        version = ItemVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != V.DRAFT:
            raise ValidationError(_("Only a draft can be reviewed."))
        version.status, version.reviewer, version.reviewed_at = V.REVIEWED, actor, timezone.now()
        version.save(update_fields=["status", "reviewer", "reviewed_at", "updated_at"])
        audit.record(
            "exams.item.reviewed",
            actor=actor,
            target=version.item,
            after={"version": version.number},
            request=request,
        )
    return version


def activate(
    *, version: ItemVersion, actor: User, request: HttpRequest | None = None
) -> ItemVersion:
    """The reviewed version becomes the one exams draw; the previous active one retires."""
    _require(actor, MANAGERS, _("Only the exam manager activates items."))
    with transaction.atomic():
        version = ItemVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != V.REVIEWED:
            raise ValidationError(_("Only a reviewed version can be activated."))
        now = timezone.now()
        retired = version.item.versions.filter(status=V.ACTIVE).update(
            status=V.RETIRED, retired_at=now, updated_at=now
        )
        version.status, version.activated_at = V.ACTIVE, now
        version.save(update_fields=["status", "activated_at", "updated_at"])
        audit.record(
            "exams.item.activated",
            actor=actor,
            target=version.item,
            after={"version": version.number, "retired_previous": bool(retired)},
            request=request,
        )
    return version


def retire(*, item: Item, actor: User, reason: str, request: HttpRequest | None = None) -> None:
    _require(actor, MANAGERS, _("Only the exam manager retires items."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the item is retired.")})
    with transaction.atomic():
        now = timezone.now()
        changed = item.versions.filter(status__in=[V.ACTIVE, V.REVIEWED]).update(
            status=V.RETIRED, retired_at=now, updated_at=now
        )
        if not changed:
            raise ValidationError(_("The item has no version in use."))
        audit.record(
            "exams.item.retired", actor=actor, target=item, reason=reason.strip(), request=request
        )


def record_view(*, item: Item, actor: User, request: HttpRequest | None = None) -> None:
    """Seeing an item is recorded too: the bank is confidential."""
    if not can_see_items(actor):
        raise PermissionDenied(_("Only authors, reviewers and exam managers see items."))
    audit.record("exams.item.viewed", actor=actor, target=item, request=request)


def active_version(item: Item) -> ItemVersion | None:
    return item.versions.filter(status=V.ACTIVE).first()


def add_image(
    *, item: Item, actor: User, upload: UploadedFile, alt: dict, request: HttpRequest | None = None
) -> ItemImage:
    """Keep an image (already checked by content: ``upload.checked_content_type``) under the
    next free number. Images are never replaced, so a reviewed
    version always shows what its reviewer saw."""
    _require(actor, AUTHORS, _("Only examiners write items."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    content_type = upload.checked_content_type  # type: ignore[attr-defined]  # set by check_upload
    extension = "png" if content_type == "image/png" else "jpg"
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        number = (locked.images.aggregate(last=Max("number"))["last"] or 0) + 1
        image = ItemImage(
            item=locked,
            number=number,
            content_type=content_type,
            sha256=digest.hexdigest(),
            alt=alt,
        )
        image.file.save(f"{item.public_id}-{number}.{extension}", upload, save=False)
        image.save()
        audit.record(
            "exams.item.image_added",
            actor=actor,
            target=locked,
            after={"number": number, "sha256": image.sha256, "content_type": content_type},
            request=request,
        )
    return image
