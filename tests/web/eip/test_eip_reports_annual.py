"""The annual report (Circular 05/2025 forms A.5 and B5 as far as known) from core objects.

The tiny dossier of test_eip_reports_pdf: T-ENV-1 carries "Form B5 ENV.2" (12.5 % of firms, not
met), and here T-ENV-2 is given the clause "Form A.5 EVN.1" (the source's spelling) and T-PM-1
"Form A.5 PM.1" — so A.5 lists PM.1 before ENV.1 (the form's order), B5 lists ENV.2 alone.
"""

from __future__ import annotations

import dataclasses
import io

import openpyxl
from django.utils import translation

from openeip.web.eip.reports.annual import annual_filename, annual_pdf, annual_xlsx, form_rows
from tests.web.eip.test_eip_reports_pdf import ENV2, PM1, tiny_dossier
from tests.web.recp.test_reports_pdf import pdf_text


def annual_dossier():
    dossier = tiny_dossier()
    env2 = dataclasses.replace(ENV2, clause="Form A.5 EVN.1")
    pm1 = dataclasses.replace(PM1, clause="Art. 37(1)(c); Circular 05/2025 form A.5 PM.1")
    swap = {"T-ENV-2": env2, "T-PM-1": pm1}
    results = tuple(dataclasses.replace(item, criterion=swap.get(item.criterion.id,
                                                                 item.criterion))
                    for item in dossier.result.results)
    criteria = tuple(swap.get(c.id, c) for c in dossier.edition.criteria)
    return dataclasses.replace(
        dossier, year=2024, edition=dataclasses.replace(dossier.edition, criteria=criteria),
        result=dataclasses.replace(dossier.result, results=results))


def test_form_items_are_read_from_the_clauses_in_the_forms_order():
    dossier = annual_dossier()
    with translation.override("en"):
        a5 = [(row.code, row.row.id) for row in form_rows(dossier, "en", "A.5")]
        b5 = [(row.code, row.row.id) for row in form_rows(dossier, "en", "B5")]
    assert a5 == [("PM.1", "T-PM-1"), ("ENV.1", "T-ENV-2")]
    assert b5 == [("ENV.2", "T-ENV-1")]


def test_the_annual_report_says_it_is_not_the_official_form_in_both_languages():
    dossier = annual_dossier()
    english = pdf_text(annual_pdf(dossier, "en"))
    vietnamese = pdf_text(annual_pdf(dossier, "vi"))
    assert "Annual eco-industrial park report 2024" in english
    assert "Not the official form." in english
    assert "Firms applying RECP solutions." in english and "12.5 %" in english
    assert "Doanh nghiệp áp dụng giải pháp SXSH." in vietnamese and "12,5 %" in vietnamese
    assert "Company A1 (A1)" in english


def test_the_annual_workbook_has_a_sheet_per_form():
    workbook = openpyxl.load_workbook(io.BytesIO(annual_xlsx(annual_dossier(), "en")))
    assert workbook.sheetnames == ["Report", "Form A.5 (park)", "Form B5 (enterprises)",
                                   "Eco-enterprises", "Indicators"]
    b5 = list(workbook["Form B5 (enterprises)"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[6], row[7]) for row in b5] == [
        ("ENV.2", "T-ENV-1", 12.5, "not met")]
    assert annual_filename(annual_dossier(), "vi") == "eip-annual-report-alpha-2024-vi.pdf"
