"""The finance pipeline: who may move a project where, the appraisal deadline, verification
setting the refund tier, and the audit trail (services/workflow.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from openeip.core.errors import DomainError
from openeip.web.finance.models import FinanceProject, LenderInstitution, LenderOfficer, Stage
from openeip.web.finance.services import workflow
from openeip.web.finance.services.facts import project_facts
from openeip.web.registry.models import AuditEntry
from tests.web.finance.helpers import a1_project


def _move(project, stage, persona, world):
    return workflow.transition(project, stage, world.users[persona])


def test_a_project_goes_from_idea_to_closed_with_the_right_people(world):
    project = a1_project(world, measured=True)
    _move(project, Stage.PREPARED, "consultant", world)
    _move(project, Stage.SUBMITTED, "company_user", world)
    _move(project, Stage.APPRAISAL, "lender_officer", world)
    # GCTF: VNCPC's preliminary appraisal within 15 days
    assert project.appraisal_deadline == timezone.localdate() + dt.timedelta(days=15)
    assert workflow.deadline_days_left(project) == 15
    _move(project, Stage.APPROVED, "lender_officer", world)
    _move(project, Stage.DISBURSED, "lender_officer", world)
    _move(project, Stage.INSTALLED, "company_user", world)
    _move(project, Stage.VERIFIED, "consultant", world)
    # measured: 520 of 1,000 kWh → 52 %, the 50 % tier; GCTF's refund share is unknown
    assert project.verified_improvement == pytest.approx(0.52)
    assert project.refund_tier == 0.5 and project.refund_vnd is None
    _move(project, Stage.CLOSED, "company_user", world)
    stored = FinanceProject.objects.get(pk=project.pk)
    assert stored.stage == Stage.CLOSED
    stages = [e.changes["stage"] for e in AuditEntry.objects.filter(
        object_type="finance_project").order_by("pk") if "stage" in e.changes]
    assert stages[0] == ["idea", "prepared"] and stages[-1] == ["verified", "closed"]
    assert len(stages) == 8


@pytest.mark.parametrize("persona", ["park_manager", "consultant", "other_company_user",
                                     "lender_officer"])
def test_only_the_company_submits(world, persona):
    project = a1_project(world)
    _move(project, Stage.PREPARED, "company_user", world)
    with pytest.raises(DomainError):
        _move(project, Stage.SUBMITTED, persona, world)


def test_the_lender_appraises_only_what_is_shared_with_it(world):
    project = a1_project(world, shared=False)
    _move(project, Stage.PREPARED, "company_user", world)
    with pytest.raises(DomainError, match="Share the dossier"):
        _move(project, Stage.SUBMITTED, "company_user", world)


def test_verification_needs_a_measurement(world):
    project = a1_project(world, measured=False)
    FinanceProject.objects.filter(pk=project.pk).update(stage=Stage.INSTALLED)
    project.refresh_from_db()
    with pytest.raises(DomainError, match="measure"):
        _move(project, Stage.VERIFIED, "consultant", world)


def test_a_lender_officer_sees_only_dossiers_shared_with_their_lender(world):
    shared = a1_project(world)
    other_bank = LenderInstitution.objects.create(code="other", name_en="Other", name_vi="Khác")
    from django.contrib.auth import get_user_model

    stranger = get_user_model().objects.create_user("other_officer")
    LenderOfficer.objects.create(user=stranger, institution=other_bank)
    assert list(FinanceProject.objects.for_user(world.users["lender_officer"])) == [shared]
    assert not FinanceProject.objects.for_user(stranger).exists()
    # and nothing else of the company
    from openeip.web.registry.models import Company

    assert not Company.objects.for_user(world.users["lender_officer"]).exists()


def test_facts_come_from_the_project_register_and_recp(world):
    project = a1_project(world, facts={"is_sme": {"value": True}})
    facts, origin = project_facts(project)
    assert facts["improvement_energy"] == pytest.approx(0.3) and origin[
        "improvement_energy"] == "recp"
    assert facts["vietnamese_ownership_share"] == 1.0  # private_domestic
    assert facts["loan_vnd"] == pytest.approx(6e8)
    assert facts["is_sme"] is True and origin["is_sme"] == "stated"
