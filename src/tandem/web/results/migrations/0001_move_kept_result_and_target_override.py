"""KeptResult (from governance) and TargetOverride (from actions) move to results.

Only Django's model state moves: the tables keep their names (``db_table``) and their
rows, so nothing is copied. The old apps drop the models from their state in
governance 0004 and actions 0002, which run after this one.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('actions', '0001_initial'),
        ('governance', '0003_kept_result_as_text'),
        ('scans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='KeptResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('result', models.TextField()),
                        ('responses', models.PositiveIntegerField()),
                        ('invited', models.PositiveIntegerField(default=0)),
                        ('purged_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('scan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='kept_result', to='scans.scan')),
                    ],
                    options={
                        'verbose_name': 'kept result',
                        'verbose_name_plural': 'kept results',
                        'db_table': 'governance_keptresult',
                    },
                ),
                migrations.CreateModel(
                    name='TargetOverride',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('phase', models.PositiveSmallIntegerField(verbose_name='target phase')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('by_email', models.EmailField(max_length=254)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('scan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='target_overrides', to='scans.scan')),
                    ],
                    options={
                        'ordering': ('-at', '-pk'),
                        'db_table': 'actions_targetoverride',
                        'constraints': [models.CheckConstraint(condition=models.Q(('phase__gte', 1), ('phase__lte', 4)), name='target_override_phase_1_4')],
                    },
                ),
            ],
        ),
    ]
