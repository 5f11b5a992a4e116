"""Writes of the pipeline: employers to approach, the contacts with them, and the invitation that
brings one onto the platform, already followed. Domain rules raise SupportError (a message for
the user) or ValidationError (from the models' clean(), per field)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.keys import login_key
from accounts.mail import Mail, enqueue_mail, mail_renderer, seal, unseal
from programme import services as programme_services
from programme.models import Membership, Organisation, Role
from support import services as following_services
from support.invitations import new_token, token_hash
from support.models import (
    STAGES_BEFORE_ACTIVE,
    Contact,
    EmployerInvitation,
    Following,
    FollowingSide,
    FollowingState,
    Prospect,
    Stage,
    SupportOrganisation,
)
from support.services import SupportError

User = get_user_model()

INVITATION_VALID_DAYS = 14
INVITATION_LANGUAGES = ("nl", "en")


# --- Prospects ----------------------------------------------------------------------------------


def _followed_now(support_organisation: SupportOrganisation, organisation: Organisation) -> bool:
    return Following.objects.filter(
        support_organisation=support_organisation,
        organisation=organisation,
        state=FollowingState.ACTIVE,
    ).exists()


@transaction.atomic
def prospect_save(*, support_organisation: SupportOrganisation, prospect: Prospect, fields: dict):
    """Add or change an employer in the pipeline (validated in full by the model).

    A link to an employer on the platform can only be made to one the support organisation
    follows right now: nobody learns of other employers through the pipeline. A link made earlier
    stays when the following ends."""
    if prospect.pk is None:
        prospect.support_organisation = support_organisation
    elif prospect.support_organisation_id != support_organisation.pk:
        raise SupportError(_("This employer belongs to another support organisation's pipeline."))
    linked_before = (
        Prospect.objects.filter(pk=prospect.pk).values_list("organisation_id", flat=True).first()
        if prospect.pk
        else None
    )
    organisation = fields.get("organisation", prospect.organisation)
    if organisation is not None and organisation.pk != linked_before:
        if not _followed_now(support_organisation, organisation):
            raise ValidationError({"organisation": _("Only an employer you follow can be linked.")})
        if _linked_elsewhere(support_organisation, organisation, prospect):
            raise ValidationError({"organisation": _already_linked()})
    try:
        with transaction.atomic():
            return programme_services.record_save(prospect, fields)
    except IntegrityError:
        # Two requests linking the same employer at once: the constraint keeps one.
        raise ValidationError({"organisation": _already_linked()}) from None


def _already_linked() -> str:
    return _("Another employer in the pipeline is already linked to this organisation.")


def _linked_elsewhere(
    support_organisation: SupportOrganisation, organisation: Organisation, prospect: Prospect
) -> bool:
    return (
        Prospect.objects.filter(
            support_organisation=support_organisation, organisation=organisation
        )
        .exclude(pk=prospect.pk)
        .exists()
    )


@transaction.atomic
def prospect_delete(*, prospect: Prospect) -> None:
    """Delete an employer from the pipeline with its contacts and invitations."""
    prospect.delete()


# --- Contacts -----------------------------------------------------------------------------------


def _follow_latest_contact(prospect: Prospect) -> None:
    """The prospect's next step is the one agreed in its latest contact (none without one)."""
    latest = prospect.contacts.order_by("-on", "-pk").first()
    prospect.next_step = latest.next_step if latest else ""
    prospect.next_step_on = latest.next_step_on if latest else None
    prospect.save(update_fields=["next_step", "next_step_on", "updated_at"])


def _lock(prospect: Prospect) -> Prospect:
    # Two contacts logged at once must not leave the next step of the one that lost.
    return Prospect.objects.select_for_update().get(pk=prospect.pk)


@transaction.atomic
def contact_log(*, prospect: Prospect, fields: dict, by, stage: str | None = None) -> Contact:
    """Log a contact with an employer; its next step becomes the prospect's (when it is the
    latest contact) and, given a stage, the prospect moves to it.

    The contact's rules are the model's (Contact.clean): never in the future, the next step never
    before the contact."""
    if stage and stage not in Stage.values:
        raise ValidationError({"stage": _("Choose one of the stages.")})
    prospect = _lock(prospect)
    contact = programme_services.record_save(Contact(prospect=prospect, by=by), fields)
    if stage and stage != prospect.stage:
        prospect.stage = stage
        prospect.save(update_fields=["stage", "updated_at"])
    _follow_latest_contact(prospect)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, fields: dict) -> Contact:
    """Change a logged contact; the prospect's next step follows its latest contact."""
    prospect = _lock(contact.prospect)
    contact = programme_services.record_save(contact, fields)
    _follow_latest_contact(prospect)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    """Delete a logged contact; the prospect's next step follows its latest remaining one."""
    prospect = _lock(contact.prospect)
    contact.delete()
    _follow_latest_contact(prospect)


# --- Invitations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentInvitation:
    invitation: EmployerInvitation
    token: str  # the secret of the link: only its hash is stored


@mail_renderer
def invitation_mail(*, invitation_id: int, sealed_link: str):
    invitation = (
        EmployerInvitation.objects.select_related("prospect__support_organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return None  # replaced (deleted) or accepted before the worker came to it
    prospect = invitation.prospect
    context = {
        "invitation": invitation,
        "support_organisation": prospect.support_organisation,
        "invited_by": invitation.invited_by,
        "employer": prospect.name,
        "link": unseal(sealed_link),
        "valid_for_days": INVITATION_VALID_DAYS,
    }
    subject = _("%(support)s invites %(employer)s to the caregiver-friendly employer app") % {
        "support": prospect.support_organisation.name,
        "employer": prospect.name,
    }
    return Mail(
        subject=subject,
        body=render_to_string("support/email/invitation.txt", context),
        to=[invitation.email],
    )


@transaction.atomic
def invitation_send(
    *, prospect: Prospect, email: str, full_name: str, language: str, by, base_url: str
) -> SentInvitation:
    """Invite the employer's HR contact by e-mail to come onto the platform, followed by the
    support organisation. Valid for 14 days; an open invitation of the same employer is replaced
    (its link stops working)."""
    if language not in INVITATION_LANGUAGES:
        raise SupportError(_("Choose Dutch or English for the invitation."))
    prospect = _lock(prospect)
    if prospect.organisation_id and _followed_now(
        prospect.support_organisation, prospect.organisation
    ):
        raise SupportError(
            _("%(employer)s is already on the platform and you follow it.")
            % {"employer": prospect.organisation.name}
        )
    now = timezone.now()
    prospect.invitations.filter(accepted_at__isnull=True, expires_at__gt=now).delete()
    token = new_token()
    invitation = EmployerInvitation(
        prospect=prospect,
        email=email.strip().lower(),
        full_name=full_name.strip(),
        token_hash=token_hash(token),
        sent_at=now,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
        invited_by=by,
    )
    invitation.full_clean()
    invitation.save()
    link = base_url.rstrip("/") + reverse("support_public:invitation", kwargs={"token": token})
    enqueue_mail(
        "support.pipeline_services.invitation_mail",
        language=language,
        invitation_id=invitation.pk,
        sealed_link=seal(link),  # the link holds the secret: never readable in the queue
    )
    return SentInvitation(invitation=invitation, token=token)


def _free_slug(name: str) -> str:
    base = slugify(name)[:50].strip("-") or "organisatie"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _new_organisation(*, fields: dict, by) -> Organisation:
    """A new employer with `by` as its first HR advisor."""
    for _attempt in range(5):
        organisation = Organisation(
            name=fields["name"].strip(),
            kind=fields["kind"],
            employee_count=fields.get("employee_count"),
            slug=_free_slug(fields["name"]),
        )
        organisation.full_clean()
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError:
            continue  # the slug was taken a moment ago: try the next free one
        break
    else:
        raise SupportError(_("The organisation could not be created; please try again."))
    Membership.objects.create(user=by, organisation=organisation, role=Role.HR)
    return organisation


def _new_account(*, invitation: EmployerInvitation, fields: dict):
    if User.objects.find_by_email(invitation.email) is not None:
        raise SupportError(
            _("There is already an account for %(email)s. Log in first, then open the link again.")
            % {"email": invitation.email}
        )
    user = User(email=invitation.email, full_name=fields["full_name"].strip())
    validate_password(fields["password"], user)
    user.set_password(fields["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise SupportError(
            _("There is already an account for %(email)s. Log in first, then open the link again.")
            % {"email": invitation.email}
        ) from None
    return user


def _follow(*, support_organisation: SupportOrganisation, organisation: Organisation, by):
    """Let the support organisation follow the employer from now on: accepting the invitation is
    the employer's choice. An open request or invitation between them is accepted."""
    open_following = (
        Following.objects.filter(
            support_organisation=support_organisation, organisation=organisation
        )
        .exclude(state=FollowingState.ENDED)
        .first()
    )
    if open_following is None:
        return following_services.following_start(
            support_organisation=support_organisation, organisation=organisation, by=by
        )
    if open_following.state == FollowingState.ACTIVE:
        return open_following
    # The employer answers the support organisation's request; had the employer invited the
    # support organisation, this invitation from its pipeline is the support organisation's yes.
    side = FollowingSide.EMPLOYER if open_following.state == FollowingState.REQUESTED else None
    return following_services.following_accept(following=open_following, by=by, side=side)


def _link_prospect(prospect: Prospect, organisation: Organisation) -> None:
    # Another entry of the pipeline may already stand for this employer; it keeps the link then.
    if not _linked_elsewhere(prospect.support_organisation, organisation, prospect):
        prospect.organisation = organisation
    # An employer that accepts is getting started, also one that had stopped; a recognised one
    # stays recognised.
    if prospect.stage in STAGES_BEFORE_ACTIVE or prospect.stage == Stage.STOPPED:
        prospect.stage = Stage.ACTIVE
    prospect.save(update_fields=["organisation", "stage", "updated_at"])


@dataclass(frozen=True)
class Accepted:
    user: object
    organisation: Organisation
    following: Following
    new_user: bool


@transaction.atomic
def invitation_accept(
    *,
    invitation: EmployerInvitation,
    by=None,
    account: dict | None = None,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
) -> Accepted:
    """Accept an invitation from the pipeline, all in one transaction.

    - `by` None: a visitor without an account; `account` (full_name, password) makes one for the
      invited address.
    - `organisation`: an employer where `by` is an HR advisor, to link; otherwise
      `new_organisation` (name, kind, employee_count) is created with `by` as its HR advisor.

    The support organisation then follows the employer at once (recorded), the pipeline entry is
    linked and moves on to "getting started", and the invitation is used. The invitation is
    re-read under a lock: of two requests with one link, the second finds it used."""
    now = timezone.now()
    locked = (
        EmployerInvitation.objects.select_for_update()
        .select_related("prospect__support_organisation")
        .filter(pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if locked is None:
        raise SupportError(_("This invitation has already been used or has expired."))
    prospect = locked.prospect
    support_organisation = prospect.support_organisation
    new_user = by is None
    if new_user:
        if not account:
            raise SupportError(_("Fill in your name and a password."))
        by = _new_account(invitation=locked, fields=account)
    if organisation is not None:
        if not Membership.objects.filter(user=by, organisation=organisation, role=Role.HR).exists():
            raise SupportError(_("You can only link an organisation where you are an HR advisor."))
    elif new_organisation:
        if not new_user and login_key(by.email) != login_key(locked.email):
            raise SupportError(
                _("Log in with the invited address, %(email)s, to register a new organisation.")
                % {"email": locked.email}
            )
        organisation = _new_organisation(fields=new_organisation, by=by)
    else:
        raise SupportError(_("Choose the organisation to link."))
    following = _follow(support_organisation=support_organisation, organisation=organisation, by=by)
    _link_prospect(prospect, organisation)
    locked.accepted_at = now
    locked.organisation = organisation
    locked.save(update_fields=["accepted_at", "organisation"])
    return Accepted(user=by, organisation=organisation, following=following, new_user=new_user)
