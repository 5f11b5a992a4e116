"""A done action always has a completion date: fill in the missing ones, then hold it in the
database."""

from django.db import migrations, models
from django.db.models import Q


def fill_missing_completion_dates(apps, schema_editor):
    # The best knowledge of when it was done: the day the action was last changed.
    Action = apps.get_model("programme", "Action")
    for action in Action.objects.filter(status="gereed", completed_date__isnull=True):
        action.completed_date = action.updated_at.date()
        action.save(update_fields=["completed_date"])


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_monitor_retention")]

    operations = [
        migrations.RunPython(fill_missing_completion_dates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=~Q(status="gereed") | Q(completed_date__isnull=False),
                name="action_done_has_completed_date",
            ),
        ),
    ]
