"""Edition files: the shipped catalogues, the checks on imported ones, YAML/XLSX round trips."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
import yaml

from openeip.core.eip.editions import (
    edition_to_yaml,
    load_edition,
    parse_edition,
    read_edition_file,
    shipped_editions,
    write_edition_template,
)
from openeip.core.eip.model import AppliesTo, Measure, Requirement, Verification
from openeip.core.errors import DomainError, IntakeError


def _minimal(**criterion: Any) -> dict[str, Any]:
    base = {"id": "X-1", "category": "ENV", "requirement": "performance", "measure": "yes_no",
            "applies_to": "operator", "text_en": "A thing", "text_vi": "Một việc",
            "source": "own-targets"}
    base.update(criterion)
    return {"id": "park-x-targets", "title_en": "Park X targets", "title_vi": "Mục tiêu KCN X",
            "issuer": "Park X", "published": "2026-01-01", "status": "custom",
            "categories": [{"code": "ENV", "name_en": "Environmental", "name_vi": "Môi trường"}],
            "criteria": [base]}


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        parse_edition(data, "targets.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_three_editions_are_shipped() -> None:
    ids = [e.id for e in shipped_editions()]
    assert ids == ["intl-eip-framework-2.0", "vn-decree-35-2022", "vn-decree-82-2018"]
    assert [len(e.criteria) for e in shipped_editions()] == [29, 27, 7]


def test_international_edition_is_unverified_and_encodes_no_threshold() -> None:
    edition = load_edition("intl-eip-framework-2.0")
    assert {c.verification for c in edition.criteria} == {Verification.UNVERIFIED}
    assert {c.threshold for c in edition.criteria} == {None}
    assert all(c.note_en and c.note_vi for c in edition.criteria)
    assert [c.code for c in edition.categories if not c.parent] == ["PM", "ENV", "SOC", "ECO"]
    assert [c.code for c in edition.categories if c.parent == "ENV"] == [
        "ENV-M", "ENV-E", "ENV-W", "ENV-WM", "ENV-N"]
    assert "UNVERIFIED" in edition.notes_en and "CHƯA ĐƯỢC KIỂM CHỨNG" in edition.notes_vi


def test_decree_35_carries_the_secondary_thresholds_and_art_38() -> None:
    edition = load_edition("vn-decree-35-2022")
    recp = edition.criterion("VN35-B5-ENV.2")
    assert (recp.threshold, recp.unit, recp.measure) == (Decimal(20), "%", Measure.SHARE_OF_FIRMS)
    assert recp.indicator == "recp_firms_share"
    assert recp.verification is Verification.SECONDARY
    grievance = edition.criterion("VN35-B5-SOC.1")
    assert (grievance.threshold, grievance.applies_to) == (
        Decimal(75), AppliesTo.FIRMS_OVER_100_WORKERS)
    assert [c.id for c in edition.criteria if c.new_parks_only] == [
        "VN35-38.2a-DOSSIER", "VN35-38.2a-COMMITMENT"]
    prerequisites = [c.id for c in edition.criteria if c.requirement is Requirement.PREREQUISITE]
    assert prerequisites == ["VN35-37.1a", "VN35-37.1b", "VN35-37.1c", "VN35-38.2a-DOSSIER",
                             "VN35-38.2a-COMMITMENT"]
    # no item was checked against the official text
    assert Verification.VERIFIED not in {c.verification for c in edition.criteria}
    # the inferred symbiosis floor says it is inferred
    assert edition.criterion("VN35-A5-ENV.1").verification is Verification.UNVERIFIED


def test_decree_82_is_historic_with_its_thresholds() -> None:
    edition = load_edition("vn-decree-82-2018")
    assert edition.status == "historic"
    assert [(c.id, c.threshold) for c in edition.criteria if c.threshold is not None] == [
        ("VN82-3a", 90), ("VN82-3b", 20), ("VN82-4", 25), ("VN82-5a", 1), ("VN82-5b", 10)]


def test_every_criterion_is_bilingual_and_cited() -> None:
    for edition in shipped_editions():
        for c in edition.criteria:
            assert c.text_en and c.text_vi and c.evidence_en and c.evidence_vi, c.id
            assert c.source and c.clause, c.id


@pytest.mark.parametrize("edition", shipped_editions(), ids=lambda e: e.id)
def test_yaml_round_trip_gives_the_same_edition(edition: Any) -> None:
    assert parse_edition(yaml.safe_load(edition_to_yaml(edition)), "x.yaml") == edition


def test_unknown_edition_is_a_domain_error() -> None:
    with pytest.raises(DomainError, match="no-such"):
        load_edition("no-such")


def test_an_imported_edition_is_found_in_extra() -> None:
    custom = parse_edition(_minimal(), "targets.yaml")
    assert load_edition("park-x-targets", {"park-x-targets": custom}) is custom


def test_it_rejects_a_duplicate_criterion_id() -> None:
    data = _minimal()
    data["criteria"].append(dict(data["criteria"][0]))
    assert _problems(data) == [
        "targets.yaml, row 2, column id: Criterion 'X-1': the id is used twice (first in row 1); "
        "give each criterion its own id."]


def test_it_rejects_a_share_without_threshold_or_unit() -> None:
    problems = _problems(_minimal(measure="share_of_firms"))
    assert problems == [
        "targets.yaml, row 1, column threshold: Criterion 'X-1': a share_of_firms criterion "
        "needs a threshold. If the source gives none, make it a yes/no criterion.",
        "targets.yaml, row 1, column unit: Criterion 'X-1': a share_of_firms criterion needs "
        "a unit."]


def test_it_rejects_unknown_category_enum_and_indicator() -> None:
    problems = _problems(_minimal(category="SOC", measure="ratio", indicator="nope"))
    assert len(problems) == 3
    assert "unknown category 'SOC'" in problems[0]
    assert "'ratio' is not one of yes_no, share_of_firms, quantity" in problems[1]
    assert "unknown indicator 'nope'" in problems[2]
    assert all("Criterion 'X-1'" in p for p in problems)


def test_it_rejects_a_share_above_100_and_a_wrong_indicator_unit() -> None:
    problems = _problems(_minimal(measure="share_of_firms", threshold=120, unit="%",
                                  indicator="symbiosis_links"))
    assert "a share must be between 0 and 100, not 120" in problems[0]
    assert "indicator 'symbiosis_links' is in 'count', the criterion in '%'" in problems[1]


def test_it_rejects_a_threshold_on_a_yes_no_criterion_and_an_unknown_field() -> None:
    problems = _problems(_minimal(threshold=5, treshold=5))
    assert [p.split(": ", 1)[0] for p in problems] == [
        "targets.yaml, row 1, column treshold", "targets.yaml, row 1, column threshold"]


def test_it_rejects_bad_edition_fields() -> None:
    data = _minimal()
    data.update(id="Park X", status="draft", published="January 2021")
    problems = _problems(data)
    assert [p.split(":", 1)[0] for p in problems] == [
        "targets.yaml, column id", "targets.yaml, column status", "targets.yaml, column published"]


def test_template_round_trips_through_xlsx() -> None:
    stream = io.BytesIO()
    write_edition_template(stream)
    edition = read_edition_file(stream.getvalue(), "template.xlsx")
    decree = load_edition("vn-decree-35-2022")
    assert (edition.id, edition.status, edition.based_on) == (
        "vn-decree-35-2022-custom", "custom", "vn-decree-35-2022")
    assert edition.criteria == decree.criteria
    assert edition.published == dt.date(2022, 5, 28)


def test_xlsx_problems_name_sheet_and_row() -> None:
    stream = io.BytesIO()
    write_edition_template(stream)
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    sheet = book["Criteria"]
    threshold_column = [c.value for c in sheet[1]].index("threshold") + 1
    sheet.cell(row=3, column=threshold_column, value="lots")    # second criterion
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(IntakeError) as caught:
        read_edition_file(out.getvalue(), "mine.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "Criteria, row 3, column threshold: Criterion 'VN35-37.1b': threshold 'lots' is not "
        "a number."]


def test_it_rejects_other_file_types_and_broken_yaml() -> None:
    with pytest.raises(IntakeError, match="yaml or .xlsx"):
        read_edition_file(b"x", "edition.csv")
    with pytest.raises(IntakeError, match="not valid UTF-8 YAML"):
        read_edition_file(b"id: [unclosed", "edition.yaml")


def test_blank_xlsx_rows_are_skipped_and_later_rows_keep_their_numbers() -> None:
    stream = io.BytesIO()
    write_edition_template(stream)
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    sheet = book["Criteria"]
    sheet.insert_rows(3)                                        # blank row 3
    sheet.cell(row=5, column=1, value="VN35-37.1a")             # was row 4: now a duplicate id
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(IntakeError) as caught:
        read_edition_file(out.getvalue(), "mine.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "Criteria, row 5, column id: Criterion 'VN35-37.1a': the id is used twice (first in "
        "row 2); give each criterion its own id."]
