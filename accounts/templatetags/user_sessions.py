"""The sessions page (templates/usersessions/): a browser's User-Agent header in words."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()

# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str) -> str:
    """ "Firefox on Windows", or what can be told of it; the header is the browser's own word."""
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown browser")


register.filter("device_name", device_name)


@register.simple_tag
def session_limits() -> dict:
    """The idle timeout and the lifetime, for the page's explanation."""
    return {
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
        "lifetime_hours": settings.SESSION_MAX_LIFETIME_HOURS,
    }
