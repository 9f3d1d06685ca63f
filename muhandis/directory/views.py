"""Pages of the directory: the public searches and firm pages, a firm's profile form and an
engineer's own listing."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from muhandis.core.formviews import apply_errors, form_page

from .forms import EngineerSearchForm, FirmProfileForm, FirmSearchForm, ListingForm
from .selectors import firms as firm_selectors
from .selectors import search
from .services import firms as firm_services
from .services import listings as listing_services


def _query(request: HttpRequest) -> str:
    """The search's parameters without the page, for the page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _body(
    request: HttpRequest,
    kind: str,
    form_class: type[FirmSearchForm] | type[EngineerSearchForm],
    find: Callable[[Any], QuerySet],
) -> SafeString:
    """The search form and the page of cards a search asks for, from the cache when the same
    was asked lately (the same for everyone asking the same)."""

    def build() -> str:
        form = form_class(request.GET or None)
        page = search.page_of(find(form.filters()), request.GET.get("page"))
        context = {"form": form, "page": page, "query": _query(request)}
        return render_to_string(f"directory/_{kind}_body.html", context, request)

    asked = [(name, value[:200]) for name, values in request.GET.lists() for value in values]
    return mark_safe(search.cached_body(kind, asked[:40], build))


def firms(request: HttpRequest) -> HttpResponse:
    body = _body(request, "firms", FirmSearchForm, search.search_firms)
    return render(request, "directory/firms.html", {"body": body})


def engineers(request: HttpRequest) -> HttpResponse:
    body = _body(request, "engineers", EngineerSearchForm, search.search_engineers)
    return render(request, "directory/engineers.html", {"body": body})


def firm(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = firm_selectors.firm_page(public_id)
    if found is None:
        raise Http404
    return render(request, "directory/firm.html", {"firm": found})


def _profile_initial(profile: object) -> dict:
    if profile is None:
        return {}
    initial = {name: getattr(profile, name) for name in FirmProfileForm.TEXTS}
    initial["sectors"] = [s.sector for s in profile.sectors.all()]  # type: ignore[attr-defined]
    initial["regions_served"] = list(profile.regions_served.all())  # type: ignore[attr-defined]
    initial["areas"] = list(profile.areas.all())  # type: ignore[attr-defined]
    return initial


@login_required
def firm_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = firm_selectors.organisation_by_public_id(public_id)
    if organisation is None:
        raise Http404
    firm_services.check_may_edit(person=request.user, organisation=organisation, request=request)
    profile = firm_selectors.profile_of(organisation)
    form = FirmProfileForm(request.POST or None, initial=_profile_initial(profile))
    if request.method == "POST" and form.is_valid():
        try:
            firm_services.save_firm_profile(
                actor=request.user,
                organisation=organisation,
                values=form.values(),
                sectors=form.cleaned_data["sectors"],
                regions_served=list(form.cleaned_data["regions_served"]),
                areas=list(form.cleaned_data["areas"]),
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The firm's directory profile is saved."))
            return redirect("directory:firm_edit", public_id=organisation.public_id)
    return form_page(
        request,
        "directory/firm_edit.html",
        {
            "form": form,
            "organisation": organisation,
            "listed": firm_selectors.is_listed(organisation),
        },
    )


def _listing_initial(listing: object, person: object) -> dict:
    if listing is None:
        return {"region": getattr(person, "region", None)}
    return {
        "bio": listing.bio,  # type: ignore[attr-defined]
        "region": listing.region,  # type: ignore[attr-defined]
        "languages": [row.language for row in listing.languages.all()],  # type: ignore[attr-defined]
        "areas": list(listing.areas.all()),  # type: ignore[attr-defined]
        "open_to_mentoring": listing.open_to_mentoring,  # type: ignore[attr-defined]
    }


@login_required
def my_listing(request: HttpRequest) -> HttpResponse:
    person = request.user
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        listing_services.withdraw_listing(person=person, request=request)  # type: ignore[arg-type]
        messages.success(request, _("You are no longer shown in the directory."))
        return redirect("directory:my_listing")
    listing = firm_selectors.listing_of(person)
    form = ListingForm(request.POST or None, initial=_listing_initial(listing, person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            listing_services.save_listing(
                person=person,  # type: ignore[arg-type]
                bio=data["bio"],
                region=data["region"],
                languages=data["languages"],
                areas=list(data["areas"]),
                open_to_mentoring=data["open_to_mentoring"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your card is shown in the directory."))
            return redirect("directory:my_listing")
    return form_page(
        request,
        "directory/my_listing.html",
        {
            "form": form,
            "listing": listing,
            "firms": list(firm_selectors.firms_represented(person)),
        },
    )
