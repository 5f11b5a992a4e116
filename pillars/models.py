"""The four pillars, their checklists, and each organisation's progress, evidence and history."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.i18n import in_language
from programme.models import Action, ContactPerson, Membership, Organisation, PillarKey


class Pillar(models.Model):
    """One of the four pillars of the method; seeded by a data migration, never added by users."""

    key = models.CharField(_("key"), max_length=20, choices=PillarKey, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    aim = models.TextField(_("aim (Dutch)"))
    aim_en = models.TextField(_("aim (English)"), blank=True)
    guidance = models.TextField(_("guidance (Dutch)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.get_key_display()

    @property
    def name(self) -> str:
        return self.get_key_display()

    @property
    def aim_text(self) -> str:
        return in_language(self.aim, self.aim_en)

    @property
    def guidance_text(self) -> str:
        return in_language(self.guidance, self.guidance_en)


class ChecklistItem(models.Model):
    """A checklist item of a pillar: a standard one (no organisation) or an organisation's own."""

    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="items"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_checklist_items",
        help_text=_("Empty for the standard items of the method."),
    )
    text = models.CharField(_("item"), max_length=300)
    text_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    counts_for_recognition = models.BooleanField(_("counts for the recognition"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    # A yearly moment (Borgen): completing it moves its due date to the next year.
    recurs_yearly = models.BooleanField(_("recurs every year"), default=False)
    recurrence_month = models.PositiveSmallIntegerField(
        _("month of the yearly moment"), null=True, blank=True
    )
    recurrence_day = models.PositiveSmallIntegerField(
        _("day of the yearly moment"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["pillar__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(recurrence_month__isnull=True, recurrence_day__isnull=True)
                    | Q(
                        recurrence_month__gte=1,
                        recurrence_month__lte=12,
                        recurrence_day__gte=1,
                        recurrence_day__lte=31,
                    )
                ),
                name="checklistitem_recurrence_date_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        return in_language(self.text, self.text_en)

    @property
    def guidance_text(self) -> str:
        return in_language(self.guidance, self.guidance_en)

    @property
    def is_standard(self) -> bool:
        return self.organisation_id is None

    def yearly_moment(self, year: int) -> date | None:
        if not (self.recurrence_month and self.recurrence_day):
            return None
        try:
            return date(year, self.recurrence_month, self.recurrence_day)
        except ValueError:  # 29 February
            return date(year, self.recurrence_month, 28)


class ProgressStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "bezig", _("In progress")
    DONE = "gereed", _("Done")
    NOT_APPLICABLE = "nvt", _("Not applicable")


class ItemProgress(models.Model):
    """Where one organisation stands on one checklist item."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="checklist_progress",
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgressStatus, default=ProgressStatus.OPEN
    )
    not_applicable_reason = models.TextField(_("why it does not apply"), blank=True)
    responsible_member = models.ForeignKey(
        Membership,
        verbose_name=_("responsible member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_progress",
    )
    responsible_contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("responsible contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_progress",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    completed_date = models.DateField(_("completed on"), null=True, blank=True)
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions of the plan"), blank=True, related_name="checklist_progress"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("progress on an item")
        verbose_name_plural = _("progress on items")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "item"], name="itemprogress_one_per_org_and_item"
            ),
            models.CheckConstraint(
                condition=~Q(status="nvt") | ~Q(not_applicable_reason=""),
                name="itemprogress_not_applicable_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.get_status_display()})"

    @property
    def responsible_name(self) -> str:
        if self.responsible_member_id:
            return self.responsible_member.user.display_name
        if self.responsible_contact_id:
            return self.responsible_contact.name
        return ""


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    # Stored under a random name: the original name is kept in the row, never in the path.
    return f"evidence/{instance.progress.organisation_id}/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    """A file that proves a step; served only to members of the organisation."""

    progress = models.ForeignKey(
        ItemProgress, verbose_name=_("item"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ProgressChange(models.Model):
    """One recorded change of an item's progress: who, when, and each field from what to what."""

    progress = models.ForeignKey(
        ItemProgress, verbose_name=_("item"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # [{"field": "status", "old": "open", "new": "gereed"}, ...]: choice fields keep their keys,
    # people and contacts their names as they were at the time.
    changes = models.JSONField(_("changes"), default=list)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.progress} @ {self.changed_at:%Y-%m-%d %H:%M}"
