"""Production mode (OPENEIP_PRODUCTION=true) turns on HTTPS settings that each environment variable
can turn off again; `check --deploy` finds nothing to warn about; every page sends a CSP."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SETTINGS = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
            "SECURE_PROXY_SSL_HEADER"]
KEY = "k7#Vq2!pX9zR4mW8sL1nT6yB3cF5hJ0dG2aE7uK9oP4iQ1rS8vN6wM3tY5xZ0bC"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # a production process's environment: none of ours, and not the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE (set in tests/e2e/conftest.py when that worker ran them first)
    clean = {name: value for name, value in os.environ.items()
             if not name.startswith("OPENEIP_")
             and name not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "openeip.web.settings", **env})


def _settings(**env: str) -> dict[str, object]:
    code = ("import json; from django.conf import settings; print(json.dumps({name: "
            "getattr(settings, name) for name in " + repr(SETTINGS) + "}))")
    done = _run(["-c", "import django; django.setup(); " + code], **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_production_turns_https_on_and_each_variable_can_turn_it_off():
    assert _settings(OPENEIP_PRODUCTION="true", OPENEIP_SECRET_KEY=KEY) == {
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]}
    assert _settings(OPENEIP_PRODUCTION="true", OPENEIP_SECRET_KEY=KEY,
                     OPENEIP_SSL_REDIRECT="false", OPENEIP_HSTS_SECONDS="0",
                     OPENEIP_PROXY_SSL_HEADER="false", OPENEIP_SECURE_COOKIES="false") == {
        "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None}


def test_check_deploy_is_clean_in_production_mode():
    done = _run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                OPENEIP_PRODUCTION="true", OPENEIP_SECRET_KEY=KEY,
                OPENEIP_ALLOWED_HOSTS="eip.example.org")
    assert done.returncode == 0, done.stderr + done.stdout
    assert "System check identified no issues" in done.stdout


def test_the_embedded_default_serves_plain_http(settings):
    assert settings.SECURE_SSL_REDIRECT is False and settings.SESSION_COOKIE_SECURE is False


def test_every_page_sends_the_content_security_policy(client_as):
    response = client_as("park_manager").get("/parks/alpha/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
