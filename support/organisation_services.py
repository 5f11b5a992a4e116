"""Writes of the support organisation itself: its details and its members.

Domain rules raise SupportError with a message for the user. The organisation always keeps at
least one coordinator: the rule lives here, so that the pages, the admin's callers and the shell
all obey it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.mail import enqueue_mail, mail_renderer
from programme import services as programme_services
from support.models import SupportMembership, SupportOrganisation, SupportRole
from support.services import SupportError

User = get_user_model()


def support_organisation_update(
    *, support_organisation: SupportOrganisation, fields: dict
) -> SupportOrganisation:
    return programme_services.record_save(support_organisation, fields)


@mail_renderer
def invitation_mail(*, user_id: int, support_organisation_id: int, invited_by_id, base_url: str):
    user = User.objects.filter(pk=user_id).first()
    support_organisation = SupportOrganisation.objects.filter(pk=support_organisation_id).first()
    if user is None or support_organisation is None:
        return None  # deleted before the worker came to it
    return programme_services.password_link_mail(
        user=user,
        subject=_("You have been added to %(organisation)s")
        % {"organisation": support_organisation},
        template="support/organisation/email/invitation.txt",
        context={
            "support_organisation": support_organisation,
            "invited_by": User.objects.filter(pk=invited_by_id).first(),
        },
        base_url=base_url,
    )


def _send_invitation(*, user, support_organisation: SupportOrganisation, invited_by, base_url):
    # In the inviter's language: the new user has chosen none yet.
    enqueue_mail(
        "support.organisation_services.invitation_mail",
        language=translation.get_language() or settings.LANGUAGE_CODE,
        user_id=user.pk,
        support_organisation_id=support_organisation.pk,
        invited_by_id=getattr(invited_by, "pk", None),
        base_url=base_url,
    )


@transaction.atomic
def support_membership_add(
    *,
    support_organisation: SupportOrganisation,
    email: str,
    role: str,
    invited_by,
    base_url: str,
    full_name: str = "",
) -> SupportMembership:
    """Add an existing or a new user; a new user is mailed a link to choose a password, as
    programme.services.membership_add does for an employer's members."""
    if role not in SupportRole.values:
        raise SupportError(_("Choose one of the roles."))
    email = email.strip().lower()
    full_name = full_name.strip()
    user = User.objects.find_by_email(email)
    is_new_user = user is None
    if is_new_user:
        user = User.objects.create_user(email=email, full_name=full_name)
    elif support_organisation.memberships.filter(user=user).exists():
        raise SupportError(_("%(email)s is already a member.") % {"email": email})
    elif full_name and not user.full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    membership = SupportMembership.objects.create(
        user=user, support_organisation=support_organisation, role=role
    )
    if is_new_user:
        _send_invitation(
            user=user,
            support_organisation=support_organisation,
            invited_by=invited_by,
            base_url=base_url,
        )
    return membership


def _lock_coordinators(support_organisation: SupportOrganisation) -> int:
    # Lock the coordinators' rows so that two coordinators removing each other at once cannot
    # both succeed (as programme.services._lock_hr_memberships does for HR advisors).
    return len(
        list(
            SupportMembership.objects.select_for_update()
            .filter(support_organisation=support_organisation, role=SupportRole.COORDINATOR)
            .values_list("pk", flat=True)
        )
    )


@transaction.atomic
def support_membership_change_role(
    *, membership: SupportMembership, role: str
) -> SupportMembership:
    """Give a member another role, but never take away the last coordinator."""
    if role not in SupportRole.values:
        raise SupportError(_("Choose one of the roles."))
    demotes = membership.role == SupportRole.COORDINATOR and role != SupportRole.COORDINATOR
    if demotes and _lock_coordinators(membership.support_organisation) <= 1:
        raise SupportError(
            _("The organisation needs at least one coordinator; appoint another one first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def support_membership_remove(*, membership: SupportMembership) -> None:
    """Remove a member, but never the last coordinator."""
    if (
        membership.role == SupportRole.COORDINATOR
        and _lock_coordinators(membership.support_organisation) <= 1
    ):
        raise SupportError(_("The last coordinator cannot be removed; appoint another one first."))
    membership.delete()
