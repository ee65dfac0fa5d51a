"""What a park publishes: its showcase (products, shared services, EIP status) and the export for
green public procurement (CSV, XLSX). Only what the park and its companies chose to publish."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.csv_cells import guard
from openeip.web.ecofair.models import Certificate, CertifiedProduct, Showcase
from openeip.web.registry.models import Park


def published_showcase(park: Park) -> Showcase | None:
    return Showcase.objects.filter(park=park, published=True).first()


def published_products(park: Park) -> list[CertifiedProduct]:
    """The park's companies' products marked for the showcase, with their certificates."""
    return list(CertifiedProduct.objects.filter(company__park=park, published=True)
                .select_related("company").prefetch_related("certificates", "batches")
                .order_by("company__code", "name_en"))


def published_services(park: Park) -> list[Any]:
    from openeip.web.services.models import SharedAsset

    return list(SharedAsset.objects.filter(park=park, published=True).order_by("code"))


def eip_status(park: Park) -> list[dict[str, Any]]:
    """The latest saved assessment of each edition: its overall compliance."""
    from openeip.web.eip.models import ParkAssessment

    seen: dict[str, dict[str, Any]] = {}
    for row in ParkAssessment.objects.filter(park=park).order_by("edition_id", "-as_of",
                                                                   "-created_at"):
        if row.edition_id in seen:
            continue
        overall = (row.result or {}).get("overall") or {}
        seen[row.edition_id] = {"edition": row.edition_id, "as_of": row.as_of,
                                "compliance_pct": overall.get("compliance_pct"),
                                "prerequisites_met": (row.result or {}).get(
                                    "prerequisites_met")}
    return list(seen.values())


GPP_COLUMNS = ("company", "product", "product_group", "certification", "certificate_number",
               "issuer", "scope", "valid_until", "status")


def gpp_rows(park: Park) -> list[dict[str, Any]]:
    """One row per certificate of a published product (every status shown as it is)."""
    today = timezone.localdate()
    rows = []
    for product in published_products(park):
        certificates: list[Certificate] = list(product.certificates.all())
        for certificate in certificates:
            rows.append({"company": product.company.name, "product": product.name,
                         "product_group": product.product_group,
                         "certification": certificate.scheme_label,
                         "certificate_number": certificate.number,
                         "issuer": certificate.issuer, "scope": certificate.scope,
                         "valid_until": certificate.valid_until.isoformat(),
                         "status": str(_status_label(certificate.status(today).value))})
    return rows


def _status_label(code: str) -> str:
    return {"verified": _("verified"), "expired": _("expired"), "revoked": _("revoked"),
            "pending": _("not yet verified")}[code]


def gpp_csv(park: Park) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GPP_COLUMNS)
    for row in gpp_rows(park):
        writer.writerow([guard(str(row[c])) for c in GPP_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def gpp_xlsx(park: Park) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "GPP"
    headers = [_("Company"), _("Product"), _("Product group"), _("Certification"),
               _("Certificate number"), _("Issued by"), _("Scope"), _("Valid until"),
               _("Status")]
    sheet.append([str(h) for h in headers])
    for row in gpp_rows(park):
        sheet.append([guard(str(row[c])) for c in GPP_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
