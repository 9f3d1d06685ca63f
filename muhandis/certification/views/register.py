from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from muhandis.accounts.models import Region
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.ratelimit import limited

from . import register
from .models import PublicStatus, Scheme
from .selectors import verification


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("name or certificate number"), required=False, max_length=100)
    scheme = forms.ChoiceField(label=_("scheme"), required=False)
    region = forms.ChoiceField(label=_("region"), required=False)
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("any")), *PublicStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Scheme.objects.exclude(status=Scheme.Status.DRAFT).values_list("code", flat=True)
        self.fields["scheme"].choices = [("", _("any")), *[(c, c) for c in sorted(set(codes))]]
        self.fields["region"].choices = [
            ("", _("any")),
            *[(r.code, r.name) for r in Region.objects.all()],
        ]


@require_GET
@limited("register")
def register_page(request: HttpRequest) -> HttpResponse:
    form = RegisterSearchForm(request.GET or None)
    rows, page = [], None
    if form.is_valid():
        data = form.cleaned_data
        found = register.search(
            query=data["q"], scheme=data["scheme"], region=data["region"], status=data["status"]
        )
        page = register.page_of(found, request.GET.get("page"))
        today = timezone.localdate()
        rows = [register.public_row(c, today) for c in page.items]
    status = 400 if form.errors else 200
    return render(
        request,
        "certification/register.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": _without_page(request),
            "registrar": request.user.is_authenticated
            and Role.REGISTRAR in usable_roles(request.user),
        },
        status=status,
    )


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class VerifyNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        help_text=_(
            "As printed on the certificate, for example MHD-2026-00042-7. "
            "Capital or small letters, with or without the dashes."
        ),
    )

    def clean_number(self) -> str:
        found = verification.look_up(self.cleaned_data["number"])
        if found.certificate is None:
            raise forms.ValidationError(found.problem, code=found.problem_code)
        return found.number


@require_GET
@limited("verify")
def verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone types (or scans) a certificate number and is taken to its verification page;
    a mistyped or unknown number is explained here, in the reader's language."""
    form = VerifyNumberForm(request.GET or None)
    if form.is_valid():
        response = redirect("verify", number=form.cleaned_data["number"])
        # The verification page has no language in its address: it follows this cookie.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            request.LANGUAGE_CODE,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    status = 400 if form.errors else 200
    return render(request, "certification/verify_form.html", {"form": form}, status=status)
