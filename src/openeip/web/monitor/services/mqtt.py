"""Readings over MQTT (optional, off by default): a subscriber that takes the same batches as
the REST push, with the same tokens and the same idempotency (services.push).

Started only by ``openeip manage monitor_mqtt --host BROKER`` (paho-mqtt, requirements.lock).
Topics, under a prefix (default ``openeip``):

* ``<prefix>/<park>/meters/<meter ID>`` — one meter's readings; a reading may leave out
  ``meter`` (the topic's), a reading of another meter is refused;
* ``<prefix>/<park>/gateways/<name>`` — a gateway's readings of several meters, each naming
  its meter.

The message is JSON: ``{"token": "mtr_…", "readings": [{"start": …, "end": …, "value": …},
…], "id": "optional, echoed"}``; the key travels in the message because the broker's own log-in
is not visible to a subscriber. The token's park must be the topic's, and its meters the ones
it may push (a meter's token: that meter; a gateway's: its company's or the park's). The
answer is published (QoS 1) on the topic followed by ``/result``: the stored counts, or every
problem by index and field, or why the message was refused. The subscription is QoS 1: a
message may arrive twice, which changes nothing.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db import close_old_connections

from openeip.core.i18n import gettext as _
from openeip.web.monitor.models import PushToken
from openeip.web.monitor.services.push import push_readings

__all__ = ["MOST_BYTES", "Subscriber", "handle_message", "topics"]

log = logging.getLogger(__name__)
#: the largest message taken (a batch of 50,000 readings is about 5 MB of JSON)
MOST_BYTES = 16 * 2 ** 20


def topics(prefix: str) -> list[str]:
    """The subscriptions: every park's meter and gateway topics."""
    return ["{}/+/meters/+".format(prefix), "{}/+/gateways/+".format(prefix)]


def _refused(message: str, ident: Any = None) -> dict[str, Any]:
    return {"ok": False, "error": message, "readings": [], "id": ident}


def handle_message(topic: str, payload: bytes, prefix: str = "openeip") -> dict[str, Any]:
    """The answer to one message (and its readings stored when they are sound)."""
    parts = topic.split("/")
    head = prefix.split("/")
    if (len(parts) != len(head) + 3 or parts[:len(head)] != head
            or parts[len(head) + 1] not in ("meters", "gateways")):
        return _refused(_("Unknown topic: use {prefix}/<park>/meters/<meter> or "
                          "{prefix}/<park>/gateways/<name>.").format(prefix=prefix))
    park, kind, name = parts[len(head):]
    if len(payload) > MOST_BYTES:
        return _refused(_("The message is larger than {size} MB.").format(
            size=MOST_BYTES // 2 ** 20))
    try:
        body = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return _refused(_("The message is not JSON."))
    if not isinstance(body, dict):
        return _refused(_("The message must be a JSON object with 'token' and 'readings'."))
    ident = body.get("id")
    key, rows = body.get("token"), body.get("readings")
    if not isinstance(key, str) or not key:
        return _refused(_("Give the meter's or gateway's key in 'token'."), ident)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return _refused(_("Give the readings as a list of objects in 'readings'."), ident)
    token = PushToken.find(key)
    if token is None:
        return _refused(_("Unknown or revoked meter key."), ident)
    if token.park.slug != park:
        return _refused(_("This key is not for park '{park}'.").format(park=park), ident)
    outcome = push_readings(token, rows, via="mqtt", meter=name if kind == "meters" else None)
    return {**outcome.as_dict(), "id": ident}


class Subscriber:
    """A connection to the broker that stores the readings it receives (paho-mqtt)."""

    def __init__(self, host: str, port: int = 1883, prefix: str = "openeip",
                 username: str = "", password: str = "", client_id: str = "",
                 fresh_connections: bool = True) -> None:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion

        self.prefix = prefix.strip("/")
        self.host, self.port = host, port
        self.fresh_connections = fresh_connections
        self.handled = 0
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2,
                                  client_id=client_id or "openeip-monitor")
        if username:
            self.client.username_pw_set(username, password or None)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.subscribed = False

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any,
                    properties: Any = None) -> None:
        if getattr(reason, "is_failure", False):
            log.error("MQTT broker refused the connection: %s", reason)
            return
        client.subscribe([(t, 1) for t in topics(self.prefix)])
        self.subscribed = True

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        if self.fresh_connections:
            close_old_connections()
        try:
            answer = handle_message(message.topic, message.payload, self.prefix)
        except Exception:  # noqa: BLE001 - one bad message must not stop the subscriber
            log.exception("MQTT message on %s could not be handled", message.topic)
            answer = _refused(_("The readings could not be stored; try again later."))
        self.handled += 1
        client.publish(message.topic + "/result", json.dumps(answer, ensure_ascii=False),
                       qos=1)

    def connect(self) -> None:
        self.client.connect(self.host, self.port, keepalive=60)

    def loop(self, timeout: float = 1.0) -> None:
        """Handle what has arrived, waiting at most ``timeout`` seconds (tests, one thread)."""
        self.client.loop(timeout)

    def run_forever(self) -> None:
        self.client.loop_forever(retry_first_connection=True)

    def stop(self) -> None:
        self.client.disconnect()
