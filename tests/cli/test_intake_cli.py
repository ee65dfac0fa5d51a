"""``openeip template | validate | import | export`` on real files and the test database."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.intake import tables, write_dataset
from openeip.core.intake._columns import table_for_sheet
from tests.conftest import tiny_dataset

runner = CliRunner()

TABLE_HEADER = "table       created  updated unchanged"


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def counts() -> dict[str, int]:
    from openeip.web.registry.models import AuditEntry, Company, Park, Product, ResourceFlow

    return {"parks": Park.objects.count(), "companies": Company.objects.count(),
            "products": Product.objects.count(), "flows": ResourceFlow.objects.count(),
            "audit": AuditEntry.objects.count()}


def result_table(created: tuple[int, ...], updated: tuple[int, ...],
                 unchanged: tuple[int, ...]) -> list[str]:
    return [TABLE_HEADER] + [
        "{:<10} {:>8} {:>8} {:>9}".format(name, *numbers)
        for name, numbers in zip(("parks", "companies", "products", "flows"),
                                 zip(created, updated, unchanged, strict=True), strict=True)
    ]


def tiny_file(path: Path, park: str = "alpha", codes: tuple[str, ...] = ("A1", "A2")) -> Path:
    with path.open("wb") as stream:
        write_dataset(tiny_dataset(park, codes), stream, path.suffix.lstrip("."))
    return path


def fill(template: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Type rows under the template's headers, as a person would; the example rows stay."""
    workbook = openpyxl.load_workbook(template)
    for table, values in rows.items():
        sheet = next(sheet for sheet in workbook if table_for_sheet(sheet.title) == table)
        keys = [column.key for column in tables()[table].columns]
        for row in values:
            sheet.append([row.get(key) for key in keys])
    filled = template.with_name("filled.xlsx")
    workbook.save(filled)
    return filled


def test_template_fill_validate(tmp_path: Path) -> None:
    template = tmp_path / "collect.xlsx"
    written = run("template", template, "--lang", "vi")
    assert written.exit_code == 0, written.output
    assert openpyxl.load_workbook(template).sheetnames[0] == "Hướng dẫn"
    flow = {"company_code": "C01", "period": "2024-01", "direction": "input",
            "kind": "energy", "description": "Điện lưới", "quantity": 1000, "unit": "kWh",
            "source": "grid"}
    filled = fill(template, {
        "park": [{"slug": "kcn-a", "name_vi": "KCN A", "province": "Bình Dương",
                  "area_ha": 100}],
        "companies": [{"code": "C01", "name_vi": "Công ty Dệt", "vsic_code": "1313"}],
        "flows": [flow, {**flow, "description": "Dầu DO", "quantity": 10, "unit": "tấn",
                         "classification_code": "diesel", "source": "supplier"}],
    })
    checked = run("validate", filled)  # a Vietnamese workbook is answered in Vietnamese
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.strip() == (
        "Không có lỗi (KCN 1, doanh nghiệp 1, sản phẩm 0, dòng tài nguyên 2).")
    forced = run("validate", filled, "--lang", "en")
    assert forced.stdout.strip() == "No problems (park 1, companies 1, products 0, flows 2)."


def test_validate_prints_every_problem_with_sheet_row_and_column(tmp_path: Path) -> None:
    template = tmp_path / "collect.xlsx"
    run("template", template)
    flow = {"company_code": "C01", "period": "2024-01", "direction": "input", "kind": "water",
            "description": "Tap water", "quantity": 5, "unit": "kWh"}
    filled = fill(template, {
        "companies": [{"code": "C01", "name_en": "Dye Works", "vsic_code": "1313"}],
        "flows": [flow, {**flow, "description": "Well", "unit": "m3", "company_code": "C02"}],
    })
    checked = run("validate", filled, "--lang", "en")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        "Flows, row 3, column I (unit): 'kWh' does not fit a water flow; use a unit of volume.",
        "Flows, row 4, column A (company_code): Unknown company 'C02'; add it to the "
        "Companies sheet, or check the code.",
    ]
    assert "2 problem(s); nothing was written" in checked.output


def test_validate_refuses_an_unknown_language(tmp_path: Path) -> None:
    checked = run("validate", tiny_file(tmp_path / "d.csv"), "--lang", "fr")
    assert checked.exit_code == 2
    assert "use vi or en" in checked.output


@pytest.mark.django_db
def test_validate_with_a_park_counts_its_companies_as_known(tmp_path: Path) -> None:
    assert run("import", tiny_file(tmp_path / "d.json"), "--park", "alpha").exit_code == 0
    flows_only = tmp_path / "flows.csv"
    flows_only.write_text("company_code,period,direction,kind,description,quantity,unit\n"
                          "A1,2024-02,input,water,Tap water,60,m3\n", encoding="utf-8")
    alone = run("validate", flows_only)
    assert alone.exit_code == 1
    assert alone.stdout.startswith("flows.csv, row 2, column A (company_code): Unknown company")
    with_park = run("validate", flows_only, "--park", "alpha")
    assert with_park.exit_code == 0, with_park.output
    assert "flows 1" in with_park.stdout
    missing = run("validate", flows_only, "--park", "nowhere")
    assert missing.exit_code == 1
    assert "There is no park 'nowhere'" in missing.output


@pytest.mark.django_db
def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    data = tiny_file(tmp_path / "d.xlsx")
    first = run("import", data, "--park", "alpha")
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == result_table((1, 2, 2, 6), (0, 0, 0, 0), (0, 0, 0, 0))
    after_first = counts()
    second = run("import", data, "--park", "alpha")
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines() == result_table((0, 0, 0, 0), (0, 0, 0, 0), (1, 2, 2, 6))
    assert counts() == after_first


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nothing(tmp_path: Path) -> None:
    assert run("import", tiny_file(tmp_path / "d.csv"), "--park", "alpha").exit_code == 0
    before = counts()
    dataset = tiny_dataset("alpha", ("A1", "A2", "A3"))
    stream = io.BytesIO()
    write_dataset(dataset, stream, "csv")
    lines = stream.getvalue().decode("utf-8-sig").splitlines()
    bad_line = next(i for i, line in enumerate(lines) if "Sludge" in line and ",A3," in line)
    lines[bad_line] = lines[bad_line].replace(",2,t,", ",2,kWh,")  # sludge in kWh
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", bad, "--park", "alpha")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.csv, row {}, column X (unit): 'kWh' does not fit a solid waste flow; use a unit of "
        "mass, volume.".format(bad_line + 1)]
    assert counts() == before


@pytest.mark.django_db
def test_an_import_into_another_parks_slug_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    result = run("import", tiny_file(tmp_path / "d.json", park="beta"), "--park", "alpha")
    assert result.exit_code == 1
    assert result.stdout.startswith("park, row 2, column slug: The file describes park 'beta'")
    assert counts()["parks"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["xlsx", "csv", "json"])
def test_export_then_import_leaves_everything_unchanged(tmp_path: Path, suffix: str) -> None:
    assert run("import", tiny_file(tmp_path / "d.json"), "--park", "alpha").exit_code == 0
    before = counts()
    out = tmp_path / "export.{}".format(suffix)
    exported = run("export", "--park", "alpha", out)
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.strip() == "Wrote {} (park 1, companies 2, products 2, flows 6).".format(
        out)
    again = run("import", out, "--park", "alpha")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == result_table((0, 0, 0, 0), (0, 0, 0, 0), (1, 2, 2, 6))
    assert counts() == before


@pytest.mark.django_db
def test_export_refuses_an_unknown_park_and_an_unknown_extension(tmp_path: Path) -> None:
    missing = run("export", "--park", "nowhere", tmp_path / "x.json")
    assert missing.exit_code == 1
    assert "There is no park 'nowhere'" in missing.output
    wrong = run("export", "--park", "alpha", tmp_path / "x.ods")
    assert wrong.exit_code == 2
    assert "name the file .xlsx, .csv or .json" in wrong.output
    assert not (tmp_path / "x.json").exists()


# --- fuels from words: validate offers the suggestion, --apply-suggestions writes a copy -------

def _fuel_workbook(path: Path) -> Path:
    from tests.core.intake_files import COMPANY, FLOW, xlsx

    coal = {**FLOW, "kind": "energy", "description": "Than cám 4a", "quantity": 2, "unit": "t"}
    path.write_bytes(xlsx(companies=[COMPANY], flows=[coal]))
    return path


def test_validate_offers_the_fuel_its_description_names(tmp_path):
    result = run("validate", _fuel_workbook(tmp_path / "coal.xlsx"))
    assert result.exit_code == 1
    assert ("Flows, row 2, column F (classification_code): Fuel code missing; the description "
            "'Than cám 4a' suggests 'anthracite' (Anthracite), from the word 'than cám'.") in (
        result.output)
    assert "run again with --apply-suggestions" in result.output
    assert not (tmp_path / "coal-corrected.xlsx").exists()  # never applied silently


def test_validate_apply_suggestions_writes_a_corrected_copy_and_checks_it(tmp_path):
    original = _fuel_workbook(tmp_path / "coal.xlsx")
    before = original.read_bytes()
    result = run("validate", original, "--apply-suggestions")
    assert result.exit_code == 0, result.output
    corrected = tmp_path / "coal-corrected.xlsx"
    assert result.output.splitlines() == [
        "Flows, row 2, column F (classification_code): classification_code = anthracite "
        "(word: 'than cám')",
        "Wrote {} with 1 suggested value(s).".format(corrected),
        "No problems in the corrected copy (park 0, companies 1, products 0, flows 1).",
    ]
    assert original.read_bytes() == before
    sheet = openpyxl.load_workbook(corrected)["Flows"]
    assert sheet["F2"].value == "anthracite"


def test_apply_suggestions_with_nothing_to_suggest_writes_nothing(tmp_path):
    from tests.core.intake_files import COMPANY, FLOW, xlsx

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(companies=[COMPANY], flows=[{**FLOW, "unit": "bananas"}]))
    result = run("validate", bad, "--apply-suggestions", "--out", tmp_path / "fixed.xlsx")
    assert result.exit_code == 1
    assert "No problem has a suggested value; nothing was written." in result.output
    assert not (tmp_path / "fixed.xlsx").exists()
