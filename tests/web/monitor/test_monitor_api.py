"""Monitor API: meters, readings and baselines through for_user; the batch push with a meter's
or a gateway's token (idempotent, all or nothing, problems by index and field)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.conftest import PERSONAS, SEES_A1
from tests.web.monitor.helpers import metered


@pytest.fixture
def meters(world):
    return metered(world)


def _push(key: str, readings: list[dict]) -> object:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Meter " + key)
    return client.post("/api/monitor/push/", {"readings": readings}, format="json")


HOURS = [{"meter": "E1", "start": "2025-02-01 {:02d}:00".format(h),
          "end": "2025-02-01 {:02d}:00".format(h + 1), "value": str(40 + h)} for h in range(5)]


def test_push_with_a_meter_token_is_idempotent(world, meters):
    from openeip.web.monitor.models import PushToken, Reading

    _token, key = PushToken.issue(park=world.alpha, company=world.a1, meter=meters.e1,
                                  name="E1 logger")
    first = _push(key, HOURS)
    assert first.status_code == 200, first.content
    assert first.json()["inserted"] == 5
    again = _push(key, HOURS)
    assert again.json() == {"rows": 5, "inserted": 0, "updated": 0, "unchanged": 5,
                            "meters": ["E1"]}
    assert Reading.objects.filter(meter=meters.e1, start__year=2025).count() == 5


def test_push_refuses_other_meters_and_bad_rows_writing_nothing(world, meters):
    from openeip.web.monitor.models import PushToken, Reading

    _token, key = PushToken.issue(park=world.alpha, meter=meters.e1, company=world.a1,
                                  name="E1 logger")
    before = Reading.objects.count()
    bad = [HOURS[0],
           {"meter": "P1", "start": "2025-02-01 00:00", "end": "2025-02-01 01:00", "value": "1"},
           {"meter": "E1", "start": "2025-02-01 03:00", "end": "2025-02-01 02:00", "value": "1"},
           {"meter": "E1", "start": "2025-02-01 05:00", "end": "2025-02-01 06:00",
            "value": "-3"}]
    response = _push(key, bad)
    assert response.status_code == 400
    found = {(p["index"], p["field"]) for p in response.json()["readings"]}
    assert found == {(1, "meter"), (2, "end"), (3, "value")}
    assert Reading.objects.count() == before


def test_gateway_token_reaches_every_meter_of_its_company(world, meters):
    from openeip.web.monitor.models import PushToken

    _token, key = PushToken.issue(park=world.alpha, company=world.a1, name="A1 gateway")
    rows = HOURS[:1] + [{"meter": "P1", "start": "2025-02-01", "end": "2025-02-02",
                         "value": "3.5", "unit": "t"}]
    response = _push(key, rows)
    assert response.status_code == 200, response.content
    assert response.json()["meters"] == ["E1", "P1"]
    park_meter = _push(key, [{"meter": "PW", "start": "2025-02-01", "end": "2025-02-02",
                              "value": "3"}])
    assert park_meter.status_code == 400  # the park's meter is not A1's


def test_push_without_or_with_a_revoked_key(world, meters):
    from django.utils import timezone

    from openeip.web.monitor.models import PushToken

    assert APIClient().post("/api/monitor/push/", {"readings": []},
                            format="json").status_code == 401
    token, key = PushToken.issue(park=world.alpha, meter=meters.e1, name="old")
    PushToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert _push(key, HOURS).status_code == 401
    assert _push("mtr_guess", HOURS).status_code == 401


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_users_token_cannot_push(world, meters, api, persona):
    response = api(persona).post("/api/monitor/push/", {"readings": HOURS}, format="json")
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_meter_list_per_persona(world, meters, api, persona):
    response = api(persona).get("/api/monitor/meters/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    codes = {row["code"] for row in response.json()["results"]}
    if persona in ("admin", "park_manager"):
        assert codes == {"E1", "P1", "PW"}
    elif persona in SEES_A1:
        assert codes == {"E1", "P1"}
    else:
        assert codes == set()


def test_readings_between_times(world, meters, api):
    response = api("company_user").get("/api/monitor/meters/{}/readings/?from=2023-03-01&to="
                                       "2023-05-01".format(meters.e1.pk))
    assert response.status_code == 200
    assert response.json()["count"] == 2
    bad = api("company_user").get("/api/monitor/meters/{}/readings/?from=soon".format(
        meters.e1.pk))
    assert bad.status_code == 400
