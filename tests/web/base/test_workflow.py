"""The shared audited workflow on a third model: EIP plan actions (park-level data)."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.web.base.workflow import moves_for, transition
from openeip.web.eip.models import PlanAction
from openeip.web.eip.services.plan import update_action
from openeip.web.registry.models import AuditEntry


@pytest.fixture
def action(world):
    return PlanAction.objects.create(park=world.alpha, edition_id="vn-decree-35-2022",
                                     source="library", ref="WW-01", title_en="Reuse water")


def test_a_plan_action_moves_only_as_its_table_allows_and_each_move_is_audited(world, action):
    manager = world.users["park_manager"]
    transition(action, "in_progress", manager)
    transition(action, "done", manager)
    with pytest.raises(DomainError) as refused:
        transition(action, "dropped", manager)
    assert str(refused.value) == ("A plan action that is done cannot become dropped; from done "
                                  "it may become: in progress.")
    trail = list(AuditEntry.objects.filter(object_type="eip_plan_action").order_by("id")
                 .values_list("changes", "user__username", "company"))
    assert trail == [({"status": ["planned", "in_progress"]}, "park_manager", None),
                     ({"status": ["in_progress", "done"]}, "park_manager", None)]
    assert PlanAction.objects.get(pk=action.pk).status == "done"


def test_owner_and_deadline_are_audited_with_the_status_in_one_update(world, action):
    import datetime

    update_action(action, {"owner": "park_board", "deadline": datetime.date(2027, 3, 31),
                           "status": "in_progress"}, world.users["park_manager"], "api")
    changes = [entry.changes for entry in AuditEntry.objects.filter(
        object_type="eip_plan_action", via="api").order_by("id")]
    assert changes == [{"owner": ["", "park_board"], "deadline": [None, "2027-03-31"]},
                       {"status": ["planned", "in_progress"]}]


def test_nothing_changed_writes_nothing(world, action):
    update_action(action, {"owner": "", "status": "planned"}, world.users["park_manager"])
    assert not AuditEntry.objects.filter(object_type="eip_plan_action").exists()


def test_the_buttons_offered_are_the_moves_allowed(world, action):
    assert moves_for(action, world.users["park_manager"]) == ("in_progress", "done", "dropped")


@pytest.mark.parametrize("persona", ["admin", "park_manager", "company_user", "consultant",
                                     "other_company_user"])
def test_the_approve_right_of_a_list_in_one_query_is_the_right_of_each_row(world, persona,
                                                                          django_assert_num_queries):
    from openeip.web.base.access import may
    from openeip.web.base.workflow import approvable
    from openeip.web.recp.models import Assessment, AssessmentOption

    options = [AssessmentOption.objects.create(
        assessment=Assessment.objects.create(company=company, title="scan"),
        title_en="option", category="good_housekeeping", status="studied", discount_rate="0.10")
        for company in (world.a1, world.a1, world.a2, world.b1)]
    user = world.users[persona]
    with django_assert_num_queries(1):
        keys = approvable(options, user)
    assert keys == {option.pk for option in options if may(user, "approve", option)}
    for option in options:  # "studied" → "approved" is the move that needs the right
        offered = moves_for(option, user, keys)
        assert offered == moves_for(option, user)
        assert ("approved" in offered) == (option.pk in keys)
