from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from openeip.web.monitor.services.alerts import check_alerts


class Command(BaseCommand):
    help = "Send the monitor's e-mail alerts that are due (data gaps, targets breached)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--lang", default="vi", choices=["vi", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        sent = check_alerts(language=options["lang"])
        self.stdout.write("{} alert(s) sent.".format(len(sent)))
