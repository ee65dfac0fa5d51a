"""Meters, their readings and roll-ups, baselines, adjustments, targets, alerts and push tokens.

Who may see a row (``openeip.web.base.access``): a meter belongs to a company (its members,
granted consultants and the park's managers) or to the park itself (company empty: the park's
managers, by the rule added to the company path). Every other model reaches its owner through
its meter; a push token like a meter.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.registry.models import Company, Park, ParkManager


class Resource(models.TextChoices):
    ELECTRICITY = "electricity", _("electricity")
    WATER = "water", _("water")
    STEAM = "steam", _("steam")
    FUEL = "fuel", _("fuel")
    GAS = "gas", _("gas")
    WASTEWATER = "wastewater", _("wastewater")
    HEAT = "heat", _("heat")
    PRODUCTION = "production", _("production")
    OCCUPANCY = "occupancy", _("occupancy")
    DEGREE_DAYS = "degree_days", _("degree days")
    TEMPERATURE = "temperature", _("temperature")
    OTHER = "other", _("other")


#: resources whose series are drivers of a baseline, not uses to save
DRIVER_RESOURCES = frozenset({"production", "occupancy", "degree_days", "temperature"})


class Register(models.TextChoices):
    INTERVAL = "interval", _("interval (quantity per period)")
    CUMULATIVE = "cumulative", _("cumulative register")
    MANUAL = "manual", _("manual (bills by read date)")
    VIRTUAL = "virtual", _("virtual (sum and differences of other meters)")


def _park_meter_rule(prefix: str) -> Any:
    """Meters of the park itself (no company): the park's managers, whatever the action."""

    def rule(user: Any, action: str) -> Q:
        managed = ParkManager.objects.filter(user=user).values("park_id")
        return Q(**{prefix + "company__isnull": True, prefix + "park_id__in": managed})

    return rule


#: a meter: its company's people (base.access ROLES), or the park's managers for a park meter
METER_ACCESS = Owner(company="company", rule=_park_meter_rule(""), rule_ignores_action=True)
#: rows of a meter: the meter's rule, one step further
BY_METER_ACCESS = Owner(company="meter__company", rule=_park_meter_rule("meter__"))


class Meter(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="meters",
                             verbose_name=_("park"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="meters", verbose_name=_("company"),
                                help_text=_("Empty for a meter of the park itself."))
    code = models.CharField(_("meter ID"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    resource = models.CharField(_("resource"), max_length=20, choices=Resource.choices)
    unit = models.CharField(_("unit"), max_length=30,
                            help_text=_("The unit of its readings, such as kWh, m³ or t."))
    register = models.CharField(_("register"), max_length=12, choices=Register.choices,
                                default=Register.INTERVAL)
    flow_kind = models.CharField(_("flow kind"), max_length=20, blank=True,
                                 help_text=_("The kind of flow it measures (energy, water …)."))
    flow_description = models.CharField(
        _("flow"), max_length=200, blank=True,
        help_text=_("The company's flow it measures, such as 'Grid electricity'."))
    time_zone = models.CharField(_("time zone"), max_length=40, default="Asia/Ho_Chi_Minh")
    rollover = models.FloatField(_("register rolls over at"), null=True, blank=True)
    components = models.JSONField(
        _("components"), default=list, blank=True,
        help_text=_("Virtual meters: [{\"meter\": ID, \"sign\": 1 or -1}, …]."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Raised by every write of its readings (services.readings.refresh_days, services.bulk),
    # both of which recompute the daily totals; a meter page caches what it derives from the
    # readings under it, so a cached chart or flag can never outlive the data it came from.
    data_version = models.PositiveIntegerField(default=0, editable=False)

    access = METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "code"]
        constraints = [models.UniqueConstraint(fields=["park", "code"], name="meter_code_in_park")]
        verbose_name = _("meter")
        verbose_name_plural = _("meters")

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name)

    @property
    def is_driver(self) -> bool:
        return self.resource in DRIVER_RESOURCES


class Reading(models.Model):
    """A quantity between start and end (from an interval meter, a bill, or two register
    reads); ``flags`` are the quality flags it was stored with (rollover, replacement,
    negative).

    The meter is a foreign key for Django (deleting a meter deletes its readings) but not a
    database constraint (migration 0004): checking it row by row at commit took a third of a
    bulk import's time, and every writer (services.readings, services.bulk) stores readings
    only of meters it has just locked."""

    id = models.BigAutoField(primary_key=True)
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings",
                              db_index=False, db_constraint=False)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    value = models.FloatField(_("value"))
    flags = models.CharField(_("flags"), max_length=60, blank=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "start", "end"],
                                               name="reading_meter_interval")]
        verbose_name = _("reading")
        verbose_name_plural = _("readings")


class RegisterRead(models.Model):
    """A cumulative register's value at a time (kept as read; intervals are derived)."""

    id = models.BigAutoField(primary_key=True)
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="register_reads",
                              db_index=False)
    timestamp = models.DateTimeField(_("time"))
    value = models.FloatField(_("value"))

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "timestamp"],
                                               name="register_read_meter_time")]


class RegisterChange(models.Model):
    """A meter replaced: the old register's last value and the new one's first."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="register_changes")
    timestamp = models.DateTimeField(_("time"))
    old_final = models.FloatField(_("old meter's last value"))
    new_initial = models.FloatField(_("new meter's first value"))
    note = models.TextField(_("note"), blank=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()


class DailyTotal(models.Model):
    """The meter's use of a local day: kept up to date by every import (incremental roll-up)."""

    id = models.BigAutoField(primary_key=True)
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="daily_totals",
                              db_index=False)
    day = models.DateField(_("day"))
    value = models.FloatField(_("value"))
    covered_seconds = models.FloatField(_("seconds covered"))
    flags = models.CharField(_("flags"), max_length=60, blank=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "day"], name="daily_meter_day")]


class NonRoutineAdjustment(models.Model):
    """A change of the baseline's conditions that the drivers do not capture (a new line, a
    closed building): added to the predicted use over its period, with a note and evidence."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="adjustments",
                              verbose_name=_("meter"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    quantity = models.FloatField(
        _("quantity"), help_text=_("In the meter's unit over the whole period; positive when "
                                   "the change adds use."))
    note = models.TextField(_("note"))
    evidence = models.CharField(_("evidence"), max_length=500, blank=True,
                                help_text=_("Where the evidence is: a document, a link."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meter", "start"]
        verbose_name = _("non-routine adjustment")
        verbose_name_plural = _("non-routine adjustments")


class Baseline(models.Model):
    """A stored baseline model: the period and drivers it was fitted on and the fit."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="baselines",
                              verbose_name=_("meter"))
    interval = models.CharField(_("interval"), max_length=10)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    drivers = models.JSONField(_("drivers"), default=list)
    model = models.JSONField(_("model"), default=dict)
    candidates = models.JSONField(_("models tried"), default=list)
    #: why this model (a core Message as JSON, worded in the reader's language when shown)
    explanation = models.JSONField(_("why this model"), default=dict, blank=True)
    accepted = models.BooleanField(_("accepted"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meter", "-created_at"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")


class Target(models.Model):
    """A limit on a meter's use per period, or per unit of a driver (an intensity)."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="targets",
                              verbose_name=_("meter"))
    per_driver = models.ForeignKey(Meter, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("per unit of"))
    interval = models.CharField(_("interval"), max_length=10, default="month")
    limit = models.FloatField(_("limit"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meter", "starts_on"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")


class Alert(models.Model):
    """An alert sent once per meter, kind and period (a data gap, a target breached)."""

    class Kind(models.TextChoices):
        GAP = "gap", _("data gap")
        TARGET = "target", _("target breached")

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("to"))
    detail = models.JSONField(_("detail"), default=dict)
    recipients = models.JSONField(_("sent to"), default=list)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["meter", "kind", "start"],
                                               name="alert_once")]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class PushToken(models.Model):
    """A key a gateway or a meter pushes readings with: for one meter, or for every meter of a
    company (or of the park, company empty). Only the key's hash is stored."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="push_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    access = METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    @classmethod
    def issue(cls, **fields: Any) -> tuple[PushToken, str]:
        """A new token and its key (shown once)."""
        key = "mtr_" + secrets.token_urlsafe(32)
        return cls.objects.create(key_hash=_hash(key), **fields), key

    @classmethod
    def find(cls, key: str) -> PushToken | None:
        return (cls.objects.filter(key_hash=_hash(key), revoked_at__isnull=True)
                .select_related("meter").first())

    def meters(self) -> models.QuerySet[Meter]:
        """The meters this token may push to."""
        if self.meter_id:
            return Meter.objects.filter(pk=self.meter_id)
        rows = Meter.objects.filter(park_id=self.park_id)
        return rows.filter(company_id=self.company_id) if self.company_id else rows


class OptionVerification(models.Model):
    """An RECP option's savings verified by a meter (IPMVP Option C): the baseline, the
    reporting period and the result written into the option's measured change."""

    option = models.ForeignKey("recp.AssessmentOption", on_delete=models.CASCADE,
                               related_name="meter_verifications")
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="verifications")
    baseline = models.ForeignKey(Baseline, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("reporting from"))
    end = models.DateField(_("reporting to"))
    result = models.JSONField(_("result"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()


class ExchangeMeter(models.Model):
    """A meter that measures what flows in a symbiosis exchange (the supplier's outlet or the
    receiver's inlet): the exchange's realised quantity of a month or year can be read from it
    (``services/exchanges.py``, written through symbiosis' own ``record_quantity``)."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="exchanges",
                              verbose_name=_("meter"))
    opportunity = models.ForeignKey("symbiosis.Opportunity", on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("exchange"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    access = BY_METER_ACCESS
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meter", "opportunity"]
        constraints = [models.UniqueConstraint(fields=["meter", "opportunity"],
                                               name="exchange_meter_once")]
        verbose_name = _("meter of an exchange")
        verbose_name_plural = _("meters of exchanges")
