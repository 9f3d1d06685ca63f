"""Where payment providers call us (language-neutral addresses, no CSRF, no session)."""

from django.urls import URLPattern

app_name = "payments"

urlpatterns: list[URLPattern] = []
