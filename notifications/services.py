"""Writes: a new secret calendar link (the old one stops working), a member's mail settings."""

from django.db import transaction

from notifications.models import CalendarFeed
from notifications.tokens import feed_token, new_nonce, token_hash
from programme.models import Organisation


def _renew(**owner) -> str:
    nonce = new_nonce()
    CalendarFeed.objects.update_or_create(
        **owner, defaults={"nonce": nonce, "token_hash": token_hash(feed_token(nonce))}
    )
    return feed_token(nonce)


@transaction.atomic
def organisation_feed_renew(*, organisation: Organisation) -> str:
    """A new link for the organisation's calendar; the token is returned, the hash stored."""
    return _renew(organisation=organisation)


@transaction.atomic
def user_feed_renew(*, user) -> str:
    return _renew(user=user)


@transaction.atomic
def user_feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


@transaction.atomic
def organisation_feed_revoke(*, organisation: Organisation) -> None:
    CalendarFeed.objects.filter(organisation=organisation).delete()


@transaction.atomic
def mail_settings_update(*, user, language: str, weekly_digest: bool) -> None:
    user.language = language
    user.weekly_digest = weekly_digest
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["language", "weekly_digest"])
