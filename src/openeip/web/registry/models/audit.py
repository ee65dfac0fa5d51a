"""Who changed which resource data, when, and from what to what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models.parks import Company


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, verbose_name=_("who"))
    via = models.CharField(_("via"), max_length=20, help_text=_("web, api, cli or admin"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    company = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="audit_entries", verbose_name=_("company"))
    object_type = models.CharField(_("object type"), max_length=40)
    object_key = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict,
                               help_text=_("field: [before, after]"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return "{} {} {} {}".format(self.at, self.user, self.action, self.object_key)
