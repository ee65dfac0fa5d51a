"""The workflow service itself, as pages and the CLI call it."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.web.base.workflow import transition
from openeip.web.recp.models import TRANSITIONS, Assessment, AssessmentOption, OptionStatus
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


def _studied(option):
    AssessmentOption.objects.filter(pk=option.pk).update(status="studied")
    option.refresh_from_db()
    return option


def test_a_consultant_prepares_but_the_company_approves(world, option):
    """Approving an option for investment needs the 'approve' right: the consultant (who may
    change the option) is refused, the company's own member is not."""
    _studied(option)
    with pytest.raises(DomainError) as refused:
        transition(option, "approved", world.users["consultant"], "web")
    assert refused.value.field == "status"
    assert "consultant prepares" in str(refused.value)
    assert AssessmentOption.objects.get(pk=option.pk).status == "studied"
    transition(option, "approved", world.users["company_user"], "web")
    assert AssessmentOption.objects.get(pk=option.pk).status == "approved"


def test_a_move_the_table_does_not_allow_names_what_is_allowed(option):
    with pytest.raises(DomainError) as refused:
        transition(option, "verified", None)
    assert str(refused.value) == ("An option that is identified cannot become verified; from "
                                  "identified it may become: studied, rejected.")
