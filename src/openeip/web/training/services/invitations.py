"""Invitations from the firms' gaps: which gap codes (``core.training``) each firm of the park
shows in its records, and the invitations a session's topic makes of them."""

from __future__ import annotations

from django.db.models import Q

from openeip.core.training import invitations_for
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.registry.models import Company, ResourceFlow
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus
from openeip.web.training.models import Invitation, Session

__all__ = ["company_gaps", "invite_from_gaps"]


def company_gaps(company: Company, year: int) -> set[str]:
    """The gap codes of ``company`` (see data/training/invitation_rules.csv)."""
    gaps: set[str] = set()
    if not Assessment.objects.filter(company=company).exists():
        gaps.add("no_recp_assessment")
    elif not AssessmentOption.objects.filter(
            assessment__company=company,
            status__in=(OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED)).exists():
        gaps.add("no_recp_implemented")
    if not Opportunity.objects.filter(
            Q(supply__company=company) | Q(demand__company=company),
            status=OpportunityStatus.OPERATING).exists():
        gaps.add("no_symbiosis_exchange")
    if not ResourceFlow.objects.filter(company=company, period__year=year).exists():
        gaps.add("no_flow_data")
    return gaps


def invite_from_gaps(session: Session) -> list[Invitation]:
    """Invite each firm of the session's park whose gaps call for the course's topic (once)."""
    made = []
    year = session.starts_at.year
    for company in Company.objects.filter(park=session.park).order_by("code"):
        for invitation in invitations_for(sorted(company_gaps(company, year)),
                                          session.course.topic):
            row, created = Invitation.objects.get_or_create(session=session, company=company,
                                                            gap=invitation.gap)
            if created:
                made.append(row)
    return made
