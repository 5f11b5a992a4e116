"""Writes of programme data, each in one transaction; domain rules raise ProgrammeError."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.adapters import password_setup_path
from accounts.login_policy import organisation_login_path
from accounts.mail import Mail, enqueue_mail, mail_renderer
from programme.models import Action, ActionStatus, Membership, Organisation, Role
from programme.selectors import recurring_actions_to_carry, shift_years

User = get_user_model()


class ProgrammeError(Exception):
    """A domain rule refused the change; the message is for the user."""


# --- Members ------------------------------------------------------------------------------------


def link_lifetime(seconds: int) -> str:
    """How long a link of `seconds` works, in words: whole days when it is a number of days,
    else whole hours or minutes, rounded down (a link that works a little longer than the mail
    says harms nobody; one that stops sooner does)."""
    if seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds >= 3600:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def password_link_mail(*, user, subject: str, template: str, context: dict, base_url: str) -> Mail:
    """The mail with a link for a new user to choose a password (the password-reset link of
    allauth), rendered in the active language.

    Shared by every kind of membership that can bring in a new user; `template` (extending
    programme/email/invitation.txt) says what the user was added to. The token is made here, in
    the worker that sends the mail, so that no queue holds it."""
    # An organisation that switched password logins off for the address's domain: its own login
    # instead of a password link (which would be refused).
    organisation_login = organisation_login_path(user.email)
    path = organisation_login or password_setup_path(user)
    context = {
        **context,
        "user": user,
        "organisation_login": bool(organisation_login),
        "link": base_url.rstrip("/") + path,
        "valid_for": link_lifetime(settings.PASSWORD_RESET_TIMEOUT),
        "valid_until": timezone.localtime() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    }
    return Mail(subject=subject, body=render_to_string(template, context), to=[user.email])


@mail_renderer
def invitation_mail(*, user_id: int, organisation_id: int, invited_by_id, base_url: str):
    user = User.objects.filter(pk=user_id).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if user is None or organisation is None:
        return None  # deleted before the worker came to it: nothing to invite to
    return password_link_mail(
        user=user,
        subject=_("Invitation to %(organisation)s's caregiver-friendly programme")
        % {"organisation": organisation.name},
        template="programme/email/invitation.txt",
        context={
            "organisation": organisation,
            "invited_by": User.objects.filter(pk=invited_by_id).first(),
        },
        base_url=base_url,
    )


def _send_invitation(*, user, organisation: Organisation, invited_by, base_url: str) -> None:
    # In the inviter's language: the new user has chosen none yet.
    enqueue_mail(
        "programme.services.invitation_mail",
        language=translation.get_language() or settings.LANGUAGE_CODE,
        user_id=user.pk,
        organisation_id=organisation.pk,
        invited_by_id=getattr(invited_by, "pk", None),
        base_url=base_url,
    )


@transaction.atomic
def membership_add(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by,
    base_url: str,
    full_name: str = "",
) -> Membership:
    """Add an existing or a new user to the organisation; a new user is invited by e-mail.

    The name is the new user's; an existing account keeps its own, unless it has none yet."""
    email = email.strip().lower()
    full_name = full_name.strip()
    user = User.objects.find_by_email(email)
    is_new_user = user is None
    if is_new_user:
        user = User.objects.create_user(email=email, full_name=full_name)
    elif organisation.memberships.filter(user=user).exists():
        if user.is_active:
            raise ProgrammeError(_("%(email)s is already a member.") % {"email": email})
        # A member deactivated for not logging in (exit.services): adding them again re-invites
        # them, with the period counted afresh; their role stays as it was.
        user.is_active = True
        user.last_login = timezone.now()
        user.save(update_fields=["is_active", "last_login"])
        _send_invitation(
            user=user, organisation=organisation, invited_by=invited_by, base_url=base_url
        )
        return organisation.memberships.get(user=user)
    elif full_name and not user.full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    if is_new_user:
        _send_invitation(
            user=user, organisation=organisation, invited_by=invited_by, base_url=base_url
        )
    return membership


def _lock_hr_memberships(organisation: Organisation) -> int:
    # Lock the HR rows so that two HR advisors removing each other at once cannot both succeed.
    return len(
        list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Role.HR)
            .values_list("pk", flat=True)
        )
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role, but never take away the last HR advisor."""
    demotes_hr = membership.role == Role.HR and role != Role.HR
    if demotes_hr and _lock_hr_memberships(membership.organisation) <= 1:
        raise ProgrammeError(
            _("The organisation needs at least one HR advisor; appoint another one first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member, but never the last HR advisor."""
    if membership.role == Role.HR and _lock_hr_memberships(membership.organisation) <= 1:
        raise ProgrammeError(_("The last HR advisor cannot be removed; appoint another one first."))
    membership.delete()


# --- Actions ------------------------------------------------------------------------------------


def _next_year_date(day: date | None) -> date | None:
    return shift_years(day, 1) if day else None


@transaction.atomic
def actions_carry_into_next_year(*, organisation: Organisation, year: int) -> list[Action]:
    """Copy the year's recurring actions into the next year as planned, each at most once."""
    carried = []
    to_carry = recurring_actions_to_carry(organisation=organisation, year=year)
    # Lock only the actions themselves: PostgreSQL cannot lock the outer join to carried_to.
    for action in to_carry.select_for_update(of=("self",)):
        copy = Action(
            organisation=organisation,
            title=action.title,
            description=action.description,
            pillar=action.pillar,
            year=year + 1,
            status=ActionStatus.PLANNED,
            planned_date=_next_year_date(action.planned_date),
            owner=action.owner,
            partner=action.partner,
            recurs_yearly=True,
            carried_from=action,
        )
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError:
            continue  # carried by a simultaneous request; the constraint keeps it to one
        carried.append(copy)
    return carried


def action_mark_done(*, action: Action, on: date) -> Action:
    """Record an action as done on the given day."""
    action.status = ActionStatus.DONE
    action.completed_date = on
    action.save(update_fields=["status", "completed_date", "updated_at"])
    return action


# --- Records the HR pages edit as a whole: the organisation, actions, the three registers --------


def apply_fields(instance, fields: dict) -> None:
    """Put form-cleaned values on a model instance the way a ModelForm would (a cleared file
    field included), so that a service, not the form, does the write."""
    for name, value in fields.items():
        instance._meta.get_field(name).save_form_data(instance, value)


@transaction.atomic
def record_save(instance, fields: dict):
    """Validate in full (the model's clean() and constraints, whoever calls) and save."""
    apply_fields(instance, fields)
    instance.full_clean()
    instance.save()
    return instance


def organisation_update(*, organisation: Organisation, fields: dict) -> Organisation:
    return record_save(organisation, fields)


def action_create(*, organisation: Organisation, fields: dict) -> Action:
    return record_save(Action(organisation=organisation), fields)


def action_update(*, action: Action, fields: dict) -> Action:
    return record_save(action, fields)


@transaction.atomic
def action_delete(*, action: Action) -> None:
    action.delete()


def register_entry_save(*, organisation: Organisation, entry, fields: dict):
    """Add or change a contact person, support offer or regulation of the organisation."""
    if entry.organisation_id != organisation.pk:
        raise ProgrammeError(_("This entry belongs to another organisation."))
    return record_save(entry, fields)


@transaction.atomic
def register_entry_delete(*, entry) -> None:
    entry.delete()
