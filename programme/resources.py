"""Import and export of the yearly action plan (columns are fixed Dutch names, stable across
languages, so that a file exported in English imports back in Dutch)."""

from import_export.fields import Field

from programme.models import Action, ActionStatus, PillarKey
from programme.transfer import (
    ChoiceKeyWidget,
    FlexibleDateWidget,
    OrganisationResource,
    TextWidget,
    YearWidget,
    YesNoWidget,
)


class ActionResource(OrganisationResource):
    summary_column = "titel"

    id = Field(attribute="id", column_name="id")
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

    def required_columns(self) -> list[str]:
        return ["titel", "jaar"]

    def get_queryset(self):
        return super().get_queryset().order_by("year", "planned_date", "pk")
