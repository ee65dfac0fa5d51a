"""Fuels from words: a flow description names its fuel, offered as a suggestion the user confirms.

Flows sheet columns: A company_code, B period, C direction, D kind, E description,
F classification_code, G hazardous, H quantity, I unit, J cost_vnd, K fate, L source.
Energy by hand from fuels.csv: anthracite 26.7 MJ/kg; diesel 43.0 MJ/kg at 840 kg/m³.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from openeip.core.errors import IntakeError, Problem, Suggestion
from openeip.core.i18n import language
from openeip.core.intake import apply_suggestions, read_dataset, suggest_fuel
from tests.core.intake_files import COMPANY, FLOW, keys, xlsx


def fuel_flow(description: str, quantity: float, unit: str, code: str = "") -> dict[str, object]:
    return {**FLOW, "kind": "energy", "description": description, "quantity": quantity,
            "unit": unit, "classification_code": code, "source": "supplier"}


COAL = fuel_flow("Than cám 4a", 2, "t")
OIL = fuel_flow("Dầu DO", 1000, "L")


def problems(content: bytes, filename: str = "data.xlsx") -> list[Problem]:
    with pytest.raises(IntakeError) as caught:
        read_dataset(content, filename, known_companies=("C01",))
    return caught.value.problems


@pytest.mark.parametrize(("description", "code", "word"), [
    ("Than cám 4a", "anthracite", "than cám"),
    ("THAN CAM 4A", "anthracite", "than cám"),  # no diacritics, upper case
    ("Than đá", "anthracite", "than đá"),
    ("Than dá cho lò hơi", "anthracite", "than đá"),
    ("Anthracite", "anthracite", "anthracite"),
    ("Dầu DO 0,05S", "diesel", "dầu do"),
    ("Dau FO", "fuel_oil", "dầu fo"),
    ("LPG", "lpg", "lpg"),
    ("Khí hoá lỏng", "lpg", "khí hóa lỏng"),  # either placement of the tone mark
    ("Biomass pellets", "biomass_other", "biomass"),
    ("Trấu", "biomass_other", "trấu"),
    ("Mùn cưa", "wood", "mùn cưa"),
    ("Củi", "wood", "củi"),
    ("Than củi", "charcoal", "than củi"),  # the longer phrase wins over 'củi'
    ("CNG", "natural_gas", "cng"),
    ("Xăng A95", "gasoline", "xăng"),
    ("Sub-bituminous coal", "subbituminous_coal", "sub-bituminous coal"),
])
def test_a_description_names_its_fuel_and_the_word_that_decided(description, code, word):
    found = suggest_fuel(description)
    assert found is not None
    assert (found.code, found.word) == (code, word)


@pytest.mark.parametrize("description", [
    "Dầu",  # oil of which kind?
    "Xăng dầu",  # petroleum products in general, not gasoline
    "Dầu DO và than đá",  # two fuels
    "Grid electricity",
    "LNG",  # natural_gas's density is the gas's: a liquid volume would be ~600× too small
])
def test_a_description_naming_no_single_fuel_gets_no_suggestion(description):
    assert suggest_fuel(description) is None


def test_a_word_inside_another_word_does_not_count():
    assert suggest_fuel("Dogwood") is None  # neither 'do' nor 'wood' as a word
    assert suggest_fuel("Gỗ") is not None and suggest_fuel("Gogo") is None


def test_the_missing_fuel_code_is_a_problem_carrying_the_suggestion():
    found = problems(xlsx(companies=[COMPANY], flows=[COAL, OIL]))
    assert [(p.sheet, p.row, p.column, p.suggestion) for p in found] == [
        ("Flows", 2, "F (classification_code)",
         Suggestion("classification_code", "anthracite", "than cám", "Than cám 4a")),
        ("Flows", 3, "F (classification_code)",
         Suggestion("classification_code", "diesel", "dầu do", "Dầu DO")),
    ]
    assert found[0].message == (
        "Fuel code missing; the description 'Than cám 4a' suggests 'anthracite' (Anthracite), "
        "from the word 'than cám'. Accept the suggested fuel or fill in the fuel code.")


def test_the_problem_is_told_in_vietnamese():
    with language("vi"):
        found = problems(xlsx(companies=[COMPANY], flows=[COAL]))
    assert found[0].message == (
        "Thiếu mã nhiên liệu; mô tả 'Than cám 4a' gợi ý 'anthracite' (Than antraxit), theo từ "
        "'than cám'. Hãy chấp nhận nhiên liệu được gợi ý hoặc điền mã nhiên liệu.")


def test_a_description_without_a_fuel_word_keeps_the_plain_problem():
    found = problems(xlsx(companies=[COMPANY], flows=[fuel_flow("Nhiên liệu lò hơi", 2, "t")]))
    assert found[0].suggestion is None
    assert "needs a fuel code in classification_code" in found[0].message


def test_accepted_suggestions_are_used_and_listed():
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[COAL, OIL]), "data.xlsx",
                           accept_fuel_suggestions=True)
    coal, oil = dataset.flows
    assert (coal.classification_code, oil.classification_code) == ("anthracite", "diesel")
    # 2 t × 26.7 MJ/kg = 53,400 MJ = 14.8333 MWh; 1 m³ × 840 kg/m³ × 43.0 MJ/kg = 10.0333 MWh
    assert coal.base_quantity == pytest.approx(53_400 / 3_600)
    assert oil.base_quantity == pytest.approx(36_120 / 3_600)
    assert [(a.description, a.code, a.word) for a in dataset.accepted_fuels] == [
        ("Than cám 4a", "anthracite", "than cám"), ("Dầu DO", "diesel", "dầu do")]


def test_a_fuel_code_given_in_the_file_is_never_replaced():
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[fuel_flow("Than cám", 2, "t",
                                                                      "bituminous_coal")]),
                           "data.xlsx", accept_fuel_suggestions=True)
    assert dataset.flows[0].classification_code == "bituminous_coal"
    assert dataset.accepted_fuels == []


def test_the_corrected_workbook_has_the_codes_and_reads_without_problems():
    content = xlsx(companies=[COMPANY], flows=[COAL, OIL])
    corrected = apply_suggestions(content, "data.xlsx", problems(content))
    sheet = openpyxl.load_workbook(io.BytesIO(corrected))["Flows"]
    assert [sheet.cell(row, 6).value for row in (2, 3)] == ["anthracite", "diesel"]
    assert sheet.cell(2, 5).value == "Than cám 4a"  # the rest untouched
    assert len(read_dataset(corrected, "data.xlsx").flows) == 2


def test_a_workbook_without_the_code_column_gets_it():
    header = [key for key in keys("flows") if key != "classification_code"]
    content = xlsx(companies=[COMPANY], flows=[COAL], headers={"flows": header})
    with language("vi"):
        corrected = apply_suggestions(content, "data.xlsx", problems(content))
    sheet = openpyxl.load_workbook(io.BytesIO(corrected))["Flows"]
    last = sheet.max_column
    assert last == len(header) + 1
    assert sheet.cell(1, last).value == "Mã phân loại [classification_code]"
    assert sheet.cell(2, last).value == "anthracite"
    assert read_dataset(corrected, "data.xlsx").flows[0].classification_code == "anthracite"


def test_a_csv_keeps_its_delimiter_and_gains_the_column():
    rows = [["company_code", "period", "direction", "kind", "description", "quantity", "unit"],
            ["C01", "2024-01", "input", "energy", "Dầu DO", "1000", "L"],
            ["C01", "2024-01", "input", "water", "Tap water", "50", "m³"]]
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\n").writerows(rows)
    content = text.getvalue().encode("utf-8")
    corrected = apply_suggestions(content, "flows.csv", problems(content, "flows.csv")
                                  ).decode("utf-8")
    assert corrected.splitlines() == [
        "company_code;period;direction;kind;description;quantity;unit;classification_code",
        "C01;2024-01;input;energy;Dầu DO;1000;L;diesel",
        "C01;2024-01;input;water;Tap water;50;m³"]


def test_a_json_file_gets_the_code_in_its_record():
    document = {"format": "openeip", "version": 1, "companies": [COMPANY],
                "flows": [{key: value for key, value in OIL.items() if value != ""}]}
    content = json.dumps(document, ensure_ascii=False).encode("utf-8")
    corrected = apply_suggestions(content, "data.json", problems(content, "data.json"))
    assert json.loads(corrected)["flows"][0]["classification_code"] == "diesel"
    assert read_dataset(corrected, "data.json").flows[0].classification_code == "diesel"
