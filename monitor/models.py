"""The anonymous monitor: campaigns, their questions, and submissions nobody can join back together.

A submission travels this way (see docs/architecture.md, "The monitor's anonymity"):

1. The send writes one sealed InboxEntry: the answers encrypted with a key derived from the
   site's secret key, a random primary key, no date, no user, no IP address.
2. Entries are moved in batches of at least the minimum group size (and all of them at close), in
   one transaction, into AnswerTally: running counts per (breakdown group, question, option).
   No row there belongs to one respondent, so nothing can line up one person's answers.
   Free texts go, shuffled and apart from the counts, into TextAnswer with random keys.
3. At close the results are computed once, through monitor.aggregation, into a Snapshot that
   never changes. Every page, export and document reads the snapshot, never the tally.
"""

import secrets
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitor import respondent_cache
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
# The options of an own choice question.
MIN_OPTIONS = 2
MAX_OPTIONS = 8
OPTION_MAX_LENGTH = 120


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        respondent_cache.forget(organisation_id=self.organisation_id)

    def delete(self, *args, **kwargs):
        respondent_cache.forget(organisation_id=self.organisation_id)
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        # One name per organisation, whatever its capitals: respondents could not tell two
        # "Burgerzaken" apart. Here, not in the form, so that the admin and imports obey it too.
        if self.organisation_id and self.name:
            others = Department.objects.filter(
                organisation_id=self.organisation_id, name__iexact=self.name.strip()
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError({"name": _("There is already a department with this name.")})


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
    # Written answers are shown as they were written, and a manager may recognise the words of
    # someone in their team: HR advisors see them, others only once HR shares them.
    share_free_texts = models.BooleanField(
        _("written answers shared with managers and support advisors"),
        default=False,
        help_text=_("HR advisors always see the written answers; others only when this is on."),
    )
    # Set once, by monitor.closing.campaign_close, when the snapshot is made; never cleared.
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    raw_data_purged_on = models.DateField(
        _("raw data deleted on"), null=True, blank=True, editable=False
    )
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

    def save(self, *args, **kwargs):
        errors = self.locked_fields_changed()
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)
        respondent_cache.forget(campaign_key=self.key)

    def clean(self):
        super().clean()
        errors = self.locked_fields_changed()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = str(_("The closing date cannot come before the opening date."))
        if errors:
            raise ValidationError(errors)

    def state_on(self, today: date) -> str:
        """Closed once closed_on is set or the last day has passed: closing is final."""
        if self.closed_on is not None or today > self.closes_on:
            return CampaignState.CLOSED
        if today < self.opens_on:
            return CampaignState.UPCOMING
        return CampaignState.OPEN

    def is_open_on(self, today: date) -> bool:
        return self.state_on(today) == CampaignState.OPEN

    def is_due_for_close_on(self, today: date) -> bool:
        """Its last day has passed, but the close (and its snapshot) has not run yet."""
        return self.closed_on is None and today > self.closes_on

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def uses_codes(self) -> bool:
        return self.access_mode == AccessMode.CODES

    @property
    def is_fixed(self) -> bool:
        """Whether the questions, the access and the minimum's floor are fixed: from the first
        day on (or once anyone sent the form). Fixing them at the first response instead would
        tell HR the moment the first form arrived."""
        return (
            self.closed_on is not None
            or timezone.localdate() >= self.opens_on
            or self.has_responses
        )

    @property
    def has_responses(self) -> bool:
        """Whether anyone has sent the form."""
        return (
            SubmissionReceipt.objects.filter(campaign_id=self.pk).exists()
            or AnswerTally.objects.filter(campaign_id=self.pk).exists()
        )

    def locked_fields_changed(self) -> dict[str, str]:
        """The changes to this (stored) campaign that the monitor's promise forbids, by field.

        Every path that saves a campaign obeys this: the HR form, the admin, imports and the shell
        (through clean() and save()). The stored row is read again, since the instance in hand
        may hold the changes already.
        """
        if self.pk is None:
            return {}
        stored = Campaign.objects.filter(pk=self.pk).first()
        if stored is None:
            return {}
        today = timezone.localdate()
        errors: dict[str, str] = {}
        closed = stored.closed_on is not None or today > stored.closes_on
        if closed:
            for name in (
                "opens_on",
                "closes_on",
                "min_group_size",
                "access_mode",
                "questionnaire_version",
                "invited_count",
            ):
                if getattr(self, name) != getattr(stored, name):
                    errors[name] = str(
                        _(
                            "The campaign has closed, so this can no longer change: "
                            "closing is final."
                        )
                    )
        has_opened = stored.opens_on <= today
        if not closed and has_opened and self.opens_on > today:
            # Back to "not yet open" would unfix the questions, and whether they are fixed
            # again would then tell whether anyone has responded.
            errors["opens_on"] = str(
                _("The campaign has opened, so its first day cannot move into the future.")
            )
        if self.closed_on != stored.closed_on:
            errors["closed_on"] = str(_("Only closing the campaign sets the closing day."))
        if not closed and self.min_group_size < stored.min_group_size and stored.is_fixed:
            errors["min_group_size"] = str(
                _(
                    "The campaign has opened, so the minimum cannot be lowered below "
                    "%(current)d: a figure that was hidden must not appear later."
                )
                % {"current": stored.min_group_size}
            )
        changed = [
            name
            for name in ("access_mode", "questionnaire_version")
            if getattr(self, name) != getattr(stored, name)
        ]
        if not closed and changed and stored.is_fixed:
            for name in changed:
                errors[name] = str(_("Can no longer be changed: the campaign has opened."))
        return errors


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

    def save(self, *args, **kwargs):
        self._refuse_when_fixed()
        super().save(*args, **kwargs)
        self._forget_questionnaires()

    def delete(self, *args, **kwargs):
        self._refuse_when_fixed()
        self._forget_questionnaires()
        return super().delete(*args, **kwargs)

    def clean(self):
        """Refuse a question about health or illness, or one that names a colleague.

        Every path that saves a question calls this: the HR form, the admin, imports, and the
        services (so the shell too). Without a campaign yet, only health terms are checked; the
        HR form checks names against its organisation.
        """
        super().clean()
        from monitor.question_guard import question_errors

        organisation = self.campaign.organisation if self.campaign_id else None
        errors = question_errors(
            text=self.text, text_en=self.text_en, options=self.options, organisation=organisation
        )
        if errors:
            raise ValidationError(errors)

    def clean_fields(self, exclude=None):
        # The options are checked with the fields, so that a form which refused them already
        # (and so excludes them) is not told twice.
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skipped = set(exclude or ()) | set(errors)
        option_error = None if {"kind", "options"} & skipped else self.options_error()
        if option_error:
            errors["options"] = [option_error]
        if errors:
            raise ValidationError(errors)

    def options_error(self) -> str | None:
        """What is wrong with the options of a choice question (one per line), if anything."""
        if self.kind == QuestionKind.SCALE:
            return None  # a 5-point scale has the standard labels
        lines = self.option_labels
        if not MIN_OPTIONS <= len(lines) <= MAX_OPTIONS:
            return str(
                _("Give between %(min)d and %(max)d options, one per line.")
                % {"min": MIN_OPTIONS, "max": MAX_OPTIONS}
            )
        if len({line.casefold() for line in lines}) != len(lines):
            return str(_("Each option can appear only once."))
        if any(len(line) > OPTION_MAX_LENGTH for line in lines):
            return str(
                _("An option can be at most %(max)d characters long.") % {"max": OPTION_MAX_LENGTH}
            )
        return None

    @property
    def option_labels(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def _forget_questionnaires(self) -> None:
        organisation_id = (
            Campaign.objects.filter(pk=self.campaign_id)
            .values_list("organisation_id", flat=True)
            .first()
        )
        if organisation_id is not None:
            respondent_cache.forget(organisation_id=organisation_id)

    def _refuse_when_fixed(self) -> None:
        # Answers are stored as codes: a changed wording would count old answers under new words.
        campaign = Campaign.objects.filter(pk=self.campaign_id).first()
        if campaign is not None and campaign.is_fixed:
            raise ValidationError(
                _(
                    "The campaign has opened, so the questions can no longer change: "
                    "answers to different questions cannot be counted together."
                )
            )


class AccessCode(models.Model):
    """A single-use code, stored only as an HMAC keyed with a secret the database does not hold.

    It is spent when it admits its holder to the form, in a transaction of its own; the answers
    sent later carry nothing that points to it. It has no date: whoever reads the database
    cannot tell which answers came with which code.
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


class InboxEntry(models.Model):
    """One sent form, sealed, waiting to be counted: the only row that holds one person's answers.

    The payload is encrypted (AES-GCM, a key derived from the site's secret key, which the
    database and its backups do not hold), the key is random and there is no date, so neither
    the order of the rows nor their content tells anything to a reader of the database.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("sealed submission")
        verbose_name_plural = _("sealed submissions")

    def __str__(self) -> str:
        return str(_("sealed submission"))


class Dimension(models.IntegerChoices):
    """The ways results are broken down; each keeps its own running counts."""

    CARER = 1, _("carer or not")
    AGE_BAND = 2, _("age")
    DEPARTMENT = 3, _("department")


# The tally's group for "no answer" (age bands and department codes start at 1).
NO_GROUP = 0
# The tally's pseudo question that holds the number of respondents of a group.
GROUP_SIZE = 0


class AnswerTally(models.Model):
    """A running count: how many respondents of one group chose one option of one question.

    Counts only, no row per respondent: whatever a reader of the database joins, by transaction
    id, by row order or by key, lines up no one's answers, only the sums of a whole batch.
    Question GROUP_SIZE (0) holds the group's number of respondents.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    dimension = models.PositiveSmallIntegerField(choices=Dimension)
    group_value = models.PositiveSmallIntegerField()
    question = models.PositiveSmallIntegerField()
    option = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answer count")
        verbose_name_plural = _("answer counts")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "dimension", "group_value", "question", "option"],
                name="answer_tally_cell_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.option} = {self.count}"


class TextAnswer(models.Model):
    """A free-text answer, kept apart from the counts so that it cannot be joined to the rest.

    Moved from the inbox in shuffled batches, with a random primary key, so that neither the
    order of insertion nor the transaction lines it up with anyone's other answers.
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


class SnapshotChanged(Exception):
    """A snapshot is written once, at close, and never changes."""


class Snapshot(models.Model):
    """Everything a closed campaign publishes, computed once at close through the aggregation.

    `data` holds the published cells of the summary and of every breakdown the campaign offers,
    their bases, the metrics, the comparison with the previous campaign and the selection of
    free texts (see monitor.results). It is read by every output and never written again.
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, primary_key=True, related_name="snapshot"
    )
    # The campaign's response count, exact (None below the minimum): the one figure not perturbed.
    response_count = models.PositiveIntegerField(_("responses"), null=True)
    data = models.JSONField(_("published figures"))
    created_on = models.DateField(_("made on"))

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self) -> str:
        return str(_("snapshot"))

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SnapshotChanged("A snapshot never changes.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)


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


class PooledReferenceChanged(Exception):
    """A yearly pooled reference is made once, after its year, and never changes."""


class PooledReference(models.Model):
    """The platform's pooled reference figures of one calendar year, for employers of one kind
    ("" for all employers), made once on the first read after that year ended (monitor.pooling).

    Frozen like a snapshot: comparing two moments of a pool that could still change would show
    what one organisation added to it (or took out by opting out). The rows of one year are
    written together in one insert, because they are decided together.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    # An OrganisationKind value, or "" for all employers.
    kind = models.CharField(_("kind of employer"), max_length=20, blank=True)
    computed_on = models.DateField(_("made on"))
    # A list of {key, percentage, organisations, respondents, withheld_reason} per metric.
    figures = models.JSONField(_("pooled figures"))

    class Meta:
        verbose_name = _("pooled reference")
        verbose_name_plural = _("pooled references")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="pooled_reference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind or '*'}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PooledReferenceChanged("A pooled reference never changes.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)
