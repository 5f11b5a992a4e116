"""Import and export of the yearly action plan (columns are fixed Dutch names, stable across
languages, so that a file exported in English imports back in Dutch).

A row with an id changes that action. A row without one adds an action, unless the organisation
already has an action with the same title in the same year: then the row is flagged and skipped,
or, when the user chose so in the import form, changes that action. Importing one file twice
thus adds nothing.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from programme.models import Action, ActionStatus, PillarKey
from programme.transfer import (
    ChoiceKeyWidget,
    FlexibleDateWidget,
    NumberWidget,
    OrganisationResource,
    TextWidget,
    YearWidget,
    YesNoWidget,
)

TITLE_COLUMN = "titel"
YEAR_COLUMN = "jaar"


def _title_key(title) -> str:
    """A title as the match compares it: case and spacing do not matter."""
    return " ".join(str(title or "").split()).casefold()


class ActionResource(OrganisationResource):
    summary_column = TITLE_COLUMN
    sheet_title = gettext_lazy("Action plan")

    id = Field(attribute="id", column_name="id", widget=NumberWidget())
    title = Field(attribute="title", column_name="titel", widget=TextWidget())
    description = Field(attribute="description", column_name="omschrijving", widget=TextWidget())
    pillar = Field(
        attribute="pillar",
        column_name="pijler",
        widget=ChoiceKeyWidget(PillarKey, allow_blank=True),
    )
    year = Field(attribute="year", column_name="jaar", widget=YearWidget())
    status = Field(attribute="status", column_name="status", widget=ChoiceKeyWidget(ActionStatus))
    planned_date = Field(
        attribute="planned_date", column_name="gepland_op", widget=FlexibleDateWidget()
    )
    completed_date = Field(
        attribute="completed_date", column_name="gereed_op", widget=FlexibleDateWidget()
    )
    owner = Field(attribute="owner", column_name="eigenaar", widget=TextWidget())
    partner = Field(attribute="partner", column_name="externe_partner", widget=TextWidget())
    evidence_url = Field(attribute="evidence_url", column_name="bewijs_link", widget=TextWidget())
    recurs_yearly = Field(attribute="recurs_yearly", column_name="jaarlijks", widget=YesNoWidget())

    class Meta(OrganisationResource.Meta):
        model = Action
        fields = (
            "id",
            "title",
            "description",
            "pillar",
            "year",
            "status",
            "planned_date",
            "completed_date",
            "owner",
            "partner",
            "evidence_url",
            "recurs_yearly",
        )
        export_order = fields

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_title: dict[tuple[str, int], list[int]] | None = None

    def required_columns(self) -> list[str]:
        return [TITLE_COLUMN, YEAR_COLUMN]

    def get_queryset(self):
        return super().get_queryset().order_by("year", "planned_date", "pk")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._by_title = None

    def _existing(self) -> dict[tuple[str, int], list[int]]:
        """The organisation's actions by title and year, as they were before this import."""
        if self._by_title is None:
            self._by_title = {}
            for pk, title, year in self.get_queryset().values_list("pk", "title", "year"):
                self._by_title.setdefault((_title_key(title), year), []).append(pk)
        return self._by_title

    def check_row_key(self, row) -> None:
        super().check_row_key(row)
        if row.get("id") is not None:
            return
        title = _title_key(row.get(TITLE_COLUMN))
        try:
            year = YearWidget().clean(row.get(YEAR_COLUMN))
        except ValueError:
            return  # the year's own error names the column
        if not title or year is None:
            return
        self.claim_row_key(
            ("title", title, year),
            TITLE_COLUMN,
            _("Row %(row)d has an action with the same title and year."),
        )
        matches = self._existing().get((title, year), [])
        if not matches:
            return
        if not self.options.get("update_matching"):
            self._row_match = "skip"
        elif len(matches) > 1:
            raise ValidationError(
                {
                    TITLE_COLUMN: _(
                        "Several actions of %(year)d have this title; fill in the id of the "
                        "one to change."
                    )
                    % {"year": year}
                }
            )
        else:
            self._row_match = "update"
        row["id"] = matches[0]
        self.claim_row_key(("id", matches[0]), "id", _("Row %(row)d already changes this action."))
