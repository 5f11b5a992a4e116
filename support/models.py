"""Carer support organisations: their members, the employers they follow, their pipeline of
employers to approach, their contacts and their offer per pillar."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Action, Organisation, OrganisationKind, PillarKey


class SupportOrganisation(models.Model):
    """A mantelzorgondersteuner, such as a Steunpunt Mantelzorg, commissioned by a municipality
    to activate the employers of its region."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, for example steunpunt-voorbeeld."),
    )
    region = models.TextField(
        _("municipalities served"), blank=True, help_text=_("One municipality per line.")
    )
    commissioned_by = models.CharField(
        _("commissioning municipality"),
        max_length=200,
        blank=True,
        help_text=_("The municipality that commissions the employer support and reads the report."),
    )
    goal = models.TextField(
        _("our goal"),
        blank=True,
        help_text=_("What the support organisation wants to achieve with employers this year."),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support organisation")
        verbose_name_plural = _("support organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_list(self) -> list[str]:
        return [line.strip() for line in self.region.splitlines() if line.strip()]


class SupportRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ADVISOR = "advisor", _("Support advisor")


class SupportMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="support_memberships",
    )
    support_organisation = models.ForeignKey(
        SupportOrganisation,
        verbose_name=_("support organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=SupportRole)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("support membership")
        verbose_name_plural = _("support memberships")
        ordering = ["support_organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "support_organisation"], name="support_membership_one_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.support_organisation} ({self.get_role_display()})"

    @property
    def is_coordinator(self) -> bool:
        return self.role == SupportRole.COORDINATOR


class FollowingState(models.TextChoices):
    # The employer asked the support organisation to follow it; the support organisation accepts.
    INVITED = "invited", _("Invited by the employer")
    # The support organisation asked; the employer's HR advisor accepts or declines.
    REQUESTED = "requested", _("Requested by the support organisation")
    ACTIVE = "active", _("Following")
    ENDED = "ended", _("Ended")


class Following(models.Model):
    """One period in which a support organisation follows an employer, by the employer's choice.

    The support organisation's advisors read the employer's published programme while the
    following is active; an ended following is kept as the record and never reopened (a new
    period is a new row)."""

    support_organisation = models.ForeignKey(
        SupportOrganisation,
        verbose_name=_("support organisation"),
        on_delete=models.CASCADE,
        related_name="followings",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="followings",
    )
    state = models.CharField(_("state"), max_length=20, choices=FollowingState)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    started_at = models.DateTimeField(_("following since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("following")
        verbose_name_plural = _("followings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one open (asked or active) following per pair at a time.
            models.UniqueConstraint(
                fields=["support_organisation", "organisation"],
                condition=~Q(state="ended"),
                name="following_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(state="active") | Q(started_at__isnull=False),
                name="following_active_has_start",
            ),
            models.CheckConstraint(
                condition=~Q(state="ended") | Q(ended_at__isnull=False),
                name="following_ended_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.support_organisation} → {self.organisation} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state == FollowingState.ACTIVE


class FollowingEventKind(models.TextChoices):
    INVITED = "invited", _("Employer invited the support organisation")
    REQUESTED = "requested", _("Support organisation asked to follow")
    ACCEPTED = "accepted", _("Following started")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Following ended")
    MIGRATED = "migrated", _("Carried over from the former advisor role")


class FollowingSide(models.TextChoices):
    EMPLOYER = "employer", _("The employer")
    SUPPORT = "support", _("The support organisation")
    PLATFORM = "platform", _("Platform staff")


class FollowingEvent(models.Model):
    """The record of every start and end of a following: who did it, when, from which side."""

    following = models.ForeignKey(
        Following, verbose_name=_("following"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=FollowingEventKind)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too: the record must survive the account's deletion.
    by_name = models.CharField(_("by (name)"), max_length=200, blank=True)
    side = models.CharField(_("from"), max_length=20, choices=FollowingSide, blank=True)

    class Meta:
        verbose_name = _("following event")
        verbose_name_plural = _("following events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class Stage(models.TextChoices):
    """Where an employer stands with the support organisation, in the workbook's order."""

    MAPPED = "in_kaart", _("Mapped")
    APPROACHED = "benaderd", _("Approached")
    IN_CONVERSATION = "in_gesprek", _("In conversation")
    ACTIVE = "aan_de_slag", _("Getting started")
    RECOGNISED = "erkend", _("Recognised")
    STOPPED = "gestopt", _("Stopped")


class Prospect(models.Model):
    """An employer in the support organisation's pipeline, on the platform or not (yet)."""

    support_organisation = models.ForeignKey(
        SupportOrganisation,
        verbose_name=_("support organisation"),
        on_delete=models.CASCADE,
        related_name="prospects",
    )
    name = models.CharField(_("employer"), max_length=200)
    kind = models.CharField(
        _("sector"), max_length=20, choices=OrganisationKind, default=OrganisationKind.BUSINESS
    )
    employee_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact's e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact's phone number"), max_length=40, blank=True)
    # The workbook's three questions for preparing the conversation with an employer.
    target_group = models.TextField(
        _("who do we want to reach"),
        blank=True,
        help_text=_("For example the HR manager, the works council or the board."),
    )
    aim = models.TextField(
        _("what do we want to achieve"),
        blank=True,
        help_text=_("For example a first meeting, a lunch for working carers, the recognition."),
    )
    benefit = models.TextField(
        _("what is in it for the employer"),
        blank=True,
        help_text=_("For example less absence, staff who stay, being a good employer."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.MAPPED)
    # The employer on the platform, once it is there (through an invitation or linked by hand).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("employer on the platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("support advisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The agreed next step of the latest contact: what the start page lists when it is due.
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("employer in the pipeline")
        verbose_name_plural = _("employers in the pipeline")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["support_organisation", "organisation"],
                condition=Q(organisation__isnull=False),
                name="prospect_one_per_platform_employer",
            ),
        ]
        indexes = [models.Index(fields=["support_organisation", "next_step_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (
            self.owner_id
            and self.support_organisation_id
            and not SupportMembership.objects.filter(
                user_id=self.owner_id, support_organisation_id=self.support_organisation_id
            ).exists()
        ):
            raise ValidationError(
                {"owner": _("The support advisor must be a member of the support organisation.")}
            )


# The stages before "getting started": accepting an invitation moves a prospect on from these.
STAGES_BEFORE_ACTIVE = (Stage.MAPPED, Stage.APPROACHED, Stage.IN_CONVERSATION)


class ContactKind(models.TextChoices):
    CALL = "telefoon", _("Phone call")
    VISIT = "bezoek", _("Visit")
    EMAIL = "email", _("E-mail")
    EVENT = "bijeenkomst", _("Event")


class Contact(models.Model):
    """One contact with an employer in the pipeline, with the next step agreed in it."""

    prospect = models.ForeignKey(
        Prospect, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="contacts"
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d-%m-%Y}"

    def clean(self):
        # A log of what happened: no contact in the future, no next step before the contact.
        super().clean()
        errors = {}
        if self.on and self.on > timezone.localdate():
            errors["on"] = _("A contact cannot be dated in the future; plan it as the next step.")
        if self.on and self.next_step_on and self.next_step_on < self.on:
            errors["next_step_on"] = _("The next step cannot be before the contact.")
        elif self.next_step_on and not self.next_step.strip():
            errors["next_step"] = _("Say what the next step is, or leave its date empty.")
        if errors:
            raise ValidationError(errors)


class EmployerInvitation(models.Model):
    """An invitation from the pipeline that brings an employer onto the platform, followed.

    Only the hash of the link's secret is stored; accepting creates the organisation, its first
    HR advisor and an active following, in one transaction."""

    prospect = models.ForeignKey(
        Prospect, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("valid until"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("employer invitation")
        verbose_name_plural = _("employer invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.email


class OfferingFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    LUNCH = "lunch", _("Lunch meeting for working carers")
    CONSULTATION = "spreekuur", _("Consultation hours")
    TRAINING = "training", _("Training for managers")
    OTHER = "overig", _("Other")


class Offering(models.Model):
    """What the support organisation offers employers for one pillar."""

    support_organisation = models.ForeignKey(
        SupportOrganisation,
        verbose_name=_("support organisation"),
        on_delete=models.CASCADE,
        related_name="offerings",
    )
    pillar = models.CharField(_("pillar"), max_length=20, choices=PillarKey)
    format = models.CharField(
        _("kind of offer"), max_length=20, choices=OfferingFormat, default=OfferingFormat.WORKSHOP
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("on offer"), default=True, help_text=_("Only offers on offer are shown to employers.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["pillar", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class OfferingUptake(models.Model):
    """An employer took an offer up as an action in its plan."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="uptakes"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="+"
    )
    action = models.OneToOneField(
        Action,
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offering_uptake",
    )
    # The plan's year the offer was taken up for: once per offer, employer and year.
    year = models.PositiveSmallIntegerField(_("year"))
    taken_at = models.DateTimeField(_("taken up on"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer taken up")
        verbose_name_plural = _("offers taken up")
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "organisation", "year"], name="uptake_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} → {self.organisation}"
