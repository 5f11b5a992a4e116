"""The yearly status letter to the council or the board, with its sections and signatories.

A letter starts as a draft whose texts the app pre-fills from the programme's data and the HR
advisor edits. Issuing it stores the PDF and the DOCX, each with its SHA-256; from then on the
letter never changes (like an issued invoice): a correction is a new letter, started from a copy.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import MAX_YEAR, MIN_YEAR, Organisation

# A letter is signed by at least two people, as a council letter is by secretary and mayor.
MIN_SIGNATORIES = 2
MAX_SIGNATORIES = 4


class LetterState(models.TextChoices):
    DRAFT = "concept", _("Draft")
    ISSUED = "vastgesteld", _("Issued")


class LetterLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class LetterIsIssued(Exception):
    """Raised on any attempt to change a letter that has been issued."""


class StatusLetter(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="status_letters",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("The year the letter looks back on; the outlook is the year after."),
    )
    language = models.CharField(
        _("language of the letter"),
        max_length=5,
        choices=LetterLanguage,
        default=LetterLanguage.DUTCH,
    )
    subject = models.CharField(_("subject"), max_length=200)
    addressee = models.CharField(
        _("addressee"),
        max_length=200,
        help_text=_("For example: Aan de gemeenteraad van Voorbeeldstad."),
    )
    salutation = models.CharField(
        _("salutation"), max_length=200, help_text=_("For example: Geachte voorzitter en leden,")
    )
    reference = models.CharField(_("our reference"), max_length=60, blank=True)
    your_reference = models.CharField(
        _("your reference"),
        max_length=60,
        blank=True,
        help_text=_("The addressee's reference, when the letter answers one of theirs."),
    )
    # A draft's date is the day it was composed (printed as a draft's); issuing sets it to the
    # day of issue, so that an issued letter carries the date it was sent.
    letter_date = models.DateField(_("date of the letter"))
    occasion = models.TextField(
        _("occasion"),
        blank=True,
        help_text=_(
            "Why the letter is sent, printed after the introduction. For example: This letter "
            "follows up on our letter of 9 December 2025."
        ),
    )
    # The sender block: who at the organisation handles the letter and how to reach them.
    department = models.CharField(_("department"), max_length=200, blank=True)
    handled_by = models.CharField(_("handled by"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    attachments = models.TextField(
        _("attachments"), blank=True, help_text=_("The name of each attachment, one per line.")
    )
    complimentary_close = models.CharField(
        _("complimentary close"), max_length=100, help_text=_("For example: Hoogachtend,")
    )
    sender = models.CharField(
        _("on behalf of"),
        max_length=300,
        blank=True,
        help_text=_(
            "The body that sends the letter, for example: het college van burgemeester en "
            "wethouders van Voorbeeldstad,"
        ),
    )
    # The campaign whose results the letter reports; the figures themselves are a snapshot taken
    # when the letter was composed (already thresholded), so that text and chart agree.
    campaign = models.ForeignKey(
        "monitor.Campaign",
        verbose_name=_("monitor campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_letters",
    )
    monitor_figures = models.JSONField(_("monitor figures"), default=list, blank=True)
    show_monitor_chart = models.BooleanField(
        _("show the monitor chart"),
        default=True,
        help_text=_("A chart of the monitor's main results below the monitor section."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=LetterState, default=LetterState.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    # The Word document, made once at issue like the PDF. Letters issued before it was stored
    # have none until their first DOCX download stores it (recognition.services.letter_docx_store).
    docx = models.BinaryField(_("DOCX"), null=True, blank=True, editable=False)
    docx_sha256 = models.CharField(_("SHA-256 of the DOCX"), max_length=64, blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("status letter")
        verbose_name_plural = _("status letters")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="status_letter_year_in_range",
            ),
            # An issued letter has its PDF and its hash; a draft has neither.
            models.CheckConstraint(
                condition=(
                    Q(state=LetterState.ISSUED, issued_at__isnull=False, pdf__isnull=False)
                    & ~Q(pdf_sha256="")
                )
                | Q(
                    state=LetterState.DRAFT, issued_at__isnull=True, pdf__isnull=True, pdf_sha256=""
                ),
                name="status_letter_issued_has_pdf",
            ),
            # A DOCX always has its hash, and only an issued letter has a stored one.
            models.CheckConstraint(
                condition=Q(docx__isnull=True, docx_sha256="")
                | (Q(docx__isnull=False, state=LetterState.ISSUED) & ~Q(docx_sha256="")),
                name="status_letter_stored_docx_has_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.year})"

    def save(self, *args, **kwargs):
        # The one exception is the save that issues it: the stored row is still a draft then.
        if self.pk and StatusLetter.objects.filter(pk=self.pk, state=LetterState.ISSUED).exists():
            raise LetterIsIssued(f"status letter {self.pk} has been issued")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise LetterIsIssued(f"status letter {self.pk} has been issued")
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.state == LetterState.ISSUED

    @property
    def attachment_names(self) -> list[str]:
        return [line.strip() for line in self.attachments.splitlines() if line.strip()]


class SectionKind(models.TextChoices):
    INTRO = "intro", _("Introduction")
    GOAL = "goal", _("Goal")
    REVIEW = "review", _("Review")
    MONITOR = "monitor", _("Monitor results")
    OUTLOOK = "outlook", _("Outlook")
    CLOSING = "closing", _("Closing")


class LetterSection(models.Model):
    """One section of a letter: a title and a body of paragraphs and bullet lists.

    The body is plain text, never HTML: paragraphs are separated by a blank line and a line that
    starts with "- " is a bullet. The letter's templates escape it and build the markup.
    """

    letter = models.ForeignKey(
        StatusLetter, verbose_name=_("letter"), on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind)
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    # The title and text as the app last composed them: a section whose text differs was edited
    # by the HR advisor, and composing the letter again keeps it unless they choose otherwise.
    composed_title = models.CharField(_("title as composed"), max_length=200, blank=True)
    composed_body = models.TextField(_("text as composed"), blank=True)

    class Meta:
        verbose_name = _("letter section")
        verbose_name_plural = _("letter sections")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "kind"], name="letter_section_kind_once"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        _refuse_if_issued(self.letter_id)
        super().save(*args, **kwargs)

    @property
    def is_edited(self) -> bool:
        """Whether the HR advisor changed the section since it was composed."""
        return (self.title, self.body) != (self.composed_title, self.composed_body)


class Signatory(models.Model):
    letter = models.ForeignKey(
        StatusLetter,
        verbose_name=_("letter"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("For example: de secretaris, de burgemeester.")
    )

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}"

    def save(self, *args, **kwargs):
        _refuse_if_issued(self.letter_id)
        super().save(*args, **kwargs)


def _refuse_if_issued(letter_id: int | None) -> None:
    if letter_id and StatusLetter.objects.filter(pk=letter_id, state=LetterState.ISSUED).exists():
        raise LetterIsIssued(f"status letter {letter_id} has been issued")


class RecognitionStatus(models.TextChoices):
    PREPARING = "voorbereiding", _("In preparation")
    APPLIED = "aangevraagd", _("Applied for")
    RECOGNISED = "erkend", _("Recognised")
    EXPIRED = "verlopen", _("Expired")


# A record in one of these states was granted once: the next one is a renewal.
GRANTED_STATUSES = (RecognitionStatus.RECOGNISED, RecognitionStatus.EXPIRED)


class Recognition(models.Model):
    """One recognition "Wij werken mantelzorgvriendelijk", from preparing for it to its expiry.

    The latest record is the current one; the earlier ones are the history. How long a
    recognition holds and when it must be renewed are not published rules: they
    are dates the HR advisor enters.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="recognitions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecognitionStatus, default=RecognitionStatus.PREPARING
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    granted_on = models.DateField(
        _("recognised since"),
        null=True,
        blank=True,
        help_text=_("The day the recognition was granted; the public profile shows it."),
    )
    presented_by = models.CharField(
        _("presented by"),
        max_length=200,
        blank=True,
        help_text=_("For example: Werk&Mantelzorg, or the alderman who handed over the plaque."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renewal_due = models.DateField(
        _("renewal due"),
        null=True,
        blank=True,
        help_text=_("When to start renewing it, if the recognition asks for that."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RecognitionStatus.RECOGNISED) | Q(granted_on__isnull=False),
                name="recognition_recognised_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()}"

    def clean(self):
        errors = {}
        is_granted = self.status in (RecognitionStatus.RECOGNISED, RecognitionStatus.EXPIRED)
        if is_granted and not self.granted_on:
            errors["granted_on"] = _("Give the day the recognition was granted.")
        if self.status == RecognitionStatus.APPLIED and not self.applied_on:
            errors["applied_on"] = _("Give the day the recognition was applied for.")
        if self.granted_on and self.applied_on and self.granted_on < self.applied_on:
            errors["granted_on"] = _("The recognition cannot be granted before it was applied for.")
        if self.valid_until and self.granted_on and self.valid_until <= self.granted_on:
            errors["valid_until"] = _("The recognition must be valid after the day it was granted.")
        if errors:
            raise ValidationError(errors)

    def is_lapsed_on(self, today) -> bool:
        """Recognised, but its valid-until date has passed: it needs renewing."""
        return bool(
            self.status == RecognitionStatus.RECOGNISED
            and self.valid_until
            and self.valid_until < today
        )


validate_https_url = URLValidator(
    schemes=["https"], message=_("Give a full web address that starts with https://.")
)


class PublicProfile(models.Model):
    """What the organisation shows the public about its recognition: nothing until published.

    Every part is chosen by the HR advisor: the texts, the actions (done ones as achievements,
    open ones as next steps), the support partners, and at most one monitor figure. The fields
    are the draft the HR advisor edits and previews; publishing copies them, as the public will
    see them, into `published_content`, and the public pages read only that copy.
    """

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="public_profile",
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences on why the organisation is caregiver-friendly."),
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("The town or city, shown in the list of employers."),
    )
    awareness = models.TextField(
        _("how employees learn about the theme"),
        blank=True,
        help_text=_(
            "How employees and managers are made aware of combining work and care, for example "
            "an intranet page, posters or a talk in team meetings."
        ),
    )
    achievements = models.TextField(
        _("what we achieved"),
        blank=True,
        help_text=_("Paragraphs and bullets; the chosen done actions are listed below it."),
    )
    next_steps = models.TextField(
        _("what comes next"),
        blank=True,
        help_text=_("Paragraphs and bullets; the chosen planned actions are listed below it."),
    )
    actions = models.ManyToManyField(
        "programme.Action",
        verbose_name=_("actions shown"),
        blank=True,
        related_name="+",
    )
    partners = models.ManyToManyField(
        "programme.SupportOffer",
        verbose_name=_("support partners shown"),
        blank=True,
        related_name="+",
    )
    monitor_metric = models.CharField(
        _("monitor figure shown"),
        max_length=40,
        blank=True,
        help_text=_(
            "At most one figure of a closed monitor, and only when it describes enough people."
        ),
    )
    # The closed campaign whose figure is shown: chosen by HR, never an open one.
    monitor_campaign = models.ForeignKey(
        "monitor.Campaign",
        verbose_name=_("monitor shown"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guided_by = models.CharField(
        _("guided by"),
        max_length=200,
        blank=True,
        help_text=_(
            "The support partner that guided the organisation to the recognition, for example "
            "an advice agency for working carers."
        ),
    )
    guided_by_url = models.URLField(
        _("website of the guide"),
        max_length=500,
        blank=True,
        validators=[validate_https_url],
    )
    website = models.URLField(
        _("the employer's website"), max_length=500, blank=True, validators=[validate_https_url]
    )
    news_url = models.URLField(
        _("link to a news item"),
        max_length=500,
        blank=True,
        validators=[validate_https_url],
        help_text=_("For example a news item about the recognition."),
    )
    video_url = models.URLField(
        _("link to a video"), max_length=500, blank=True, validators=[validate_https_url]
    )
    # What the public sees: the draft as it was when last published (see selectors.content_of).
    published_content = models.JSONField(
        _("published version"), default=dict, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self):
        super().clean()
        if self.guided_by_url and not self.guided_by.strip():
            raise ValidationError({"guided_by": _("Give the name that goes with the link.")})
        if self.monitor_metric and self.monitor_campaign_id is None:
            raise ValidationError(
                {"monitor_campaign": _("Choose the monitor whose figure is shown.")}
            )
        campaign = self.monitor_campaign
        if campaign is not None and (
            campaign.organisation_id != self.organisation_id or campaign.closed_on is None
        ):
            raise ValidationError(
                {
                    "monitor_campaign": _(
                        "Choose a monitor of your own organisation that has closed."
                    )
                }
            )
