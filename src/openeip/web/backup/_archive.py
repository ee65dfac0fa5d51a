"""The backup archive: one gzip-compressed tar holding a manifest, the database and the uploads.

    manifest.json         format, format version, database kind, app version, rows per table
    database.sqlite3      SQLite: a consistent copy made with SQLite's online backup API
    database.dump         PostgreSQL: ``pg_dump --format=custom`` of the same snapshot
    uploads/…             every file under MEDIA_ROOT (evidence and other uploaded files)
"""

from __future__ import annotations

import datetime
import io
import json
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openeip.core.i18n import gettext as _

FORMAT = "openeip-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
UPLOADS = "uploads"


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""


@dataclass
class Manifest:
    database: str
    app_version: str
    tables: dict[str, int]
    uploads: dict[str, int] = field(default_factory=dict)
    created_at: str = field(default_factory=lambda: datetime.datetime.now(datetime.UTC)
                            .isoformat(timespec="seconds"))
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data: dict[str, Any] = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(_("This file is not an OpenEIP backup (no OpenEIP manifest)."))
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(_(
                "This backup has format version {found}; this OpenEIP reads version {read}. "
                "Restore it with the OpenEIP version that wrote it ({version}).").format(
                    found=data.get("format_version"), read=FORMAT_VERSION,
                    version=data.get("app_version")))
        return cls(**data)


def write_archive(out: Path, manifest: Manifest, database_file: Path, uploads: Path) -> None:
    """Write the archive beside ``out`` and rename it, so a failed backup leaves no half file."""
    partial = out.with_name(out.name + ".part")
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, MANIFEST, manifest.to_json())
        archive.add(database_file, arcname=DATABASE_FILES[manifest.database], recursive=False)
        if uploads.is_dir():
            for path in sorted(uploads.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname="{}/{}".format(
                        UPLOADS, path.relative_to(uploads).as_posix()), recursive=False)
    partial.replace(out)


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return Manifest.from_json(member.read())
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(_("{path} is not a readable OpenEIP backup ({error}).").format(
            path=path, error=error)) from None


def unpack(path: Path, into: Path) -> None:
    """Extract the archive into ``into``; the 'data' filter refuses absolute paths, '..' and
    links pointing outside."""
    with tarfile.open(path, "r:*") as archive:
        archive.extractall(into, filter="data")


def upload_stats(uploads: Path) -> dict[str, int]:
    files = [path for path in uploads.rglob("*") if path.is_file()] if uploads.is_dir() else []
    return {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}
