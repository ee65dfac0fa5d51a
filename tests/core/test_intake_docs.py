"""docs/interchange-format.md describes the format the code reads: every table and column."""

from __future__ import annotations

from pathlib import Path

from openeip.core.intake import tables

DOC = Path(__file__).resolve().parents[2] / "docs" / "interchange-format.md"


def test_the_format_document_lists_every_column_with_its_labels_and_type():
    text = DOC.read_text(encoding="utf-8")
    for table in tables().values():
        assert "sheet “{}” / “{}”".format(table.sheet.en, table.sheet.vi) in text
        for column in table.columns:
            row = "| `{}` | {} / {} | {} | {} |".format(
                column.key, column.label.en, column.label.vi,
                "yes" if column.required else "", column.type)
            assert row in text, row
