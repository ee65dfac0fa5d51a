"""A broken option or cause file is refused with the file, line and column of the problem."""

from __future__ import annotations

import pytest

from openeip.core.errors import CatalogueError
from openeip.core.recp import CAUSES
from openeip.core.recp.options import read_causes, read_options

HEADER = ("code,category,title_en,title_vi,description_en,description_vi,causes,sectors,resource,"
          "effect_low_pct,effect_high_pct,effect_source,verification,cost_class,source")
GOOD = ("STM-01,good_housekeeping,Fix leaks,Sửa rò rỉ,Fix them.,Sửa chúng.,steam_leaks,all,energy,"
        "10,20,recp.md §2.2 test,secondary,low,engineering practice")


def _file(*rows: str) -> str:
    # Line 1 is a comment, line 2 the header: the first data row is line 3.
    return "\n".join(("# a comment line counts as a line", HEADER, *rows)) + "\n"


def _bad(row: str, **changes: str) -> str:
    cells = dict(zip(HEADER.split(","), row.split(","), strict=True))
    cells.update(changes)
    return ",".join(cells.values())


def test_a_good_row_is_read_with_its_range_and_causes():
    option = read_options(_file(GOOD), CAUSES)["STM-01"]
    assert option.causes == ("steam_leaks",)
    assert option.effect is not None
    assert (option.effect.low_pct, option.effect.high_pct, option.effect.midpoint_pct) == (10, 20,
                                                                                           15)
    assert option.title.text("vi") == "Sửa rò rỉ"


@pytest.mark.parametrize(
    ("changes", "column", "hint"),
    [
        ({"category": "housekeeping"}, "category", "not an option category"),
        ({"causes": "steam_leaks;leaky"}, "causes", "'leaky' is not in recp_causes.csv"),
        ({"sectors": "1313;9999"}, "sectors", "'9999' is not in vsic2018.csv"),
        ({"sectors": "all;1313"}, "sectors", "'all' is not in vsic2018.csv"),
        ({"effect_low_pct": "30"}, "effect_low_pct", "above the high end 20"),
        ({"effect_high_pct": ""}, "effect_high_pct", "give both ends"),
        ({"effect_high_pct": "120"}, "effect_high_pct", "not a percentage from 0 to 100"),
        ({"effect_source": ""}, "effect_source", "say where the effect range comes from"),
        ({"title_vi": ""}, "title_vi", "Vietnamese text is missing"),
        ({"description_vi": " "}, "description_vi", "Vietnamese text is missing"),
        ({"resource": "steam"}, "resource", "not a flow kind"),
        ({"resource": "any"}, "resource", "needs the resource it saves"),
        ({"verification": "checked"}, "verification", "not one of primary"),
        ({"cost_class": "cheap"}, "cost_class", "not a cost class"),
        ({"source": ""}, "source", "say where the option comes from"),
        ({"code": "stm1"}, "code", "not a valid code"),
    ],
)
def test_a_bad_value_is_located_by_file_line_and_column(changes, column, hint):
    with pytest.raises(CatalogueError) as error:
        read_options(_file(GOOD, _bad(GOOD, **{"code": "STM-02", **changes})), CAUSES,
                     filename="mine.csv")
    message = str(error.value)
    assert message.startswith("mine.csv line 4, column {}: ".format(column))
    assert hint in message


def test_a_row_without_a_range_must_not_claim_verification():
    row = _bad(GOOD, effect_low_pct="", effect_high_pct="", effect_source="")
    with pytest.raises(CatalogueError, match="line 3, column verification: with no effect range"):
        read_options(_file(row), CAUSES)
    fixed = read_options(_file(_bad(row, verification="unverified")), CAUSES)
    assert fixed["STM-01"].effect is None


def test_a_code_used_twice_is_refused():
    with pytest.raises(CatalogueError, match="line 4, column code: 'STM-01' is used twice"):
        read_options(_file(GOOD, GOOD), CAUSES)


def test_a_wrong_header_and_a_short_row_are_refused_with_their_line():
    with pytest.raises(CatalogueError, match="line 2: the header must be code,category,"):
        read_options(_file(GOOD).replace("title_vi", "title_vn", 1), CAUSES)
    with pytest.raises(CatalogueError, match="line 3: 14 columns instead of 15"):
        read_options(_file(GOOD.rsplit(",", 1)[0]), CAUSES)


def test_a_cause_file_is_checked_too():
    text = ("code,label_en,label_vi,resource,description\n"
            "leaks,Leaks,Rò rỉ,water,Water leaks.\n"
            "fumes,Fumes,,air_emission,No Vietnamese label.\n")
    with pytest.raises(CatalogueError, match="causes.csv line 3, column label_vi: the Vietnamese"):
        read_causes(text, filename="causes.csv")
    assert read_causes(text.rsplit("fumes", 1)[0])["leaks"].label.vi == "Rò rỉ"
