"""The finance lines a user can choose: the shipped ones and those admins imported, and the
dated USD rate (shipped rates plus the admins' newer ones)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from openeip.core.errors import IntakeError
from openeip.core.finance import lines as core_lines
from openeip.core.finance.lines import FinanceLine
from openeip.web.finance.models import ImportedLine, UsdRate

__all__ = ["all_lines", "get_line", "import_line", "is_shipped", "usd_rate"]


def all_lines() -> dict[str, FinanceLine]:
    """Shipped lines first, then imported ones, by id (an imported row that no longer parses
    is left out rather than breaking every page)."""
    found = dict(core_lines.shipped_lines())
    for row in ImportedLine.objects.all():
        try:
            found.setdefault(row.line_id, core_lines.parse_line(row.content, row.line_id))
        except IntakeError:
            continue
    return found


def get_line(line_id: str) -> FinanceLine | None:
    return all_lines().get(line_id)


def is_shipped(line_id: str) -> bool:
    return line_id in core_lines.shipped_lines()


def import_line(content: bytes, filename: str, user: Any) -> ImportedLine:
    """Store a line from a YAML/XLSX file (an imported line of the same id is replaced, a shipped
    one never); IntakeError listing every problem, nothing stored then."""
    line = core_lines.read_line_file(content, filename)
    core_lines.check_not_shipped(line)
    with transaction.atomic():
        row, _created = ImportedLine.objects.update_or_create(
            line_id=line.id, defaults={"based_on": line.based_on,
                                       "content": core_lines.line_to_data(line),
                                       "uploaded_by": user})
    return row


def usd_rate(on: dt.date | None = None) -> core_lines.UsdRate:
    """The latest rate on or before ``on`` among the shipped and the admins' rates."""
    extra = tuple(core_lines.UsdRate(row.day, float(row.vnd_per_usd), row.source, "admin")
                  for row in UsdRate.objects.all())
    return core_lines.usd_rate(on, extra)
