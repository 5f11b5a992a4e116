from django import template

from accounts import two_factor

register = template.Library()


@register.inclusion_tag("mfa/includes/continue.html", takes_context=True)
def two_factor_continue(context):
    """A link back to the page that asked for two-step verification, once it is set up."""
    request = context.get("request")
    return {"continue_url": two_factor.continue_url(request) if request is not None else None}


@register.simple_tag(takes_context=True)
def has_second_factor(context) -> bool:
    """Whether the user has an authenticator app or a passkey (recovery codes do not count)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and two_factor.has_second_factor(user))
