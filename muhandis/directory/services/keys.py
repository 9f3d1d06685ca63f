"""The search keys kept in step with the names they are made of.

The services recompute a key on every save; names change elsewhere too (a firm renamed in the
admin, a person correcting their name in their profile), and accounts announces no such
change, so ``refresh_search_keys`` (``manage.py refresh_directory``, daily) recomputes every
key that differs."""

from django.db import transaction
from django.utils import timezone

from ..models import EngineerListing, FirmProfile

BATCH = 2000


def refresh_search_keys() -> dict[str, int]:
    """Recompute every stale search key; how many of each kind changed."""
    changed = {"firms": 0, "engineers": 0}
    now = timezone.now()
    with transaction.atomic():
        stale_firms = []
        for profile in FirmProfile.objects.select_related("organisation").iterator(BATCH):
            key = FirmProfile.search_key_for(profile.organisation)
            if key != profile.search_key:
                profile.search_key = key
                stale_firms.append(profile)
        for profile in stale_firms:
            profile.updated_at = now
        FirmProfile.objects.bulk_update(stale_firms, ["search_key", "updated_at"], batch_size=BATCH)
        stale_listings = []
        for listing in EngineerListing.objects.select_related("person").iterator(BATCH):
            key = EngineerListing.search_key_for(listing.person)
            if key != listing.search_key:
                listing.search_key = key
                stale_listings.append(listing)
        for listing in stale_listings:
            listing.updated_at = now
        EngineerListing.objects.bulk_update(
            stale_listings, ["search_key", "updated_at"], batch_size=BATCH
        )
    changed["firms"], changed["engineers"] = len(stale_firms), len(stale_listings)
    return changed
