"""A park manager's first import, in a real browser, in Vietnamese.

Log in, switch to Vietnamese, upload a workbook with an error, see the error at its row, fix it,
upload again and see the park dashboard with the new figures.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from openeip.core.domain import ReportingPeriod
from openeip.core.intake import write_dataset
from tests.conftest import PASSWORD, tiny_dataset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _february_workbook(tmp_path: Path, water_unit: str) -> Path:
    """A1 and A2 report February 2024; the first water row's unit is ``water_unit``."""
    february = ReportingPeriod(2024, 2)
    dataset = tiny_dataset("alpha", ("A1", "A2"))
    dataset = replace(
        dataset, park=None, products=[], product_rows=[],
        flows=[replace(flow, period=february) for flow in dataset.flows],
    )
    buffer = io.BytesIO()
    write_dataset(dataset, buffer, "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    flows = workbook["Flows"]
    headers = [cell.value for cell in flows[1]]
    unit_column = next(i for i, h in enumerate(headers, start=1) if h.endswith("[unit]"))
    kind_column = next(i for i, h in enumerate(headers, start=1) if h.endswith("[kind]"))
    water_row = next(r for r in range(2, flows.max_row + 1)
                     if flows.cell(r, kind_column).value == "water")
    flows.cell(water_row, unit_column).value = water_unit
    path = tmp_path / "thang-2.xlsx"
    workbook.save(path)
    return path


def test_a_park_manager_fixes_a_bad_row_and_sees_the_dashboard(world, live_server, page,
                                                                tmp_path):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "park_manager")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/")

    page.click("form.language-switch button[value=vi]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.goto(live_server.url + "/import/")
    page.select_option("select[name=park]", label=None, value=str(world.alpha.pk))
    page.set_input_files("input[name=file]", str(_february_workbook(tmp_path, "kWh")))
    page.locator("main form button[type=submit]").click()
    problems = page.locator("table.problems tbody tr")
    problems.first.wait_for()
    assert problems.count() == 1
    cells = problems.first.locator("td").all_inner_texts()
    assert cells[:3] == ["Flows", "3", "I (unit)"]
    assert "'kWh' không phù hợp" in cells[3]  # the problem itself, in Vietnamese
    assert page.get_by_role("heading", name="Chưa nhập dữ liệu nào").is_visible()
    page.screenshot(path=str(tmp_path / "problem.png"), full_page=True)

    page.goto(live_server.url + "/import/")
    page.select_option("select[name=park]", value=str(world.alpha.pk))
    page.set_input_files("input[name=file]", str(_february_workbook(tmp_path, "m³")))
    page.locator("main form button[type=submit]").click()
    created = page.locator("tr[data-table=flows] td").first
    created.wait_for()
    assert created.inner_text() == "6"
    assert page.get_by_role("heading", name="Đã nhập dữ liệu").is_visible()

    page.click("a[href='/parks/alpha/']")
    page.wait_for_url(live_server.url + "/parks/alpha/")
    assert page.locator("html").get_attribute("lang") == "vi"
    energy_table = page.locator("table", has=page.locator("caption", has_text="MWh")).first
    assert energy_table.locator("tbody tr").count() == 2  # January and February 2024
    assert energy_table.locator("tbody th").all_inner_texts() == ["Tháng 1 2024", "Tháng 2 2024"]
    assert page.get_by_role("heading", name="Doanh nghiệp thứ cấp").is_visible()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
