from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcofairConfig(AppConfig):
    name = "openeip.web.ecofair"
    label = "ecofair"
    verbose_name = _("Eco-Fair marketplace")
