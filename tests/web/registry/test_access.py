"""The access rules, asked directly of the query sets every view and endpoint uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from openeip.web.registry.models import Company, Park, Product, ResourceFlow
from tests.conftest import PERSONAS, SEES_A1


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_entitled_personas_see_company_a1(world, persona):
    user = AnonymousUser() if persona == "anonymous" else world.users[persona]
    visible = set(Company.objects.for_user(user).values_list("code", flat=True))
    assert ("A1" in visible) == (persona in SEES_A1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_flows_and_products_follow_company_visibility(world, persona):
    user = AnonymousUser() if persona == "anonymous" else world.users[persona]
    companies = set(Company.objects.for_user(user).values_list("pk", flat=True))
    flow_companies = set(ResourceFlow.objects.for_user(user).values_list("company_id", flat=True))
    product_companies = set(Product.objects.for_user(user).values_list("company_id", flat=True))
    assert flow_companies == companies
    assert product_companies == companies


def test_park_manager_sees_exactly_their_park_and_its_companies(world):
    manager = world.users["park_manager"]
    assert list(Park.objects.for_user(manager)) == [world.alpha]
    assert set(Company.objects.for_user(manager)) == {world.a1, world.a2}


def test_company_member_does_not_see_the_other_company_in_the_same_park(world):
    assert set(Company.objects.for_user(world.users["company_user"])) == {world.a1}


def test_revoking_a_grant_hides_the_company_from_the_consultant(world):
    from openeip.web.registry.models import ConsultantGrant

    consultant = world.users["consultant"]
    assert Company.objects.for_user(consultant).count() == 1
    ConsultantGrant.objects.get(consultant=consultant).revoke()
    assert Company.objects.for_user(consultant).count() == 0


def test_an_inactive_user_sees_nothing(world):
    admin = world.users["admin"]
    admin.is_active = False
    assert Company.objects.for_user(admin).count() == 0


def test_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        Company.objects.for_user(world.users["admin"], "delete")
