"""Versioned records (frameworks, schemes): one code, many versions, one of them live."""

from django.db import models
from django.utils import timezone


def promote_version(
    *, obj: models.Model, live_status: str, retired_status: str, stamp_field: str
) -> list[int]:
    """Make ``obj`` the live version of its code and retire the one live before it.

    Call inside a transaction. Returns the version numbers retired.
    """
    live = type(obj).objects.select_for_update().filter(code=obj.code, status=live_status)
    retired = list(live.values_list("version", flat=True))
    live.update(status=retired_status)
    obj.status = live_status
    setattr(obj, stamp_field, timezone.now())
    obj.save(update_fields=["status", stamp_field, "updated_at"])
    return retired
