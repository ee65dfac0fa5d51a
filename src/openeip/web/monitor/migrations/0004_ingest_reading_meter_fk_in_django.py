"""Readings keep their meter as a Django foreign key (cascade on delete) without the database
constraint: PostgreSQL checked it row by row at commit, a third of a bulk import's time
(bench/monitor_scale.py). Writers store readings only of meters they have locked."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monitor', '0003_wiring_exchange_meters'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reading',
            name='meter',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='readings', to='monitor.meter'),
        ),
    ]
