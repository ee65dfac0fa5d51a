"""Reading a workbook written the way Excel writes one.

openpyxl writes inline strings, so files it makes do not exercise shared strings, rich text,
cached formula results, error cells or cells without coordinates; this hand-made workbook does.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest

from openeip.core.domain import ReportingPeriod
from openeip.core.errors import IntakeError
from openeip.core.intake import count_rows, read_dataset
from openeip.core.intake._xlsx import Workbook

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

STRINGS = ["company_code", "period", "direction", "kind", "description", "quantity", "unit",
           "C01", "input", "kWh", "code", "name_en", "vsic_code", "Dye Works", "hazardous"]


def _sheet(rows: str) -> str:
    return '<worksheet xmlns="{}"><sheetData>{}</sheetData></worksheet>'.format(MAIN, rows)


def _s(ref: str, word: str) -> str:
    return '<c r="{}" t="s"><v>{}</v></c>'.format(ref, STRINGS.index(word))


FLOWS = _sheet(
    '<row r="1">' + "".join(_s(c + "1", w) for c, w in zip(
        "ABCDEFGH", ["company_code", "period", "direction", "kind", "description", "quantity",
                     "unit", "hazardous"], strict=True)) + "</row>"
    # row 2: a date-formatted period, a formula's text and number, rich text, a boolean
    '<row r="2">' + _s("A2", "C01") + '<c r="B2" s="1"><v>45352</v></c>' + _s("C2", "input")
    + '<c r="D2" t="str"><f>LOWER("ENERGY")</f><v>energy</v></c>'
    + '<c r="E2" t="s"><v>{}</v></c>'.format(len(STRINGS))
    + '<c r="F2"><f>SUM(1000,500)</f><v>1500</v></c>' + _s("G2", "kWh")
    + '<c r="H2" t="b"><v>0</v></c></row>'
    # row 5 (rows 3 and 4 absent): cells without coordinates, an error value
    '<row r="5"><c t="s"><v>7</v></c><c><v>2024</v></c><c t="s"><v>8</v></c>'
    '<c t="inlineStr"><is><t>energy</t></is></c><c t="inlineStr"><is><t>Steam</t></is></c>'
    '<c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="s"><v>9</v></c></row>'
)
COMPANIES = _sheet(
    '<row r="1">' + _s("A1", "code") + _s("B1", "name_en") + _s("C1", "vsic_code") + "</row>"
    '<row r="2">' + _s("A2", "C01") + _s("B2", "Dye Works") + '<c r="C2"><v>1313</v></c></row>'
)


def _header_only(keys: list[str]) -> str:
    cells = "".join('<c t="inlineStr"><is><t>{}</t></is></c>'.format(key) for key in keys)
    return _sheet('<row r="1">{}</row>'.format(cells))


def excel_like_workbook() -> bytes:
    sheets = [("Park", _header_only(["slug", "province", "area_ha"])),
              ("Companies", COMPANIES),
              ("Products", _header_only(["company_code", "period", "name", "quantity", "unit"])),
              ("Flows", FLOWS)]
    rich = ('<si><r><t xml:space="preserve">Grid </t></r>'
            "<r><rPr><b/></rPr><t>electricity</t></r></si>")
    shared = '<sst xmlns="{}">{}{}</sst>'.format(
        MAIN, "".join("<si><t>{}</t></si>".format(word) for word in STRINGS), rich)
    styles = ('<styleSheet xmlns="{}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
              "</cellXfs></styleSheet>").format(MAIN)
    workbook = '<workbook xmlns="{}" xmlns:r="{}"><sheets>{}</sheets></workbook>'.format(
        MAIN, REL, "".join('<sheet name="{}" sheetId="{}" r:id="rId{}"/>'.format(name, n, n)
                           for n, (name, _xml) in enumerate(sheets, start=1)))
    rels = '<Relationships xmlns="{}">{}{}</Relationships>'.format(PKG, "".join(
        '<Relationship Id="rId{0}" Type="{1}/worksheet" Target="worksheets/sheet{0}.xml"/>'
        .format(n, REL) for n in range(1, len(sheets) + 1)),
        '<Relationship Id="rS" Type="{0}/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rT" Type="{0}/styles" Target="styles.xml"/>'.format(REL))
    root_rels = ('<Relationships xmlns="{}"><Relationship Id="r1" Type="{}/officeDocument" '
                 'Target="xl/workbook.xml"/></Relationships>').format(PKG, REL)
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>' + "".join(
            '<Override PartName="/xl/worksheets/sheet{}.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'.format(n)
            for n in range(1, len(sheets) + 1)) + "</Types>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/styles.xml", styles)
        for n, (_name, xml) in enumerate(sheets, start=1):
            archive.writestr("xl/worksheets/sheet{}.xml".format(n), xml)
    return stream.getvalue()


def test_it_reads_the_values_excel_stores():
    workbook = Workbook(excel_like_workbook())
    rows = list(workbook.rows("Flows"))
    workbook.close()
    assert rows[1] == (2, ["C01", datetime.datetime(2024, 3, 1), "input", "energy",
                           "Grid electricity", 1500, "kWh", False])
    assert rows[2] == (5, ["C01", 2024, "input", "energy", "Steam", "#DIV/0!", "kWh"])


def test_an_excel_workbook_is_validated_with_rows_as_excel_numbers_them():
    with pytest.raises(IntakeError) as caught:
        read_dataset(excel_like_workbook(), "excel.xlsx")
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Flows", 5, "F (quantity)")
    assert "formula error #DIV/0!" in problem.message


def test_the_excel_rows_become_domain_objects():
    content = excel_like_workbook()
    workbook = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(workbook, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet4.xml"):
                data = data.replace(b'<c t="e"><f>1/0</f><v>#DIV/0!</v></c>', b"<c><v>7</v></c>")
            target.writestr(item, data)
    dataset = read_dataset(workbook.getvalue(), "excel.xlsx")
    assert [(f.period, f.description, f.base_quantity, f.hazardous) for f in dataset.flows] == [
        (ReportingPeriod(2024, 3), "Grid electricity", 1.5, False),
        (ReportingPeriod(2024), "Steam", 0.007, False),
    ]
    assert dataset.flow_rows == [2, 5]
    assert count_rows(workbook.getvalue(), "excel.xlsx") == 3
