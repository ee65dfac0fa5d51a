"""The park's EIP certification dossier for one edition, as PDF (WeasyPrint).

:func:`dossier_pdf` renders ``eip/reports/dossier.html`` from an :class:`EipDossier`: park
facts, compliance per category with the radar chart, the prerequisite gate, every criterion with
status, value, threshold, evidence, source and verification, the gaps, the action plan and
roadmap, the comparison with the UNIDO averages and other parks, the eco-enterprise checks of the
firms and the history. A notice on the first page says how many criteria were not verified
against the primary text: their thresholds must be checked before an application rests on them.
Access is the caller's business (the web view asks ``for_user`` first).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openeip.core.eip.model import Status, Verification
from openeip.core.eip.references import issuer_name
from openeip.core.i18n import language as core_language
from openeip.web.base import pdf
from openeip.web.base.charts.radar import RadarSeries, radar_chart
from openeip.web.eip.reports.rows import (
    category_name,
    category_rows,
    criterion_rows,
    enterprise_table,
    gap_rows,
    status_label,
    verification_counts,
    verification_label,
)
from openeip.web.eip.services.content import EipDossier

__all__ = ["TEMPLATE", "dossier_context", "dossier_filename", "dossier_pdf", "edition_view"]

TEMPLATE = "eip/reports/dossier.html"


def dossier_filename(dossier: EipDossier, language: str, extension: str = "pdf") -> str:
    slug = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in dossier.park.slug)
    return "eip-dossier-{}-{}-{}.{}".format(slug, dossier.edition.id, language, extension)


def edition_view(dossier: EipDossier, language: str) -> dict[str, Any]:
    edition = dossier.edition
    vietnamese = language == "vi"
    return {
        "id": edition.id,
        "title": edition.title_vi if vietnamese and edition.title_vi else edition.title_en,
        "issuer": issuer_name(edition.issuer),
        "published": date_format(edition.published, "DATE_FORMAT"),
        "status": {"in_force": _("in force"), "historic": _("historic"),
                   "custom": _("imported")}.get(edition.status, edition.status),
        "source_url": edition.source_url,
        "notes": edition.notes_vi if vietnamese and edition.notes_vi else edition.notes_en,
        "criteria": len(edition.criteria),
    }


def _radar(dossier: EipDossier, language: str) -> str:
    """Top-level categories only; the UNIDO average is drawn when the edition has those codes."""
    categories = {category.code: category for category in dossier.edition.categories}
    scores = [score for score in dossier.result.categories
              if score.category in categories and not categories[score.category].parent]
    if not scores:
        return ""
    labels = [category_name(categories[s.category], language, s.category) for s in scores]

    def pct(value: Any) -> float | None:
        return float(value) if value is not None else None

    series = [RadarSeries(_("This park"), [pct(s.compliance_pct) for s in scores])]
    for row in dossier.comparison[:1]:
        values = [pct(row.categories.get(s.category)) for s in scores]
        if any(value is not None for value in values):
            series.append(RadarSeries(row.label, values))
    return pdf.image_uri(radar_chart(labels, series))


def _criteria_by_category(dossier: EipDossier, language: str) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for row in criterion_rows(dossier, language):
        groups.setdefault(row.category, []).append(row)
    return list(groups.items())


def _top_categories(dossier: EipDossier, language: str) -> list[tuple[str, str]]:
    return [(category.code, category_name(category, language))
            for category in dossier.edition.categories if not category.parent]


def dossier_context(dossier: EipDossier, language: str) -> dict[str, Any]:
    """The template's context; call inside the report language (``dossier_pdf`` does)."""
    result = dossier.result
    counts = verification_counts(dossier)
    top = _top_categories(dossier, language)
    headers, enterprise_rows = enterprise_table(dossier)
    scores = {score.category: score.compliance_pct for score in result.categories}
    return {
        "park": dossier.park,
        "edition": edition_view(dossier, language),
        "as_of": date_format(result.as_of, "DATE_FORMAT"),
        "year": dossier.year,
        "reporting": dossier.reporting.describe() if dossier.reporting else "",
        "partial_year": bool(dossier.reporting and dossier.reporting.partial),
        "target_year": dossier.target_year,
        "report_date": date_format(timezone.localdate(), "DATE_FORMAT"),
        "page_word": _("Page"),
        "overall": result.overall,
        "intended_overall": result.intended_overall,
        "prerequisites_met": result.prerequisites_met,
        "prerequisites": [row for row in criterion_rows(dossier, language)
                          if row.is_prerequisite],
        "categories": category_rows(dossier, language),
        "radar": _radar(dossier, language),
        "verification_counts": counts,
        "weak_criteria": counts["unverified"] + counts["secondary"],
        "criteria_groups": _criteria_by_category(dossier, language),
        "gaps": gap_rows(dossier, language),
        "indicators": dossier.indicators,
        "actions": dossier.actions,
        "estimated_deadlines": any(action.deadline_estimated for action in dossier.actions),
        "roadmap": dossier.roadmap,
        "comparison": dossier.comparison,
        "comparison_columns": top,
        "park_columns": [scores.get(code) for code, _name in top],
        "comparison_rows": [
            (row, [row.categories.get(code) for code, _name in top],
             verification_label(Verification(row.verification)) if row.verification else "")
            for row in dossier.comparison
        ],
        "enterprise_headers": headers,
        "enterprises": enterprise_rows,
        "eco_enterprises": sum(1 for line in dossier.enterprises if line.status is Status.MET),
        "history": dossier.history,
        "notes": dossier.notes,
        "status_met": status_label(Status.MET),
    }


def dossier_pdf(dossier: EipDossier, language: str) -> bytes:
    """The dossier in ``language`` ('vi' or 'en') as PDF bytes."""
    with translation.override(language), core_language(language):
        context = dossier_context(dossier, language)
    return pdf.render_pdf(TEMPLATE, context, language)
