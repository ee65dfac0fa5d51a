from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecpConfig(AppConfig):
    name = "openeip.web.recp"
    label = "recp"
    verbose_name = _("Resource efficiency and cleaner production")

    def ready(self) -> None:
        from openeip.web.recp.reports.builder import register_builders

        register_builders()  # its reports, made as report jobs (openeip.web.reports)
