from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "openeip.web.community"
    label = "community"
    verbose_name = _("Grievances and community dialogue")

    def ready(self) -> None:
        # grievances (received, resolved in time) and dialogue meetings feed the EIP
        # indicators; eip never imports this app, it is told here
        from openeip.web.community.services.indicators import community_inputs
        from openeip.web.eip.services.indicators import register_inputs

        register_inputs("community", community_inputs)
