"""Import jobs: an uploaded file on its way into the database, with its outcome."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models import Park


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("imported")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="import_jobs",
                             verbose_name=_("park"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             verbose_name=_("user"))
    via = models.CharField(max_length=10, default="web")
    filename = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(_("file content"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    problems = models.JSONField(_("problems"), default=list)
    result = models.JSONField(_("result"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return "{} → {} ({})".format(self.filename, self.park.slug, self.status)
