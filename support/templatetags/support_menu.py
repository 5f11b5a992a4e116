from django import template

from programme.navigation import menu_entries
from support.navigation import SUPPORT_MENU

register = template.Library()


@register.simple_tag(takes_context=True)
def support_menu(context, support_organisation):
    match = context["request"].resolver_match
    return menu_entries(
        SUPPORT_MENU,
        slug=support_organisation.slug,
        app=match.app_name,
        name=match.url_name or "",
    )
