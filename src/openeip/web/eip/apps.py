from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EipConfig(AppConfig):
    name = "openeip.web.eip"
    label = "eip"
    verbose_name = _("Eco-industrial park assessment")

    def ready(self) -> None:
        from openeip.web.eip.reports.builder import register_builders

        register_builders()  # its reports, made as report jobs (openeip.web.reports)
