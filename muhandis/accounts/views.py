import json
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.core.formviews import apply_errors, form_page, submitted
from muhandis.core.models import OutboxMessage

from . import forms, selectors, services
from .dashboard import Section, sections_for
from .models import ApiToken, DeletionRequest, Employment, EmploymentRelation, User
from .permissions import check_roles, role_required
from .roles import Role


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits for the person now, in each role they may use."""
    user = request.user
    usable = selectors.usable_roles(user)
    context = {
        "completeness": selectors.profile_completeness(user),
        "usable_roles": usable,
        "all_roles": selectors.roles_of(user),
        "roles": _busiest_first(
            [(role, sections_for(user, role)) for role in Role if role in usable]
        ),
    }
    return render(request, "accounts/dashboard.html", context)


def _busiest_first(roles: list[tuple[Role, list[Section]]]) -> list[tuple[Role, list[Section]]]:
    """A person's roles where something can be done now first, then those where work waits."""

    def idle(entry: tuple[Role, list[Section]]) -> tuple[bool, bool]:
        sections = entry[1]
        return not any(s.urgent for s in sections), not any(s.busy for s in sections)

    return sorted(roles, key=idle)


def role_dashboard(request: HttpRequest, role: str) -> HttpResponse:
    if role not in Role.values:
        raise Http404
    refused = check_roles(request, (role,))
    if refused is not None:
        return refused
    context = {"role": Role(role), "sections": sections_for(request.user, role)}
    return render(request, "accounts/role_dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = forms.ProfileForm(request.POST or None, instance=User.objects.get(pk=user.pk))

    def save(data: dict) -> None:
        changes = {name: data[name] for name in services.PROFILE_FIELDS}
        services.update_profile(person=user, changes=changes, actor=user, request=request)

    if submitted(request, form, save, _("Your profile has been saved.")):
        return redirect("accounts:profile")
    context = {"form": form, "employments": selectors.employments_of(user)}
    return form_page(request, "accounts/profile.html", context)


@login_required
@require_POST
def profile_check(request: HttpRequest) -> HttpResponse:
    """The errors of one profile field, for the live check as the person types (htmx)."""
    name = request.POST.get("_field", "")
    form = forms.ProfileForm(request.POST, instance=User.objects.get(pk=request.user.pk))
    if name not in forms.ProfileForm.LIVE_CHECKED:
        return HttpResponse(status=400)
    form.is_valid()
    return render(request, "includes/field_errors.html", {"field": form[name]})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationForm(request.POST or None)
    relation = request.POST.get("relation", EmploymentRelation.EMPLOYEE)
    if relation not in EmploymentRelation.values:
        relation = EmploymentRelation.EMPLOYEE

    def register(data: dict) -> None:
        services.create_organisation(actor=request.user, link_as=relation, request=request, **data)

    if submitted(request, form, register, _("The organisation has been registered.")):
        return redirect("accounts:profile")
    context = {"form": form, "relations": EmploymentRelation.choices}
    return form_page(request, "accounts/organisation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def employment_add(request: HttpRequest) -> HttpResponse:
    form = forms.EmploymentForm(request.POST or None)

    def link(data: dict) -> None:
        services.link_person(
            person=request.user,
            relation=EmploymentRelation.EMPLOYEE,
            actor=request.user,
            request=request,
            **data,
        )

    if submitted(request, form, link, _("Your employer has been added.")):
        return redirect("accounts:profile")
    return form_page(request, "accounts/employment_form.html", {"form": form})


@login_required
@require_POST
def employment_end(request: HttpRequest, pk: int) -> HttpResponse:
    employment = get_object_or_404(Employment, pk=pk, person=request.user)
    services.end_employment(employment=employment, actor=request.user, request=request)
    messages.success(request, _("The link has been ended."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    form = forms.DeletionRequestForm(request.POST or None)

    def ask(data: dict) -> None:
        services.request_deletion(person=request.user, reason=data["reason"], request=request)

    if submitted(request, form, ask, _("Your request has been sent. A registrar will confirm it.")):
        return redirect("accounts:my_data")
    context = {"form": form, "requests": DeletionRequest.objects.filter(person=request.user)}
    return form_page(request, "accounts/my_data.html", context)


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(person=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="muhandis-my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _, created = services.create_api_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = forms.TokenForm()
    context = {
        "form": form,
        "created": created,
        "tokens": ApiToken.objects.filter(user=request.user),
    }
    return form_page(request, "accounts/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(token=token, actor=request.user, request=request)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")


@role_required(Role.ADMIN)
def people(request: HttpRequest) -> HttpResponse:
    form = forms.PeopleSearchForm(request.GET or None)
    query = role = ""
    if form.is_valid():
        query, role = form.cleaned_data["q"], form.cleaned_data["role"]
    page = Paginator(selectors.search_people(query=query, role=role), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/people.html", {"form": form, "page": page})


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def person_roles(request: HttpRequest, public_id: UUID) -> HttpResponse:
    person = get_object_or_404(User, public_id=public_id, anonymised_at__isnull=True)
    which = request.POST.get("form")
    role_form = forms.RoleChangeForm(request.POST if which == "role" else None)
    status_form = forms.AccountStatusForm(
        request.POST if which == "status" else None, initial={"active": person.is_active}
    )

    def change_role(data: dict) -> None:
        change = services.grant_role if data["action"] == "grant" else services.revoke_role
        change(
            user=person,
            role=data["role"],
            actor=request.user,
            reason=data["reason"],
            request=request,
        )

    def change_status(data: dict) -> None:
        services.set_active(
            person=person,
            active=data["active"],
            actor=request.user,
            reason=data["reason"],
            request=request,
        )

    if submitted(request, role_form, change_role, _("The roles have been changed.")) or (
        submitted(request, status_form, change_status, _("The account status has been changed."))
    ):
        return redirect("accounts:person_roles", public_id=person.public_id)
    context = {
        "person": person,
        "assignments": selectors.role_assignments(person),
        "role_form": role_form,
        "status_form": status_form,
    }
    return form_page(request, "accounts/person_roles.html", context)


@role_required(Role.REGISTRAR, Role.ADMIN)
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = forms.AuditFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "actor_query": data["person"],
            "action": data["action"],
            "target_type": data["target_type"],
            "target_id": data["target_id"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    entries = (
        selectors.search_audit(**filters) if not form.errors else selectors.search_audit().none()
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@role_required(Role.REGISTRAR)
def deletion_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/deletion_requests.html",
        {"requests": selectors.pending_deletion_requests()},
    )


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def deletion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    deletion = get_object_or_404(DeletionRequest.objects.select_related("person"), pk=pk)
    form = forms.DeletionDecisionForm(request.POST or None)

    def decide(data: dict) -> None:
        services.decide_deletion(
            deletion=deletion,
            actor=request.user,
            confirm=data["decision"] == "confirm",
            note=data["note"],
            request=request,
        )

    if submitted(request, form, decide, _("The decision has been recorded.")):
        return redirect("accounts:deletion_requests")
    return form_page(request, "accounts/deletion_decide.html", {"deletion": deletion, "form": form})


@role_required(Role.REGISTRAR, Role.ADMIN)
def outbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(OutboxMessage.objects.all(), 20).get_page(request.GET.get("page"))
    return render(request, "accounts/outbox.html", {"page": page})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice on the person's profile."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.update_profile(
            person=request.user,
            changes={"preferred_language": language},
            actor=request.user,
            request=request,
        )
    return response
