"""Sections that other apps add to certification's pages (CPD progress, appeals, complaints).

Certification does not know those apps: each registers a template for a page in its
AppConfig.ready(), and the page shows it with ``{% certification_panels "<page>" %}``. The
template gets the page's context (``certificate`` or ``application``, ``request``, ...).

Pages: ``certificate`` (the holder's and staff's certificate page), ``application`` (the
candidate's application), ``verify`` (the public verification page, when a certificate was
found), ``register_row`` (each row of the public register, with ``r`` the row),
``scheme_actions`` (the buttons a scheme manager sees on a scheme)."""

PANELS: dict[str, list[str]] = {}


def add_panel(page: str, template: str) -> None:
    templates = PANELS.setdefault(page, [])
    if template not in templates:
        templates.append(template)


def panels_of(page: str) -> list[str]:
    return PANELS.get(page, [])
