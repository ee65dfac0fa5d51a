"""BRIN indexes on the readings' start times, on PostgreSQL only (SQLite has none): readings
arrive roughly in time order, so a block range index finds a period's rows at a tiny size."""

from django.db import migrations


def brin(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX IF NOT EXISTS monitor_reading_start_brin "
                          "ON monitor_reading USING brin (start)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS monitor_reading_start_brin")


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]
    operations = [migrations.RunPython(brin, drop)]
