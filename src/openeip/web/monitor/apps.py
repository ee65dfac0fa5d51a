from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "openeip.web.monitor"
    label = "monitor"
    verbose_name = _("Monitoring and verification")

    def ready(self) -> None:
        # eip and services sit beside monitor: they read its meters through the port below them
        from openeip.web.base.metering import register_meter_source
        from openeip.web.monitor.services import versions
        from openeip.web.monitor.services.wiring import MonitorMeters

        register_meter_source(MonitorMeters())
        versions.connect()
