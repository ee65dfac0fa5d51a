"""The EIP social criteria and the people records (issue 15): which criteria read them, which
only show them as supporting evidence, and what "no record" looks like. Tiny parks, every number
worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

from openeip.core.eip.assess import assess, observations_from_indicators
from openeip.core.eip.editions import load_edition, shipped_editions
from openeip.core.eip.indicators import IndicatorInputs, compute_indicators
from openeip.core.eip.model import CriterionResult, Status
from openeip.core.eip.supporting import support_rule, support_rules, supporting_records
from openeip.core.i18n import language, render

AS_OF = dt.date(2026, 12, 31)
#: 4 firms, 3 of them with staff trained; 5 women and 2 men trained; 3 grievances received,
#: 4 resolved (one received the year before), 3 of them in time; 2 dialogue meetings
FOUR_FIRMS = IndicatorInputs(year=2026, firms=4, firms_trained=3, people_trained_women=5,
                             people_trained_men=2, grievances_received=3, grievances_closed=4,
                             grievances_closed_in_time=3, dialogue_meetings=2)
NO_RECORDS = IndicatorInputs(year=2026, firms=4)


def _result(edition_id: str, inputs: IndicatorInputs) -> dict[str, CriterionResult]:
    edition = load_edition(edition_id)
    observations = observations_from_indicators(edition, compute_indicators(inputs), AS_OF)
    result = assess(edition, observations, as_of=AS_OF)
    return {item.criterion.id: item for item in result.results}


def test_the_four_firm_park_three_trained_is_75_percent() -> None:
    values = compute_indicators(FOUR_FIRMS)
    assert values["training_firms_share"].value == D("75.00")      # 3 / 4
    assert values["grievances_in_time_share"].value == D("75.00")  # 3 / 4
    assert values["grievances_received"].value == D(3)
    assert values["dialogue_meetings"].value == D(2)


def test_no_record_is_a_visible_reason_naming_the_year_never_a_zero() -> None:
    values = compute_indicators(NO_RECORDS)
    for code in ("training_firms_share", "people_trained_women", "grievances_in_time_share",
                 "grievances_received", "dialogue_meetings"):
        assert values[code].value is None
        with language("en"):
            assert "no records on the platform for 2026" in render(values[code].detail), code
    with language("en"):
        assert render(values["training_firms_share"].detail) == (
            "Not computed: no records on the platform for 2026 (firms with staff trained).")
    # an input that is not a record keeps the plain reason
    with language("en"):
        assert render(compute_indicators(IndicatorInputs(year=2026, firms_trained=1))
                      ["training_firms_share"].detail) == (
            "Not computed: firms in the park not known.")


def test_the_international_grievance_and_dialogue_criteria_read_the_records() -> None:
    items = _result("intl-eip-framework-2.0", FOUR_FIRMS)
    grievance, dialogue = items["SOC-3"], items["SOC-4"]
    assert (grievance.status, dialogue.status) == (Status.MET, Status.MET)
    assert grievance.current is not None and grievance.current.origin == "computed"
    assert dialogue.current is not None
    with language("en"):
        assert render(grievance.current.detail) == "Grievances received = 3"
        assert render(dialogue.current.detail) == (
            "Community dialogue meetings = 2")


def test_without_records_the_criteria_stay_unknown_with_the_reason() -> None:
    items = _result("intl-eip-framework-2.0", NO_RECORDS)
    for criterion_id in ("SOC-3", "SOC-4"):
        item = items[criterion_id]
        assert item.status is Status.UNKNOWN and item.current is not None
        assert item.current.value is None
        with language("en"):
            assert "no records on the platform for 2026" in render(item.current.detail)


def test_a_count_of_zero_is_not_a_yes() -> None:
    # grievances were resolved in the year, none received in it: the register shows no intake
    inputs = replace(FOUR_FIRMS, grievances_received=0, dialogue_meetings=0)
    items = _result("intl-eip-framework-2.0", inputs)
    assert items["SOC-3"].status is Status.UNKNOWN
    assert items["SOC-4"].status is Status.UNKNOWN
    current = items["SOC-3"].current
    assert current is not None
    with language("en"):
        assert render(current.detail).startswith(
            "Grievances received = 0: nothing recorded on the platform for the year")


def test_the_decree_35_firm_criteria_are_not_answered_by_the_records() -> None:
    items = _result("vn-decree-35-2022", FOUR_FIRMS)
    for criterion_id in ("VN35-B5-SOC.1", "VN35-B5-SOC.4", "VN35-A5-SOC.7"):
        assert items[criterion_id].status is Status.UNKNOWN
        assert items[criterion_id].current is None              # evidence answers them
    edition = load_edition("vn-decree-35-2022")
    shown = supporting_records(edition, compute_indicators(FOUR_FIRMS))
    assert sorted(shown) == ["VN35-A5-SOC.7", "VN35-B5-SOC.1", "VN35-B5-SOC.4"]
    assert [(v.code, v.value) for v in shown["VN35-B5-SOC.4"].values] == [
        ("training_firms_share", D("75.00")), ("people_trained_women", D(5)),
        ("people_trained_men", D(2))]
    assert "more than 100 workers" in shown["VN35-B5-SOC.4"].rule.needs("en")
    assert "100 lao động" in shown["VN35-B5-SOC.4"].rule.needs("vi")


def test_every_support_row_names_a_criterion_of_its_edition() -> None:
    # and no criterion shows as support the indicator it is decided by
    editions = {edition.id: edition for edition in shipped_editions()}
    assert len(support_rules()) == 6
    for rule in support_rules():
        criterion = editions[rule.edition].criterion(rule.criterion)
        assert criterion.indicator not in rule.indicators
        assert rule.verification is criterion.verification


def test_an_adapted_edition_inherits_the_rows_of_its_base() -> None:
    base = load_edition("vn-decree-35-2022")
    adapted = replace(base, id="vn-decree-35-2022-park-x", based_on=base.id)
    rule = support_rule(adapted, "VN35-B5-SOC.4")
    assert rule is not None and rule.edition == base.id
    assert support_rule(replace(base, id="other", based_on=""), "VN35-B5-SOC.4") is None


def test_a_meeting_is_with_the_community_when_residents_or_ngos_came() -> None:
    from openeip.core.community import with_community

    assert with_community({"residents": 3, "firms": 5})
    assert with_community({"civil_society": 1})
    assert not with_community({"firms": 8, "park": 2, "authorities": 1, "workers": 30})
    assert not with_community({"residents": 0})
    assert not with_community({})
