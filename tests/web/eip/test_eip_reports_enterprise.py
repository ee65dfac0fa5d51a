"""The eco-enterprise check from platform data, and the dossier gathered from the database.

The 'eco' park of tests/web/eip_fixtures.py (2024): F1 has an RECP option implemented and
supplies F2 in an operating exchange; F2 has an identified option only; F3 and F4 have neither.
Here F4 is given 80 workers (the others have 150), so the B5 items for firms with more than
100 workers do not apply to it. Hand-checked:

  firm  RECP (required)   symbiosis (required)   SOC.1 (>100 workers)   result
  F1    1 option → met    1 exchange → met       no record → no data    met
  F2    0 → not met       1 exchange → met       no record → no data    not met
  F3    0 → not met       0 → not met            no record → no data    not met
  F4    0 → not met       0 → not met            80 workers → n/a       not met
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from openeip.core.eip.model import Status
from openeip.web.eip.reports.dossier import dossier_pdf
from openeip.web.eip.services.dossier import build_annual, build_dossier
from openeip.web.eip.services.enterprise import enterprise_checks, firm_facts
from openeip.web.registry.models import Company
from tests.web.eip_fixtures import make_eco_park
from tests.web.report_text import report_text


@pytest.fixture
def eco(db):
    park = make_eco_park()
    Company.objects.filter(park=park, code="F4").update(employees=80)
    return park


def _statuses(result):
    return {item.item.code: item.status for item in result.items}


def test_the_facts_per_firm_come_from_recp_options_and_operating_exchanges(eco):
    facts = {f.code: (f.recp_options_implemented, f.operating_exchanges, f.employees)
             for f in firm_facts(eco, 2024)}
    assert facts == {"F1": (1, 1, 150), "F2": (0, 1, 150), "F3": (0, 0, 150), "F4": (0, 0, 80)}


def test_each_firm_is_checked_on_the_required_items(eco):
    results = {r.code: r for r in enterprise_checks(eco, 2024)}
    assert {code: r.status for code, r in results.items()} == {
        "F1": Status.MET, "F2": Status.NOT_MET, "F3": Status.NOT_MET, "F4": Status.NOT_MET}
    assert _statuses(results["F1"])["SOC.1"] is Status.UNKNOWN
    assert _statuses(results["F4"])["SOC.1"] is Status.NOT_APPLICABLE
    assert _statuses(results["F4"])["SOC.2"] is Status.UNKNOWN  # applies to all firms


def test_an_exchange_that_is_only_identified_does_not_count(eco):
    from openeip.web.symbiosis.models import Opportunity

    Opportunity.objects.update(status="identified")
    results = {r.code: r for r in enterprise_checks(eco, 2024)}
    assert results["F1"].status is Status.NOT_MET
    assert _statuses(results["F1"])["symbiosis"] is Status.NOT_MET


def test_the_dossier_from_the_database_shows_the_checks_and_the_indicators(eco, report_html):
    with translation.override("en"):
        dossier = build_dossier(eco, "vn-decree-35-2022", "en", as_of=dt.date(2024, 12, 31))
    lines = {line.code: line for line in dossier.enterprises}
    assert lines["F1"].status is Status.MET and lines["F4"].employees == 80
    recp = {item.code: item for item in lines["F1"].items}["recp"]
    assert recp.detail == "1 option implemented" and recp.required
    indicators = {line.code: line.value for line in dossier.indicators}
    assert indicators["symbiosis_links"] == 1
    assert dossier.park.firms == 4 and dossier.park.name == "Eco park"
    text = report_text(dossier_pdf(dossier, "en"))
    assert "1 of 4 firms meet the required items of the check." in text
    assert "Firm F1 (F1)" in text and "1 option implemented" in text


def test_the_annual_report_is_assessed_at_the_years_end_and_never_saved(eco):
    from openeip.web.eip.models import ParkAssessment

    with translation.override("vi"):
        annual = build_annual(eco, 2024, "vi")
    assert annual.result.as_of == dt.date(2024, 12, 31) and annual.year == 2024
    assert annual.park.name == "KCN Eco"
    assert {line.name for line in annual.enterprises} >= {"Công ty F1"}
    assert not ParkAssessment.objects.exists()


def _plan_everything_open(park, deadline):
    """One action closing every criterion the park has not met yet, due on ``deadline``."""
    from openeip.core.eip.model import Status as S
    from openeip.web.eip.models import PlanAction

    first = build_dossier(park, "vn-decree-35-2022", "en", as_of=dt.date(2024, 12, 31))
    open_ids = [r.criterion.id for r in first.result.results if r.status in (S.NOT_MET,
                                                                             S.UNKNOWN)]
    PlanAction.objects.create(park=park, edition_id="vn-decree-35-2022", criterion_ids=open_ids,
                              source="library", ref="ALL", title_en="Close every gap",
                              title_vi="Khắc phục mọi khoảng cách", deadline=deadline)
    return first.result.overall


@pytest.mark.parametrize(("deadline", "misses"), [(dt.date(2026, 6, 30), False),
                                                  (dt.date(2028, 3, 1), True)])
def test_the_roadmap_meets_or_misses_the_eight_year_commitment(eco, deadline, misses, report_html):
    # established 1 Jan 2020 as a new EIP → Art. 38 deadline 1 Jan 2028
    from openeip.web.eip.models import ParkProfile

    ParkProfile.objects.create(park=eco, new_eip=True, established=dt.date(2020, 1, 1))
    overall = _plan_everything_open(eco, deadline)
    with translation.override("en"):
        dossier = build_dossier(eco, "vn-decree-35-2022", "en", as_of=dt.date(2024, 12, 31))
    plan = dossier.roadmap
    assert plan.commitment_deadline == dt.date(2028, 1, 1)
    assert plan.all_met_year == deadline.year and plan.misses_commitment is misses
    assert plan.not_planned == ()
    assert [(y.year, y.met) for y in plan.years][0] == (2024, overall.met)
    assert plan.years[-1].met == plan.years[-1].of == overall.applicable
    assert [a.title for a in dossier.actions] == ["Close every gap"]
    text = report_text(dossier_pdf(dossier, "en"))
    assert "Close every gap" in text
    assert ("The roadmap misses this deadline." in text) is misses


def test_an_action_without_a_deadline_is_expected_after_its_typical_months(eco, report_html):
    # assessed 31 Dec 2024; 6 months later → 28 Jun 2025 (the day capped at 28), an estimate
    from openeip.core.eip.model import Status as S
    from openeip.web.eip.models import PlanAction

    first = build_dossier(eco, "vn-decree-35-2022", "en", as_of=dt.date(2024, 12, 31))
    open_ids = [r.criterion.id for r in first.result.results if r.status in (S.NOT_MET,
                                                                             S.UNKNOWN)]
    PlanAction.objects.create(park=eco, edition_id="vn-decree-35-2022", criterion_ids=open_ids,
                              source="library", ref="ALL", title_en="Close every gap",
                              owner="operator", months=6)
    with translation.override("en"):
        dossier = build_dossier(eco, "vn-decree-35-2022", "en", as_of=dt.date(2024, 12, 31))
    (action,) = dossier.actions
    assert (action.deadline, action.deadline_estimated) == (dt.date(2025, 6, 28), True)
    assert action.owner == "park operator"
    assert dossier.roadmap.all_met_year == 2025
    text = report_text(dossier_pdf(dossier, "en"))
    assert "Estimated: the action has no deadline yet" in text
