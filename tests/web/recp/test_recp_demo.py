"""The demo park's RECP: every company has indicators and a quick scan with evaluated options,
and loading the demo again changes nothing."""

from __future__ import annotations

import pytest

from openeip.core.synthetic import DEMO_PARK_SLUG
from openeip.web.demo import load_demo
from openeip.web.recp.models import Assessment, AssessmentOption, IndicatorSnapshot
from openeip.web.recp.services.demo import seed_recp_demo
from openeip.web.registry.models import AuditEntry, Company, Park
from openeip.web.registry.services.demo import DEMO_COMPANY_CODE


def _state() -> dict[str, object]:
    return {
        "assessments": sorted(Assessment.objects.values_list("pk", "company__code", "title")),
        "options": sorted(AssessmentOption.objects.values_list(
            "pk", "template_code", "status", "investment_vnd", "evaluated_at")),
        "snapshots": sorted(IndicatorSnapshot.objects.values_list("pk", "source_key")),
        "audit": AuditEntry.objects.count(),
    }


@pytest.mark.django_db
def test_every_demo_company_gets_indicators_and_an_evaluated_quick_scan_once():
    load_demo()
    companies = Company.objects.filter(park__slug=DEMO_PARK_SLUG)
    assert companies.count() == 40
    for company in companies:
        snapshot = IndicatorSnapshot.objects.get(company=company, gwp_set="AR5")
        assert snapshot.year == 2024
        assert snapshot.payload["indicators"]["rows"], company.code
        assessment = Assessment.objects.get(company=company)
        assert (assessment.kind, assessment.baseline_period.year) == ("quick_scan", 2024)
        options = list(assessment.options.order_by("pk"))
        assert len(options) >= 2, company.code
        assert all(o.template_code and o.results["figures"]["annual_savings_vnd"] > 0
                   and o.results["gwp_set"] == "AR5" for o in options), company.code
        moved = "approved" if company.code == DEMO_COMPANY_CODE else "studied"
        assert [o.status for o in options] == [moved] + ["identified"] * (len(options) - 1)
    before = _state()
    seed_recp_demo(Park.objects.get(slug=DEMO_PARK_SLUG), DEMO_COMPANY_CODE)
    assert _state() == before
