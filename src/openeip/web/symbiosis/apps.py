from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymbiosisConfig(AppConfig):
    name = "openeip.web.symbiosis"
    label = "symbiosis"
    verbose_name = _("Industrial symbiosis")
