from django import template

from programme.navigation import org_menu as menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def org_menu(context, organisation):
    request = context["request"]
    match = request.resolver_match
    org = getattr(request, "org", None)
    return menu_for(
        slug=organisation.slug,
        app=match.app_name,
        name=match.url_name or "",
        followers_only=bool(org and org.is_follower),
    )
