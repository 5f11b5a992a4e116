"""The organisation menu: what it holds and which entry the current page belongs to.

Kept as data here rather than as conditions in the template, so that a new page finds its menu
entry by adding its URL name once. Fourteen destinations do not fit one line below 1920 px, so
they are grouped; a group counts as current when one of its items is.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

# (app name, URL name) of the current page -> whether it belongs to an item.
Matcher = Callable[[str, str], bool]


def in_app(app: str, *, except_prefixes: tuple[str, ...] = ()) -> Matcher:
    return lambda current_app, name: current_app == app and not name.startswith(except_prefixes)


def named(app: str, *prefixes: str) -> Matcher:
    return lambda current_app, name: current_app == app and name.startswith(prefixes)


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    matches: Matcher


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    items: tuple[Item, ...]
    align_end: bool = False


MENU: tuple[Item | Group, ...] = (
    Item(_("Dashboard"), "programme:dashboard", named("programme", "dashboard")),
    Group(
        "programme",
        _("Programme"),
        (
            Item(_("Pillars"), "pillars:overview", in_app("pillars")),
            Item(
                _("Action plan"),
                "programme:actions",
                lambda app, name: (
                    app == "programme"
                    and (name == "actions" or name.startswith("action_"))
                    and not name.startswith(("action_review", "action_outlook", "action_carry"))
                ),
            ),
            Item(_("Review"), "programme:action_review", named("programme", "action_review")),
            Item(
                _("Outlook"),
                "programme:action_outlook",
                named("programme", "action_outlook", "action_carry"),
            ),
        ),
    ),
    Item(_("Monitor"), "monitor:campaign_list", in_app("monitor")),
    Group(
        "recognition",
        _("Recognition and letters"),
        (
            Item(
                _("Recognition"),
                "recognition:readiness",
                in_app("recognition", except_prefixes=("letter", "progress_report")),
            ),
            Item(_("Letters"), "recognition:letter_list", named("recognition", "letter")),
        ),
    ),
    Group(
        "organisation",
        _("Organisation"),
        (
            Item(
                _("Organisation details"),
                "programme:organisation",
                named("programme", "organisation"),
            ),
            Item(_("Members"), "programme:members", named("programme", "member")),
            Item(_("Contact persons"), "programme:contact_list", named("programme", "contact")),
            Item(_("Support"), "programme:support_list", named("programme", "support")),
            Item(_("Regulations"), "programme:regulation_list", named("programme", "regulation")),
            # The statements app's page (by URL name only, as below).
            Item(
                _("Privacy and accessibility"),
                "org_statements:settings",
                in_app("org_statements"),
            ),
            # The support app's pages (by URL name only: programme does not import it).
            Item(_("Carer support"), "employer_support:overview", in_app("employer_support")),
        ),
        align_end=True,
    ),
)


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    is_current: bool


@dataclass(frozen=True)
class Entry:
    """One entry of the bar: a link, or a group of links (key and align_end for its dropdown)."""

    label: str
    is_current: bool
    link: Link | None = None
    links: tuple[Link, ...] = ()
    key: str = ""
    align_end: bool = False


def _opens_for_followers(url: str) -> bool:
    """Whether the view at `url` lets followers in (programme.scoping.org_view's flag)."""
    return getattr(resolve(url).func, "followers", True)


def menu_entries(
    menu: tuple[Item | Group, ...], *, slug: str, app: str, name: str, followers_only: bool = False
) -> list[Entry]:
    """The entries of `menu` for the pages under `slug`, with the current page (and its group)
    marked. With `followers_only`, only the pages a follower (a support advisor) may open."""

    def link(item: Item) -> Link | None:
        href = reverse(item.url_name, args=[slug])
        if followers_only and not _opens_for_followers(href):
            return None
        return Link(item.label, href, item.matches(app, name))

    entries = []
    for entry in menu:
        if isinstance(entry, Item):
            single = link(entry)
            if single is not None:
                entries.append(Entry(entry.label, single.is_current, link=single))
            continue
        links = tuple(found for found in map(link, entry.items) if found is not None)
        if links:
            entries.append(
                Entry(
                    entry.label,
                    any(item.is_current for item in links),
                    links=links,
                    key=entry.key,
                    align_end=entry.align_end,
                )
            )
    return entries


def org_menu(*, slug: str, app: str, name: str, followers_only: bool = False) -> list[Entry]:
    """The menu of an organisation's pages, with the current page (and its group) marked."""
    return menu_entries(MENU, slug=slug, app=app, name=name, followers_only=followers_only)


# --- Where a user works ---------------------------------------------------------------------


@dataclass(frozen=True)
class Workplace:
    """A place a user can work in besides their organisations (a support organisation)."""

    name: str
    url: str
    description: str


_workplaces: list[Callable] = []


def register_workplaces(finder: Callable) -> None:
    """Add `finder(user) -> list[Workplace]` to the places the home page offers a user."""
    if finder not in _workplaces:
        _workplaces.append(finder)


def workplaces_for(user) -> list[Workplace]:
    return [place for finder in _workplaces for place in finder(user)]
