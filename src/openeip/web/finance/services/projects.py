"""Creating and changing a finance project (form and API share these): checked by the core model
before anything is written, GHG avoided kept from the linked options, every change audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.finance.models import DossierShare, FinanceProject, LenderInstitution
from openeip.web.finance.services.evaluation import project_case
from openeip.web.finance.services.facts import ex_ante
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["option_project", "save_project", "share"]


def save_project(project: FinanceProject, user: Any, options: Any = None,
                 exchanges: Any = None, via: str = "web") -> FinanceProject:
    """Check ``project`` with the core model (DomainError names the field) and store it."""
    project_case(project)  # raises before anything is written
    created = project.pk is None
    with transaction.atomic():
        if created:
            project.created_by = user
        project.save()
        if options is not None:
            project.options.set(options)
        if exchanges is not None:
            project.exchanges.set(exchanges)
        _shares, ghg = ex_ante(project)
        FinanceProject.objects.filter(pk=project.pk).update(ghg_avoided_tco2e=ghg or None)
        project.ghg_avoided_tco2e = ghg or None
        audit.entry(user=user, via=via,
                    action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
                    company=project.company, object_type="finance_project",
                    object_key="{} #{} {}".format(project.company.code, project.pk,
                                                  project.title),
                    changes={"title": project.title, "line": project.line_id}).save()
    return project


def share(project: FinanceProject, institution: LenderInstitution, user: Any,
          via: str = "web") -> DossierShare:
    """Share the dossier with a lender (once); audited."""
    if project.line_id and institution.line_ids and project.line_id not in institution.line_ids:
        raise DomainError(_("{lender} does not offer the line {line}; choose the lender of the "
                            "project's line.").format(lender=institution.name_en,
                                                      line=project.line_id), "institution")
    row, created = DossierShare.objects.get_or_create(
        project=project, institution=institution, defaults={"shared_by": user})
    if created:
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=project.company, object_type="finance_project",
                    object_key="{} #{} {}".format(project.company.code, project.pk,
                                                  project.title),
                    changes={"shared_with": institution.code}).save()
    return row


def option_project(option: Any) -> FinanceProject:
    """An unsaved, all-equity project standing for one evaluated RECP option (for a check of
    a company without finance projects): its investment, yearly savings, O&M and lifetime."""
    figures = (option.results or {}).get("figures", {})
    company = option.assessment.company
    project = FinanceProject(
        company=company, title=option.title_en or option.title_vi or option.template_code,
        investment_vnd=option.investment_vnd,
        annual_savings_vnd=round(float(figures.get("annual_savings_vnd") or 0)),
        om_vnd_per_yr=option.extra_om_vnd, lifetime_years=option.lifetime_years,
        discount_rate=option.discount_rate)
    project._option_list = [option]  # type: ignore[attr-defined]
    return project
