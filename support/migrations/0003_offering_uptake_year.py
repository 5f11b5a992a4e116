"""An offer is taken up once per employer and year: the uptake keeps the plan's year."""

from django.db import migrations, models


def fill_years(apps, schema_editor):
    OfferingUptake = apps.get_model("support", "OfferingUptake")
    for uptake in OfferingUptake.objects.select_related("action"):
        uptake.year = uptake.action.year if uptake.action else uptake.taken_at.year
        uptake.save(update_fields=["year"])


class Migration(migrations.Migration):
    dependencies = [("support", "0002_advisor_memberships_become_followings")]

    operations = [
        migrations.AddField(
            model_name="offeringuptake",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="year"),
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="offeringuptake",
            name="year",
            field=models.PositiveSmallIntegerField(verbose_name="year"),
        ),
        migrations.AddConstraint(
            model_name="offeringuptake",
            constraint=models.UniqueConstraint(
                fields=("offering", "organisation", "year"), name="uptake_once_per_year"
            ),
        ),
    ]
