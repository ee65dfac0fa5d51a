"""What a park's compliance is compared with: the UNIDO 50-park averages (v1 framework)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from functools import lru_cache
from importlib import resources

#: benchmarks.csv's category names → the category codes of the editions
CATEGORY_CODES = {"overall": "overall", "environmental": "ENV", "social": "SOC",
                  "park_management": "PM", "economic": "ECO"}


@lru_cache(maxsize=1)
def unido_averages() -> dict[str, Decimal]:
    """Category code (and "overall") → UNIDO average compliance in percent; {} when the
    benchmark table is not shipped."""
    try:
        text = resources.files("openeip.data.eip").joinpath("benchmarks.csv").read_text("utf-8")
    except FileNotFoundError:
        return {}
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    found: dict[str, Decimal] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        scope = (row.get("scope") or row.get("category") or "").strip().lower()
        code = CATEGORY_CODES.get(scope.replace(" ", "_"))
        value = row.get("compliance_pct") or row.get("value") or ""
        if code and value and (row.get("country") or "all").lower() in ("all", "", "average"):
            found[code] = Decimal(value)
    return found
