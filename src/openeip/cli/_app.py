from __future__ import annotations

import os
from pathlib import Path

import typer

from openeip.core.errors import Problem
from openeip.core.i18n import LANGUAGES
from openeip.core.i18n import gettext as _

app = typer.Typer(
    help=_("OpenEIP: eco-industrial park data, engines and web platform."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def setup_django(migrate: bool = False) -> None:
    """Configure Django for commands that need the database; optionally migrate it first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openeip.web.settings")
    import django

    django.setup()
    if migrate:
        from django.conf import settings
        from django.core.management import call_command

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0, interactive=False)


def checked_language(code: str) -> str:
    """Typer callback for ``--lang``: 'vi' or 'en'."""
    if code not in LANGUAGES:
        raise typer.BadParameter(_("use vi or en"), param_hint="--lang")
    return code


def checked_out(out: Path, suffixes: tuple[str, ...] | None, wrong_suffix: str = "",
                param_hint: str = "--out") -> str:
    """The file a command is to write: its suffix (lower case), when it is one of ``suffixes``
    (any with None; else ``wrong_suffix`` is said) and its folder exists — each refusal beside
    the option, not as a traceback when the file is opened."""
    suffix = out.suffix.lower()
    if suffixes is not None and suffix not in suffixes:
        raise typer.BadParameter(wrong_suffix, param_hint=param_hint)
    if not out.parent.is_dir():
        raise typer.BadParameter(_("the folder {folder} does not exist; create it or name "
                                   "another").format(folder=out.parent), param_hint=param_hint)
    return suffix


def print_problems(problems: list[Problem]) -> None:
    """Every problem on its own line (sheet, row, column: message), then how many."""
    for problem in problems:
        typer.echo(str(problem).rstrip("\n"))
    typer.echo(_("{count} problem(s); nothing was written. Correct the file and try again.")
               .format(count=len(problems)), err=True)
