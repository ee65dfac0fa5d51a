"""The MQTT subscriber against a real broker: Debian's mosquitto started here on a free port
(the machine's own broker is not used). The subscriber and a gateway's client run in this
thread, so the subscriber writes through the test's database connection.

Skipped, saying why, only when the mosquitto binary is absent (`make system-deps` installs it).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.web.monitor.helpers import metered

MOSQUITTO = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin:/sbin")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    if MOSQUITTO is None:
        pytest.skip("the mosquitto broker binary is absent (Debian package mosquitto; "
                    "`make system-deps` installs it)")
    port = _free_port()
    folder: Path = tmp_path_factory.mktemp("mosquitto")
    config = folder / "mosquitto.conf"
    config.write_text("listener {} 127.0.0.1\nallow_anonymous true\npersistence false\n"
                      .format(port))
    process = subprocess.Popen([str(MOSQUITTO), "-c", str(config)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stdout.read().decode()) from None
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def meters(world):
    return metered(world)


class Gateway:
    """A gateway's MQTT client: publishes a batch and waits for the subscriber's answer."""

    def __init__(self, port: int, subscriber) -> None:
        import paho.mqtt.client as mqtt

        self.answers: list[dict] = []
        self.subscriber = subscriber
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="gateway-test")
        self.client.on_message = lambda _c, _u, m: self.answers.append(json.loads(m.payload))
        self.client.connect("127.0.0.1", port)
        self.client.subscribe("openeip/+/+/+/result", qos=1)
        self.pump(lambda: False, 0.3)

    def pump(self, done, seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            self.subscriber.loop(0.02)
            self.client.loop(0.02)

    def send(self, topic: str, body: dict | bytes) -> dict:
        before = len(self.answers)
        payload = body if isinstance(body, bytes) else json.dumps(body)
        self.client.publish(topic, payload, qos=1)
        self.pump(lambda: len(self.answers) > before)
        assert len(self.answers) > before, "no answer from the subscriber"
        return self.answers[-1]


@pytest.fixture
def gateway(broker, world):
    from openeip.web.monitor.services.mqtt import Subscriber

    subscriber = Subscriber("127.0.0.1", broker, client_id="openeip-test",
                            fresh_connections=False)
    subscriber.connect()
    client = Gateway(broker, subscriber)
    assert subscriber.subscribed
    yield client
    client.client.disconnect()
    subscriber.stop()


HOURS = [{"start": "2025-02-01 {:02d}:00".format(h), "end": "2025-02-01 {:02d}:00".format(h + 1),
          "value": str(40 + h)} for h in range(3)]


def test_a_meter_topic_stores_once_and_again_changes_nothing(world, meters, gateway):
    from openeip.web.monitor.models import DailyTotal, PushToken, Reading

    _token, key = PushToken.issue(park=world.alpha, company=world.a1, meter=meters.e1,
                                  name="E1 logger")
    before = Reading.objects.filter(meter=meters.e1).count()
    first = gateway.send("openeip/alpha/meters/E1", {"token": key, "readings": HOURS, "id": 7})
    assert first == {"ok": True, "rows": 3, "inserted": 3, "updated": 0, "unchanged": 0,
                     "meters": ["E1"], "id": 7}
    assert Reading.objects.filter(meter=meters.e1).count() == before + 3
    assert DailyTotal.objects.get(meter=meters.e1, day="2025-02-01").value == 40 + 41 + 42
    again = gateway.send("openeip/alpha/meters/E1", {"token": key, "readings": HOURS})
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert Reading.objects.filter(meter=meters.e1).count() == before + 3


def test_token_rules_and_bad_rows_write_nothing(world, meters, gateway):
    from openeip.web.monitor.models import PushToken, Reading

    _token, key = PushToken.issue(park=world.alpha, company=world.a1, meter=meters.e1,
                                  name="E1 logger")
    before = Reading.objects.count()
    # a meter's key on another meter's topic
    other = gateway.send("openeip/alpha/meters/P1", {"token": key, "readings": HOURS})
    assert other["ok"] is False and "P1" in other["error"]
    # another park's topic
    assert "beta" in gateway.send("openeip/beta/meters/E1", {"token": key,
                                                             "readings": HOURS})["error"]
    # an unknown key, a message that is not JSON
    assert gateway.send("openeip/alpha/meters/E1", {"token": "mtr_nope",
                                                    "readings": HOURS})["ok"] is False
    assert gateway.send("openeip/alpha/meters/E1", b"not json")["error"]
    # bad rows: every one by index and field, nothing stored
    rows = [dict(HOURS[0]), {"start": "2025-02-02 01:00", "end": "2025-02-02 00:00",
                             "value": "5"}, {"meter": "P1", **HOURS[1]},
            {"start": "2025-02-02 03:00", "end": "2025-02-02 04:00", "value": "lots"}]
    bad = gateway.send("openeip/alpha/meters/E1", {"token": key, "readings": rows})
    assert bad["ok"] is False
    assert [(p["index"], p["field"]) for p in bad["readings"]] == [
        (1, "end"), (2, "meter"), (3, "value")]
    assert Reading.objects.count() == before


def test_a_gateway_topic_reaches_its_companys_meters_only(world, meters, gateway):
    from openeip.web.monitor.models import PushToken, Reading

    _token, key = PushToken.issue(park=world.alpha, company=world.a1, name="A1 gateway")
    rows = [{"meter": "E1", **HOURS[0]}, {"meter": "P1", **HOURS[0]}]
    answer = gateway.send("openeip/alpha/gateways/a1-gw", {"token": key, "readings": rows})
    assert answer["ok"] and answer["meters"] == ["E1", "P1"] and answer["inserted"] == 2
    # the park's own meter PW is not A1's
    refused = gateway.send("openeip/alpha/gateways/a1-gw", {
        "token": key, "readings": [{"meter": "PW", **HOURS[1]}]})
    assert [(p["index"], p["field"]) for p in refused["readings"]] == [(0, "meter")]
    assert not Reading.objects.filter(meter=meters.pw, start__year=2025).exists()


def test_the_command_needs_a_broker_and_the_topics_are_per_meter_and_gateway(db):
    from django.core.management import CommandError, call_command

    from openeip.web.monitor.services.mqtt import handle_message, topics

    with pytest.raises(CommandError, match="--host"):
        call_command("monitor_mqtt", host="")
    assert topics("site/openeip") == ["site/openeip/+/meters/+", "site/openeip/+/gateways/+"]
    assert "Unknown topic" in handle_message("openeip/alpha/valves/V1", b"{}")["error"]


def test_a_batch_over_the_limit_is_refused_whole(world, meters):
    from openeip.web.monitor.models import PushToken
    from openeip.web.monitor.services.push import MOST_READINGS, push_readings

    token, _key = PushToken.issue(park=world.alpha, meter=meters.e1, name="E1 logger")
    outcome = push_readings(token, [dict(HOURS[0])] * (MOST_READINGS + 1), via="mqtt",
                            meter="E1")
    assert not outcome.ok and str(MOST_READINGS) in outcome.error
