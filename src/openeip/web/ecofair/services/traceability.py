"""A batch's chain and its public page's QR code (segno)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone

from openeip.web.ecofair.models import Batch


def public_batch(token: str) -> Batch | None:
    return (Batch.objects.filter(token=token, published=True)
            .select_related("product__company__park").first())


def chain(batch: Batch) -> list[dict[str, Any]]:
    today = timezone.localdate()
    rows = []
    for step in batch.steps.select_related("certificate").order_by("position"):
        certificate = step.certificate
        rows.append({"step": step, "certificate": certificate,
                     "status": certificate.status(today).value if certificate else ""})
    return rows


def qr_svg(url: str) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2)
    return out.getvalue()
