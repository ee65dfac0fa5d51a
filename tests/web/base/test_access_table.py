"""The access table at the queryset level: every model declares its owner, and for each action
each persona reaches exactly the rows the table in ``openeip.web.base.access`` gives it."""

from __future__ import annotations

import pytest
from django.apps import apps

from openeip.web.base.access import ACTIONS, Owner, RestrictedQuerySet, may, visible
from openeip.web.eip.models import PlanAction
from openeip.web.recp.models import Assessment, AssessmentOption
from openeip.web.registry.models import Company, Park, ResourceFlow

#: persona -> action -> the companies (by code) it reaches in the world of tests/conftest.py
COMPANIES = {
    "admin": {"view": {"A1", "A2", "B1"}, "change": {"A1", "A2", "B1"},
              "approve": {"A1", "A2", "B1"}},
    "park_manager": {"view": {"A1", "A2"}, "change": {"A1", "A2"}, "approve": {"A1", "A2"}},
    "company_user": {"view": {"A1"}, "change": {"A1"}, "approve": {"A1"}},
    "other_company_user": {"view": {"B1"}, "change": {"B1"}, "approve": {"B1"}},
    # a consultant prepares (view, change) but never approves
    "consultant": {"view": {"A1"}, "change": {"A1"}, "approve": set()},
    "consultant_revoked": {action: set() for action in ACTIONS},
    "consultant_expired": {action: set() for action in ACTIONS},
    "consultant_not_started": {action: set() for action in ACTIONS},
    "consultant_without_grant": {action: set() for action in ACTIONS},
    # sees the finance dossiers shared with its lender (tests/web/finance/), no company's data
    "lender_officer": {action: set() for action in ACTIONS},
}
#: park-level data: the park's managers only, whatever the action
PARKS = {persona: {action: ({"alpha", "beta"} if persona == "admin" else {"alpha"}
                            if persona == "park_manager" else set()) for action in ACTIONS}
         for persona in COMPANIES}


def test_every_restricted_model_declares_its_owner():
    restricted = [model for model in apps.get_models()
                  if isinstance(model._default_manager.all(), RestrictedQuerySet)]
    assert len(restricted) >= 17
    for model in restricted:
        assert isinstance(getattr(model, "access", None), Owner), model._meta.label


@pytest.mark.parametrize("persona", sorted(COMPANIES))
def test_company_data_follows_the_table(world, persona):
    user = world.users[persona]
    assessments = {code: Assessment.objects.create(company=getattr(world, code.lower()),
                                                   title="Scan " + code)
                   for code in ("A1", "A2", "B1")}
    for assessment in assessments.values():
        AssessmentOption.objects.create(assessment=assessment, title_en="Fix leaks",
                                        discount_rate="0.1")
    for action in ACTIONS:
        expected = COMPANIES[persona][action]
        assert set(Company.objects.for_user(user, action).values_list("code", flat=True)) \
            == expected, action
        assert set(visible(ResourceFlow, user, action).values_list("company__code", flat=True)) \
            == expected, action
        assert set(visible(AssessmentOption, user, action)
                   .values_list("assessment__company__code", flat=True)) == expected, action
        assert may(user, action, assessments["A1"]) == ("A1" in expected), action


@pytest.mark.parametrize("persona", sorted(PARKS))
def test_park_data_follows_the_table(world, persona):
    user = world.users[persona]
    for park in (world.alpha, world.beta):
        PlanAction.objects.create(park=park, edition_id="e", source="library", ref="R1",
                                  title_en="Act")
    for action in ACTIONS:
        expected = PARKS[persona][action]
        assert set(Park.objects.for_user(user, action).values_list("slug", flat=True)) \
            == expected, action
        assert set(visible(PlanAction, user, action).values_list("park__slug", flat=True)) \
            == expected, action


def test_anonymous_and_inactive_users_reach_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    inactive = world.users["company_user"]
    inactive.is_active = False
    for user in (AnonymousUser(), None, inactive):
        for action in ACTIONS:
            assert not Company.objects.for_user(user, action).exists()


def test_an_unknown_action_is_an_error_not_a_silent_view(world):
    with pytest.raises(ValueError, match="Unknown action 'delete'"):
        Company.objects.for_user(world.users["admin"], "delete")


def test_an_owner_needs_a_path_or_a_rule():
    with pytest.raises(TypeError):
        Owner()


def test_an_action_implied_by_another_is_so_for_every_persona(world):
    """``Owner.implies(held, action)`` claims that whoever reaches a row for ``held`` may
    ``action`` it: checked against the querysets of every persona and model that claims it."""
    from tests.conftest import PERSONAS

    rule_free = Owner(company="company")
    assert rule_free.implies("view", "change") and rule_free.implies("approve", "view")
    assert not rule_free.implies("view", "approve")     # a consultant sees but never approves
    assert not Owner(company="company", rule=lambda user, action: None).implies("view",
                                                                                 "change")
    from tests.web.monitor.helpers import metered

    metered(world)       # A1's meters and the park's own: the rows of the one rule that claims it
    users = [u for name, u in world.users.items() if name in PERSONAS]
    checked = set()
    for model in apps.get_models():
        owner = getattr(model, "access", None)
        if not isinstance(owner, Owner):
            continue
        for held, action in (("view", "change"), ("change", "approve"), ("view", "approve")):
            if not owner.implies(held, action):
                continue
            for user in users:
                seen = set(visible(model, user, held).values_list("pk", flat=True))
                allowed = set(visible(model, user, action).values_list("pk", flat=True))
                assert seen <= allowed, (model._meta.label, held, action, user.username)
                if seen:
                    checked.add(model._meta.label)
    assert "monitor.Meter" in checked    # its rule ignores the action: checked on real rows
