"""Sections that other apps add to certification's pages (CPD progress, appeals, complaints).

Certification does not know those apps: each registers a template for a page in its
AppConfig.ready(), and the page shows it with ``{% certification_panels "<page>" %}``. The
template gets the page's context (``certificate`` or ``application``, ``request``, ...).

Pages: ``certificate`` (the holder's and staff's certificate page), ``application`` (the
candidate's application), ``verify`` (the public verification page, when a certificate was
found), ``register_row`` (each row of the public register, with ``r`` the row),
``scheme_actions`` (the buttons a scheme manager sees on a scheme).

Each panel is a template, rendered with autoescaping: what it prints from the page's data is
escaped, and its own markup reaches the page as markup (never escaped a second time, never
marked safe by hand)."""

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

PANELS: dict[str, list[str]] = {}


def add_panel(page: str, template: str) -> None:
    templates = PANELS.setdefault(page, [])
    if template not in templates:
        templates.append(template)


def panels_of(page: str) -> list[str]:
    return PANELS.get(page, [])


def render_panels(page: str, values: dict, request: HttpRequest | None = None) -> SafeString:
    """The panels of ``page`` rendered one after another, as markup ready for the page."""
    rendered = (get_template(name).render(values, request) for name in panels_of(page))
    return format_html_join("", "{}", ((html,) for html in rendered))
