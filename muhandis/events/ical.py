"""Events for calendars: an RFC 5545 file per event and a feed of the upcoming ones, in the
active language. The online link of a webinar is for the people registered, not for a feed."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, EventKind


def event_uid(event: Event) -> str:
    """The UID of an event: the same in every file and feed, for the event's life."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"event-{event.public_id}@{host}"


def location_of(event: Event) -> str:
    """Where the event takes place, in words."""
    if event.kind == EventKind.WEBINAR:
        return _("Online")
    parts = [event.place, event.address, str(event.region) if event.region_id else ""]
    return ", ".join(p for p in parts if p)


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    """One VEVENT per event: times in UTC, summary, description and place in the active
    language, the event's page as URL; a cancelled event says so."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Muhandis//Events//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
        entry.add("summary", event.title)
        entry.add("description", event.description)
        entry.add("location", location_of(event))
        entry.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
        cancelled = event.status == Event.Status.CANCELLED
        entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        feed.add_component(entry)
    return feed.to_ical()
