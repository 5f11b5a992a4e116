"""Writes of the accounts app."""

from allauth.account.models import EmailAddress
from django.db import transaction


@transaction.atomic
def confirm_login_address(user) -> None:
    """Make the account's own address allauth's verified primary one.

    Signing in again by a mailed code (accounts/reauth.py) goes to the verified addresses
    allauth knows; accounts here come by invitation or through the organisation's identity
    provider, both of which prove the address, and allauth's page of addresses is not served.
    Without it a member who logs in by single sign-on only, with no password and no second
    factor, could not confirm at all. No write when the row is in place already.
    """
    if not user.email:
        return
    row = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if row is not None and row.verified and row.primary:
        return
    EmailAddress.objects.filter(user=user, primary=True).exclude(
        pk=getattr(row, "pk", None)
    ).update(primary=False)
    if row is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        row.verified = True
        row.primary = True
        row.save(update_fields=["verified", "primary"])
