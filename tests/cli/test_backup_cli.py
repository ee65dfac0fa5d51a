"""The restore drill: `openeip backup` of a used site, `openeip restore` into a fresh database,
then the same rows in every table, the same uploaded files and the same `openeip export`.

Every step is the real command in its own process on a real database: an SQLite file under a
data folder of the test's own, or two PostgreSQL databases created for the test (when the suite
runs on PostgreSQL).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from openeip.core.intake import write_dataset
from tests.conftest import tiny_dataset

OPENEIP = str(Path(sys.executable).with_name("openeip"))
SEED = """
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.authtoken.models import Token
from openeip.web.registry.models import Company, CompanyMembership
member = User.objects.create_user("member", "member@example.org", "a-long-password-1")
CompanyMembership.objects.create(user=member, company=Company.objects.get(code="A1"))
Token.objects.create(user=member)
default_storage.save("eip/evidence/2026/plan.pdf", ContentFile(b"%PDF-1.4 the park's plan"))
"""


class Site:
    """One OpenEIP site: a data folder and a database, driven through `openeip`."""

    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.data_dir = data_dir
        self.database_url = database_url

    def run(self, *args: object) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "OPENEIP_DATA_DIR": str(self.data_dir)}
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return subprocess.run([OPENEIP, *(str(arg) for arg in args)], env=env,
                              capture_output=True, text=True, check=False)

    def ok(self, *args: object) -> str:
        completed = self.run(*args)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed.stdout

    def counts(self) -> dict[str, int]:
        """Rows per table, read straight from the database."""
        if self.database_url is None:
            with closing(sqlite3.connect(self.data_dir / "openeip.sqlite3")) as db:
                tables = [name for (name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'")]
                return {t: db.execute('SELECT count(*) FROM "{}"'.format(t)).fetchone()[0]
                        for t in tables}
        import psycopg

        with psycopg.connect(self.database_url) as db:
            tables = [name for (name,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            return {t: db.execute('SELECT count(*) FROM "{}"'.format(t)).fetchone()[0]
                    for t in tables}


def server_url() -> str:
    db = connection.settings_dict
    return "postgres://{}{}@{}:{}/".format(
        db["USER"], ":" + db["PASSWORD"] if db.get("PASSWORD") else "",
        db["HOST"] or "127.0.0.1", db["PORT"] or 5432)


def recreate_postgres(names: list[str], create: bool = True) -> list[str]:
    """Fresh, empty PostgreSQL databases beside the test database (or just dropped); URLs."""
    import psycopg

    with psycopg.connect(server_url() + "postgres", autocommit=True) as server:
        for name in names:
            server.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(name))
            if create:
                server.execute("CREATE DATABASE {}".format(name))
    return [server_url() + name for name in names]


@pytest.fixture(params=["sqlite", "postgresql"])
def sites(request, tmp_path):
    """(used site, fresh site) on the parametrised kind of database."""
    if request.param == "sqlite":
        if connection.vendor == "postgresql":
            pytest.skip("the SQLite drill runs once, with the suite on SQLite")
        yield Site(tmp_path / "used", None), Site(tmp_path / "fresh", None)
        return
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL drill runs with the suite on PostgreSQL")
    names = ["{}_backup_{}".format(connection.settings_dict["NAME"], role)
             for role in ("used", "fresh")]
    used, fresh = recreate_postgres(names)
    try:
        yield Site(tmp_path / "used", used), Site(tmp_path / "fresh", fresh)
    finally:
        recreate_postgres(names, create=False)


def test_backup_then_restore_into_a_fresh_database_gives_the_same_site(sites, tmp_path):
    used, fresh = sites
    data = tmp_path / "alpha.json"
    with data.open("wb") as stream:
        write_dataset(tiny_dataset("alpha", ("A1", "A2")), stream, "json")
    used.ok("import", data, "--park", "alpha")
    used.ok("manage", "shell", "-c", SEED)
    archive = tmp_path / "site.tar.gz"

    said = used.ok("backup", archive)
    used.ok("export", tmp_path / "before.json", "--park", "alpha")

    before = used.counts()
    assert before["auth_user"] == 1 and before["registry_resourceflow"] == 6
    with tarfile.open(archive) as packed:
        manifest = json.load(packed.extractfile("manifest.json"))
        names = packed.getnames()
    assert manifest["tables"] == before
    assert (manifest["format"], manifest["format_version"]) == ("openeip-backup", 1)
    assert manifest["database"] == ("sqlite" if used.database_url is None else "postgresql")
    assert manifest["uploads"] == {"files": 1, "bytes": 24}
    assert "uploads/eip/evidence/2026/plan.pdf" in names
    assert said.startswith("Wrote {}: {} database".format(archive, manifest["database"]))

    restored = fresh.ok("restore", archive)
    assert "as many as in the backup" in restored
    assert fresh.counts() == before
    assert (fresh.data_dir / "uploads/eip/evidence/2026/plan.pdf").read_bytes() == (
        b"%PDF-1.4 the park's plan")
    fresh.ok("export", tmp_path / "after.json", "--park", "alpha")
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()

    # A database that holds data is not overwritten without --force.
    refused = fresh.run("restore", archive)
    assert refused.returncode == 1
    assert "The database already holds data (" in refused.stderr
    assert "restore refuses to overwrite it" in refused.stderr
    fresh.ok("restore", archive, "--force")
    assert fresh.counts() == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    site = Site(tmp_path / "site", None)
    bogus = tmp_path / "notes.tar.gz"
    with tarfile.open(bogus, "w:gz") as packed:
        packed.add(__file__, arcname="notes.py")
    refused = site.run("restore", bogus)
    assert refused.returncode == 1
    assert "is not a readable OpenEIP backup" in refused.stderr
    assert not (tmp_path / "site" / "openeip.sqlite3").exists()
