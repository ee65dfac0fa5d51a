"""The park's annual EIP report: Circular 05/2025 forms A.5 (park) and B5 (enterprises), as far as
they are known, as PDF and XLSX.

The official form layout was not available (see /work/shared/reference/eip_framework.md §2.4):
the items are those of a public specification of the two forms, carried by the criteria of the
Decree 35 edition whose clause names them ("Form A.5 ENV.1", "Form B5 SOC.2", …). Each row says
how its value was obtained and how sure its wording and threshold are; the report says on its
first page that it is not the official form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openeip.core.i18n import language as core_language
from openeip.web.base import pdf
from openeip.web.eip.reports.dossier import edition_view
from openeip.web.eip.reports.rows import CriterionRow, criterion_rows, enterprise_table
from openeip.web.eip.reports.workbook import (
    add_sheet,
    colour_status,
    enterprise_header,
    workbook_bytes,
)
from openeip.web.eip.services.content import EipDossier

__all__ = [
    "ANNUAL_EDITION",
    "FormRow",
    "annual_filename",
    "annual_pdf",
    "annual_xlsx",
    "form_rows",
]

#: the edition whose criteria carry the A.5/B5 items
ANNUAL_EDITION = "vn-decree-35-2022"
TEMPLATE = "eip/reports/annual.html"
_FORM_ITEM = re.compile(r"\bform\s+(A\.?5|B\.?5)\s+([A-Z]{2,3})\.(\d+)", re.IGNORECASE)
_GROUP_ORDER = {"PM": 0, "ENV": 1, "EVN": 1, "SOC": 2, "ECO": 3}


@dataclass(frozen=True)
class FormRow:
    form: str                      # "A.5" or "B5"
    code: str                      # "ENV.1"
    row: CriterionRow


def _form_item(clause: str) -> tuple[str, str, int] | None:
    match = _FORM_ITEM.search(clause)
    if match is None:
        return None
    form = "A.5" if match.group(1).upper().startswith("A") else "B5"
    group = match.group(2).upper()
    return form, ("ENV" if group == "EVN" else group), int(match.group(3))


def form_rows(dossier: EipDossier, language: str, form: str) -> list[FormRow]:
    """The criteria that carry an item of ``form`` ('A.5' or 'B5'), in the form's order."""
    found = []
    clauses = {criterion.id: criterion.clause for criterion in dossier.edition.criteria}
    for row in criterion_rows(dossier, language):
        item = _form_item(clauses.get(row.id, ""))  # the file's notation, not the worded one
        if item is not None and item[0] == form:
            found.append((_GROUP_ORDER.get(item[1], 9), item[1], item[2], row))
    found.sort(key=lambda entry: entry[:3])
    return [FormRow(form, "{}.{}".format(group, number), row)
            for _order, group, number, row in found]


def annual_filename(dossier: EipDossier, language: str, extension: str = "pdf") -> str:
    slug = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in dossier.park.slug)
    return "eip-annual-report-{}-{}-{}.{}".format(slug, dossier.year or "", language, extension)


def _context(dossier: EipDossier, language: str) -> dict[str, Any]:
    headers, firms = enterprise_table(dossier)
    return {
        "park": dossier.park,
        "year": dossier.year,
        "edition": edition_view(dossier, language),
        "as_of": date_format(dossier.result.as_of, "DATE_FORMAT"),
        "reporting": dossier.reporting.describe() if dossier.reporting else "",
        "partial_year": bool(dossier.reporting and dossier.reporting.partial),
        "report_date": date_format(timezone.localdate(), "DATE_FORMAT"),
        "page_word": _("Page"),
        "a5": form_rows(dossier, language, "A.5"),
        "b5": form_rows(dossier, language, "B5"),
        "indicators": dossier.indicators,
        "enterprise_headers": headers,
        "enterprises": firms,
        "eco_enterprises": sum(1 for firm in firms if firm.status == "met"),
    }


def annual_pdf(dossier: EipDossier, language: str) -> bytes:
    """The annual report (``dossier.year``) in ``language`` as PDF bytes."""
    with translation.override(language), core_language(language):
        context = _context(dossier, language)
    return pdf.render_pdf(TEMPLATE, context, language)


def _form_sheet(workbook: Any, title: str, rows: list[FormRow]) -> None:
    sheet = add_sheet(
        workbook, title,
        [_("Item"), _("Criterion"), _("Indicator"), _("Applies to"), _("Threshold"), _("Value"),
         _("Value (number)"), _("Status"), _("Origin"), _("Detail"), _("Source"),
         _("Verification"), _("Status code")],
        ([r.code, r.row.id, r.row.text, r.row.applies_to, r.row.threshold, r.row.current,
          r.row.current_value if not isinstance(r.row.current_value, bool) else None,
          r.row.status, r.row.origin, r.row.detail,
          "{} {}".format(r.row.source, r.row.clause).strip(), r.row.verification,
          r.row.status_code] for r in rows),
        widths=(9, 20, 60, 20, 12, 12, 10, 12, 20, 30, 30, 14, 10))
    colour_status(sheet, 8)


def annual_xlsx(dossier: EipDossier, language: str) -> bytes:
    """The annual report as XLSX bytes: a sheet per form, the firms' checks, the notice."""
    from openpyxl import Workbook

    with translation.override(language), core_language(language):
        workbook = Workbook()
        notes = workbook.active
        assert notes is not None
        notes.title = _("Report")[:31]
        for label, value in (
                (_("Annual EIP report"), dossier.year),
                (_("Park"), dossier.park.name),
                (_("Edition"), edition_view(dossier, language)["title"]),
                (_("Assessed as of"), dossier.result.as_of),
                (_("Reporting year and coverage"),
                 dossier.reporting.describe() if dossier.reporting else ""),
                (_("Not the official form"), _(
                    "Items of Circular 05/2025 forms A.5 and B5 as known from a public "
                    "specification of the forms; the official layout and wording were not "
                    "available. Check every item against the Circular before submitting."))):
            notes.append([label, value])
        notes.column_dimensions["A"].width = 28
        notes.column_dimensions["B"].width = 100
        _form_sheet(workbook, _("Form A.5 (park)"), form_rows(dossier, language, "A.5"))
        _form_sheet(workbook, _("Form B5 (enterprises)"), form_rows(dossier, language, "B5"))
        headers, firms = enterprise_table(dossier)
        add_sheet(workbook, _("Eco-enterprises"),
                  [_("Firm"), _("Code"), _("Workers"),
                   *(enterprise_header(h) for h in headers),
                   _("Result")],
                  ([f.name, f.code, f.employees, *(c.status_label for c in f.cells),
                    f.status_label] for f in firms),
                  widths=(36, 12, 10, *(24 for _h in headers), 14))
        add_sheet(workbook, _("Indicators"),
                  [_("Code"), _("Indicator"), _("Value"), _("Unit"), _("How")],
                  ([line.code, line.label, line.value, line.unit, line.detail]
                   for line in dossier.indicators), widths=(26, 50, 14, 14, 60))
        return workbook_bytes(workbook)
