"""Manage pages of the training domain: the training manager's courses (with prices and
competencies), venues and rooms, and sessions. Each view parses, checks the role, calls one
service and renders; a refusal is shown on the form in the reader's language."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.competencies.models import Competency, ProficiencyLevel
from muhandis.core.formviews import apply_errors

from .. import selectors, services
from ..forms.catalogue import (
    CancelForm,
    CompetencyRowForm,
    CourseForm,
    PriceForm,
    RoomForm,
    SessionForm,
    VenueForm,
    trainer_people,
)
from ..models import Course, CourseSession, Room, Venue

MANAGERS = (Role.TRAINING_MANAGER, Role.ADMIN)
COMPETENCY_ROWS = 3  # empty rows offered below the course's competencies


@role_required(*MANAGERS)
def courses(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    return render(
        request,
        "training/manage/courses.html",
        {"courses": selectors.staff_courses(q=q), "q": q},
    )


@role_required(*MANAGERS)
def course_new(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(
                actor=request.user, values=form.values(), request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The course is created. Give it prices, then publish it."))
            return redirect("training:manage_course", code=course.code)
    return render(
        request,
        "training/manage/course_form.html",
        {"form": form, "course": None},
        status=400 if form.errors else 200,
    )


def _competency_forms(
    course: Course, data: Any = None
) -> tuple[list[CompetencyRowForm], list[tuple[int, str]]]:
    from muhandis.competencies import selectors as competency_selectors

    current = competency_selectors.current_frameworks()
    choices = competency_selectors.tree_choices(Competency.objects.filter(framework__in=current))
    levels = [
        (level.pk, f"{level.value} — {level.name}")
        for level in ProficiencyLevel.objects.filter(scale__framework__in=current)
        .distinct()
        .order_by("scale_id", "value")
    ]
    links = list(course.course_competencies.all())
    rows = []
    for n in range(len(links) + COMPETENCY_ROWS):
        initial = {}
        if n < len(links):
            initial = {"competency": links[n].competency_id, "level": links[n].level_id}
        rows.append(
            CompetencyRowForm(
                data,
                prefix=f"c{n}",
                initial=initial,
                competency_choices=choices,
                level_choices=levels,
            )
        )
    return rows, choices


@role_required(*MANAGERS)
def course(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_course(
                course=course, actor=request.user, values=form.values(), request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("training:manage_course", code=course.code)
    return _course_page(request, course, form=form)


def _course_page(request: HttpRequest, course: Course, **forms_given: Any) -> HttpResponse:
    competency_rows, _choices = _competency_forms(course)
    context = {
        "course": course,
        "form": forms_given.get("form") or CourseForm(instance=course),
        "price_form": forms_given.get("price_form") or PriceForm(course=course),
        "competency_rows": forms_given.get("competency_rows") or competency_rows,
        "competency_errors": forms_given.get("competency_errors", []),
        "sessions": selectors.course_sessions(course),
    }
    given = [forms_given.get("form"), forms_given.get("price_form")]
    given += forms_given.get("competency_rows") or []
    failed = any(f is not None and f.errors for f in given) or context["competency_errors"]
    status = 400 if failed else 200
    return render(request, "training/manage/course.html", context, status=status)


@require_POST
@role_required(*MANAGERS)
def course_prices(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    form = PriceForm(request.POST, course=course)
    if form.is_valid():
        prices = [services.PriceInput(kind, cur, amount) for kind, cur, amount in form.prices()]
        try:
            services.set_prices(course=course, prices=prices, actor=request.user, request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The prices are saved."))
            return redirect("training:manage_course", code=course.code)
    return _course_page(request, course, price_form=form)


@require_POST
@role_required(*MANAGERS)
def course_competencies(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    rows, _choices = _competency_forms(course, request.POST)
    targets: list[services.CompetencyTarget] = []
    errors: list[str] = []
    if all(row.is_valid() for row in rows):
        chosen = [r.cleaned_data for r in rows if r.cleaned_data.get("competency")]
        found = Competency.objects.select_related("framework").in_bulk(
            [c["competency"] for c in chosen]
        )
        levels = ProficiencyLevel.objects.in_bulk([c["level"] for c in chosen if c["level"]])
        targets = [
            services.CompetencyTarget(found[c["competency"]], levels.get(c["level"]))
            for c in chosen
            if c["competency"] in found
        ]
        try:
            services.set_competencies(
                course=course, targets=targets, actor=request.user, request=request
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The competencies are saved."))
            return redirect("training:manage_course", code=course.code)
    return _course_page(request, course, competency_rows=rows, competency_errors=errors)


@require_POST
@role_required(*MANAGERS)
def course_publish(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    published = request.POST.get("published") == "1"
    try:
        services.publish_course(
            course=course, published=published, actor=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The course is in the catalogue.")
            if published
            else _("The course is out of the catalogue."),
        )
    return redirect("training:manage_course", code=course.code)


def _session_form(request: HttpRequest, **kwargs: Any) -> SessionForm:
    return SessionForm(
        request.POST or None, trainers=trainer_people(), rooms=selectors.rooms(), **kwargs
    )


@role_required(*MANAGERS)
def session_new(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    initial = {"language": (course.languages or ["uz"])[0]}
    form = _session_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_session(
                course=course,
                values=form.values(),
                trainers=list(form.cleaned_data["trainers"]),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("training:manage_course", code=course.code)
    return render(
        request,
        "training/manage/session_form.html",
        {"form": form, "course": course, "session": None},
        status=400 if form.errors else 200,
    )


@role_required(*MANAGERS)
def session(request: HttpRequest, public_id: str) -> HttpResponse:
    found = get_object_or_404(
        CourseSession.objects.select_related("course", "room__venue"), public_id=public_id
    )
    form = _session_form(request, initial=SessionForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(
                session=found,
                values=form.values(),
                trainers=list(form.cleaned_data["trainers"]),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("training:manage_course", code=found.course.code)
    return render(
        request,
        "training/manage/session_form.html",
        {
            "form": form,
            "course": found.course,
            "session": found,
            "cancel_form": CancelForm(),
            "days": found.days.all(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(*MANAGERS)
def session_cancel(request: HttpRequest, public_id: str) -> HttpResponse:
    found = get_object_or_404(CourseSession.objects.select_related("course"), public_id=public_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_session(
                session=found,
                reason=form.cleaned_data["reason"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The session is cancelled."))
    else:
        messages.error(request, _("Say why the session is cancelled."))
    return redirect("training:manage_course", code=found.course.code)


@role_required(*MANAGERS)
def venues(request: HttpRequest) -> HttpResponse:
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            venue = services.save_venue(values=form.values(), actor=request.user, request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The venue is added. Add its rooms."))
            return redirect("training:manage_venue", pk=venue.pk)
    return render(
        request,
        "training/manage/venues.html",
        {"venues": selectors.venues(), "form": form},
        status=400 if form.errors else 200,
    )


@role_required(*MANAGERS)
def venue(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Venue, pk=pk)
    form = VenueForm(request.POST or None, instance=found, prefix="venue")
    room_form = RoomForm(prefix="room")
    if request.method == "POST" and "room-name" in request.POST:
        form = VenueForm(instance=found, prefix="venue")
        room_form = RoomForm(request.POST, prefix="room")
        if room_form.is_valid():
            try:
                services.save_room(
                    venue=found,
                    name=room_form.cleaned_data["name"],
                    capacity=room_form.cleaned_data["capacity"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                apply_errors(room_form, error)
            else:
                messages.success(request, _("The room is added."))
                return redirect("training:manage_venue", pk=found.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            services.save_venue(
                venue=found, values=form.values(), actor=request.user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The venue is saved."))
            return redirect("training:manage_venue", pk=found.pk)
    return render(
        request,
        "training/manage/venue.html",
        {"venue": found, "form": form, "room_form": room_form, "rooms": found.rooms.all()},
        status=400 if (form.errors or room_form.errors) else 200,
    )


@role_required(*MANAGERS)
def room(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Room.objects.select_related("venue"), pk=pk)
    form = RoomForm(request.POST or None, initial={"name": found.name, "capacity": found.capacity})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_room(
                venue=found.venue,
                room=found,
                name=form.cleaned_data["name"],
                capacity=form.cleaned_data["capacity"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The room is saved."))
            return redirect("training:manage_venue", pk=found.venue_id)
    return render(
        request,
        "training/manage/room.html",
        {"room": found, "form": form},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("courses/", courses, name="manage_courses"),
    path("courses/new/", course_new, name="manage_course_new"),
    path("courses/<slug:code>/", course, name="manage_course"),
    path("courses/<slug:code>/prices/", course_prices, name="manage_course_prices"),
    path(
        "courses/<slug:code>/competencies/",
        course_competencies,
        name="manage_course_competencies",
    ),
    path("courses/<slug:code>/publish/", course_publish, name="manage_course_publish"),
    path("courses/<slug:code>/sessions/new/", session_new, name="manage_session_new"),
    path("sessions/<uuid:public_id>/", session, name="manage_session"),
    path("sessions/<uuid:public_id>/cancel/", session_cancel, name="manage_session_cancel"),
    path("venues/", venues, name="manage_venues"),
    path("venues/<int:pk>/", venue, name="manage_venue"),
    path("rooms/<int:pk>/", room, name="manage_room"),
]
