"""Record from which side a following was started or ended; the carried-over followings of
support/0002 were started by the platform."""

from django.db import migrations, models


def migrated_by_platform(apps, schema_editor):
    FollowingEvent = apps.get_model("support", "FollowingEvent")
    FollowingEvent.objects.filter(kind="migrated").update(side="platform")


class Migration(migrations.Migration):

    dependencies = [
        ("support", "0003_offering_uptake_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="followingevent",
            name="side",
            field=models.CharField(
                blank=True,
                choices=[
                    ("employer", "The employer"),
                    ("support", "The support organisation"),
                    ("platform", "Platform staff"),
                ],
                max_length=20,
                verbose_name="from",
            ),
        ),
        migrations.RunPython(migrated_by_platform, migrations.RunPython.noop),
    ]
