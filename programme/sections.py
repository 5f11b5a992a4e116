"""Sections that other apps add to one of the organisation's pages (beside the dashboard's panels).

programme imports no other app (docs/architecture.md); an app that has something to show on a
programme page, such as the support organisations' offers beside the organisation's own support
offers, registers a section for that page's URL name in its AppConfig.ready() instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from programme.scoping import OrgContext

# (organisation context, today) -> the section's data, or None when it has nothing to show.
SectionContext = Callable[[OrgContext, date], dict | None]


@dataclass(frozen=True)
class Section:
    page: str  # the URL name of the page, e.g. "programme:support_list"
    order: int
    template: str
    context: SectionContext


_sections: list[Section] = []


def register_section(*, page: str, template: str, context: SectionContext, order: int = 100):
    """Add a section to every organisation's `page`, in the given order."""
    if not any(s.page == page and s.template == template for s in _sections):
        _sections.append(Section(page=page, order=order, template=template, context=context))
        _sections.sort(key=lambda section: section.order)


@dataclass(frozen=True)
class RenderedSection:
    template: str
    data: dict


def sections_for(page: str, ctx: OrgContext, today: date) -> list[RenderedSection]:
    """The registered sections of `page` that have something to show for this organisation."""
    rendered = []
    for section in _sections:
        if section.page != page:
            continue
        data = section.context(ctx, today)
        if data is not None:
            rendered.append(RenderedSection(section.template, data))
    return rendered
