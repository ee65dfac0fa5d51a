"""The option library's source notes reach readers as references, never as a file name."""

from __future__ import annotations

import pytest

from openeip.core.recp import citation, option_library


@pytest.mark.parametrize("language", ["en", "vi"])
def test_no_library_citation_shows_the_notes_file_or_a_confidence_tag(language):
    notes = {note for option in option_library().values()
             for note in (option.source, option.effect.source if option.effect else "")}
    for note in filter(None, notes):
        cited = citation(note, language)
        assert cited, note
        assert "recp.md" not in cited and "[K]" not in cited and "[V]" not in cited, note
        assert "§" not in cited, note


def test_a_sector_row_is_cited_as_the_guides_with_the_sector_in_the_readers_language():
    note = "recp.md §2.3 textile dyeing & finishing row (insulate); engineering practice"
    assert citation(note, "vi") == ("Các hướng dẫn sản xuất sạch hơn: giải pháp điển hình theo "
                                    "ngành, dệt nhuộm và hoàn tất; Thực hành kỹ thuật")
    assert citation(note, "en") == ("Cleaner-production guides: typical options by sector, "
                                    "textile dyeing and finishing; Engineering practice")


def test_a_published_result_is_cited_by_its_work_and_years():
    note = ("recp.md §2.2: UNDP/GEF PECSME (2006–2011), brick SMEs cut energy cost by ~50 % "
            "[V] vietnamplus.vn")
    assert citation(note, "en").startswith("UNDP/GEF, Promoting Energy Conservation")
    assert citation(note, "en").endswith("(2006–2011)")


def test_a_source_a_user_typed_is_shown_as_it_is():
    assert citation("Supplier quote of 3 March", "vi") == "Supplier quote of 3 March"
