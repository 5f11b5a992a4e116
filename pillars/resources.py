"""Import and export of an organisation's progress on the checklists: one row per visible item.

The columns are fixed Dutch names, stable across languages, as in the action plan's export. An
import goes through services.progress_update, so that every changed item gets its history and the
same rules as a change made on the item's page.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets
from import_export.fields import Field
from import_export.results import RowResult

from pillars import selectors, services
from pillars.models import ChecklistItem, ItemProgress, ProgressStatus
from programme.models import ContactPerson, Membership, Organisation, PillarKey
from programme.transfer import (
    ChoiceKeyWidget,
    FlexibleDateWidget,
    NumberWidget,
    OrganisationResource,
    TextWidget,
)

ITEM_COLUMN = "punt_id"
PILLAR_COLUMN = "pijler"
TEXT_COLUMN = "punt"
REASON_COLUMN = "reden_nvt"


class ResponsibleWidget(widgets.Widget):
    """A member by e-mail address or a contact person by name, of one organisation only."""

    def __init__(self, organisation: Organisation | None = None):
        super().__init__()
        self.organisation = organisation
        self._members = self._contacts = None

    def _load(self) -> None:
        if self._members is None:
            memberships = Membership.objects.filter(organisation=self.organisation)
            self._members = {m.user.email.lower(): m for m in memberships.select_related("user")}
            self._contacts = list(ContactPerson.objects.filter(organisation=self.organisation))

    def clean(self, value, row=None, current=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        self._load()
        if text.lower() in self._members:
            return self._members[text.lower()]
        named = [c for c in self._contacts if c.name.strip().lower() == text.lower()]
        if current in named:
            return current  # two contacts with one name: keep the one that was responsible
        if len(named) == 1:
            return named[0]
        if named:
            raise ValueError(
                _("Several contact persons are called “%(value)s”; rename one of them first.")
                % {"value": text}
            )
        raise ValueError(
            _(
                "“%(value)s” is neither the e-mail address of a member nor the name of a "
                "contact person of this organisation."
            )
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, Membership):
            return value.user.email
        if isinstance(value, ContactPerson):
            return value.name
        return ""


class ResponsibleField(Field):
    """One column for the two ways of being responsible: a member or a contact person."""

    def get_value(self, instance):
        return instance.responsible_member or instance.responsible_contact

    def save(self, instance, row, is_m2m=False, **kwargs):
        person = self.clean(row, current=instance.responsible_contact, **kwargs)
        instance.responsible_member = person if isinstance(person, Membership) else None
        instance.responsible_contact = person if isinstance(person, ContactPerson) else None


class ProgressResource(OrganisationResource):
    """Where the organisation stands on each checklist item it sees (standard and its own).

    A row names its item by punt_id, or, when that is empty, by pijler and punt. Items are never
    created by an import; rows whose values change nothing are reported as unchanged.
    """

    summary_column = TEXT_COLUMN
    sheet_title = gettext_lazy("Progress")
    new_rows_are_updates = True  # an item without progress is open: a row changes that

    item = Field(attribute="item_id", column_name=ITEM_COLUMN, readonly=True, widget=NumberWidget())
    pillar = Field(column_name=PILLAR_COLUMN, readonly=True)
    text = Field(column_name=TEXT_COLUMN, readonly=True)
    status = Field(attribute="status", column_name="status", widget=ChoiceKeyWidget(ProgressStatus))
    not_applicable_reason = Field(
        attribute="not_applicable_reason", column_name=REASON_COLUMN, widget=TextWidget()
    )
    responsible = ResponsibleField(
        attribute="responsible_member",
        column_name="verantwoordelijke",
        widget=ResponsibleWidget(),
    )
    due_date = Field(attribute="due_date", column_name="deadline", widget=FlexibleDateWidget())
    completed_date = Field(
        attribute="completed_date", column_name="gereed_op", widget=FlexibleDateWidget()
    )
    evidence_text = Field(attribute="evidence_text", column_name="bewijs", widget=TextWidget())
    evidence_url = Field(attribute="evidence_url", column_name="bewijs_link", widget=TextWidget())
    notes = Field(attribute="notes", column_name="notities", widget=TextWidget())

    class Meta(OrganisationResource.Meta):
        model = ItemProgress
        fields = (
            "item",
            "pillar",
            "text",
            "status",
            "not_applicable_reason",
            "responsible",
            "due_date",
            "completed_date",
            "evidence_text",
            "evidence_url",
            "notes",
        )
        export_order = fields
        skip_diff = True  # the preview reports per row, not field by field

    def __init__(self, *, organisation: Organisation, by=None, today: date | None = None, **kw):
        super().__init__(organisation=organisation, **kw)
        self.by = by
        self.today = today
        self.fields["responsible"].widget = ResponsibleWidget(organisation)
        self._visible_items: dict[int, ChecklistItem] | None = None
        self._rows_of_item: dict[int, int] = {}
        self._before: dict = {}
        self._changed = False

    # --- Export ----------------------------------------------------------------------------------

    def export(self, queryset=None, **kwargs):
        if queryset is None:
            # Every visible item, touched or not: an untouched one is open.
            queryset = [
                row.progress or ItemProgress(organisation=self.organisation, item=row.item)
                for row in selectors.checklist_for(
                    organisation=self.organisation, today=self.today or timezone.localdate()
                )
            ]
        return super().export(queryset, **kwargs)

    def dehydrate_pillar(self, progress: ItemProgress) -> str:
        return progress.item.pillar.key

    def dehydrate_text(self, progress: ItemProgress) -> str:
        return progress.item.text

    # --- Import: find the item of a row ----------------------------------------------------------

    def visible_items(self) -> dict[int, ChecklistItem]:
        if self._visible_items is None:
            rows = selectors.checklist_for(
                organisation=self.organisation, today=self.today or timezone.localdate()
            )
            self._visible_items = {row.item.pk: row.item for row in rows}
        return self._visible_items

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._rows_of_item = {}
        self._name_items(dataset)

    def _name_items(self, dataset) -> None:
        """Fill in an empty punt from punt_id, so that the preview names each row's item.

        The punt column only finds an item when punt_id is empty, so this changes no import.
        """
        headers = dataset.headers or []
        if ITEM_COLUMN not in headers:
            return
        texts = []
        for values in dataset.dict:
            text = values.get(TEXT_COLUMN) or ""
            if not text:
                try:
                    item = self.visible_items().get(int(float(str(values[ITEM_COLUMN]))))
                except ValueError:
                    item = None
                text = item.text if item else ""
            texts.append(text)
        if TEXT_COLUMN in headers:
            del dataset[TEXT_COLUMN]
        dataset.append_col(texts, header=TEXT_COLUMN)

    def before_import_row(self, row, **kwargs):
        self._changed = False
        super().before_import_row(row, **kwargs)

    def check_row_key(self, row) -> None:
        """Find the row's item among those the organisation sees; never create one."""
        item = self._item_of(row)
        earlier = self._rows_of_item.setdefault(item.pk, self._row_number)
        if earlier != self._row_number:
            raise ValidationError(
                {ITEM_COLUMN: _("This item is already in row %(row)d.") % {"row": earlier}}
            )
        row[ITEM_COLUMN] = item.pk

    def _item_of(self, row) -> ChecklistItem:
        identifier = str(row.get(ITEM_COLUMN) or "").strip()
        if identifier:
            try:
                pk = int(float(identifier))
            except ValueError:
                raise ValidationError(
                    {ITEM_COLUMN: _("“%(value)s” is not a number.") % {"value": identifier}}
                ) from None
            if pk not in self.visible_items():
                # Another organisation's own item is as unknown as one that does not exist.
                raise ValidationError(
                    {ITEM_COLUMN: _("There is no item with number %(id)s.") % {"id": pk}}
                )
            return self.visible_items()[pk]
        text = str(row.get(TEXT_COLUMN) or "").strip()
        pillar_value = row.get(PILLAR_COLUMN)
        if not text or pillar_value in (None, ""):
            raise ValidationError({ITEM_COLUMN: _("Fill in punt_id, or both pijler and punt.")})
        try:
            pillar_key = ChoiceKeyWidget(PillarKey).clean(pillar_value)
        except ValueError as error:
            raise ValidationError({PILLAR_COLUMN: str(error)}) from None
        matches = [
            item
            for item in self.visible_items().values()
            if item.pillar.key == pillar_key and text in (item.text.strip(), item.text_en.strip())
        ]
        if len(matches) > 1:
            raise ValidationError(
                {TEXT_COLUMN: _("Several items have this text; fill in punt_id.")}
            )
        if not matches:
            raise ValidationError(
                {
                    TEXT_COLUMN: _("There is no item “%(text)s” in the pillar %(pillar)s.")
                    % {"text": text, "pillar": PillarKey(pillar_key).label}
                }
            )
        return matches[0]

    def get_instance(self, instance_loader, row):
        return (
            ItemProgress.objects.filter(organisation=self.organisation, item_id=row[ITEM_COLUMN])
            .select_related("item__pillar", "responsible_member__user", "responsible_contact")
            .first()
        )

    def init_instance(self, row=None):
        return ItemProgress(
            organisation=self.organisation, item=self.visible_items()[row[ITEM_COLUMN]]
        )

    # --- Import: apply a row through the service -------------------------------------------------

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._before = _values(instance)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if (
            "status" not in errors
            and instance.status == ProgressStatus.NOT_APPLICABLE
            and not instance.not_applicable_reason
        ):
            errors["not_applicable_reason"] = [_("Give a reason why the item does not apply.")]
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        if _values(instance) == self._before:
            return  # the row repeats what is there: touch nothing, not even the save time
        progress = services.progress_update(
            organisation=self.organisation,
            item=instance.item,
            by=self.by,
            fields={name: getattr(instance, name) for name in services.TRACKED_FIELDS},
            today=self.today or timezone.localdate(),
        )
        # The service's rules (a completion date, a yearly roll-over) may undo or add changes.
        self._changed = _values(progress) != self._before

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        saved = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        if row_result.import_type in saved and not self._changed:
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            row_result.changes = []


def _values(progress: ItemProgress) -> dict:
    """The tracked fields of a progress row, people by their ids, to see whether it changed."""
    return {name: progress.serializable_value(name) for name in services.TRACKED_FIELDS}
