from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "openeip.web.services"
    label = "services"
    verbose_name = _("Shared park services")
