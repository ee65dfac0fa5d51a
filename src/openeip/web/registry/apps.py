from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "openeip.web.registry"
    label = "registry"
    verbose_name = _("Parks, companies and resource flows")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from openeip.web.registry.api.revocation import revoke_tokens_on_password_change
        from openeip.web.registry.services import summaries  # noqa: F401 — its receivers

        pre_save.connect(revoke_tokens_on_password_change, sender=get_user_model(),
                         dispatch_uid="openeip-revoke-tokens-on-password-change")
