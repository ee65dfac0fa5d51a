"""The workflow service itself, as pages and the CLI call it."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.web.recp.models import TRANSITIONS, Assessment, AssessmentOption, OptionStatus
from openeip.web.recp.services.workflow import transition
from openeip.web.registry.models import AuditEntry


def test_the_transition_table_names_every_status_and_only_statuses():
    assert set(TRANSITIONS) == set(OptionStatus.values)
    assert all(set(targets) <= set(OptionStatus.values) for targets in TRANSITIONS.values())
    assert TRANSITIONS[OptionStatus.VERIFIED] == ()


@pytest.fixture
def option(world):
    assessment = Assessment.objects.create(company=world.a1, title="Scan")
    return AssessmentOption.objects.create(assessment=assessment, title_en="Fix leaks",
                                           category="good_housekeeping", discount_rate="0.1")


def test_an_option_not_evaluated_cannot_be_marked_studied(option):
    with pytest.raises(DomainError) as refused:
        transition(option, "studied", None)
    assert (str(refused.value), refused.value.field) == (
        "Evaluate the option (investment, lifetime, savings) before marking it studied.",
        "status")
    assert not AuditEntry.objects.filter(object_type="recp_option").exists()


def test_a_rejection_is_audited_with_who_and_how(world, option):
    transition(option, "rejected", world.users["consultant"], "web")
    entry = AuditEntry.objects.get(object_type="recp_option")
    assert (entry.user, entry.via, entry.company, entry.action, entry.changes) == (
        world.users["consultant"], "web", world.a1, "update",
        {"status": ["identified", "rejected"]})
    assert entry.object_key == "A1 #{} option #{} Fix leaks".format(option.assessment_id,
                                                                    option.pk)
    assert AssessmentOption.objects.get(pk=option.pk).status == "rejected"
