"""What the page-load benchmarks share: a signed-in park manager's session, the site served by
gunicorn (4 workers) and 20 concurrent connections of wrk reporting p50/p95 (bench/p95.lua)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def manager_session(username: str, park_slug: str) -> str:
    """A session key of ``username``, a manager of the park (created if missing)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from openeip.web.registry.models import Park, ParkManager

    user, _created = User.objects.get_or_create(username=username)
    ParkManager.objects.get_or_create(user=user, park=Park.objects.get(slug=park_slug))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key or ""


def wrk(url: str, cookie: str, seconds: int) -> dict[str, float]:
    """20 connections for ``seconds``: requests, p50_ms, p95_ms… as bench/p95.lua prints them."""
    out = subprocess.run(
        ["wrk", "-t2", "-c20", "-d{}s".format(seconds), "--timeout", "5s",
         "-s", str(ROOT / "bench" / "p95.lua"), "-H", "Cookie: sessionid={}".format(cookie),
         url], check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


@contextmanager
def served(port: int, env: dict[str, str]) -> Iterator[str]:
    """The site served by gunicorn on ``port`` (its base URL) until the block ends."""
    from django.db import connections

    connections.close_all()  # the server's workers open their own
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "openeip.web.wsgi:application", "--workers", "4",
         "--bind", "127.0.0.1:{}".format(port), "--log-level", "warning"], env=env)
    base = "http://127.0.0.1:{}".format(port)
    try:
        for _attempt in range(150):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def status_of(url: str, cookie: str) -> int:
    return int(urllib.request.urlopen(urllib.request.Request(
        url, headers={"Cookie": "sessionid=" + cookie})).status)
