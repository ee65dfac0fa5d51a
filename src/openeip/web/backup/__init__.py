"""Backup and restore of a whole OpenEIP site: every table of the database and the uploaded files.

``openeip backup OUT`` and ``openeip restore IN`` (see docs/operations.md) are thin fronts over
:func:`write_backup` and :func:`restore_backup`. A backup restores into a database of the same
kind (SQLite into SQLite, PostgreSQL into PostgreSQL), empty unless ``force`` is given, and the
restore checks that every table holds as many rows as the backup's manifest says.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

import openeip
from openeip.core.i18n import gettext as _
from openeip.web.backup import _database
from openeip.web.backup._archive import (
    DATABASE_FILES,
    UPLOADS,
    BackupError,
    Manifest,
    read_manifest,
    unpack,
    upload_stats,
    write_archive,
)

__all__ = ["BackupError", "Manifest", "held_data", "read_manifest", "restore_backup",
           "write_backup"]


def write_backup(out: Path) -> Manifest:
    """Write the database and the uploads to the archive ``out``; returns its manifest."""
    kind = _kind()
    uploads = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="openeip-backup-") as work:
        database_file = Path(work) / DATABASE_FILES[kind]
        if kind == "sqlite":
            tables = _database.backup_sqlite(database_file)
        else:
            tables = _database.backup_postgres(database_file)
        manifest = Manifest(database=kind, app_version=openeip.__version__, tables=tables,
                            uploads=upload_stats(uploads))
        write_archive(out, manifest, database_file, uploads)
    return manifest


def held_data() -> dict[str, int]:
    """What the current database and uploads folder hold beyond what `migrate` puts there:
    {table: rows} for every non-empty table, and 'uploads' for uploaded files."""
    held = {table: rows for table, rows in _database.live_counts().items()
            if rows and table not in _database.BOOKKEEPING}
    files = upload_stats(Path(settings.MEDIA_ROOT))["files"]
    if files:
        held["uploads"] = files
    return held


def restore_backup(archive: Path, *, force: bool = False) -> Manifest:
    """Replace the database and the uploads with those of ``archive``.

    Refuses (BackupError) a backup of another database kind, and a database or uploads folder
    that already holds data unless ``force``. Raises BackupError if, once restored, a table does
    not hold the number of rows the manifest records.
    """
    manifest = read_manifest(archive)
    kind = _kind()
    if manifest.database != kind:
        raise BackupError(_(
            "This is a backup of a {backup} database and this site uses {site}; restore it "
            "into a {backup} database (set DATABASE_URL).").format(
                backup=manifest.database, site=kind))
    held = held_data()
    if held and not force:
        raise BackupError(_(
            "The database already holds data ({summary}); restore refuses to overwrite it. "
            "Restore into an empty database, or add --force to replace everything in it.").format(
                summary=", ".join("{} {}".format(name, rows)
                                  for name, rows in sorted(held.items())[:6])))
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="openeip-restore-") as work:
        unpacked = Path(work)
        unpack(archive, unpacked)
        database_file = unpacked / DATABASE_FILES[kind]
        if kind == "sqlite":
            _database.restore_sqlite(database_file)
        else:
            _database.restore_postgres(database_file)
        if media.exists():
            shutil.rmtree(media)
        if (unpacked / UPLOADS).is_dir():
            shutil.copytree(unpacked / UPLOADS, media)
    _check_counts(manifest)
    return manifest


def _check_counts(manifest: Manifest) -> None:
    restored = _database.live_counts()
    wrong = [(table, rows, restored.get(table)) for table, rows in manifest.tables.items()
             if restored.get(table) != rows]
    if wrong:
        raise BackupError(_("The restored database differs from the backup: {tables}.").format(
            tables="; ".join("{}: {} in the backup, {} restored".format(*row)
                             for row in wrong[:10])))
    if upload_stats(Path(settings.MEDIA_ROOT)) != manifest.uploads:
        raise BackupError(_("The restored uploads differ from the backup."))


def _kind() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(_("OpenEIP backs up SQLite and PostgreSQL databases, not {vendor}.")
                          .format(vendor=connection.vendor))
    return connection.vendor
