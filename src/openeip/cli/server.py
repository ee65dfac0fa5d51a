"""Django's own management commands, reachable as ``openeip manage …``."""

from __future__ import annotations

import os
import sys

import typer

from openeip.cli._app import app
from openeip.core.i18n import gettext as _


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
             add_help_option=False,
             help=_("Run a Django management command (migrate, runserver, run_huey, "
                    "createsuperuser …)."))
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (migrate, runserver, run_huey, createsuperuser …)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openeip.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0] + " manage", *ctx.args])
