"""Running `openeip` in another process against the test database (committed data only)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db import connection

OPENEIP = str(Path(sys.executable).with_name("openeip"))


def database_url() -> str:
    """The URL of the test database, for a process of its own (PostgreSQL only)."""
    db = connection.settings_dict
    credentials = db["USER"] + (":" + db["PASSWORD"] if db.get("PASSWORD") else "")
    return "postgres://{}@{}:{}/{}".format(credentials, db["HOST"] or "127.0.0.1",
                                           db["PORT"] or 5432, db["NAME"])


def openeip_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "openeip.web.settings",
            "DATABASE_URL": database_url(), **extra}


def start_openeip(*args: Any, **extra_env: str) -> subprocess.Popen[str]:
    """`openeip ARGS` on the test database; read its output with communicate()."""
    return subprocess.Popen([OPENEIP, *(str(arg) for arg in args)], env=openeip_env(**extra_env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def start_worker(queue_name: str, log: Path, **extra_env: str) -> subprocess.Popen[str]:
    """A huey worker (`openeip manage run_huey`, one thread) on the test database and the Redis
    queue ``queue_name``; what it prints goes to ``log``."""
    env = openeip_env(OPENEIP_TASK_QUEUE="redis", OPENEIP_QUEUE_NAME=queue_name, **extra_env)
    with log.open("a") as output:
        return subprocess.Popen(
            [OPENEIP, "manage", "run_huey", "--workers", "1", "--no-periodic"], env=env,
            stdout=output, stderr=subprocess.STDOUT, text=True)
