"""Issue 12 §3: a stream without quantity or months is matched, with a neutral part and a
visible "unknown" note (fixture taxonomy and rules)."""

from __future__ import annotations

import pytest

from openeip.core.i18n import language
from openeip.core.symbiosis.match import match
from tests.core.symbiosis_match_fixtures import FACTORS, RULES, TAXONOMY, demand, supply

KW = {"taxonomy": TAXONOMY, "rules": RULES, "factors": FACTORS}


def notes(candidate):
    return {p.name: (p.value, p.note) for p in candidate.parts}


def test_no_quantity_and_no_months_on_either_side_is_still_a_candidate_with_neutral_parts():
    [c] = match([supply("S", "fly_ash", park="P")], [demand("D", "cement", park="P")], **KW)
    parts = notes(c)
    assert parts["quantity_fit"] == (0.5, "quantity unknown on both sides: neutral value 0.5")
    assert parts["timing"] == (
        1.0, "timing unknown on both sides (no months given): all year assumed")
    assert c.matched_quantity is None and c.benefit is None


def test_one_side_unknown_says_which_and_what_is_assumed():
    [c] = match([supply("S", "fly_ash", park="P", qty=100.0, months=frozenset({1, 2, 3}))],
                [demand("D", "cement", park="P")], **KW)
    parts = notes(c)
    assert parts["quantity_fit"][0] == 0.5
    assert parts["quantity_fit"][1].startswith("quantity unknown for the need: neutral value 0.5")
    assert parts["timing"] == pytest.approx((0.25, parts["timing"][1]))
    assert parts["timing"][1] == ("timing unknown for the need (no months given): all year "
                                  "assumed; 3 month(s) in common out of 12")
    assert c.matched_quantity == 100.0


def test_the_unknown_notes_are_translated():
    with language("vi"):
        [c] = match([supply("S", "fly_ash", park="P")], [demand("D", "cement", park="P")],
                    language="vi", **KW)
    assert "không rõ" in notes(c)["quantity_fit"][1]
    assert "không rõ" in notes(c)["timing"][1]
