"""The organisation, its members, its yearly action plan and what it offers carers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.images import LogoField

MIN_YEAR = 2000
MAX_YEAR = 2100


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Municipality")
    CARE = "zorg", _("Care")
    EDUCATION = "onderwijs", _("Education")
    BUSINESS = "bedrijf", _("Business")
    OTHER = "overig", _("Other")


class Role(models.TextChoices):
    HR = "hr", _("HR advisor")
    MANAGER = "manager", _("Manager")
    # A support advisor of a support organisation that follows the employer (the support app):
    # a role in an organisation's pages, never a membership's.
    ADVISOR = "advisor", _("Support advisor")


# The roles a member of the organisation itself can have.
MEMBER_ROLES = [(Role.HR.value, Role.HR.label), (Role.MANAGER.value, Role.MANAGER.label)]


class TwoFactorRequirement(models.TextChoices):
    """Which members of an organisation must set up two-step verification (programme.scoping)."""

    NOBODY = "nobody", _("nobody")
    HR = "hr", _("HR advisors")
    MEMBERS = "members", _("all members")

    def covers(self, role: str) -> bool:
        if self == TwoFactorRequirement.MEMBERS:
            return role in (Role.HR, Role.MANAGER)
        return self == TwoFactorRequirement.HR and role == Role.HR


class PillarKey(models.TextChoices):
    """The four pillars of the method, in their fixed order; other apps use these keys."""

    DISCUSS = "bespreken", _("Bespreken")
    DESCRIBE = "beschrijven", _("Beschrijven")
    EQUIP = "bekwamen", _("Bekwamen")
    EMBED = "borgen", _("Borgen")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, for example gemeente-voorbeeld."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind, default=OrganisationKind.MUNICIPALITY
    )
    employee_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    locations = models.TextField(_("locations"), blank=True, help_text=_("One location per line."))
    goal = models.TextField(
        _("goal"),
        blank=True,
        help_text=_("Why the organisation wants to be caregiver-friendly, in a few sentences."),
    )
    # A letter composed in English takes this goal; without it, the Dutch one (and says so).
    goal_en = models.TextField(
        _("goal in English"),
        blank=True,
        help_text=_("Only for letters in English; leave it empty if you write them in Dutch only."),
    )
    # Checked by its pixels and scaled down when large, however it is stored (programme.images).
    logo = LogoField(_("logo"), upload_to="logos/", blank=True)
    monitor_retention_months = models.PositiveSmallIntegerField(
        _("keep raw monitor data for (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "After a monitor closes, its counts and free texts are deleted after this many "
            "months. The published results stay."
        ),
    )
    # Opt-out: on by default, as the pooled figures are only published from many employers.
    share_in_pooled_figures = models.BooleanField(
        _("count in the pooled reference figures"),
        default=True,
        help_text=_(
            "The published figures of our closed monitors count, together with those of many "
            "other employers, in the reference figures every employer sees. Never on their own."
        ),
    )
    two_factor_required = models.CharField(
        _("two-step verification required for"),
        max_length=10,
        choices=TwoFactorRequirement,
        default=TwoFactorRequirement.NOBODY,
        help_text=_(
            "Who must log in with a second step (an authenticator app or a passkey) before "
            "they can open the organisation's pages. Support advisors who follow the "
            "organisation are not members and are not asked."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def goal_in(self, language: str) -> str:
        """The goal in the language of a letter: the English one for English when written."""
        if language == "en" and self.goal_en.strip():
            return self.goal_en.strip()
        return self.goal.strip()

    @property
    def location_list(self) -> list[str]:
        return [line.strip() for line in self.locations.splitlines() if line.strip()]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MEMBER_ROLES)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_user_and_org"
            ),
            # Support advisors follow an employer through their support organisation instead.
            models.CheckConstraint(
                condition=models.Q(role__in=["hr", "manager"]), name="membership_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_hr(self) -> bool:
        return self.role == Role.HR


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Planned")
    IN_PROGRESS = "bezig", _("In progress")
    DONE = "gereed", _("Done")
    CANCELLED = "vervallen", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """One step of the yearly plan: reviewed as Terugblik, planned as Vooruitblik."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    pillar = models.CharField(_("pillar"), max_length=20, choices=PillarKey, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus, default=ActionStatus.PLANNED
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    completed_date = models.DateField(_("completed on"), null=True, blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("Who carries the action out.")
    )
    partner = models.CharField(
        _("external partner"),
        max_length=200,
        blank=True,
        help_text=_("For example the local carers' support centre."),
    )
    evidence_url = models.URLField(
        _("evidence link"),
        max_length=500,
        blank=True,
        help_text=_("Where the result can be seen, for example the intranet page."),
    )
    recurs_yearly = models.BooleanField(
        _("recurs every year"),
        default=False,
        help_text=_("For example attention for the national Day of the Carer on 10 November."),
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-year", "planned_date", "title", "pk"]
        indexes = [models.Index(fields=["organisation", "year", "status"])]
        constraints = [
            # A recurring action is carried into the next year at most once.
            models.UniqueConstraint(
                fields=["carried_from"],
                condition=Q(carried_from__isnull=False),
                name="action_carried_once",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="action_year_in_range",
            ),
            # A done action always says when it was done (save() fills in today).
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(completed_date__isnull=False),
                name="action_done_has_completed_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        # The completion-date rules hold for every write (forms, admin, imports, the shell), not
        # only for those that call full_clean first.
        self._complete_by_default()
        if self._completed_in_future():
            raise ValidationError(
                {"completed_date": _("The completion date cannot be in the future.")}
            )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "completed_date"}
        super().save(*args, **kwargs)

    def clean(self):
        self._complete_by_default()
        errors = {}
        if self.completed_date and self.status != ActionStatus.DONE:
            errors["completed_date"] = _("Only a done action has a completion date.")
        elif self._completed_in_future():
            errors["completed_date"] = _("The completion date cannot be in the future.")
        if self.planned_date and self.year and self.planned_date.year != self.year:
            errors["planned_date"] = _("The planned date must fall in the action's year.")
        if errors:
            raise ValidationError(errors)

    def _complete_by_default(self) -> None:
        """A done action without a completion date was completed today."""
        if self.status == ActionStatus.DONE and self.completed_date is None:
            self.completed_date = timezone.localdate()

    def _completed_in_future(self) -> bool:
        return bool(self.completed_date and self.completed_date > timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class ContactPerson(models.Model):
    """An internal contact person for the theme, to whom carers and managers can turn."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SupportOfferKind(models.TextChoices):
    INTERNAL = "intern", _("Inside the organisation")
    EXTERNAL = "extern", _("Outside the organisation")


class SupportOffer(models.Model):
    """Support a carer can use, inside the organisation or outside it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="support_offers",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("where"), max_length=10, choices=SupportOfferKind)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    contact = models.CharField(_("how to reach it"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class RegulationKind(models.TextChoices):
    SHORT_TERM_CARE_LEAVE = "kortdurend_zorgverlof", _("Short-term care leave")
    LONG_TERM_CARE_LEAVE = "langdurend_zorgverlof", _("Long-term care leave")
    EMERGENCY_LEAVE = "calamiteitenverlof", _("Emergency and short absence leave")
    FLEXIBLE_HOURS = "flexibele_werktijden", _("Flexible working hours")
    REMOTE_WORK = "thuiswerken", _("Working from home")
    TAILORED = "maatwerk", _("Tailored agreements")
    OTHER = "overig", _("Other")


class Regulation(models.Model):
    """A regulation on offer to carers, as the organisation has described it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="regulations",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=RegulationKind)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(
        _("where it is documented"),
        max_length=500,
        blank=True,
        help_text=_("A link to the intranet page, staff handbook or collective agreement."),
    )
    last_checked = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("When someone last checked that the description is still correct."),
    )

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title
