"""demo commands (filled in by their owners)."""

from openeip.cli._app import app  # noqa: F401
