"""The date rules of membership, in plain Python: the period a payment covers and the status a
paid membership has on a given day (CiviCRM's status rules, for one association)."""

import datetime

from .models import PeriodKind, Status

# A member is "new" during the first three months after joining (CiviCRM's default rule).
NEW_FOR_DAYS = 90


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months``, kept within the month (31 January + 1 month = the last
    day of February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def period_from(kind: str, start: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period that starts on ``start``: to the end of that calendar year, or twelve months
    less a day (rolling)."""
    if kind == PeriodKind.CALENDAR_YEAR:
        return start, datetime.date(start.year, 12, 31)
    return start, add_months(start, 12) - datetime.timedelta(days=1)


def next_period(kind: str, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period after one ending on ``end`` (a renewal)."""
    start = end + datetime.timedelta(days=1)
    if kind == PeriodKind.CALENDAR_YEAR:
        return start, datetime.date(start.year, 12, 31)
    return period_from(kind, start)


def status_on(
    *,
    today: datetime.date,
    member_since: datetime.date,
    paid_until: datetime.date,
    grace_days: int,
) -> Status:
    """The status of a membership paid until ``paid_until`` (the end of its last paid period)."""
    if today <= paid_until:
        if today < member_since + datetime.timedelta(days=NEW_FOR_DAYS):
            return Status.NEW
        return Status.CURRENT
    if today <= paid_until + datetime.timedelta(days=grace_days):
        return Status.GRACE
    return Status.EXPIRED
