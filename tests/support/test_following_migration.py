"""The data migration support/0002: yesterday's per-organisation advisor members keep their
access, now through a support organisation per e-mail domain that follows their organisations.

Run through Django's migration executor on the test database: back to the state before the
support app (programme/0005, where an advisor was still a membership role), data made with the
models of that state, then forward again to the latest migrations.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from programme.models import Membership
from support.models import (
    Following,
    FollowingEventKind,
    FollowingSide,
    FollowingState,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from tests.conftest import client_for

BEFORE = [("programme", "0005_pooled_figures_choice_and_member_roles"), ("support", None)]


def _leaves(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_world(transactional_db):
    """Migrate back, make yesterday's data, and return it (migrating forward again after)."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    # The models as the database now has them: every migration still applied.
    loader = MigrationExecutor(connection).loader
    old = loader.project_state(list(loader.applied_migrations)).apps
    User = old.get_model("accounts", "User")
    Organisation = old.get_model("programme", "Organisation")
    OldMembership = old.get_model("programme", "Membership")

    def user(email: str):
        return User.objects.create(email=email, email_key=email.lower(), password="!")

    aland = Organisation.objects.create(name="Gemeente Aland", slug="gemeente-aland")
    beekdal = Organisation.objects.create(name="Zorggroep Beekdal", slug="zorggroep-beekdal")
    hr = user("hr@aland.example")
    anna = user("anna@steunpunt-aland.nl")
    bert = user("Bert@Steunpunt-Aland.nl")
    other = user("consulent@elders.example")
    earlier = timezone.now() - timedelta(days=400)
    OldMembership.objects.create(user=hr, organisation=aland, role="hr")
    for person, organisation in ((anna, aland), (bert, aland), (bert, beekdal), (other, beekdal)):
        OldMembership.objects.create(user=person, organisation=organisation, role="advisor")
    OldMembership.objects.filter(user=anna).update(created_at=earlier)
    yield {"anna": anna.pk, "bert": bert.pk, "other": other.pk, "hr": hr.pk, "earlier": earlier}
    MigrationExecutor(connection).migrate(_leaves(executor))


@pytest.mark.django_db(transaction=True)
def test_advisor_members_become_a_support_organisation_per_domain_that_follows(old_world):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(_leaves(executor))

    # The memberships are gone; the HR advisor's stays.
    assert list(Membership.objects.values_list("user_id", "role")) == [(old_world["hr"], "hr")]
    supports = {s.slug: s for s in SupportOrganisation.objects.all()}
    assert sorted(supports) == ["elders-example", "steunpunt-aland-nl"]
    steunpunt = supports["steunpunt-aland-nl"]
    assert sorted(
        SupportMembership.objects.filter(support_organisation=steunpunt).values_list(
            "user_id", "role"
        )
    ) == sorted(
        [(old_world["anna"], SupportRole.ADVISOR), (old_world["bert"], SupportRole.ADVISOR)]
    )

    followed = {
        f.organisation.slug: f
        for f in Following.objects.filter(support_organisation=steunpunt).select_related(
            "organisation"
        )
    }
    assert sorted(followed) == ["gemeente-aland", "zorggroep-beekdal"]
    for following in followed.values():
        assert following.state == FollowingState.ACTIVE
        events = list(following.events.all())
        assert [(e.kind, e.side) for e in events] == [
            (FollowingEventKind.MIGRATED, FollowingSide.PLATFORM)
        ]
    # From the oldest membership on: Anna's, a year ago.
    assert abs(followed["gemeente-aland"].started_at - old_world["earlier"]) < timedelta(seconds=1)
    elders = Following.objects.get(support_organisation=supports["elders-example"])
    assert elders.organisation.slug == "zorggroep-beekdal"


@pytest.mark.django_db(transaction=True)
def test_migrated_advisors_keep_reading_what_they_read(old_world):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(_leaves(executor))
    from accounts.models import User

    bert = User.objects.get(pk=old_world["bert"])
    client = client_for(bert)
    for slug in ("gemeente-aland", "zorggroep-beekdal"):
        assert client.get(f"/o/{slug}/pillars/").status_code == 200
        assert client.get(f"/o/{slug}/members/").status_code == 403  # no member any more
    other = client_for(User.objects.get(pk=old_world["other"]))
    assert other.get("/o/gemeente-aland/pillars/").status_code == 404
