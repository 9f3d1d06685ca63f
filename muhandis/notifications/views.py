"""A person's notification centre: the notices, marking them read, and the settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import EmailChoice, Notification
from .selectors import notices, preferences, unread_count
from .services import mark_read, set_preferences


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = notices(person=request.user, page=request.GET.get("page", 1), unread_only=unread_only)
    return render(
        request,
        "notifications/page_centre.html",
        {"page": page, "unread_only": unread_only, "unread": unread_count(person=request.user)},
    )


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    """The unread count beside the bell (fetched after the page, so pages pay no query)."""
    return render(
        request, "notifications/part_badge.html", {"unread": unread_count(person=request.user)}
    )


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    """Mark one notice (``notice``) or all of them read; open the notice's link if asked."""
    notice_id = request.POST.get("notice", "")
    if notice_id.isdigit():
        mark_read(person=request.user, ids=[int(notice_id)])
        notice = Notification.objects.filter(person=request.user, pk=int(notice_id)).first()
        if notice is None:
            messages.error(request, _("That notice is not yours or no longer exists."))
        elif request.POST.get("open") and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts={request.get_host()}
        ):
            return redirect(notice.url)
    else:
        count = mark_read(person=request.user)
        messages.success(request, _("All notices are marked read (%(count)d).") % {"count": count})
    return redirect("notifications:centre")


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    rows = preferences(person=request.user)
    errors: list[str] = []
    if request.method == "POST":
        choices: dict[str, tuple[bool, str]] = {}
        for kind, _on_site, _email in rows:
            email = request.POST.get(f"email-{kind.code}", kind.email)
            choices[kind.code] = (request.POST.get(f"site-{kind.code}") == "on", email)
        try:
            set_preferences(person=request.user, choices=choices, request=request)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
        rows = [(kind, *choices[kind.code]) for kind, _s, _e in rows]
    groups: dict[str, list] = {}
    for kind, on_site, email in rows:
        groups.setdefault(str(kind.group), []).append((kind, on_site, email))
    return render(
        request,
        "notifications/page_settings.html",
        {"groups": groups, "choices": EmailChoice.choices, "errors": errors},
        status=400 if errors else 200,
    )
