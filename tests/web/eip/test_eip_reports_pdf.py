"""The EIP dossier rendered from core objects alone (no stored assessment): PDF and XLSX, both
languages.

The tiny edition has three categories and four criteria, worked by hand:

* T-PM-1 (prerequisite, yes/no, secondary): evidence "yes"            → met
* T-ENV-1 (share of firms ≥ 20 %, secondary): computed 12.5 %         → not met, gap 7.5
* T-ENV-2 (quantity ≥ 1 link, unverified): no data                     → no data (counts as not met)
* T-SOC-1 (yes/no, unverified): not applicable                         → left out

  PM  1 met of 1 applicable  → 100.0 %
  ENV 0 met of 2 applicable  →   0.0 %   (1 with data)
  SOC 0 applicable           →   –
  overall 1 of 3             →  33.3 %
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from openeip.core.eip.model import (
    AppliesTo,
    AssessmentResult,
    Category,
    CategoryScore,
    Criterion,
    CriterionResult,
    Edition,
    Measure,
    Observation,
    Requirement,
    Status,
    Verification,
)
from openeip.web.eip.reports.dossier import dossier_filename, dossier_pdf
from openeip.web.eip.reports.workbook import dossier_xlsx
from openeip.web.eip.services.content import (
    ActionLine,
    ComparisonRow,
    EipDossier,
    EnterpriseItem,
    EnterpriseLine,
    IndicatorLine,
    ParkFacts,
    RoadmapView,
    RoadmapYear,
)
from tests.web.report_text import pdf_text, report_text

AS_OF = dt.date(2024, 12, 31)

CATEGORIES = (
    Category("PM", "Park management", "Quản lý khu công nghiệp"),
    Category("ENV", "Environmental", "Môi trường"),
    Category("SOC", "Social", "Xã hội"),
)
PM1 = Criterion("T-PM-1", "PM", "", Requirement.PREREQUISITE,
                "The operator runs an input/output monitoring mechanism.",
                "Chủ đầu tư vận hành cơ chế giám sát đầu vào, đầu ra.", Measure.YES_NO,
                AppliesTo.OPERATOR, source="decree-35-2022", clause="Art. 37(1)(c)",
                verification=Verification.SECONDARY)
ENV1 = Criterion("T-ENV-1", "ENV", "", Requirement.PERFORMANCE,
                 "Firms applying RECP solutions.", "Doanh nghiệp áp dụng giải pháp SXSH.",
                 Measure.SHARE_OF_FIRMS, AppliesTo.ALL_FIRMS, threshold=Decimal(20), unit="%",
                 indicator="recp_firms_share", source="circular-05-2025", clause="Form B5 ENV.2",
                 verification=Verification.SECONDARY)
ENV2 = Criterion("T-ENV-2", "ENV", "", Requirement.PERFORMANCE,
                 "Operating symbiosis links.", "Liên kết cộng sinh đang vận hành.",
                 Measure.QUANTITY, AppliesTo.PARK, threshold=Decimal(1), unit="links",
                 indicator="symbiosis_links", verification=Verification.UNVERIFIED,
                 note_en="Threshold not found in the primary text.",
                 note_vi="Chưa tìm thấy ngưỡng trong văn bản gốc.")
SOC1 = Criterion("T-SOC-1", "SOC", "", Requirement.PERFORMANCE,
                 "A grievance mechanism for workers.",
                 "Cơ chế giải quyết khiếu nại của người lao động.",
                 Measure.YES_NO, AppliesTo.FIRMS_OVER_100_WORKERS)
EDITION = Edition("test-edition", "Test edition", "Phiên bản thử", "OpenEIP tests",
                  dt.date(2022, 5, 28), "in_force", CATEGORIES, (PM1, ENV1, ENV2, SOC1),
                  notes_en="A tiny edition for tests.", notes_vi="Phiên bản nhỏ để kiểm thử.")


def tiny_result() -> AssessmentResult:
    results = (
        CriterionResult(PM1, Status.MET, Observation("T-PM-1", True, "evidence", AS_OF,
                                                     "Minutes of the board, 2024")),
        CriterionResult(ENV1, Status.NOT_MET,
                        Observation("T-ENV-1", Decimal("12.5"), "computed", AS_OF,
                                    "1 of 8 firms", firms_counted=8), gap=Decimal("7.5")),
        CriterionResult(ENV2, Status.UNKNOWN, None),
        CriterionResult(SOC1, Status.NOT_APPLICABLE, None),
    )
    categories = (CategoryScore("PM", 1, 1, 1), CategoryScore("ENV", 0, 1, 2),
                  CategoryScore("SOC", 0, 0, 0))
    return AssessmentResult("test-edition", AS_OF, results, categories,
                            CategoryScore("overall", 1, 2, 3), prerequisites_met=True)


def tiny_dossier() -> EipDossier:
    firm_items = (
        EnterpriseItem("recp", "Applies RECP", Status.MET, "1 option implemented"),
        EnterpriseItem("symbiosis", "Takes part in symbiosis", Status.NOT_MET),
    )
    return EipDossier(
        park=ParkFacts(name="Park alpha", slug="alpha", province="Đồng Nai",
                       operator="Operator JSC", area_ha=100.0, firms=8, green_space_ha=12.5),
        edition=EDITION,
        result=tiny_result(),
        indicators=(IndicatorLine("recp_firms_share", "Firms applying RECP",
                                  Decimal("12.5"), "%", "1 of 8 firms"),),
        actions=(ActionLine("Set up the RECP help desk", ("T-ENV-1",), "operator", "planned",
                            deadline=dt.date(2025, 6, 30), cost_class="low", months=6,
                            score=Decimal("2.5"), source="action library"),),
        roadmap=RoadmapView((RoadmapYear(2025, 2, 3), RoadmapYear(2026, 3, 3)), 2026),
        comparison=(ComparisonRow("UNIDO average (50 parks)", Decimal(63),
                                  {"PM": Decimal(55), "ENV": Decimal(34), "SOC": Decimal(44)},
                                  verification="secondary"),),
        enterprises=(EnterpriseLine("A1", "Company A1", 120, firm_items, Status.NOT_MET),),
    )


@pytest.fixture
def pdfs(report_html: None) -> dict[str, str]:
    """The dossier's words in each language, read from the HTML the PDF is laid out from."""
    dossier = tiny_dossier()
    return {language: report_text(dossier_pdf(dossier, language)) for language in ("en", "vi")}


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Eco-industrial park (EIP) certification dossier", "33.3 %", "Park alpha")),
    ("vi", ("Chủ đầu tư vận hành cơ chế giám sát đầu vào, đầu ra.", "33,3 %", "12,5 %")),
])
def test_the_dossier_is_a_pdf_in_each_language(language, words):
    """The real PDF (layout, fonts, Vietnamese glyphs): the other tests read its HTML."""
    pdf = dossier_pdf(tiny_dossier(), language)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for word in words:
        assert word in text


def test_the_english_dossier_has_the_scores_the_criteria_and_the_plan(pdfs):
    text = pdfs["en"]
    assert "Eco-industrial park (EIP) certification dossier" in text
    assert "33.3 %" in text and "1 of 3 applicable criteria met" in text
    assert "Every applicable prerequisite is met." in text
    assert "The operator runs an input/output monitoring mechanism." in text
    assert "≥ 20 %" in text and "12.5 %" in text and "7.5 %" in text
    assert "Art. 37 clause 1 point c" in text
    assert "Threshold not found in the primary text." in text
    assert "Set up the RECP help desk" in text
    assert "every criterion is expected to be met in 2026" in text
    assert "UNIDO average (50 parks)" in text and "63 %" in text
    assert "Company A1 (A1)" in text and "0 of 1 firms meet the required items" in text


def test_it_says_how_many_criteria_were_not_verified(pdfs):
    # T-PM-1 and T-ENV-1 secondary, T-ENV-2 and T-SOC-1 unverified: 4 of 4
    assert "Thresholds not verified against the primary text." in pdfs["en"]
    assert "4 of the 4 criteria of this edition were taken from secondary sources" in pdfs["en"]
    assert "unverified: 2, secondary source: 2." in pdfs["en"]


def test_the_vietnamese_dossier_uses_the_vietnamese_texts_and_separators(pdfs):
    text = pdfs["vi"]
    assert "Chủ đầu tư vận hành cơ chế giám sát đầu vào, đầu ra." in text
    assert "Quản lý khu công nghiệp" in text and "Phiên bản thử" in text
    assert "33,3 %" in text and "12,5 %" in text and "7,5 %" in text
    assert "Chưa tìm thấy ngưỡng trong văn bản gốc." in text
    assert "33.3 %" not in text


def test_the_workbook_holds_numbers_and_labels_every_criterion():
    workbook = openpyxl.load_workbook(io.BytesIO(dossier_xlsx(tiny_dossier(), "en")))
    assert workbook.sheetnames[:4] == ["Summary", "Categories", "Criteria", "Gaps"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row}
    assert summary["Overall compliance (%)"] == pytest.approx(33.3)
    assert summary["Criteria unverified"] == 2
    criteria = list(workbook["Criteria"].iter_rows(values_only=True))
    header = criteria[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in criteria[1:]}
    assert by_id["T-ENV-1"]["Value (number)"] == pytest.approx(12.5)
    assert by_id["T-ENV-1"]["Gap"] == pytest.approx(7.5)
    assert by_id["T-ENV-1"]["Status"] == "not met"
    assert by_id["T-ENV-2"]["Verification"] == "unverified"
    gaps = [row[0] for row in workbook["Gaps"].iter_rows(min_row=2, values_only=True)]
    assert gaps == ["T-ENV-1", "T-ENV-2"]  # a gap with data before one without


def test_the_vietnamese_workbook_keeps_the_vietnamese_texts():
    workbook = openpyxl.load_workbook(io.BytesIO(dossier_xlsx(tiny_dossier(), "vi")))
    criteria = workbook.worksheets[2]
    texts = [row[4] for row in criteria.iter_rows(min_row=2, values_only=True)]
    assert "Doanh nghiệp áp dụng giải pháp SXSH." in texts


def test_the_file_name_names_the_park_the_edition_and_the_language():
    assert dossier_filename(tiny_dossier(), "vi") == "eip-dossier-alpha-test-edition-vi.pdf"
    assert dossier_filename(tiny_dossier(), "en", "xlsx") == (
        "eip-dossier-alpha-test-edition-en.xlsx")


def test_the_radar_needs_three_categories_else_bars_are_drawn():
    from openeip.web.base.charts.radar import RadarSeries, radar_chart

    radar = radar_chart(["A", "B", "C"], [RadarSeries("park", [10.0, None, 90.0])])
    bars = radar_chart(["A", "B"], [RadarSeries("park", [10.0, 90.0])])
    # radar 3.6 in high = 259.2 pt; two bars of one series 0.9 + 0.45 × 2 = 1.8 in = 129.6 pt
    assert 'height="259.2pt"' in radar
    assert 'height="129.6pt"' in bars
