"""Employers choose whether their closed monitors count in the pooled reference figures; support
advisors are no longer a membership role (support/0002 moves them)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0004_organisation_goal_en'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='share_in_pooled_figures',
            field=models.BooleanField(default=True, help_text='The published figures of our closed monitors count, together with those of many other employers, in the reference figures every employer sees. Never on their own.', verbose_name='count in the pooled reference figures'),
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('hr', 'HR advisor'), ('manager', 'Manager')], max_length=20, verbose_name='role'),
        ),
    ]
