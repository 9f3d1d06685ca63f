import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muhandis.membership.models import PeriodKind, Status
from muhandis.membership.rules import add_months, next_period, period_from, status_on

D = datetime.date


def test_a_calendar_year_membership_ends_on_the_last_day_of_the_year_and_renews_for_the_next():
    assert period_from(PeriodKind.CALENDAR_YEAR, D(2026, 3, 15)) == (
        D(2026, 3, 15),
        D(2026, 12, 31),
    )
    assert next_period(PeriodKind.CALENDAR_YEAR, D(2026, 12, 31)) == (
        D(2027, 1, 1),
        D(2027, 12, 31),
    )


def test_a_rolling_membership_lasts_twelve_months_less_a_day():
    assert period_from(PeriodKind.ROLLING, D(2026, 3, 15)) == (D(2026, 3, 15), D(2027, 3, 14))
    assert period_from(PeriodKind.ROLLING, D(2024, 2, 29)) == (D(2024, 2, 29), D(2025, 2, 27))
    assert next_period(PeriodKind.ROLLING, D(2027, 3, 14)) == (D(2027, 3, 15), D(2028, 3, 14))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 2, 1), Status.NEW),  # within three months of joining
        (D(2026, 6, 1), Status.CURRENT),
        (D(2026, 12, 31), Status.CURRENT),  # the last day of the period
        (D(2027, 1, 30), Status.GRACE),  # within 30 grace days
        (D(2027, 1, 31), Status.EXPIRED),
    ],
)
def test_the_status_follows_the_dates(today, expected):
    status = status_on(
        today=today, member_since=D(2026, 1, 10), paid_until=D(2026, 12, 31), grace_days=30
    )
    assert status == expected


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 40))
def test_adding_months_lands_in_the_right_month_and_never_past_its_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
