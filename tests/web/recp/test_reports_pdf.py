"""The RECP report as PDF: the company's own data and its assessment, in Vietnamese and English.

Numbers come from the tiny world of tests/conftest.py (company A1, January 2024: 1,000 kWh of
grid electricity bought for 2,000,000 VND, 50 m³ of water, 2 t of sludge, 10 t of fabric) and
one option evaluated by the real services, checked by hand below.

The content is read from the HTML the PDF is laid out from (``report_html``); the real PDF is
read by one test per language (the first two) and by the page-break test.
"""

from __future__ import annotations

import io
from decimal import Decimal
from types import SimpleNamespace

import pypdf
import pytest

from openeip.web.recp.models import Assessment, AssessmentOption
from openeip.web.recp.reports.report import (
    ReportError,
    company_by_reference,
    recp_report_pdf,
    report_filename,
)
from tests.shared_data import shared_data
from tests.web.report_text import pdf_text, report_text

__all__ = ["pdf_text"]  # read by the other report tests
from openeip.web.recp.services.evaluation import evaluate_option
from openeip.web.registry.models import ReportingPeriod


@shared_data(needs=("world",))
def assessed(world: SimpleNamespace) -> SimpleNamespace:
    """A1 with a detailed assessment and one evaluated option.

    The option saves 1.2 MWh of grid electricity a year (A1 bought 1 MWh in its one month,
    12 MWh a year) at A1's own price, 2,000,000 VND / 1 MWh, for an investment of 2,000,000 VND
    over 5 years at 10 %:
      savings   S   = 1.2 × 2,000,000                         = 2,400,000 VND/yr
      payback       = 2,000,000 / 2,400,000                   = 0.833 yr  → 0.8
      NPV           = −2,000,000 + 2,400,000 × 3.790786769     = 7,097,888 VND
      GHG avoided   = 1.2 MWh × 0.6811 tCO2e/MWh (grid 2024)  = 0.82 tCO2e/yr
    """
    january = ReportingPeriod.objects.get(year=2024, month=1)
    world.assessment = Assessment.objects.create(
        company=world.a1, kind=Assessment.Kind.DETAILED, title="Dye house 2024",
        team="Nguyễn Thị Lan (energy manager)", baseline_period=january,
        focus_areas=["energy", "water"], gwp_set="AR6")
    option = AssessmentOption.objects.create(
        assessment=world.assessment, title_en="Speed control on the dye pump",
        title_vi="Biến tần cho bơm nhuộm", category="equipment_modification",
        investment_vnd=Decimal("2000000"), lifetime_years=5, discount_rate=Decimal("0.10"),
        savings=[{"description": "Grid electricity", "quantity": 1.2, "unit": "MWh"}])
    world.option = evaluate_option(option)
    return world


# PDF layout: no database decides it; the PostgreSQL run checks the data (report_html)
@pytest.mark.one_database
def test_the_english_report_names_the_company_its_assessment_and_its_option(assessed):
    text = pdf_text(recp_report_pdf(assessed.a1, "en"))
    assert "Company A1" in text
    assert "Park alpha" in text
    assert "Dye house 2024" in text
    assert "Nguyễn Thị Lan (energy manager)" in text
    assert "Speed control on the dye pump" in text
    assert "Equipment modification" in text


# PDF layout: no database decides it; the PostgreSQL run checks the data (report_html)
@pytest.mark.one_database
def test_the_vietnamese_report_is_in_vietnamese(assessed):
    text = pdf_text(recp_report_pdf(assessed.a1, "vi"))
    assert "Công ty A1" in text
    assert "KCN alpha" in text
    assert "Biến tần cho bơm nhuộm" in text
    assert "Cải tiến thiết bị" in text
    assert "Speed control" not in text


def test_option_figures_are_written_with_each_languages_separators(assessed, report_html):
    english = report_text(recp_report_pdf(assessed.a1, "en"))
    vietnamese = report_text(recp_report_pdf(assessed.a1, "vi"))
    for figure in ("2,000,000", "2,400,000", "7,097,888", "0.8", "0.82"):
        assert figure in english
    for figure in ("2.000.000", "2.400.000", "7.097.888", "0,8", "0,82"):
        assert figure in vietnamese


def test_data_completeness_counts_the_months_of_each_indicator_family(world, report_html):
    text = report_text(recp_report_pdf(world.a1, "en"))
    # A1 reported energy, water and waste in January 2024, but no materials or wastewater
    assert "Energy 1 / 1 yes" in text
    assert "Materials 0 / 1 gaps" in text
    assert "Wastewater 0 / 1 gaps" in text


def test_a_company_without_an_assessment_still_gets_a_report_saying_so(world, report_html):
    text = report_text(recp_report_pdf(world.a2, "en"))
    assert "Company A2" in text
    assert "No assessment has been recorded for this company yet" in text


def test_an_assessment_of_another_company_is_refused(assessed, report_html):
    with pytest.raises(ReportError, match="Company B1 has no assessment"):
        recp_report_pdf(assessed.b1, "en", assessment_id=assessed.assessment.pk)


def test_companies_are_found_by_number_or_by_park_and_code(world):
    assert company_by_reference(str(world.a1.pk)) == world.a1
    assert company_by_reference("beta/B1") == world.b1
    with pytest.raises(ReportError, match="There is no company 'alpha/ZZ'"):
        company_by_reference("alpha/ZZ")
    with pytest.raises(ReportError, match="names no company"):
        company_by_reference("A1")


def test_the_file_name_carries_the_company_code_and_language(world):
    assert report_filename(world.a1, "vi") == "recp-report-A1-vi.pdf"


def test_the_six_indicators_are_reported_absolute_and_per_output(world, report_html):
    # January 2024 (no whole year yet): 1 MWh, 50 m³ and 2 t for 10 t of fabric sold for
    # 500 million VND: 0.1 MWh/t, 5 m³/t, 0.2 t/t; 0.002, 0.1 and 0.004 per million VND.
    text = report_text(recp_report_pdf(world.a1, "en"))
    assert "Figures of January 2024" in text
    assert "Energy 1 MWh 0.1 MWh/t 0.002 MWh/million VND" in text
    assert "Water 50 m³ 5 m³/t 0.1 m³/million VND" in text
    assert "Waste 2 t 0.2 t/t 0.004 t/million VND" in text
    assert "Materials – – –" in text
    assert "Materials: Nothing is recorded for this period." in text


def test_ghg_names_the_gwp_set_and_counts_grid_electricity_in_scope_2(world, report_html):
    # 1 MWh × 0.6811 tCO2e/MWh (Vietnam's grid factor for 2024) = 0.681 tCO2e, all scope 2
    text = report_text(recp_report_pdf(world.a1, "en"))
    assert "IPCC AR5 100-year global warming potentials" in text
    assert "2024 0 0.681 0.681 0" in text
    assert "Grid electricity 2 0.681" in text
    assert "Grid emission factor: 2024 0.6811 tCO2e/MWh" in text


def test_balances_show_their_closure_errors_and_flags(world, report_html):
    # mass: nothing bought as a mass, 10 t fabric + 2 t sludge out → closure −12 t;
    # water: 50 m³ in, nothing out → 50 m³, 100 %, flagged above its 10 % threshold
    text = report_text(recp_report_pdf(world.a1, "en"))
    assert "Mass (t) 0 12 -12 – 5 % yes: find the missing flow" in text
    assert "Water (m³) 50 0 50 100.0 10 % yes: find the missing flow" in text


def test_unpriced_losses_are_named_never_costed_at_zero_silently(world, report_html):
    text = report_text(recp_report_pdf(world.a1, "en"))
    assert "50 m³ of it has no price, so its cost is not counted." in text
    assert "No price for 'Tap water' of A1 in 2024-01." in text


def test_what_the_figures_assume_carries_each_sources_verification(world, report_html):
    text = report_text(recp_report_pdf(world.a1, "en"))
    assert "Grid electricity 2,000,000 VND/MWh cost recorded by the company on its flows 2024 " \
           "recorded" in text
    assert "Mass balance closure threshold 5 %" in text
    assert "unverified" in text


def test_the_macc_applies_the_option_to_the_baseline_years_emissions(assessed, report_html):
    # baseline: 1 MWh a month × 12 × 0.6811 = 8.17 tCO2e a year; the option avoids 0.82
    text = report_text(recp_report_pdf(assessed.a1, "en"))
    assert "Baseline: 8.17 tCO2e in 2024 (GWP set AR6)" in text
    assert "1 Speed control on the dye pump 0.82 0.82" in text


def test_the_vietnamese_report_writes_its_sections_and_numbers_in_vietnamese(assessed, report_html):
    text = report_text(recp_report_pdf(assessed.a1, "vi"))
    assert "Năng lượng 1 MWh 0,1 MWh/t 0,002 MWh/triệu VND" in text
    assert "Khí nhà kính" in text
    assert "Hệ số phát thải lưới điện: 2024 0,6811 tCO2e/MWh" in text
    assert "Đường cong chi phí giảm phát thải biên (MACC)" in text


def _page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split())
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


# PDF layout: no database decides it; the PostgreSQL run checks the data (report_html)
@pytest.mark.one_database
def test_short_sections_share_a_page_instead_of_leaving_it_nearly_blank(assessed):
    # Every section used to start a new page: page 2 held only the short "Company and data".
    pages = _page_texts(recp_report_pdf(assessed.a1, "en"))
    assert "1. Company and data" not in pages[0]  # the cover has its page to itself
    second = pages[1]
    assert "1. Company and data" in second
    assert "2. The six RECP indicators" in second
    assert len(pages) <= 7  # ten when every section took a new page
