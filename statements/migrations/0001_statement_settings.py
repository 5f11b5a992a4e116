import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("programme", "0006_membership_role_known"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatementSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "privacy_contact",
                    models.EmailField(
                        blank=True,
                        help_text="Where employees send questions about their personal data.",
                        max_length=254,
                        verbose_name="privacy contact (e-mail address)",
                    ),
                ),
                (
                    "dpo_name",
                    models.CharField(
                        blank=True,
                        help_text="Your functionaris gegevensbescherming (FG), if you have one.",
                        max_length=200,
                        verbose_name="name of the data protection officer",
                    ),
                ),
                (
                    "dpo_email",
                    models.EmailField(
                        blank=True,
                        max_length=254,
                        verbose_name="e-mail address of the data protection officer",
                    ),
                ),
                (
                    "accessibility_contact",
                    models.EmailField(
                        blank=True,
                        help_text="Where employees report a barrier in the monitor pages.",
                        max_length=254,
                        verbose_name="accessibility contact (e-mail address)",
                    ),
                ),
                (
                    "respondent_text",
                    models.TextField(
                        blank=True,
                        help_text=(
                            "Shown in the privacy statement for respondents of your monitor, for "
                            "example why you hold it and what you do with the results."
                        ),
                        max_length=4000,
                        verbose_name="your own paragraph for respondents",
                    ),
                ),
                (
                    "respondent_text_en",
                    models.TextField(
                        blank=True,
                        help_text=(
                            "Only for the English page; leave it empty to show the Dutch paragraph."
                        ),
                        max_length=4000,
                        verbose_name="your own paragraph in English",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="changed at")),
                (
                    "organisation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="statement_settings",
                        to="programme.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "statement settings",
                "verbose_name_plural": "statement settings",
            },
        ),
    ]
