"""KeptResult now belongs to results (results 0001 took over its table and rows)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0003_kept_result_as_text'),
        ('results', '0001_move_kept_result_and_target_override'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='KeptResult')],
        ),
    ]
