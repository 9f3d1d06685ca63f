from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from muhandis.accounts.models import Region
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.ratelimit import limited

from . import register
from .models import PublicStatus, Scheme


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
