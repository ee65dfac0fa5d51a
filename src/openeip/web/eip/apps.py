from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EipConfig(AppConfig):
    name = "openeip.web.eip"
    label = "eip"
    verbose_name = _("Eco-industrial park assessment")
