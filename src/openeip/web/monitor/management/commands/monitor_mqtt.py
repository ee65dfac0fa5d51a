"""``openeip manage monitor_mqtt --host BROKER``: the MQTT subscriber (services.mqtt), off
unless this command runs."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Subscribe to an MQTT broker and store the readings meters and gateways publish "
            "(topics <prefix>/<park>/meters/<meter> and <prefix>/<park>/gateways/<name>; "
            "see docs/monitor.md).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.environ.get("OPENEIP_MQTT_HOST", ""))
        parser.add_argument("--port", type=int,
                            default=int(os.environ.get("OPENEIP_MQTT_PORT", "1883")))
        parser.add_argument("--prefix", default=os.environ.get("OPENEIP_MQTT_PREFIX", "openeip"))
        parser.add_argument("--username", default=os.environ.get("OPENEIP_MQTT_USERNAME", ""))
        parser.add_argument("--password", default=os.environ.get("OPENEIP_MQTT_PASSWORD", ""))
        parser.add_argument("--client-id", default="openeip-monitor")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["host"]:
            raise CommandError("Give the broker with --host (or OPENEIP_MQTT_HOST).")
        try:
            from openeip.web.monitor.services.mqtt import Subscriber, topics
        except ImportError as error:  # paho-mqtt is in requirements.lock
            raise CommandError("paho-mqtt is missing: pip install -r requirements.lock "
                               "({})".format(error)) from None
        subscriber = Subscriber(options["host"], options["port"], options["prefix"],
                                options["username"], options["password"],
                                options["client_id"])
        self.stdout.write("Subscribing to {} on {}:{}; Ctrl+C stops.".format(
            " and ".join(topics(subscriber.prefix)), options["host"], options["port"]))
        subscriber.connect()
        try:
            subscriber.run_forever()
        except KeyboardInterrupt:
            subscriber.stop()
