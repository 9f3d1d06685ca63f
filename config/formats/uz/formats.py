"""Uzbek (Latin) dates as CLDR writes them: "7-dekabr, 2026", "7-dekabr, 2026, 09:05".

Django's own Uzbek formats add "-yil" and capitalise the month ("7-Dekabr, 2026-yil"), which
reads wrongly when a sentence adds an ending to the date. The month inside a date is the
"alt. month" name, which our catalogue gives in CLDR's lower case; a month standing alone
(``F``) keeps its capital.
"""

from django.conf.locale.uz.formats import *  # noqa: F403

DATE_FORMAT = r"j-E, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j-E, Y, H:i"
YEAR_MONTH_FORMAT = r"E, Y"
MONTH_DAY_FORMAT = r"j-E"
