"""Carer support organisations, their followings, pipeline, contacts and offer."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programme', '0005_pooled_figures_choice_and_member_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Offering',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('pillar', models.CharField(choices=[('bespreken', 'Bespreken'), ('beschrijven', 'Beschrijven'), ('bekwamen', 'Bekwamen'), ('borgen', 'Borgen')], max_length=20, verbose_name='pillar')),
                ('format', models.CharField(choices=[('workshop', 'Workshop'), ('lunch', 'Lunch meeting for working carers'), ('spreekuur', 'Consultation hours'), ('training', 'Training for managers'), ('overig', 'Other')], default='workshop', max_length=20, verbose_name='kind of offer')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_active', models.BooleanField(default=True, help_text='Only offers on offer are shown to employers.', verbose_name='on offer')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'offer',
                'verbose_name_plural': 'offers',
                'ordering': ['pillar', 'title', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SupportOrganisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(help_text='Lower-case letters, digits and hyphens, for example steunpunt-voorbeeld.', max_length=60, unique=True, verbose_name='short name in web addresses')),
                ('region', models.TextField(blank=True, help_text='One municipality per line.', verbose_name='municipalities served')),
                ('commissioned_by', models.CharField(blank=True, help_text='The municipality that commissions the employer support and reads the report.', max_length=200, verbose_name='commissioning municipality')),
                ('goal', models.TextField(blank=True, help_text='What the support organisation wants to achieve with employers this year.', verbose_name='our goal')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'support organisation',
                'verbose_name_plural': 'support organisations',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Following',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('invited', 'Invited by the employer'), ('requested', 'Requested by the support organisation'), ('active', 'Following'), ('ended', 'Ended')], max_length=20, verbose_name='state')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='asked on')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='following since')),
                ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='ended on')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followings', to='programme.organisation', verbose_name='employer')),
                ('support_organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followings', to='support.supportorganisation', verbose_name='support organisation')),
            ],
            options={
                'verbose_name': 'following',
                'verbose_name_plural': 'followings',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='FollowingEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('invited', 'Employer invited the support organisation'), ('requested', 'Support organisation asked to follow'), ('accepted', 'Following started'), ('declined', 'Declined'), ('ended', 'Following ended'), ('migrated', 'Carried over from the former advisor role')], max_length=20, verbose_name='what happened')),
                ('at', models.DateTimeField(verbose_name='when')),
                ('by_name', models.CharField(blank=True, max_length=200, verbose_name='by (name)')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('following', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='support.following', verbose_name='following')),
            ],
            options={
                'verbose_name': 'following event',
                'verbose_name_plural': 'following events',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='OfferingUptake',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('taken_at', models.DateTimeField(auto_now_add=True, verbose_name='taken up on')),
                ('action', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='offering_uptake', to='programme.action', verbose_name='action')),
                ('offering', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='uptakes', to='support.offering', verbose_name='offer')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programme.organisation', verbose_name='employer')),
            ],
            options={
                'verbose_name': 'offer taken up',
                'verbose_name_plural': 'offers taken up',
                'ordering': ['-taken_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Prospect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='employer')),
                ('kind', models.CharField(choices=[('gemeente', 'Municipality'), ('zorg', 'Care'), ('onderwijs', 'Education'), ('bedrijf', 'Business'), ('overig', 'Other')], default='bedrijf', max_length=20, verbose_name='sector')),
                ('employee_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='number of employees')),
                ('place', models.CharField(blank=True, max_length=120, verbose_name='place')),
                ('contact_name', models.CharField(blank=True, max_length=150, verbose_name='contact person')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name="contact's e-mail address")),
                ('contact_phone', models.CharField(blank=True, max_length=40, verbose_name="contact's phone number")),
                ('target_group', models.TextField(blank=True, help_text='For example the HR manager, the works council or the board.', verbose_name='who do we want to reach')),
                ('aim', models.TextField(blank=True, help_text='For example a first meeting, a lunch for working carers, the recognition.', verbose_name='what do we want to achieve')),
                ('benefit', models.TextField(blank=True, help_text='For example less absence, staff who stay, being a good employer.', verbose_name='what is in it for the employer')),
                ('stage', models.CharField(choices=[('in_kaart', 'Mapped'), ('benaderd', 'Approached'), ('in_gesprek', 'In conversation'), ('aan_de_slag', 'Getting started'), ('erkend', 'Recognised'), ('gestopt', 'Stopped')], default='in_kaart', max_length=20, verbose_name='stage')),
                ('next_step', models.CharField(blank=True, max_length=300, verbose_name='next step')),
                ('next_step_on', models.DateField(blank=True, null=True, verbose_name='next step on')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programme.organisation', verbose_name='employer on the platform')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='support advisor')),
                ('support_organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='prospects', to='support.supportorganisation', verbose_name='support organisation')),
            ],
            options={
                'verbose_name': 'employer in the pipeline',
                'verbose_name_plural': 'employers in the pipeline',
                'ordering': ['name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='EmployerInvitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('full_name', models.CharField(blank=True, max_length=150, verbose_name='name')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('sent_at', models.DateTimeField(verbose_name='sent at')),
                ('expires_at', models.DateTimeField(verbose_name='valid until')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted at')),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programme.organisation', verbose_name='organisation')),
                ('prospect', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='support.prospect', verbose_name='employer')),
            ],
            options={
                'verbose_name': 'employer invitation',
                'verbose_name_plural': 'employer invitations',
                'ordering': ['-sent_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('on', models.DateField(verbose_name='date')),
                ('kind', models.CharField(choices=[('telefoon', 'Phone call'), ('bezoek', 'Visit'), ('email', 'E-mail'), ('bijeenkomst', 'Event')], max_length=20, verbose_name='kind of contact')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('next_step', models.CharField(blank=True, max_length=300, verbose_name='next step')),
                ('next_step_on', models.DateField(blank=True, null=True, verbose_name='next step on')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('prospect', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='support.prospect', verbose_name='employer')),
            ],
            options={
                'verbose_name': 'contact',
                'verbose_name_plural': 'contacts',
                'ordering': ['-on', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='offering',
            name='support_organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='offerings', to='support.supportorganisation', verbose_name='support organisation'),
        ),
        migrations.CreateModel(
            name='SupportMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('advisor', 'Support advisor')], max_length=20, verbose_name='role')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='member since')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='support_memberships', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('support_organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='support.supportorganisation', verbose_name='support organisation')),
            ],
            options={
                'verbose_name': 'support membership',
                'verbose_name_plural': 'support memberships',
                'ordering': ['support_organisation__name', 'user__email'],
                'constraints': [models.UniqueConstraint(fields=('user', 'support_organisation'), name='support_membership_one_per_user')],
            },
        ),
        migrations.AddIndex(
            model_name='prospect',
            index=models.Index(fields=['support_organisation', 'next_step_on'], name='support_pro_support_46a176_idx'),
        ),
        migrations.AddConstraint(
            model_name='prospect',
            constraint=models.UniqueConstraint(condition=models.Q(('organisation__isnull', False)), fields=('support_organisation', 'organisation'), name='prospect_one_per_platform_employer'),
        ),
        migrations.AddConstraint(
            model_name='following',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'ended'), _negated=True), fields=('support_organisation', 'organisation'), name='following_one_open_per_pair'),
        ),
        migrations.AddConstraint(
            model_name='following',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'active'), _negated=True), ('started_at__isnull', False), _connector='OR'), name='following_active_has_start'),
        ),
        migrations.AddConstraint(
            model_name='following',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'ended'), _negated=True), ('ended_at__isnull', False), _connector='OR'), name='following_ended_has_end'),
        ),
    ]
