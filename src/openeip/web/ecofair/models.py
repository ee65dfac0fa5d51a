"""Eco-Fair: certified products of the park's companies, their certificates, buyers' requests and
the brokered contacts, traceability of batches, and what the park publishes on its showcase.

* :class:`CertifiedProduct` — a company's product; ``listed`` in the catalogue signed-in buyers
  browse, ``published`` on the park's public showcase.
* :class:`Certificate` — scheme, number, issuer, scope, validity, evidence file; its status
  (verified / expired / revoked / pending) is decided by :mod:`openeip.core.ecofair.certificates`
  from who verified it and its dates, never self-declared.
* :class:`BuyerRequest` — a buyer's "wanted"; :class:`Match` — a product proposed for it by
  :mod:`openeip.core.ecofair.matching`, anonymised until both sides consent.
* :class:`Enquiry` — an enquiry or purchase intention sent through the catalogue (no payment);
  contact details are shared once the seller consents.
* :class:`Batch` and :class:`TraceStep` — a product batch's chain (grower or supplier →
  processor → buyer) with the certificate at each step; a published batch has a public page.
* :class:`Showcase` — what the park publishes at ``/parks/<slug>/showcase/``.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from openeip.core.ecofair.certificates import (
    CertificateStatus,
    expiry_alert,
    schemes,
    status_of,
)
from openeip.web.base.access import ROLES, Owner, RestrictedQuerySet
from openeip.web.base.labels import current_language
from openeip.web.registry.models import Company, Park

STATUS_LABELS = {"verified": _("verified"), "expired": _("expired"), "revoked": _("revoked"),
                 "pending": _("not yet verified")}


def scheme_label(code: str) -> str:
    scheme = schemes().get(code)
    return scheme.label(current_language()) if scheme else code


_lazy_scheme_label = lazy(scheme_label, str)


def scheme_choices() -> list[tuple[str, str]]:
    """The schemes with their names in the reader's language (cited data, en and vi)."""
    return [(code, _lazy_scheme_label(code)) for code in schemes()]


_scheme_choices = scheme_choices


def _listed(user: object, action: str) -> Q | None:
    """A product listed in the catalogue is seen by every signed-in user, as a catalogue is."""
    return Q(listed=True) if action == "view" else None


def _of_listed_product(user: object, action: str) -> Q | None:
    return Q(product__listed=True) if action == "view" else None


#: a certificate is checked with its issuer by the park (its managers), not by the company
_CERTIFICATE_ROLES = {**ROLES, "approve": frozenset({"park_manager"})}


class _Bilingual:
    name_en: str
    name_vi: str

    @property
    def name(self) -> str:
        return (self.name_vi if current_language() == "vi" else self.name_en) or self.name_en


class CertifiedProduct(_Bilingual, models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="ecofair_products", verbose_name=_("company"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    product_group = models.CharField(_("product group"), max_length=60, blank=True,
                                     help_text=_("e.g. textiles, food, furniture"))
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    quantity_per_year = models.FloatField(_("quantity available per year"), null=True,
                                          blank=True)
    listed = models.BooleanField(_("listed in the catalogue"), default=True,
                                 help_text=_("Signed-in buyers can find it and send enquiries."))
    published = models.BooleanField(_("published on the park's showcase"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(company="company", rule=_listed)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "name_en"]
        verbose_name = _("certified product")
        verbose_name_plural = _("certified products")

    def __str__(self) -> str:
        return self.name


def _evidence_path(instance: Certificate, filename: str) -> str:
    return "ecofair/evidence/{}/{}".format(instance.company_id, uuid.uuid4().hex)


class Certificate(models.Model):
    product = models.ForeignKey(CertifiedProduct, on_delete=models.CASCADE,
                                related_name="certificates", verbose_name=_("product"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                                editable=False)
    scheme = models.CharField(_("certification"), max_length=30, choices=_scheme_choices)
    number = models.CharField(_("certificate number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200)
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    evidence = models.FileField(_("evidence (certificate scan)"), upload_to=_evidence_path,
                                blank=True)
    evidence_name = models.CharField(max_length=200, blank=True, editable=False)
    verified = models.BooleanField(_("verified"), default=False, editable=False)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+", editable=False)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False, editable=False)
    note = models.CharField(_("verification note"), max_length=300, blank=True, editable=False)

    access = Owner(company="company", rule=_of_listed_product, roles=_CERTIFICATE_ROLES)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["product", "scheme", "-valid_until"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def save(self, *args: object, **kwargs: object) -> None:
        self.company_id = self.product.company_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return "{} {}".format(self.scheme, self.number)

    def status(self, today: datetime.date | None = None) -> CertificateStatus:
        return status_of(verified=self.verified, revoked=self.revoked,
                         valid_until=self.valid_until, today=today or timezone.localdate())

    @property
    def status_code(self) -> str:
        return self.status().value

    @property
    def status_text(self) -> str:
        return str(STATUS_LABELS[self.status().value])

    @property
    def alert(self) -> bool:
        return expiry_alert(verified=self.verified, revoked=self.revoked,
                            valid_until=self.valid_until, today=timezone.localdate())

    @property
    def scheme_label(self) -> str:
        return scheme_label(self.scheme)


class RequestState(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class BuyerRequest(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="ecofair_requests", verbose_name=_("buyer"))
    title = models.CharField(_("what you want"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    schemes = models.JSONField(_("certifications wanted"), default=list, blank=True)
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    deadline = models.DateField(_("wanted by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RequestState.choices,
                              default=RequestState.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("buyer's request")
        verbose_name_plural = _("buyers' requests")

    def __str__(self) -> str:
        return self.title


class Match(models.Model):
    """A product proposed for a request; each side's identity is shown to the other only once
    both have consented."""

    request = models.ForeignKey(BuyerRequest, on_delete=models.CASCADE, related_name="matches")
    product = models.ForeignKey(CertifiedProduct, on_delete=models.CASCADE,
                                related_name="matches")
    buyer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    shared_words = models.JSONField(default=list)
    same_class = models.CharField(max_length=60, blank=True)
    buyer_consent = models.BooleanField(_("buyer agrees to contact"), default=False)
    seller_consent = models.BooleanField(_("seller agrees to contact"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(company=("buyer", "seller"))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["request", "-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "product"],
                                               name="match_once")]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    @property
    def revealed(self) -> bool:
        return self.buyer_consent and self.seller_consent


class EnquiryKind(models.TextChoices):
    ENQUIRY = "enquiry", _("enquiry")
    INTENTION = "intention", _("purchase intention")


class EnquiryStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted: contact shared")
    DECLINED = "declined", _("declined")


class Enquiry(models.Model):
    product = models.ForeignKey(CertifiedProduct, on_delete=models.CASCADE,
                                related_name="enquiries", verbose_name=_("product"))
    buyer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("buyer"))
    seller = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                               editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=EnquiryKind.choices)
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    value_vnd = models.DecimalField(_("indicative value (VND)"), max_digits=22,
                                    decimal_places=0, null=True, blank=True,
                                    help_text=_("For a purchase intention: what it would be "
                                                "worth; no payment passes through OpenEIP."))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EnquiryStatus.choices,
                              default=EnquiryStatus.SENT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(company=("buyer", "seller"))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def save(self, *args: object, **kwargs: object) -> None:
        self.seller_id = self.product.company_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class StepRole(models.TextChoices):
    GROWER = "grower", _("grower")
    SUPPLIER = "supplier", _("supplier")
    PROCESSOR = "processor", _("processor")
    TRADER = "trader", _("trader")
    BUYER = "buyer", _("buyer")


class Batch(models.Model):
    product = models.ForeignKey(CertifiedProduct, on_delete=models.CASCADE,
                                related_name="batches", verbose_name=_("product"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                                editable=False)
    code = models.CharField(_("batch code"), max_length=60)
    produced_on = models.DateField(_("produced on"))
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    published = models.BooleanField(_("public page (QR code)"), default=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["product", "-produced_on"]
        constraints = [models.UniqueConstraint(fields=["product", "code"],
                                               name="batch_code_once")]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def save(self, *args: object, **kwargs: object) -> None:
        self.company_id = self.product.company_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class TraceStep(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="steps")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                                editable=False)
    position = models.PositiveSmallIntegerField(_("step"))
    role = models.CharField(_("role"), max_length=10, choices=StepRole.choices)
    actor = models.CharField(_("who"), max_length=200)
    location = models.CharField(_("where"), max_length=200, blank=True)
    on = models.DateField(_("when"), null=True, blank=True)
    certificate = models.ForeignKey(Certificate, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("certificate on the platform"))
    certificate_reference = models.CharField(
        _("certificate (outside the platform)"), max_length=200, blank=True,
        help_text=_("Scheme and number of the step's own certificate, e.g. a grower's organic "
                    "certificate; shown as declared, not verified."))

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = _("traceability step")
        verbose_name_plural = _("traceability steps")

    def save(self, *args: object, **kwargs: object) -> None:
        self.company_id = self.batch.company_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Showcase(models.Model):
    park = models.OneToOneField(Park, on_delete=models.CASCADE, related_name="showcase")
    published = models.BooleanField(_("showcase public"), default=False)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_vi = models.TextField(_("introduction (Vietnamese)"), blank=True)
    show_services = models.BooleanField(_("show the published shared services"), default=True)
    show_eip_status = models.BooleanField(_("show the latest EIP assessment"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")

    @property
    def intro(self) -> str:
        return (self.intro_vi if current_language() == "vi" else self.intro_en) or self.intro_en
