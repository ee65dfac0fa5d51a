from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecpConfig(AppConfig):
    name = "openeip.web.recp"
    label = "recp"
    verbose_name = _("Resource efficiency and cleaner production")
