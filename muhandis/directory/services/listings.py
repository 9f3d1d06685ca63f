"""An engineer's own listing: opting in with what they want shown, and opting out, which
hides the card at once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import Region, User
from muhandis.competencies.models import Area, Framework
from muhandis.core import audit

from ..models import EngineerListing, Language, ListingLanguage


def _check(languages: list[str], areas: list[Area]) -> None:
    errors: dict[str, list[str]] = {}
    if not languages:
        errors["languages"] = [_("Choose at least one language you speak.")]
    elif any(code not in Language.values for code in languages):
        errors["languages"] = [_("Choose languages from the list.")]
    if any(area.framework.status != Framework.Status.PUBLISHED for area in areas):
        errors["areas"] = [_("Choose competence areas of the published framework.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(listing: EngineerListing) -> dict[str, Any]:
    return {
        "is_listed": listing.is_listed,
        "bio": listing.bio,
        "region": listing.region.code if listing.region else "",
        "open_to_mentoring": listing.open_to_mentoring,
        "languages": sorted(listing.languages.values_list("language", flat=True)),
        "areas": sorted(listing.areas.values_list("code", flat=True)),
    }


def save_listing(
    *,
    person: User,
    bio: str,
    region: Region | None,
    languages: list[str],
    areas: list[Area],
    open_to_mentoring: bool,
    request: HttpRequest | None = None,
) -> EngineerListing:
    """List ``person`` in the directory (or change their card); the search key follows their
    names as they are now."""
    _check(languages, areas)
    with transaction.atomic():
        listing, created = EngineerListing.objects.select_for_update().get_or_create(person=person)
        before = {} if created else _snapshot(listing)
        listing.is_listed = True
        listing.bio = bio.strip()
        listing.region = region
        listing.open_to_mentoring = open_to_mentoring
        listing.search_key = EngineerListing.search_key_for(person)
        listing.full_clean(exclude=["person"])
        listing.save()
        listing.languages.exclude(language__in=languages).delete()
        ListingLanguage.objects.bulk_create(
            [ListingLanguage(listing=listing, language=code) for code in dict.fromkeys(languages)],
            ignore_conflicts=True,
        )
        listing.areas.set(areas)
        after = _snapshot(listing)
        changed = {k: v for k, v in before.items() if after.get(k) != v}
        audit.record(
            "directory.listing.saved",
            actor=person,
            target=person,
            before=changed,
            after={k: after[k] for k in changed} if before else after,
            request=request,
        )
    return listing


def withdraw_listing(*, person: User, request: HttpRequest | None = None) -> bool:
    """Hide ``person``'s card from the directory at once; False if it was not shown."""
    with transaction.atomic():
        hidden = EngineerListing.objects.filter(person=person, is_listed=True).update(
            is_listed=False, updated_at=timezone.now()
        )
        if hidden:
            audit.record(
                "directory.listing.withdrawn",
                actor=person,
                target=person,
                before={"is_listed": True},
                after={"is_listed": False},
                request=request,
            )
    return bool(hidden)
