"""The access declared on the services and Eco-Fair models, at queryset level: each persona of
tests/conftest.py reaches exactly these rows for each action."""

from __future__ import annotations

import pytest

from openeip.web.base.access import ACTIONS, visible
from openeip.web.ecofair.models import Certificate, CertifiedProduct, Enquiry, Match
from openeip.web.services.models import (
    AllocationShare,
    CostAllocation,
    JointRequest,
    ServiceRequest,
    SharedAsset,
)
from tests.conftest import PERSONAS
from tests.web.ecofair.helpers import ecofair_world
from tests.web.services.helpers import services_world

pytestmark = pytest.mark.django_db
SIGNED_IN = set(PERSONAS) - {"anonymous"}
A1_SIDE = {"admin", "park_manager", "company_user", "consultant"}
MANAGERS = {"admin", "park_manager"}


def _reach(model, user, action):
    return visible(model, user, action).exists()


@pytest.mark.parametrize("persona", sorted(SIGNED_IN))
def test_each_persona_reaches_the_rows_the_declarations_give(world, persona):
    services_world(world)
    ecofair_world(world)
    user = world.users[persona]
    expected = {
        # park-level; a connected tenant views its asset, tenants of the park a joint request
        (SharedAsset, "view"): A1_SIDE, (SharedAsset, "change"): MANAGERS,
        (CostAllocation, "view"): MANAGERS,
        (JointRequest, "view"): A1_SIDE, (JointRequest, "change"): MANAGERS,
        # a tenant's own rows; moving a request is the park managers' approve right
        (AllocationShare, "view"): A1_SIDE,
        (ServiceRequest, "view"): A1_SIDE, (ServiceRequest, "approve"): MANAGERS,
        # listed products and their certificates: everyone signed in views them
        (CertifiedProduct, "view"): SIGNED_IN, (CertifiedProduct, "change"): A1_SIDE,
        (Certificate, "view"): SIGNED_IN, (Certificate, "approve"): MANAGERS,
        # two-sided rows: A1 sells, B1 buys
        (Match, "view"): A1_SIDE | {"other_company_user"},
        (Enquiry, "change"): A1_SIDE | {"other_company_user"},
    }
    for (model, action), personas in expected.items():
        assert action in ACTIONS
        assert _reach(model, user, action) == (persona in personas), (model.__name__, action)


def test_a_tenant_views_only_its_own_share_and_connection(world):
    services_world(world)
    user = world.users["company_user"]
    assert set(visible(AllocationShare, user).values_list("company__code", flat=True)) == {"A1"}
    assert not visible(SharedAsset, user, "change").exists()
