"""The ``openeip`` command: a thin Typer front over core, plus commands that need the database."""

from openeip.cli import (  # noqa: F401  (register their commands)
    backup,
    community,
    demo,
    eip,
    finance,
    intake,
    monitor,
    recp,
    server,
    services,
    symbiosis,
)
from openeip.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
