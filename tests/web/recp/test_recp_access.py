"""RECP rows follow their company's visibility, decided by the registry's access rules alone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from openeip.web.recp.models import (
    Assessment,
    AssessmentOption,
    CompanyPrice,
    IndicatorSnapshot,
)
from openeip.web.registry.models import Company, ConsultantGrant
from tests.conftest import PERSONAS

SEEN = {"admin": {"A1", "A2", "B1"}, "park_manager": {"A1", "A2"}, "company_user": {"A1"},
        "other_company_user": {"B1"}, "consultant": {"A1"}, "consultant_revoked": set(),
        "consultant_without_grant": set(), "anonymous": set(), "consultant_expired": set(),
        "consultant_not_started": set(),
        "lender_officer": set()}  # sees finance dossiers shared with its lender, nothing else


@pytest.fixture
def recp_rows(world):
    for company in (world.a1, world.a2, world.b1):
        assessment = Assessment.objects.create(company=company, title="Scan " + company.code)
        AssessmentOption.objects.create(assessment=assessment, title_en="Fix leaks",
                                        category="good_housekeeping", discount_rate="0.1")
        CompanyPrice.objects.create(company=company, resource="water", price=1, unit="VND/m³")
        IndicatorSnapshot.objects.create(company=company, gwp_set="AR5", source_key="-")
    return world


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["view", "change"])
def test_every_recp_table_shows_exactly_the_rows_of_the_companies_one_may_reach(
        recp_rows, persona, action):
    user = AnonymousUser() if persona == "anonymous" else recp_rows.users[persona]
    assert set(Company.objects.for_user(user, action).values_list("code", flat=True)) == (
        SEEN[persona])
    for model, path in ((Assessment, "company__code"),
                        (AssessmentOption, "assessment__company__code"),
                        (CompanyPrice, "company__code"),
                        (IndicatorSnapshot, "company__code")):
        codes = set(model.objects.for_user(user, action).values_list(path, flat=True))
        assert codes == SEEN[persona], model.__name__


def test_a_revoked_grant_hides_the_assessments_and_options_at_once(recp_rows):
    consultant = recp_rows.users["consultant"]
    assert AssessmentOption.objects.for_user(consultant).count() == 1
    ConsultantGrant.objects.get(consultant=consultant).revoke()
    assert AssessmentOption.objects.for_user(consultant).count() == 0
    assert Assessment.objects.for_user(consultant).count() == 0
