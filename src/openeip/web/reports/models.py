"""Report jobs: a PDF or workbook someone asked for, made in the background, then downloaded.

A job belongs to the user who asked for it and is shown to nobody else; that user must still be
entitled to its subject (the company for an RECP report, the park for the EIP reports) to see or
download it, so a revoked grant also closes the door to reports made before.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models import Company, Park


class ReportJobQuerySet(models.QuerySet["ReportJob"]):
    def for_user(self, user: Any) -> ReportJobQuerySet:
        """The user's own jobs whose company or park they may (still) see."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user).filter(
            Q(company__in=Company.objects.for_user(user))
            | Q(company__isnull=True, park__in=Park.objects.for_user(user)))


class ReportJob(models.Model):
    class Kind(models.TextChoices):
        RECP_PDF = "recp-pdf", _("RECP assessment report (PDF)")
        DOSSIER_PDF = "eip-dossier-pdf", _("EIP certification dossier (PDF)")
        DOSSIER_XLSX = "eip-dossier-xlsx", _("EIP certification dossier (Excel)")
        ANNUAL_PDF = "eip-annual-pdf", _("EIP annual report (PDF)")
        ANNUAL_XLSX = "eip-annual-xlsx", _("EIP annual report (Excel)")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("being made")
        SUCCEEDED = "succeeded", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="report_jobs", verbose_name=_("asked by"))
    kind = models.CharField(_("report"), max_length=20, choices=Kind.choices)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="report_jobs", verbose_name=_("company"))
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="report_jobs",
                             verbose_name=_("park"))
    #: what else the report was asked with: assessment, edition, as_of, target_year, year
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=10)
    #: the request and the state of its data; an identical request shortly after reuses the file
    fingerprint = models.CharField(max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    #: percent done and the step being worked on (see openeip.web.reports.services.runner.STAGES)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(_("step"), max_length=20, default="queued")
    #: the file, relative to settings.REPORT_DIR, and the name it is downloaded under
    file = models.CharField(_("file"), max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self) -> str:
        return "{} {} ({})".format(self.kind, self.company or self.park, self.status)

    def get_absolute_url(self) -> str:
        return reverse("reports:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def format(self) -> str:
        return self.kind.rsplit("-", 1)[-1]
