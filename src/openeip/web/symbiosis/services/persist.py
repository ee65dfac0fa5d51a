"""Writing many opportunities at once: plain parameterised INSERT and UPDATE statements run with
``executemany`` (pipelined by psycopg on PostgreSQL, native on SQLite).

Django's ``bulk_update`` builds one CASE expression per field per row: a refresh of a 1,000-firm
park (~47,000 opportunities) spent minutes building them. A park refresh changes the same dozen
columns of every row it finds, so a single UPDATE statement per row, sent in one batch, does the
same work in seconds; rows whose values did not change are not written at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection
from django.utils import timezone

from openeip.web.symbiosis.models import Opportunity, OpportunityStatus

#: the columns a match run writes (the firms' status, reveal flags and records are never touched)
FIELDS = ("resource_class", "score", "parts", "benefit", "distance_km", "matched_quantity",
          "unit", "rank_for_supply", "rank_for_demand", "selected", "selected_quantity",
          "current")
JSON_FIELDS = frozenset({"parts", "benefit"})


def _placeholder(field: str) -> str:
    return "%s::jsonb" if field in JSON_FIELDS and connection.vendor == "postgresql" else "%s"


def _value(field: str, value: Any) -> Any:
    return json.dumps(value) if field in JSON_FIELDS else value


def _table() -> str:
    return connection.ops.quote_name(Opportunity._meta.db_table)


def insert(rows: Iterable[Mapping[str, Any]]) -> int:
    """New opportunities (identified, nobody revealed): keys supply_id, demand_id, rule_code
    and every one of :data:`FIELDS`."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = ("supply_id", "demand_id", "rule_code", *FIELDS, "status", "supplier_revealed",
               "receiver_revealed", "created_at", "updated_at")
    marks = [_placeholder(c) if c in FIELDS else "%s" for c in columns]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        _table(), ", ".join(connection.ops.quote_name(c) for c in columns), ", ".join(marks))
    params = [[row["supply_id"], row["demand_id"], row["rule_code"],
               *(_value(f, row[f]) for f in FIELDS),
               OpportunityStatus.IDENTIFIED.value, False, False, now, now] for row in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def update(rows: Iterable[Mapping[str, Any]]) -> int:
    """Existing opportunities by ``id``: every one of :data:`FIELDS` and ``updated_at``."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    assignments = ", ".join("{} = {}".format(connection.ops.quote_name(f), _placeholder(f))
                            for f in FIELDS)
    sql = "UPDATE {} SET {}, {} = %s WHERE {} = %s".format(
        _table(), assignments, connection.ops.quote_name("updated_at"),
        connection.ops.quote_name("id"))
    params = [[*(_value(f, row[f]) for f in FIELDS), now, row["id"]] for row in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)
