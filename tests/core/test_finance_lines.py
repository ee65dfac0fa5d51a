"""Finance lines as cited data and the eligibility check (issue 14 §1–2)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from openeip.core.errors import IntakeError
from openeip.core.finance.lines import (
    Outcome,
    SavedFlow,
    Verification,
    check_line,
    check_not_shipped,
    improvements,
    line_to_data,
    line_to_yaml,
    load_line,
    money_facts,
    parse_line,
    read_line_file,
    refund_of,
    refund_tier,
    shipped_lines,
    usd_rate,
)
from openeip.core.finance.lines.workbook import line_workbook
from openeip.core.i18n import language, render


def test_four_lines_ship_and_every_rule_names_its_source_and_level() -> None:
    lines = shipped_lines()
    assert set(lines) == {"gctf", "vepf", "green-credit-generic", "vn-taxonomy-2025"}
    for line in lines.values():
        for rule in line.rules:
            assert line.source(rule.source) is not None
            assert isinstance(rule.verification, Verification)


def test_unknown_thresholds_stay_unknown() -> None:
    gctf = load_line("gctf")
    assert [t.refund_share for t in gctf.refund_tiers] == [None, None]
    assert all(t.verification == Verification.NOT_FOUND for t in gctf.refund_tiers)


def test_a_line_survives_yaml_and_xlsx_round_trips() -> None:
    for line in shipped_lines().values():
        assert parse_line(yaml.safe_load(line_to_yaml(line)), "x.yaml") == line
        data = line_to_data(line)
        assert read_line_file(line_workbook(data), "x.xlsx") == line


GCTF_FACTS = {
    "is_sme": True, "vietnamese_ownership_share": 1.0, "qualifies_for_bank_loan": True,
    "technology_change": True, "improvement_energy": 0.35, "improvement_ghg": 0.12,
    **money_facts(5e9, 0.6, 5, usd_rate(dt.date(2023, 8, 28))),
}


def test_gctf_is_met_with_hand_checked_facts() -> None:
    # loan 3e9 VND / 23,942 = USD 125,303, inside 10,000 … 1,000,000
    check = check_line(load_line("gctf"), GCTF_FACTS)
    assert check.outcome == Outcome.MET, [(c.rule.id, str(c.reason)) for c in check.rules]
    improvement = next(c for c in check.rules if c.rule.id == "improvement-30")
    with language("en"):
        assert "Energy saved" in render(improvement.reason)
        assert "35 %" in render(improvement.reason)


def test_a_missing_fact_is_unknown_and_names_the_evidence() -> None:
    facts = dict(GCTF_FACTS)
    del facts["is_sme"]
    check = check_line(load_line("gctf"), facts)
    sme = next(c for c in check.rules if c.rule.id == "sme")
    assert sme.outcome == Outcome.UNKNOWN and sme.missing == ("is_sme",)
    assert check.outcome == Outcome.UNKNOWN and check.missing == ("is_sme",)
    with language("vi"):
        assert "bảo hiểm xã hội" in render(sme.reason)


def test_too_small_an_improvement_is_not_met_with_the_nearest_figure() -> None:
    facts = {**GCTF_FACTS, "improvement_energy": 0.2, "improvement_ghg": 0.1,
             "improvement_water": 0.05, "improvement_materials": 0.0, "improvement_waste": 0.0,
             "improvement_wastewater": 0.0}
    rule = next(c for c in check_line(load_line("gctf"), facts).rules
                if c.rule.id == "improvement-30")
    assert rule.outcome == Outcome.NOT_MET
    with language("en"):
        assert "20 %" in render(rule.reason) and "at least 30 %" in render(rule.reason)


def test_an_unknown_threshold_gives_unknown_even_with_every_fact() -> None:
    check = check_line(load_line("green-credit-generic"), {
        "qualifies_for_bank_loan": True, "environmental_risk_screened": True,
        "improvement_energy": 0.5, "improvement_ghg": 0.5, "loan_share": 0.5})
    improvement = next(c for c in check.rules if c.rule.id == "improvement")
    assert improvement.outcome == Outcome.UNKNOWN and improvement.missing == ()
    assert check.outcome == Outcome.UNKNOWN


def test_vepf_loan_share_above_70_percent_is_not_met() -> None:
    facts = {"vepf_lending_subject": True, "loan_to_collateral": 0.6,
             **money_facts(10e9, 0.8, 7, usd_rate())}
    check = check_line(load_line("vepf"), facts)
    assert {c.rule.id: c.outcome for c in check.rules} == {
        "lending-subject": Outcome.MET, "loan-share": Outcome.NOT_MET, "loan-cap": Outcome.MET,
        "tenor": Outcome.MET, "collateral": Outcome.MET}


def test_improvements_from_recp_savings() -> None:
    shares = improvements([
        SavedFlow("energy", "grid", 100.0, 400.0),
        SavedFlow("energy", "grid", 50.0, 400.0),   # a second option on the same flow
        SavedFlow("energy", "coal", 10.0, 100.0),
        SavedFlow("water", "well", 5.0, None),     # baseline unknown
    ], ghg_avoided_tco2e=30.0, ghg_baseline_tco2e=120.0)
    assert shares["improvement_energy"] == pytest.approx(160 / 500)
    assert shares["improvement_water"] is None
    assert shares["improvement_ghg"] == pytest.approx(0.25)
    assert shares["improvement_any"] == pytest.approx(0.32)


def test_refund_tier_is_the_highest_reached_and_its_amount_stays_unknown() -> None:
    gctf = load_line("gctf")
    assert refund_tier(gctf, 0.29) is None
    assert refund_tier(gctf, 0.3).improvement_min == 0.3
    tier = refund_tier(gctf, 0.62)
    assert tier.improvement_min == 0.5
    assert refund_of(tier, 1e9) is None


def test_an_imported_line_cannot_take_a_shipped_id() -> None:
    with pytest.raises(IntakeError):
        check_not_shipped(load_line("vepf"))


def test_it_lists_every_problem_of_a_bad_line() -> None:
    data = line_to_data(load_line("gctf"))
    data["id"] = "my-gctf"
    data["rules"][0]["verification"] = "maybe"
    data["rules"][1]["value"] = 50          # a share of 5000 %
    data["rules"][2]["source"] = "nowhere"
    data["terms"][1]["value"] = None        # unknown but not marked not_found
    data["colour"] = "green"
    with pytest.raises(IntakeError) as raised:
        parse_line(data, "mine.yaml")
    columns = sorted((p.sheet, p.column) for p in raised.value.problems)
    assert columns == sorted([
        ("mine.yaml rules[0]", "verification"), ("mine.yaml rules[1]", "value"),
        ("mine.yaml rules[2]", "source"), ("mine.yaml terms[1]", "value"),
        ("mine.yaml", "colour")])


def test_usd_rate_is_dated() -> None:
    rate = usd_rate(dt.date(2023, 1, 1))
    assert rate.day == dt.date(2022, 8, 24) and rate.vnd_per_usd == 23232
    assert usd_rate(dt.date(2026, 12, 6)).day == dt.date(2023, 8, 28)
