"""The access table for monitor rows: a company's meter follows base.access (consultants view and
change, never approve); a park's own meter (no company) and its readings reach the park's
managers only."""

from __future__ import annotations

import datetime as dt

import pytest

from openeip.web.base.access import ACTIONS, visible
from tests.web.base.test_access_table import COMPANIES, PARKS


@pytest.mark.parametrize("persona", sorted(COMPANIES))
def test_meters_and_their_rows_follow_the_table(world, persona):
    from openeip.web.monitor.models import DailyTotal, Meter, PushToken, Reading

    meters = {}
    for company in (world.a1, world.a2, world.b1):
        meters[company.code] = Meter.objects.create(
            park=company.park, company=company, code="E-" + company.code, name="E",
            resource="electricity", unit="kWh")
    for park in (world.alpha, world.beta):
        meters[park.slug] = Meter.objects.create(park=park, code="W-" + park.slug, name="W",
                                                 resource="water", unit="m³")
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for meter in meters.values():
        Reading.objects.create(meter=meter, start=start, end=start + dt.timedelta(hours=1),
                               value=1.0)
        DailyTotal.objects.create(meter=meter, day=start.date(), value=1.0, covered_seconds=3600)
        PushToken.issue(park=meter.park, company=meter.company, meter=meter, name="t")
    user = world.users[persona]
    for action in ACTIONS:
        expected = {"E-" + code for code in COMPANIES[persona][action]} | {
            "W-" + slug for slug in PARKS[persona][action]}
        for model, path in ((Meter, "code"), (Reading, "meter__code"),
                            (DailyTotal, "meter__code"), (PushToken, "meter__code")):
            assert set(visible(model, user, action).values_list(path, flat=True)) == expected, (
                model, action)
