"""The ``openeip`` command: a thin Typer front over core, plus commands that need the database."""

from openeip.cli import backup, demo, eip, intake, recp, server, services, symbiosis  # noqa: F401  (register their commands)
from openeip.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
