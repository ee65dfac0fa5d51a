"""Writing the audit trail: one helper, used by every path that changes resource data."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from openeip.web.registry.models import AuditEntry, Company


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # a bad stored value ('inf'): JSON (and PostgreSQL's jsonb) has none
    return str(value) if isinstance(value, Decimal) else value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def entry(*, user: Any, via: str, action: str, company: Company | None, object_type: str,
          object_key: str, changes: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        user=user if user is not None and user.is_authenticated else None,
        via=via, action=action, company=company, object_type=object_type,
        object_key=object_key[:300], changes=changes,
    )
