"""Hostile upload files, made for real: a zip bomb workbook, a workbook with a huge row."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEETS = {
    "Park": ["slug", "name_en", "province", "area_ha"],
    "Companies": ["code", "name_en", "vsic_code"],
    "Products": ["company_code", "period", "name", "quantity", "unit"],
    "Flows": ["company_code", "period", "direction", "kind", "description", "quantity", "unit"],
}
_CHUNK = b"A" * (1024 * 1024)


def plain_workbook(extra_flow_cells: list[str] | None = None) -> bytes:
    """The four sheets with their headers; the Flows sheet with one row of ``extra_flow_cells``."""
    book = Workbook()
    book.remove(book.active)
    for name, header in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        if name == "Flows" and extra_flow_cells is not None:
            sheet.append(extra_flow_cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mib: int, level: int = 9) -> bytes:
    """A small workbook whose Flows sheet holds one cell of ``unpacked_mib`` MiB of 'A's.

    Everything else is a valid workbook openpyxl opens; the sheet part is rewritten, streamed
    through the deflate compressor at its best level, so the file stays around 1 KB per MiB.
    """
    source = zipfile.ZipFile(io.BytesIO(plain_workbook()))
    target_bytes = io.BytesIO()
    flows_part = next(name for name in source.namelist() if name.endswith("sheet4.xml"))
    with zipfile.ZipFile(target_bytes, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=level) as target:
        for item in source.infolist():
            if item.filename != flows_part:
                target.writestr(item, source.read(item))
                continue
            part = zipfile.ZipInfo(flows_part)
            part.compress_type = zipfile.ZIP_DEFLATED
            with target.open(part, "w", force_zip64=True) as sheet:
                header = "".join(
                    '<c r="{}1" t="inlineStr"><is><t>{}</t></is></c>'.format(letter, key)
                    for letter, key in zip("ABCDEFG", SHEETS["Flows"], strict=True))
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData><row r="1">'
                            + header.encode() +
                            b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>')
                for _ in range(unpacked_mib):
                    sheet.write(_CHUNK)
                sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return target_bytes.getvalue()
