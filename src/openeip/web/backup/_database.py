"""Copying the whole database out and back: SQLite's online backup API, pg_dump / pg_restore.

Both copies are consistent snapshots taken while the site runs, and the rows counted for the
manifest are those of the snapshot itself (SQLite: counted in the copy; PostgreSQL: counted in
the transaction whose snapshot pg_dump is given).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from openeip.core.i18n import gettext as _
from openeip.web.backup._archive import BackupError

#: filled by `migrate` itself, so present in a database nobody has used yet
BOOKKEEPING = frozenset({"django_migrations", "django_content_type", "auth_permission"})


def count_rows(cursor: Any, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in sorted(tables):
        cursor.execute("SELECT count(*) FROM {}".format(quote(table)))
        counts[table] = int(cursor.fetchone()[0])
    return counts


def live_counts() -> dict[str, int]:
    """Rows per table of the database as it is now."""
    with connection.cursor() as cursor:
        return count_rows(cursor, connection.introspection.table_names(cursor))


def backup_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = connection.connection
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        cursor = copy.cursor()
        tables = [name for (name,) in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return count_rows(cursor, tables)


def restore_sqlite(copy: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(target)) as database:
        source.backup(database)


def backup_postgres(target: Path) -> dict[str, int]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor, connection.introspection.table_names(cursor))
        _run_tool("pg_dump", "--format=custom", "--snapshot", snapshot, "--file", str(target))
    return counts


def restore_postgres(dump: Path) -> None:
    connection.close()
    _run_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", str(dump))


def _run_tool(tool: str, *args: str) -> None:
    """Run pg_dump or pg_restore on the configured database (connection from PG* variables)."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(_(
            "{tool} was not found; install the PostgreSQL client programs (Debian: "
            "postgresql-client) on this machine.").format(tool=tool))
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db.get("HOST") or "",
           "PGPORT": str(db.get("PORT") or ""), "PGUSER": db.get("USER") or ""}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    # pg_restore needs the database in --dbname (without it, it writes a script to stdout)
    database = ["--dbname", db["NAME"]] if tool == "pg_restore" else []
    completed = subprocess.run([program, *database, *args], env=env, capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0:
        raise BackupError(_("{tool} failed: {error}").format(
            tool=tool, error=completed.stderr.strip()[-2000:]))
