"""The bankable dossier of a finance project, as PDF (WeasyPrint) and XLSX (openpyxl), in
Vietnamese or English: the project form, the RECP baseline, the eligibility check with its
evidence, the cash flows and loan schedule, the sensitivity grid and the environmental-risk
screening questionnaire. :func:`dossier_context` gathers plain values; both renderers read it,
so the PDF and the workbook always say the same."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openeip.core import formatting
from openeip.core.finance.lines import fact_catalogue
from openeip.core.finance.lines.screening import screening_questions
from openeip.core.i18n import language as core_language
from openeip.core.i18n import render
from openeip.web.finance.labels import outcome_label, verification_label
from openeip.web.finance.models import FinanceProject
from openeip.web.finance.services.evaluation import (
    checks,
    project_result,
    project_sensitivity_grid,
)
from openeip.web.finance.services.lines import usd_rate

__all__ = ["dossier_context", "dossier_pdf", "dossier_xlsx"]


def _origin_label(code: str) -> str:
    return {"project": _("project form"), "registry": _("company register"),
            "recp": _("RECP estimate (ex-ante)"), "measured": _("measured (ex-post)"),
            "stated": _("stated with evidence")}.get(code, code)


def _outcome_label(code: str) -> str:
    return outcome_label(code)


def _verification_label(code: str) -> str:
    return verification_label(code)


def _source_title(line: Any, source_id: str) -> str:
    source = line.source(source_id)
    return str(source.title) if source is not None else source_id


def dossier_context(project: FinanceProject, lang: str) -> dict[str, Any]:
    """Everything the dossier shows, worded in ``lang``."""
    with translation.override(lang), core_language(lang):
        result = project_result(project)
        grid = project_sensitivity_grid(project)
        line_checks, facts, origin = checks(project)
        catalogue = fact_catalogue()
        rate = usd_rate()
        company = project.company
        evidence: dict[str, list[str]] = {}
        for row in project.evidence.all():
            evidence.setdefault(row.fact, []).append((row.file.name or "").rsplit("/", 1)[-1])
        baseline = []
        for option in project.options.all():
            title = option.title_vi if lang == "vi" and option.title_vi else (
                option.title_en or option.title_vi or option.template_code)
            for line in (option.results or {}).get("savings", []):
                baseline.append({"option": title, "flow": line.get("description"),
                                 "baseline": line.get("baseline"), "saved": line.get("quantity"),
                                 "unit": line.get("unit"), "value_vnd": line.get("value_vnd")})
        stated = project.facts or {}
        return {
            "lang": lang,
            "project": project, "company": company, "park": company.park,
            "company_name": company.name_vi if lang == "vi" and company.name_vi
            else company.name_en,
            "report_date": formatting.date(timezone.localdate(), lang),
            "usd_rate": rate, "usd_rate_day": formatting.date(rate.day, lang),
            "investment_usd": rate.to_usd(float(project.investment_vnd)),
            "stage": project.get_stage_display(),
            "result": result, "years": result.years,
            "reasons": {k: render(v) for k, v in result.reasons.items()},
            "grid": grid,
            "baseline": baseline,
            "improvements": [
                {"label": catalogue[key].label()[lang], "value": facts[key],
                 "origin": _origin_label(origin.get(key, ""))}
                for key in ("improvement_energy", "improvement_water", "improvement_materials",
                            "improvement_waste", "improvement_wastewater", "improvement_ghg")
                if facts.get(key) is not None],
            "checks": [{
                "line": check.line, "title": check.line.title(lang),
                "lender": check.line.lender(lang),
                "outcome": check.outcome.value, "outcome_label": _outcome_label(check.outcome),
                "rules": [{"text": c.rule.text_vi if lang == "vi" else c.rule.text_en,
                           "outcome": c.outcome.value,
                           "outcome_label": _outcome_label(c.outcome),
                           "reason": render(c.reason),
                           "source": _source_title(check.line, c.rule.source),
                           "verification": _verification_label(c.rule.verification),
                           "evidence": [f for fact in c.rule.facts for f in evidence.get(fact, [])]}
                          for c in check.rules],
                "missing": [catalogue[f].evidence()[lang] for f in check.missing]}
                for check in line_checks],
            "screening": [{"question": q.question(lang),
                           "answer": _answer(stated.get("risk_" + q.id)),
                           "verification": _verification_label(q.verification)}
                          for q in screening_questions()],
            "evidence_files": [(catalogue[f].label()[lang] if f in catalogue else f, names)
                               for f, names in evidence.items()],
            "ghg_avoided": project.ghg_avoided_tco2e,
        }


def _answer(stated: Any) -> str:
    value = stated.get("value") if isinstance(stated, dict) else stated
    if value is True or value == "yes":
        return _("yes")
    if value is False or value == "no":
        return _("no")
    return _("not answered")


def dossier_html(project: FinanceProject, lang: str) -> str:
    from openeip.web.base.pdf import render_html

    return render_html("finance/dossier.html", dossier_context(project, lang), lang)


def dossier_pdf(project: FinanceProject, lang: str) -> bytes:
    from openeip.web.base.pdf import render_pdf

    return render_pdf("finance/dossier.html", dossier_context(project, lang), lang)


def dossier_xlsx(project: FinanceProject, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = dossier_context(project, lang)
    with translation.override(lang):
        book = Workbook()
        book.remove(book.worksheets[0])
        bold = Font(bold=True)

        def sheet(title: str, header: list[str]) -> Any:
            ws = book.create_sheet(title[:31])
            ws.append(header)
            for cell in ws[1]:
                cell.font = bold
            return ws

        result = context["result"]
        ws = sheet(_("Project"), [_("Item"), _("Value")])
        for label, value in [
            (_("Company"), context["company_name"]), (_("Park"), context["park"].slug),
            (_("Project"), project.title), (_("Technology"), project.technology),
            (_("Stage"), context["stage"]), (_("Finance line"), project.line_id),
            (_("Investment (VND)"), float(project.investment_vnd)),
            (_("Investment (USD)"), context["investment_usd"]),
            (_("USD rate (VND per USD) of"), "{} ({})".format(
                context["usd_rate"].vnd_per_usd, context["usd_rate_day"])),
            (_("Yearly savings (VND, today's prices)"), float(project.annual_savings_vnd)),
            (_("Yearly O&M (VND, today's prices)"), float(project.om_vnd_per_yr)),
            (_("Lifetime (years)"), project.lifetime_years),
            (_("Loan (VND)"), result.loan_vnd), (_("Equity (VND)"), result.equity_vnd),
            (_("Project NPV (VND)"), result.project_npv_vnd),
            (_("Project IRR"), result.project_irr), (_("Equity IRR"), result.equity_irr),
            (_("Minimum DSCR"), result.min_dscr), (_("Average DSCR"), result.avg_dscr),
            (_("LLCR"), result.llcr), (_("Payback (years)"), result.payback_years),
            (_("GHG avoided (tCO2e/yr)"), context["ghg_avoided"]),
        ]:
            ws.append([label, value])
        ws = sheet(_("Cash flows"), [
            _("Year"), _("Savings"), _("O&M"), _("EBITDA"), _("Depreciation"), _("Interest"),
            _("Principal"), _("Loan balance"), _("Tax (project)"), _("Tax (equity)"),
            _("Refund"), _("Project cash flow"), _("Equity cash flow"), _("DSCR")])
        for y in context["years"]:
            ws.append([y.year, y.savings_vnd, y.om_vnd, y.ebitda_vnd, y.depreciation_vnd,
                       y.interest_vnd, y.principal_vnd, y.balance_vnd, y.tax_project_vnd,
                       y.tax_equity_vnd, y.refund_vnd, y.project_cash_flow_vnd,
                       y.equity_cash_flow_vnd, y.dscr])
        ws = sheet(_("Baseline"), [_("Option"), _("Flow"), _("Baseline per year"),
                                   _("Saved per year"), _("Unit"), _("Value (VND/yr)")])
        for row in context["baseline"]:
            ws.append([row["option"], row["flow"], row["baseline"], row["saved"], row["unit"],
                       row["value_vnd"]])
        ws = sheet(_("Eligibility"), [_("Line"), _("Rule"), _("Outcome"), _("Reason"),
                                      _("Source"), _("Verification"), _("Evidence")])
        for check in context["checks"]:
            for rule in check["rules"]:
                ws.append([check["title"], rule["text"], rule["outcome_label"], rule["reason"],
                           rule["source"], rule["verification"], ", ".join(rule["evidence"])])
        ws = sheet(_("Sensitivity"), [_("Savings factor"), _("Investment factor"),
                                      _("Project NPV (VND)"), _("Project IRR"), _("Equity IRR"),
                                      _("Minimum DSCR")])
        for p in context["grid"].points:
            ws.append([p.savings_factor, p.investment_factor, p.project_npv_vnd, p.project_irr,
                       p.equity_irr, p.min_dscr])
        ws = sheet(_("Risk screening"), [_("Question"), _("Answer"), _("Verification")])
        for q in context["screening"]:
            ws.append([q["question"], q["answer"], q["verification"]])
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()
