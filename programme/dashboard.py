"""Sections that other apps add to the organisation's dashboard.

The dashboard lives in programme, which imports no other app (docs/architecture.md); apps that
build on it register a panel in their AppConfig.ready() instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from programme.scoping import OrgContext


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable[[OrgContext, date], dict]


_panels: list[Panel] = []


def register_panel(*, order: int, template: str, context: Callable[[OrgContext, date], dict]):
    """Add a section to every organisation's dashboard, in the given order."""
    if not any(panel.template == template for panel in _panels):
        _panels.append(Panel(order=order, template=template, context=context))
        _panels.sort(key=lambda panel: panel.order)


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    data: dict


def panels_for(ctx: OrgContext, today: date) -> list[RenderedPanel]:
    """The registered sections with their data for this organisation."""
    return [RenderedPanel(panel.template, panel.context(ctx, today)) for panel in _panels]
