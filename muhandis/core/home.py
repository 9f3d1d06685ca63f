"""The public home page's panels. Core knows no domain app: an app adds a panel in its
AppConfig.ready() (``add_home_panel``) with a provider that returns the panel's context, or None
when it has nothing to show. The home page renders each panel's template in ``order``."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    provider: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


HOME_PANELS: dict[str, HomePanel] = {}


def add_home_panel(
    key: str,
    template: str,
    provider: Callable[[HttpRequest], dict[str, Any] | None],
    *,
    order: int = 100,
) -> None:
    HOME_PANELS.setdefault(key, HomePanel(key, template, provider, order))


def panels(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """The (template, context) of every panel with something to show, in order."""
    shown = []
    for panel in sorted(HOME_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.provider(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown
