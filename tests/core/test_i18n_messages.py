"""Texts are stored as message ids with parameters and worded in the reader's language."""

from __future__ import annotations

from openeip.core.i18n import gettext_noop, language, message, render


def test_a_message_is_worded_when_shown_not_when_stored():
    stored = message(gettext_noop("cost recorded on the flow for {period}"),
                     period="2024").to_json()
    assert stored == {"msgid": "cost recorded on the flow for {period}",
                      "params": {"period": "2024"}}
    with language("vi"):
        assert render(stored) == "chi phí ghi trên dòng tài nguyên cho kỳ 2024"
    with language("en"):
        assert render(stored) == "cost recorded on the flow for 2024"


def test_older_rows_stored_as_english_catalogue_text_are_still_translated():
    with language("vi"):
        assert render("the option saves no energy") == "giải pháp không tiết kiệm năng lượng"
        assert render({"en": "Site", "vi": "Nhà máy"}) == "Nhà máy"
        assert render("Supplier quote") == "Supplier quote"
        assert render(None) == ""


def test_decimal_parameters_take_the_languages_separators_and_years_stay_plain():
    text = message(gettext_noop("never paid back: the yearly savings ({savings} VND) do not "
                                "exceed the extra O&M ({om} VND)"), savings=1234567.0, om=2500000.0)
    with language("vi"):
        assert "(1.234.567 VND)" in render(text) and "(2.500.000 VND)" in render(text)
    with language("en"):
        assert str(text).endswith("(2,500,000 VND)")
