"""Counts of a park's grievances: public breakdowns (small cells suppressed by core), the
handlers' monthly trends and the hotspot map (GeoJSON points, handlers only)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth

from openeip.core.community import PublicCounts, public_counts
from openeip.web.community.models import Category, Grievance, Kind, Stage
from openeip.web.registry.models import Park

__all__ = ["hotspots", "public_statistics", "trends"]


def public_statistics(park: Park, year: int) -> dict[str, PublicCounts]:
    """The year's cases of ``park`` by category, by kind and by state (open / closed), each
    breakdown with core's suppression. Nothing else about a case is public."""
    rows = Grievance.objects.filter(park=park, received_at__year=year)
    by_category = Counter(dict(rows.values_list("category").annotate(n=Count("id"))))
    by_kind = Counter(dict(rows.values_list("kind").annotate(n=Count("id"))))
    closed = rows.filter(stage=Stage.CLOSED).count()
    total = rows.count()
    return {
        "category": public_counts({code: by_category.get(code, 0) for code in Category.values}),
        "kind": public_counts({code: by_kind.get(code, 0) for code in Kind.values}),
        "state": public_counts({"open": total - closed, "closed": closed}),
    }


def trends(park: Park, months: int = 12, today: dt.date | None = None) -> dict[str, Any]:
    """Cases received per month and category over the last ``months`` months (handlers)."""
    today = today or dt.date.today()
    first = dt.date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    labels: list[dt.date] = []
    cursor = first
    while cursor <= today:
        labels.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    counts = (Grievance.objects.filter(park=park, received_at__date__gte=first)
              .annotate(month=TruncMonth("received_at")).values("month", "category")
              .annotate(n=Count("id")))
    table = {code: [0] * len(labels) for code in Category.values}
    for row in counts:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        if month in labels:
            table[row["category"]][labels.index(month)] += row["n"]
    return {"months": labels, "series": {code: values for code, values in table.items()
                                         if any(values)}}


def hotspots(park: Park) -> list[dict[str, Any]]:
    """One GeoJSON point per case with a location (handlers only: no text of the case)."""
    rows = (Grievance.objects.filter(park=park, latitude__isnull=False,
                                     longitude__isnull=False)
            .only("id", "category", "severity", "stage", "latitude", "longitude"))
    return [{"type": "Feature",
             "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
             "properties": {"role": "grievance", "id": row.pk, "category": row.category,
                            "name": str(row.get_category_display()),
                            "severity": row.severity, "open": row.stage != Stage.CLOSED}}
            for row in rows]
