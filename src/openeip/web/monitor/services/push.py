"""Readings pushed by a gateway or a meter with its token: the one rule the REST push
(``POST /api/monitor/push/``) and the MQTT subscriber (services.mqtt) share.

* the token decides the meters: a meter's token that meter only, a gateway's token every meter
  of its company (or of the park when it has none); a reading of any other meter is refused
  like an unknown one;
* at most ``MOST_READINGS`` readings per batch, checked like a file's rows (problems by index,
  counted from 0, and field); all or nothing;
* idempotent by meter + interval (or register time): the same batch again changes nothing, so a
  gateway may resend a batch it has no answer for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from openeip.core.i18n import gettext as _
from openeip.core.monitor.table import MeterInfo, parse_readings
from openeip.web.monitor.models import PushToken
from openeip.web.monitor.services.readings import ImportResult, import_parsed

__all__ = ["COLUMNS", "MOST_READINGS", "PushOutcome", "push_readings"]

MOST_READINGS = 50_000
COLUMNS = ("meter", "start", "end", "timestamp", "value", "unit")


@dataclass
class PushOutcome:
    """The stored counts, or the problems (nothing stored)."""

    result: ImportResult | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.result is not None

    def as_dict(self) -> dict[str, Any]:
        if self.result is not None:
            return {"ok": True, **self.result.as_dict()}
        return {"ok": False, "error": self.error, "readings": self.problems}


def push_readings(token: PushToken, rows: Sequence[Mapping[str, Any]], via: str,
                  meter: str | None = None) -> PushOutcome:
    """Check and store ``rows`` (dicts with the READINGS columns) pushed with ``token``.
    ``meter``: the batch is one meter's (an MQTT topic per meter): a reading without a meter
    is that meter's, a reading of another meter is refused."""
    if len(rows) > MOST_READINGS:
        return PushOutcome(error=_("At most {count} readings per push.").format(
            count=MOST_READINGS))
    meters = {m.code: m for m in token.meters().select_related("park", "company")}
    if meter is not None and meter not in meters:
        return PushOutcome(error=_("This key may not push readings of meter '{code}'.").format(
            code=meter))
    infos = {code: MeterInfo(m.register, m.unit, m.time_zone) for code, m in meters.items()}
    cells = []
    problems: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        values = {c: str(row.get(c, "") or "").strip() for c in COLUMNS}
        if meter is not None:
            if not values["meter"]:
                values["meter"] = meter
            elif values["meter"] != meter:
                problems.append({"index": index, "field": "meter", "message": _(
                    "this topic takes readings of meter '{code}' only").format(code=meter)})
                continue
        cells.append((index, values))
    parsed = parse_readings(cells, infos, sheet="readings")
    problems += [{"index": p.row, "field": p.column, "message": p.message}
                 for p in parsed.problems if cells or not problems]
    if problems:
        return PushOutcome(problems=sorted(problems, key=lambda p: (p["index"] or 0)),
                           error=_("Nothing was stored: correct the readings and send them "
                                   "again."))
    result = import_parsed(parsed, meters, None, via=via)
    PushToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return PushOutcome(result=result)
