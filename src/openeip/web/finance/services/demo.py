"""The finance demo: three lenders, a lender-officer account and, for the lead demo company and
the next four companies of the demo park, a finance project built from their evaluated RECP
options, each at a different stage — verified with its refund tier set (the lead company), in
appraisal (its deadline running), submitted, prepared and idea. Idempotent: loading again
changes nothing.

The verified project's measurement is synthetic like the whole demo park: its option's flows
are recorded as having fallen by 105 % of the expected saving (capped at the baseline), through
the RECP workflow (implemented → measured → verified), and the finance workflow then sets the
refund tier from that figure. The lenders' names are those of the shipped lines' lenders; the
commercial bank is fictional.
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from openeip.web.base import workflow as base_workflow
from openeip.web.finance.models import (
    DossierShare,
    FinanceProject,
    LenderInstitution,
    LenderOfficer,
    Stage,
)
from openeip.web.finance.services import workflow
from openeip.web.finance.services.projects import save_project
from openeip.web.recp.models import AssessmentOption, OptionStatus
from openeip.web.registry.models import Company, CompanyMembership, ConsultantGrant, Park
from openeip.web.registry.services.demo import DemoAccount

__all__ = ["LENDER_ACCOUNT", "seed_finance_demo"]

#: (username, password) of the demo lender officer (README: demo accounts)
LENDER_ACCOUNT = ("demo-lender", "openeip-lender")
LENDERS = (
    ("vncpc-gctf", "VNCPC — Green Credit Trust Fund", "VNCPC — Quỹ Ủy thác Tín dụng Xanh",
     ["gctf"]),
    ("vepf", "Vietnam Environment Protection Fund", "Quỹ Bảo vệ môi trường Việt Nam", ["vepf"]),
    ("demo-bank", "Demo Commercial Bank (fictional)", "Ngân hàng thương mại mẫu (giả định)",
     ["green-credit-generic"]),
)
#: the stage each demo company's project reaches, in company-code order, and its line
PLAN = ((Stage.VERIFIED, "gctf"), (Stage.APPRAISAL, "gctf"), (Stage.SUBMITTED, "vepf"),
        (Stage.PREPARED, "green-credit-generic"), (Stage.IDEA, "vepf"))
STATED = {"is_sme": {"value": True}, "qualifies_for_bank_loan": {"value": True},
          "technology_change": {"value": True}, "vepf_lending_subject": {"value": True},
          "loan_to_collateral": {"value": 0.6}, "risk_licence": {"value": "yes"},
          "risk_violations": {"value": "no"}}


def _officer() -> Any:
    user, created = get_user_model().objects.get_or_create(
        username=LENDER_ACCOUNT[0],
        defaults={"email": LENDER_ACCOUNT[0] + "@demo.openeip.invalid"})
    if created or not user.check_password(LENDER_ACCOUNT[1]):
        user.set_password(LENDER_ACCOUNT[1])
        user.save()
    return user


def _lenders() -> dict[str, LenderInstitution]:
    found = {}
    for code, name_en, name_vi, lines in LENDERS:
        found[code], _created = LenderInstitution.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_vi": name_vi, "line_ids": lines})
    LenderOfficer.objects.get_or_create(user=_officer(), defaults={
        "institution": found["vncpc-gctf"]})
    return found


def _best_options(company: Company) -> list[AssessmentOption]:
    """The company's evaluated options, largest share of a flow saved first (then the cheapest
    to invest): the project a consultant would put forward."""
    options = [o for o in AssessmentOption.objects.filter(assessment__company=company)
               .select_related("assessment") if o.results.get("figures")]

    def share(option: AssessmentOption) -> float:
        lines = option.results.get("savings", [])
        return max((float(s["quantity"]) / float(s["baseline"]) for s in lines
                    if s.get("baseline")), default=0.0)

    return sorted(options, key=lambda o: (-share(o), o.investment_vnd))[:2]


def _people(company: Company) -> tuple[Any, Any]:
    member = CompanyMembership.objects.filter(company=company).select_related("user").first()
    grant = ConsultantGrant.objects.active().filter(company=company).first()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    return (member.user if member else admin), (grant.consultant if grant else admin)


def _measure(option: AssessmentOption) -> None:
    """A synthetic measurement: each saved flow fell by 105 % of its expected saving."""
    for status in (OptionStatus.STUDIED, OptionStatus.APPROVED, OptionStatus.IMPLEMENTED):
        if status in AssessmentOption.workflow.allowed_next(option.status):
            base_workflow.transition(option, status, None, "cli")
    lines = []
    for saving in option.results.get("savings", []):
        before = float(saving.get("baseline") or 0)
        change = min(before, 1.05 * float(saving["quantity"]))
        lines.append({"description": saving["description"], "kind": saving["kind"],
                      "direction": saving["direction"], "unit": saving["unit"],
                      "before": before, "after": before - change, "change": change,
                      "expected": float(saving["quantity"]), "demo": True})
    AssessmentOption.objects.filter(pk=option.pk).update(measured_change={
        "before": str(option.results.get("baseline_year")), "after": "demo", "lines": lines,
        "demo": True})
    option.refresh_from_db()
    if OptionStatus.VERIFIED in AssessmentOption.workflow.allowed_next(option.status):
        base_workflow.transition(option, OptionStatus.VERIFIED, None, "cli")


def _project(company: Company, stage: str, line: str, lenders: dict[str, LenderInstitution],
             officer: Any) -> bool:
    if FinanceProject.objects.filter(company=company).exists():
        return False
    options = _best_options(company)
    if not options:
        return False
    member, consultant = _people(company)
    if stage == Stage.VERIFIED:
        options = options[:1]
        _measure(options[0])
    investment = sum(Decimal(o.investment_vnd) for o in options)
    savings = sum(Decimal(str(round(o.results["figures"]["annual_savings_vnd"])))
                  for o in options)
    lifetime = min(o.lifetime_years for o in options)
    project = FinanceProject(
        company=company, line_id=line,
        title=_("Cleaner production investment of {code}").format(code=company.code),
        technology="; ".join(o.title_en or o.title_vi for o in options),
        investment_vnd=investment, annual_savings_vnd=savings,
        om_vnd_per_yr=sum(Decimal(o.extra_om_vnd) for o in options),
        lifetime_years=max(lifetime, 3), discount_rate=Decimal("0.10"),
        loan_share=Decimal("0.6"), loan_rate=Decimal("0.026") if line == "vepf"
        else Decimal("0.09"), loan_years=min(5, max(lifetime, 3)), grace_years=1,
        tax_rate=Decimal("0.20"), inflation=Decimal("0.035"),
        guarantee_share=Decimal("0.5") if line == "gctf" else Decimal("0"), facts=STATED)
    save_project(project, consultant, options, [], via="cli")
    lender = next(code for code, *_rest, lines in LENDERS if line in lines)
    route = [Stage.PREPARED, Stage.SUBMITTED, Stage.APPRAISAL, Stage.APPROVED, Stage.DISBURSED,
             Stage.INSTALLED, Stage.VERIFIED]
    who = {Stage.PREPARED: consultant, Stage.SUBMITTED: member, Stage.INSTALLED: member,
           Stage.VERIFIED: consultant}
    for step in route[:route.index(Stage(stage)) + 1] if stage != Stage.IDEA else []:
        if step == Stage.SUBMITTED:
            DossierShare.objects.get_or_create(project=project, institution=lenders[lender],
                                               defaults={"shared_by": member})
        actor = who.get(step)
        if actor is None:  # the lender's steps: its officer, or an admin for other lenders
            actor = officer if lender == "vncpc-gctf" else get_user_model().objects.filter(
                is_superuser=True).order_by("pk").first()
        workflow.transition(project, step, actor, "cli")
    return True


def seed_finance_demo(park: Park, lead_company_code: str,
                      stdout: IO[str] | None = None) -> DemoAccount:
    """Lenders, the lender officer and five finance projects at different stages (the lead
    company's verified, the next four companies by code at the other stages); returns the
    lender officer's demo account."""
    made = 0
    with transaction.atomic():
        lenders = _lenders()
        officer = _officer()
        companies = sorted(Company.objects.filter(park=park).order_by("code"),
                           key=lambda company: company.code != lead_company_code)
        for company, (stage, line) in zip(companies, PLAN, strict=False):
            made += _project(company, stage, line, lenders, officer)
    if stdout is not None:
        stdout.write(_("Finance: {count} demo projects at different stages; lender officer "
                       "{user}.").format(count=made, user=LENDER_ACCOUNT[0]) + "\n")
    return DemoAccount(LENDER_ACCOUNT[0], LENDER_ACCOUNT[1], _(
        "lender officer of VNCPC (GCTF): sees only the dossiers shared with it"))
