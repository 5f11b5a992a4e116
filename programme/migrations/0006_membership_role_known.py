"""Only HR advisors and managers are members; runs after support/0002 has moved the advisors."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0005_pooled_figures_choice_and_member_roles"),
        ("support", "0002_advisor_memberships_become_followings"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["hr", "manager"])), name="membership_role_known"
            ),
        ),
    ]
