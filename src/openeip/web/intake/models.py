"""Import jobs: an uploaded file on its way into the database, with its outcome."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models import Park


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def for_user(self, user: Any) -> ImportJobQuerySet:
        """Jobs ``user`` may see: their own, and every job of a park they manage (admins: all).

        Built on the park rule of :mod:`openeip.web.base.access`, which it does not repeat.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(user=user) | Q(park__in=Park.objects.for_user(user)))


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
    # Messages written by a background worker come out in the language of the upload.
    language = models.CharField(_("language"), max_length=10, default="en")
    filename = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(_("file content"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    background = models.BooleanField(_("in the background"), default=False)
    #: the user confirmed the fuel codes the flow descriptions suggest (a re-run of a failed job)
    accept_suggested_fuels = models.BooleanField(_("suggested fuels accepted"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    #: [{"sheet", "row", "column", "message", "values": {header: raw cell text}}], sorted
    problems = models.JSONField(_("problems"), default=list)
    #: how many problems the file had; ``problems`` keeps only the first few hundred
    problem_count = models.PositiveIntegerField(_("problems found"), default=0)
    #: {"created": {table: n}, "updated": {...}, "unchanged": {...}}, and "accepted_fuels";
    #: a failed job: {"suggested_fuels": [...]} when descriptions suggest missing fuel codes
    #: (each {"description", "code", "word", "rows"})
    result = models.JSONField(_("result"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    #: last sign of life of the worker running the job (PostgreSQL; on SQLite, in the cache)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    #: how many times a worker has started the job (more than one: a worker stopped mid-job)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return "{} → {} ({})".format(self.filename, self.park.slug, self.status)

    def get_absolute_url(self) -> str:
        return reverse("intake:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def restarted(self) -> bool:
        """A worker stopped while running the job and it was (or will be) run again."""
        return self.attempts > 1 or (self.attempts == 1 and self.status == self.Status.PENDING)
