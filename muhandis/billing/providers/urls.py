"""Where payment providers call us (language-neutral addresses, no CSRF, no session)."""

from django.urls import URLPattern, path

from . import views

app_name = "payments"

urlpatterns: list[URLPattern] = [
    path("payme/", views.payme, name="payme"),
    path("click/prepare/", views.click_prepare, name="click_prepare"),
    path("click/complete/", views.click_complete, name="click_complete"),
    # The same without the final slash: a provider's POST is never redirected (a redirect
    # would lose its body), whichever form the address was registered in.
    path("payme", views.payme),
    path("click/prepare", views.click_prepare),
    path("click/complete", views.click_complete),
]
