"""The EIP certification dossier as an XLSX workbook (openpyxl), in one language.

The same content as the PDF (:mod:`eip_dossier`), one sheet per part, numbers as numbers (a share
in percent, a gap in the criterion's unit) so a park can sort, filter and chart them itself.
The first sheet carries the verification notice: criteria not checked against the primary text
are counted there and labelled in every row.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from openeip.core.eip.model import Verification
from openeip.core.i18n import language as core_language
from openeip.web.eip.reports.dossier import edition_view
from openeip.web.eip.reports.rows import (
    category_rows,
    criterion_rows,
    enterprise_table,
    gap_rows,
    verification_counts,
    verification_label,
)
from openeip.web.eip.services.content import EipDossier

__all__ = ["add_sheet", "dossier_xlsx", "enterprise_header", "workbook_bytes"]

_HEADER_FILL = PatternFill("solid", fgColor="E8F1F5")
_STATUS_FILLS = {"met": "D9F0E0", "not_met": "F9D6CF", "unknown": "E6E6E6"}


def cell_value(value: Any) -> Any:
    """Decimals as floats (Excel has no decimal type), everything else as it is."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def add_sheet(workbook: Workbook, title: str, headers: Sequence[str],
              rows: Iterable[Sequence[Any]], widths: Sequence[int] = ()) -> Worksheet:
    """A sheet with a bold, frozen header row and the rows below it."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def colour_status(sheet: Worksheet, column: int) -> None:
    """Fill the status cells (1-based ``column``) by the row's status code, which the sheet
    carries in its last column."""
    last = sheet.max_column
    for row in sheet.iter_rows(min_row=2):
        code = str(row[last - 1].value)
        if code in _STATUS_FILLS:
            row[column - 1].fill = PatternFill("solid", fgColor=_STATUS_FILLS[code])


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(workbook: Workbook, dossier: EipDossier, language: str) -> None:
    edition = edition_view(dossier, language)
    result = dossier.result
    counts = verification_counts(dossier)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Summary")[:31]
    lines: list[tuple[str, Any]] = [
        (_("EIP certification dossier"), dossier.park.name),
        (_("Park"), "{} ({})".format(dossier.park.name, dossier.park.slug)),
        (_("Province"), dossier.park.province),
        (_("Operator"), dossier.park.operator),
        (_("Area (ha)"), dossier.park.area_ha),
        (_("Firms"), dossier.park.firms),
        (_("Edition"), "{} ({})".format(edition["title"], edition["id"])),
        (_("Issued by"), "{}, {}".format(edition["issuer"], edition["published"])),
        (_("Assessed as of"), result.as_of),
        (_("Reporting year"), dossier.year),
        (_("Reporting year and coverage"),
         dossier.reporting.describe() if dossier.reporting else ""),
        (_("Target year"), dossier.target_year),
        (_("Overall compliance (%)"), result.overall.compliance_pct),
        (_("Criteria met"), result.overall.met),
        (_("Applicable criteria"), result.overall.applicable),
        (_("Prerequisites"), _("all met") if result.prerequisites_met else _("not all met")),
        (_("Criteria unverified"), counts["unverified"]),
        (_("Criteria from secondary sources"), counts["secondary"]),
    ]
    for label, value in lines:
        sheet.append([label, cell_value(value)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    if counts["unverified"] or counts["secondary"]:
        sheet.append([])
        sheet.append([_("Thresholds not verified against the primary text."), _(
            "Their wording and thresholds are paraphrases: check them against the framework or "
            "the legal text before an application or a decision rests on them.")])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color="8A2C00")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90


def _criteria_sheet(workbook: Workbook, title: str, rows: list[Any]) -> None:
    headers = [_("ID"), _("Criteria group"), _("Sub-category"), _("Requirement"), _("Criterion"),
               _("Applies to"), _("Measure"), _("Threshold"), _("Threshold value"), _("Unit"),
               _("Value"), _("Value (number)"), _("Status"), _("Gap"), _("Intended"),
               _("Intended status"), _("Origin"), _("As of"), _("Detail"),
               _("Evidence expected"), _("Note"), _("Source"), _("Clause"), _("Verification"),
               _("Status code"), _("Records shown (supporting only)"),
               _("What still needs evidence")]
    sheet = add_sheet(workbook, title, headers, (
        [row.id, row.category, row.subcategory, row.requirement, row.text, row.applies_to,
         row.measure, row.threshold, row.threshold_value, row.unit, row.current,
         row.current_value if not isinstance(row.current_value, bool) else None, row.status,
         row.gap_value, row.intended, row.intended_status, row.origin, row.as_of, row.detail,
         row.evidence_expected, row.note, row.source, row.clause, row.verification,
         row.status_code, "\n".join(row.support_lines), row.support_needs] for row in rows),
        widths=(16, 18, 18, 16, 60, 18, 16, 12, 10, 8, 14, 10, 12, 8, 12, 12, 18, 11, 30, 40,
                40, 16, 22, 14, 10, 50, 50))
    colour_status(sheet, 13)


def enterprise_header(header: Any) -> str:
    """'Item (secondary source)', or 'Item (reported only; secondary source)'."""
    if header.required:
        return "{} ({})".format(header.label, header.verification_label)
    return "{} ({}; {})".format(header.label, _("reported only"), header.verification_label)


def dossier_workbook(dossier: EipDossier, language: str) -> Workbook:
    """The workbook; call inside the report language (``dossier_xlsx`` does)."""
    workbook = Workbook()
    _summary(workbook, dossier, language)
    add_sheet(workbook, _("Categories"),
              [_("Criteria group"), _("Met"), _("With data"), _("Applicable"), _("Compliance (%)"),
               _("UNIDO average (%)")],
              ([row.name, row.met, row.assessed, row.applicable, row.compliance, row.reference]
               for row in category_rows(dossier, language)), widths=(40, 8, 10, 10, 14, 16))
    _criteria_sheet(workbook, _("Criteria"), criterion_rows(dossier, language))
    _criteria_sheet(workbook, _("Gaps"), gap_rows(dossier, language))
    add_sheet(workbook, _("Indicators"), [_("Code"), _("Indicator"), _("Value"), _("Unit"),
                                          _("How")],
              ([line.code, line.label, line.value, line.unit, line.detail]
               for line in dossier.indicators), widths=(26, 50, 14, 14, 60))
    add_sheet(workbook, _("Actions"),
              [_("Action"), _("Closes"), _("Owner"), _("Deadline"), _("Deadline estimated"),
               _("Status"), _("Cost class"), _("Months"), _("Score"), _("Source")],
              ([a.title, ", ".join(a.criteria), a.owner, a.deadline,
                _("yes") if a.deadline_estimated else "", a.status, a.cost_class, a.months,
                a.score, a.source] for a in dossier.actions),
              widths=(60, 30, 16, 12, 10, 14, 12, 8, 8, 20))
    if dossier.roadmap is not None:
        add_sheet(workbook, _("Roadmap"), [_("Year"), _("Criteria expected met"), _("Of")],
                  ([y.year, y.met, y.of] for y in dossier.roadmap.years), widths=(8, 22, 8))
    codes = [category.code for category in dossier.edition.categories if not category.parent]
    add_sheet(workbook, _("Comparison"),
              [_("Compared with"), _("Overall (%)"), *codes, _("Verification"), _("Note")],
              ([row.label, row.overall, *(row.categories.get(code) for code in codes),
                verification_label(Verification(row.verification)) if row.verification else "",
                row.note] for row in dossier.comparison),
              widths=(30, 12, *(10 for _code in codes), 14, 60))
    headers, firms = enterprise_table(dossier)
    add_sheet(workbook, _("Eco-enterprises"),
              [_("Firm"), _("Code"), _("Workers"),
               *(enterprise_header(h) for h in headers), _("Result")],
              ([f.name, f.code, f.employees, *(c.status_label for c in f.cells), f.status_label]
               for f in firms), widths=(36, 12, 10, *(24 for _h in headers), 14))
    if dossier.history:
        add_sheet(workbook, _("History"), [_("As of"), _("Compliance (%)"), _("Prerequisites")],
                  ([h.as_of, h.compliance_pct,
                    _("all met") if h.prerequisites_met else _("not all met")]
                   for h in dossier.history), widths=(12, 16, 16))
    return workbook


def dossier_xlsx(dossier: EipDossier, language: str) -> bytes:
    """The dossier in ``language`` ('vi' or 'en') as XLSX bytes."""
    with translation.override(language), core_language(language):
        return workbook_bytes(dossier_workbook(dossier, language))
