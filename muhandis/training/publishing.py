"""The catalogue for machines: an iCalendar feed of sessions (RFC 5545) and schema.org
``Course``/``CourseInstance`` JSON-LD for search engines.

Neither shows a session's online link: it is for the people enrolled, not for the public.
"""

import datetime
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Course, CourseFormat, CourseSession, PayerKind

# schema.org's courseMode: the values its documentation lists.
COURSE_MODES = {
    CourseFormat.CLASSROOM: "onsite",
    CourseFormat.ONLINE_LIVE: "online",
    CourseFormat.BLENDED: "blended",
    CourseFormat.SELF_PACED: "online",
}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def session_uid(session: CourseSession) -> str:
    """The iCalendar UID of a session: the same in every feed and for the session's life."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"training-session-{session.public_id}@{host}"


def place_of(session: CourseSession) -> str:
    """Where a session runs, in words (never its online link)."""
    if session.room_id is None:
        return _("Online")
    venue = session.room.venue
    return ", ".join(p for p in (venue.name, venue.address, venue.city, session.room.name) if p)


def calendar(sessions: Iterable[CourseSession], *, name: str) -> bytes:
    """An RFC 5545 calendar with one event per session: times in UTC, the summary and place
    in the active language, the course page as URL."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Muhandis//Training sessions//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        course = session.course
        event = icalendar.Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
        event.add("dtend", session.ends_at.astimezone(datetime.UTC))
        event.add("summary", f"{course.title} ({course.code})")
        event.add("location", place_of(session))
        event.add("url", absolute(reverse("training:course", args=[course.code])))
        event.add("description", course.summary)
        event.add("status", "CONFIRMED")
        feed.add_component(event)
    return feed.to_ical()


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _offers(course: Course) -> list[dict[str, Any]]:
    labels = dict(PayerKind.choices)
    return [
        {
            "@type": "Offer",
            "category": str(labels.get(price.payer_kind, price.payer_kind)),
            "price": _number(price.amount),
            "priceCurrency": price.currency,
        }
        for price in course.prices.all()
    ]


def _location(session: CourseSession, page: str) -> dict[str, Any]:
    if session.room_id is None:
        return {"@type": "VirtualLocation", "url": page}
    venue = session.room.venue
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": venue.city,
            "addressRegion": str(venue.region),
            "addressCountry": venue.region.country,
        },
    }


def course_json_ld(course: Course, sessions: Iterable[CourseSession]) -> dict[str, Any]:
    """schema.org ``Course`` with a ``CourseInstance`` per upcoming session (sessions read
    with their seats left, as ``selectors.course_for_page`` gives them)."""
    page = absolute(reverse("training:course", args=[course.code]))
    individual = next(
        (p for p in course.prices.all() if p.payer_kind == PayerKind.INDIVIDUAL), None
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page,
        "url": page,
        "courseCode": course.code,
        "name": course.title,
        "description": course.summary,
        "inLanguage": list(course.languages),
        "educationalLevel": course.get_level_display(),
        "timeRequired": f"PT{_number(course.duration_hours)}H",
        "provider": {"@type": "Organization", "name": "Muhandis", "url": settings.SITE_URL},
        "teaches": [link.competency.title for link in course.course_competencies.all()],
        "offers": _offers(course),
        "hasCourseInstance": [],
    }
    if course.prerequisites:
        data["coursePrerequisites"] = course.prerequisites
    for session in sessions:
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "courseMode": COURSE_MODES.get(course.format, "onsite"),
            "startDate": session.starts_at.isoformat(),
            "endDate": session.ends_at.isoformat(),
            "inLanguage": session.language,
            "location": _location(session, page),
            "maximumAttendeeCapacity": session.max_seats,
        }
        if individual is not None:
            instance["offers"] = {
                "@type": "Offer",
                "price": _number(individual.amount),
                "priceCurrency": individual.currency,
                "url": page,
                "validThrough": session.enrolment_deadline.isoformat(),
                "availability": "https://schema.org/"
                + ("InStock" if getattr(session, "seats_left", 1) > 0 else "SoldOut"),
            }
        data["hasCourseInstance"].append(instance)
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` element holding ``data``, safe in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
