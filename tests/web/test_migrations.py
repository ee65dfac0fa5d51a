"""The migrations describe the models exactly: the SQLite run builds its test databases from
the models (``--no-migrations`` in the Makefile, 4 s less per worker), the PostgreSQL run and
every real site from the migrations, so a model changed without its migration must fail here,
by name, and not only as a missing column somewhere in the PostgreSQL run."""

from __future__ import annotations

from django.apps import apps
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState


def test_no_model_change_lacks_its_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)   # the files, no database
    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)
                                    ).changes(graph=loader.graph)
    missing = {app: [str(op) for migration in migrations for op in migration.operations]
               for app, migrations in changes.items()}
    assert missing == {}, "run `openeip manage makemigrations`: {}".format(missing)
