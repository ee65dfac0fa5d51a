"""The bilingual certificate (Vietnamese above, English below) as a PDF, with a QR code of its
public verification page."""

from __future__ import annotations

import io
from typing import Any

import segno

from openeip.web.base.pdf import image_uri, render_html, render_pdf
from openeip.web.training.models import Certificate

__all__ = ["certificate_context", "certificate_html", "certificate_pdf", "qr_svg"]

TEMPLATE = "training/certificate.html"


def qr_svg(text: str, scale: int = 4) -> str:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=scale, border=2,
                                     xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def certificate_context(certificate: Certificate, verify_url: str) -> dict[str, Any]:
    registration = certificate.registration
    session = registration.session
    return {"certificate": certificate, "registration": registration, "session": session,
            "course": session.course, "park": session.park, "verify_url": verify_url,
            "qr": image_uri(qr_svg(verify_url))}


def certificate_html(certificate: Certificate, verify_url: str) -> str:
    return render_html(TEMPLATE, certificate_context(certificate, verify_url), "vi")


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    return render_pdf(TEMPLATE, certificate_context(certificate, verify_url), "vi")
