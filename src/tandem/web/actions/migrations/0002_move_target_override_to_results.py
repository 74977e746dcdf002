"""TargetOverride now belongs to results (results 0001 took over its table and rows)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0001_initial'),
        ('results', '0001_move_kept_result_and_target_override'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='TargetOverride')],
        ),
    ]
