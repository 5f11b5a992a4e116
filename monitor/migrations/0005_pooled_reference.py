"""The platform's pooled reference figures per calendar year and kind of employer, frozen once
made (monitor.pooling)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monitor', '0004_campaign_share_free_texts'),
    ]

    operations = [
        migrations.CreateModel(
            name='PooledReference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('kind', models.CharField(blank=True, max_length=20, verbose_name='kind of employer')),
                ('computed_on', models.DateField(verbose_name='made on')),
                ('figures', models.JSONField(verbose_name='pooled figures')),
            ],
            options={
                'verbose_name': 'pooled reference',
                'verbose_name_plural': 'pooled references',
                'ordering': ['-year', 'kind'],
                'constraints': [models.UniqueConstraint(fields=('year', 'kind'), name='pooled_reference_once')],
            },
        ),
    ]
