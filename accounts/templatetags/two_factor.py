from django import template

from accounts import two_factor

register = template.Library()


@register.inclusion_tag("mfa/includes/continue.html", takes_context=True)
def two_factor_continue(context):
    """A link back to the page that asked for two-step verification, once it is set up."""
    request = context.get("request")
    return {"continue_url": two_factor.continue_url(request) if request is not None else None}
