"""Writes of the statements app."""

from django.db import transaction

from programme.models import Organisation
from programme.services import record_save
from statements.models import StatementSettings


@transaction.atomic
def statement_settings_save(*, organisation: Organisation, fields: dict) -> StatementSettings:
    """Make or change the organisation's one row of statement settings."""
    row, _created = StatementSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    return record_save(row, fields)
