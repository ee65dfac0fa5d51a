"""``openeip backup OUT`` and ``openeip restore IN``: the whole site (database and uploads)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from openeip.cli._app import app, checked_language, setup_django
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language

Lang = Annotated[str, typer.Option("--lang", envvar="OPENEIP_LANG",
                                   help=_("Language of the messages and notes: vi or en."))]


@app.command(help=_("Back up the whole database and the uploaded files into one archive."))
def backup(
    out: Annotated[Path, typer.Argument(help=_("The archive to write, e.g. "
                                               "openeip-2026-01-31.tar.gz."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django()
        from openeip.web.backup import BackupError, write_backup

        try:
            manifest = write_backup(out)
        except BackupError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        typer.echo(_("Wrote {path}: {kind} database, {tables} tables, {rows} rows; {files} "
                     "uploaded files.").format(
            path=out, kind=manifest.database, tables=len(manifest.tables),
            rows=sum(manifest.tables.values()), files=manifest.uploads.get("files", 0)))


@app.command(help=_("Restore a backup into an empty database (or, with --force, over one)."))
def restore(
    archive: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                            help=_("The archive written by `openeip backup`."))],
    force: Annotated[bool, typer.Option(
        "--force", help=_("Replace a database (and uploads folder) that already holds data."))
    ] = False,
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django()
        import openeip
        from openeip.web.backup import BackupError, restore_backup

        try:
            manifest = restore_backup(archive, force=force)
        except BackupError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        typer.echo(_("Restored {path} (written {created} by OpenEIP {version}): {tables} "
                     "tables, {rows} rows and {files} uploaded files, as many as in the "
                     "backup.").format(
            path=archive, created=manifest.created_at, version=manifest.app_version,
            tables=len(manifest.tables), rows=sum(manifest.tables.values()),
            files=manifest.uploads.get("files", 0)))
        if manifest.app_version != openeip.__version__:
            typer.echo(_("The backup comes from OpenEIP {version}; run `openeip manage migrate` "
                         "to bring it up to this version.").format(
                version=manifest.app_version))
