"""The anonymous monitor: campaigns, their questions, and responses that cannot identify anyone.

A response holds the campaign, the answers and the day of submission, and nothing else: no user,
no IP address, no user agent, no referrer, no exact time, no cookie id (see DESIGN.md). Answers
are stored one row per chosen option with small integer codes, because counting rows of that shape
stays fast at 100,000 responses where counting JSON documents does not.
"""

import secrets
import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from monitor.questionnaire import (
    CUSTOM_QUESTION_BASE,
    LATEST_VERSION,
    VERSION_CHOICES,
    QuestionKind,
)
from programme.i18n import in_language
from programme.models import Organisation

# The smallest group any figure may describe; a campaign may raise it, never lower it.
MIN_GROUP_SIZE = 5
MAX_CUSTOM_QUESTIONS = 5


def new_campaign_key() -> str:
    """A random, unguessable key for the public link /m/<key>/ (128 bits)."""
    return secrets.token_urlsafe(16)


class Department(models.Model):
    """A department in the organisation's own list, offered as an optional background question."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("name"), max_length=120)
    # The stable code stored in answers; a renamed department keeps its code and its figures.
    code = models.PositiveSmallIntegerField(_("code"))
    is_active = models.BooleanField(
        _("offered in new campaigns"),
        default=True,
        help_text=_("Departments that no longer exist stay in old results."),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="department_code_unique"),
            models.UniqueConstraint(fields=["organisation", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class AccessMode(models.TextChoices):
    OPEN_LINK = "link", _("Open link: everyone with the link or QR code can respond")
    CODES = "codes", _("Single-use codes: each respondent needs a code")


class CampaignState(models.TextChoices):
    UPCOMING = "upcoming", _("not yet open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Campaign(models.Model):
    """One round of the monitor in an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="campaigns",
    )
    title = models.CharField(_("title"), max_length=200)
    questionnaire_version = models.CharField(
        _("questionnaire version"), max_length=20, choices=VERSION_CHOICES, default=LATEST_VERSION
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day on which people can respond.")
    )
    invited_count = models.PositiveIntegerField(
        _("number invited"),
        null=True,
        blank=True,
        help_text=_("How many employees were asked to respond; used for the response rate."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=MIN_GROUP_SIZE,
        validators=[MinValueValidator(MIN_GROUP_SIZE), MaxValueValidator(100)],
        help_text=_("No figure about a smaller group is ever shown. At least 5."),
    )
    access_mode = models.CharField(
        _("access"), max_length=10, choices=AccessMode, default=AccessMode.OPEN_LINK
    )
    key = models.CharField(_("link key"), max_length=32, unique=True, default=new_campaign_key)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE),
                name="campaign_min_group_at_least_5",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="campaign_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def state_on(self, today: date) -> str:
        if today < self.opens_on:
            return CampaignState.UPCOMING
        if today > self.closes_on:
            return CampaignState.CLOSED
        return CampaignState.OPEN

    def is_open_on(self, today: date) -> bool:
        return self.state_on(today) == CampaignState.OPEN

    @property
    def uses_codes(self) -> bool:
        return self.access_mode == AccessMode.CODES


class CustomQuestion(models.Model):
    """A question an HR advisor adds to one campaign, asked of every respondent."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="custom_questions",
    )
    code = models.PositiveSmallIntegerField(_("code"), editable=False)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[(k.value, k.label) for k in QuestionKind if k != QuestionKind.TEXT],
    )
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    options = models.TextField(
        _("answer options"),
        blank=True,
        help_text=_("One option per line, 2 to 8 options. Not used for a 5-point scale."),
    )

    class Meta:
        verbose_name = _("custom question")
        verbose_name_plural = _("custom questions")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code"], name="custom_question_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(code__gt=CUSTOM_QUESTION_BASE), name="custom_question_code_above_base"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def option_labels(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class AccessCode(models.Model):
    """A single-use code, stored only as its SHA-256 hash.

    It has no date and no link to the response it admitted: whoever reads the database cannot
    tell which answers came with which code.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="codes"
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True)
    is_used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self) -> str:
        return str(_("access code"))


class SubmissionReceipt(models.Model):
    """Proof that one filled-in form was stored, so that a double submit stores one response.

    The primary key is the hash of a random token from the form; no counter, no date, no link to
    the response, so receipts cannot be lined up with responses.
    """

    token_hash = models.CharField(max_length=64, primary_key=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")

    def __str__(self) -> str:
        return str(_("submission receipt"))


class Response(models.Model):
    """One filled-in monitor: the campaign, the day, and the answers that define its groups.

    is_carer, age_band and department repeat the answers to those questions: they are the groups
    that results are broken down by, kept here and on every Answer so that counting needs no join.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField(_("submitted on"))
    is_carer = models.BooleanField(_("carer"), default=False)
    age_band = models.PositiveSmallIntegerField(_("age band"), null=True, blank=True)
    department = models.PositiveSmallIntegerField(_("department"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["campaign", "is_carer"], name="response_campaign_carer")]

    def __str__(self) -> str:
        return str(_("response"))


class Answer(models.Model):
    """One chosen option of one question in one response (a multiple choice gives several rows)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField()
    option = models.PositiveSmallIntegerField()
    is_carer = models.BooleanField(default=False)
    age_band = models.PositiveSmallIntegerField(null=True)
    department = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["campaign", "question", "option"], name="answer_count"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.option}"


class TextAnswer(models.Model):
    """A free-text answer, kept apart from its response so that it cannot be joined to the rest.

    A random primary key, so that not even the order of insertion lines it up with a response.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="text_answers")
    question = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=2000)

    class Meta:
        verbose_name = _("free-text answer")
        verbose_name_plural = _("free-text answers")

    def __str__(self) -> str:
        return str(_("free-text answer"))


class ReferenceFigure(models.Model):
    """A national figure shown next to an organisation's own, always with its source.

    Data rather than code: some published figures could not be traced to a primary source, and
    platform staff must be able to correct or replace them.
    """

    key = models.SlugField(_("key"), max_length=60, unique=True)
    label = models.CharField(_("what it measures (Dutch)"), max_length=200)
    label_en = models.CharField(_("what it measures (English)"), max_length=200, blank=True)
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=1)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source link"), blank=True)
    is_verified = models.BooleanField(
        _("primary source verified"),
        default=False,
        help_text=_("Unverified figures are labelled as such wherever they are shown."),
    )

    class Meta:
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label} ({self.percentage}%)"

    @property
    def label_text(self) -> str:
        return in_language(self.label, self.label_en)
