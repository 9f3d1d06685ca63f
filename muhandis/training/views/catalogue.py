"""Catalogue pages of the training domain: the public list of courses with filters, a course's
page with its sessions and JSON-LD, and the iCalendar feeds of sessions."""

import re
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import catalogue_cache, publishing, selectors
from ..forms.catalogue import CatalogueFilterForm

FEED_LIMIT = 2000
INDENTATION = re.compile(r"\n\s+")


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    query = [(name, value[:200]) for name, values in request.GET.lists() for value in values]
    key = catalogue_cache.key(get_language(), query[:40])
    body = cache.get(key)
    if body is None:
        body = render_to_string("training/catalogue/_body.html", _catalogue_body(request))
        body = INDENTATION.sub("\n", body)  # no <pre> or <textarea> in it
        cache.set(key, body, catalogue_cache.SECONDS)
    return render(request, "training/catalogue/list.html", {"body": mark_safe(body)})


def _catalogue_body(request: HttpRequest) -> dict[str, Any]:
    """The filters and one page of courses: the same for everyone asking the same."""
    form = CatalogueFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = selectors.CatalogueFilters()
    if form.is_bound:
        form.is_valid()  # a filter given wrongly is shown with its error and left out
        filters = form.filters()
    result = selectors.catalogue_page(filters, request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "result": result, "query": query.urlencode()}


@require_GET
def course(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.course_for_page(code)
    if found is None:
        raise Http404(_("There is no such course in the catalogue."))
    json_ld = publishing.json_ld_script(publishing.course_json_ld(found, found.upcoming))
    return render(
        request,
        "training/catalogue/course.html",
        {"course": found, "sessions": found.upcoming, "json_ld": json_ld},
    )


def _feed(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def sessions_feed(request: HttpRequest) -> HttpResponse:
    sessions = selectors.upcoming_sessions()[:FEED_LIMIT]
    return _feed(
        publishing.calendar(sessions, name=_("Muhandis training sessions")), "sessions.ics"
    )


@require_GET
def course_feed(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.course_for_page(code)
    if found is None:
        raise Http404(_("There is no such course in the catalogue."))
    return _feed(
        publishing.calendar(found.upcoming, name=f"{found.title} ({found.code})"),
        f"{found.code}.ics",
    )


urlpatterns = [
    path("courses/", catalogue, name="catalogue"),
    path("courses/<slug:code>/", course, name="course"),
    path("courses/<slug:code>/sessions.ics", course_feed, name="course_feed"),
    path("sessions.ics", sessions_feed, name="sessions_feed"),
]
