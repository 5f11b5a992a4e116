"""Today's per-organisation support advisors keep their access through a support organisation.

Each e-mail domain of former advisor members becomes one support organisation (advisors of one
steunpunt share a domain); its advisors become its members, and each organisation they were
a member of is followed by it from the date of the oldest membership, recorded as carried over.
The memberships themselves are then removed. Platform staff can rename the organisations.
"""

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify


def _free_slug(SupportOrganisation, base: str) -> str:
    slug = base[:55] or "ondersteuning"
    candidate, n = slug, 2
    while SupportOrganisation.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def forwards(apps, schema_editor):
    Membership = apps.get_model("programme", "Membership")
    SupportOrganisation = apps.get_model("support", "SupportOrganisation")
    SupportMembership = apps.get_model("support", "SupportMembership")
    Following = apps.get_model("support", "Following")
    FollowingEvent = apps.get_model("support", "FollowingEvent")
    advisors = Membership.objects.filter(role="advisor").select_related("user").order_by("pk")
    by_domain: dict[str, list] = {}
    for membership in advisors:
        domain = membership.user.email.rpartition("@")[2].lower()
        by_domain.setdefault(domain, []).append(membership)
    now = timezone.now()
    for domain, memberships in sorted(by_domain.items()):
        support = SupportOrganisation.objects.create(
            name=f"Mantelzorgondersteuning ({domain})",
            slug=_free_slug(SupportOrganisation, slugify(domain.replace(".", "-"))),
        )
        for user_id in sorted({m.user_id for m in memberships}):
            SupportMembership.objects.create(
                user_id=user_id, support_organisation=support, role="advisor"
            )
        starts: dict[int, object] = {}
        for membership in memberships:
            start = starts.get(membership.organisation_id)
            if start is None or membership.created_at < start:
                starts[membership.organisation_id] = membership.created_at
        for organisation_id, started_at in sorted(starts.items()):
            following = Following.objects.create(
                support_organisation=support,
                organisation_id=organisation_id,
                state="active",
                started_at=started_at,
            )
            FollowingEvent.objects.create(
                following=following, kind="migrated", at=now, by_name="platform"
            )
    advisors.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("support", "0001_initial"),
        ("programme", "0005_pooled_figures_choice_and_member_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
