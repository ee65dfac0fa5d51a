"""``openeip finance …``: green finance from the command line (docs/finance.md).

* ``lines`` — the finance lines, tab-separated, header first: id, lender, instrument, source;
* ``evaluate`` — projects CSV in, results CSV out: project and equity NPV/IRR, DSCR, LLCR,
  payback; pure core, no database; every bad cell located, nothing written on error;
* ``check`` — a company's finance projects (or, without any, each evaluated RECP option) against
  every line, with the reasons;
* ``projects`` — the finance projects, tab-separated, header first, project id first;
* ``dossier`` — a project's bankable dossier, PDF or XLSX, in Vietnamese or English.

The database commands run with the database owner's rights, like ``openeip export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems, setup_django
from openeip.core.errors import DomainError, IntakeError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language, render

finance_app = typer.Typer(
    help=_("Green finance: finance lines, project finance, eligibility and dossiers."),
    no_args_is_help=True,
)
app.add_typer(finance_app, name="finance")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the messages and reports: vi or en."))]


def _tsv(values: list[Any]) -> str:
    """One tab-separated line; tabs and line breaks inside values become spaces."""
    return "\t".join(" ".join(str(value).split()) if value is not None else ""
                     for value in values)


def _write(out: Path, content: bytes) -> None:
    # written beside and renamed, so an interrupted run never leaves half a file
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(content)
    partial.replace(out)


def _all_lines(with_database: bool) -> dict[str, Any]:
    if not with_database:
        from openeip.core.finance.lines import shipped_lines

        return dict(shipped_lines())
    setup_django(migrate=True)
    from openeip.web.finance.services.lines import all_lines

    return all_lines()


@finance_app.command("lines", help=_(
    "List the finance lines (tab-separated, header first): id, lender, instrument, source."))
def lines(
    lang: Lang = "en",
    shipped_only: Annotated[bool, typer.Option("--shipped-only", help=_(
        "Only the lines shipped with OpenEIP (no database needed)."))] = False,
) -> None:
    with language(checked_language(lang)):
        typer.echo(_tsv(["id", "lender", "instrument", "source"]))
        for line in _all_lines(not shipped_only).values():
            source = line.primary_source
            typer.echo(_tsv([line.id, line.lender(lang), ",".join(line.instruments),
                             (source.url or source.title) if source else ""]))


@finance_app.command("evaluate", help=_(
    "Evaluate projects from a CSV file (loan, tax, inflation) into a results CSV: project NPV "
    "and IRR, equity IRR, minimum and average DSCR, LLCR, payback. Columns: docs/finance.md."))
def evaluate(
    projects: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=_(
        "The projects CSV (columns: docs/finance.md)."))],
    out: Annotated[Path, typer.Option("--out", help=_("The results CSV to write."))],
    lang: Lang = "en",
) -> None:
    # imported here: the finance models load with this command, not with every other one
    from openeip.core.finance import evaluate_project, project_results_csv, read_projects_csv

    with language(checked_language(lang)):
        checked_out(out, (".csv",), _("name the results file .csv"))
        try:
            header, rows = read_projects_csv(projects.read_bytes(), projects.name)
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        results = [evaluate_project(row.case) for row in rows]
        _write(out, project_results_csv(header, rows, results).encode("utf-8"))
        typer.echo(_("Evaluated {count} project(s); wrote {path}.").format(
            count=len(results), path=out))
        for row, result in zip(rows, results, strict=True):
            for figure, reason in result.reasons.items():
                typer.echo(_("{id}: {figure} is empty: {reason}").format(
                    id=row.case.name, figure=figure, reason=render(reason)))


def _company(reference: str) -> Any:
    from openeip.web.registry.models import Company

    park, slash, code = reference.partition("/")
    found = (Company.objects.filter(park__slug=park, code=code).select_related("park").first()
             if slash else None)
    if found is None:
        typer.echo(_("There is no company '{ref}'; give it as PARK/CODE, such as "
                     "rach-may/DYE-01 (`openeip parks` lists the parks).").format(ref=reference),
                   err=True)
        raise typer.Exit(1)
    return found


@finance_app.command("check", help=_(
    "Check a company's finance projects (or, when it has none, each evaluated RECP option) "
    "against every finance line: met, not met or unknown, with the reasons."))
def check(
    company: Annotated[str, typer.Option("--company", help=_(
        "The company as PARK/CODE, such as rach-may/DYE-01."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from django.utils import translation

        from openeip.web.finance.models import FinanceProject
        from openeip.web.finance.services.evaluation import checks
        from openeip.web.finance.services.projects import option_project

        found = _company(company)
        projects = list(FinanceProject.objects.filter(company=found).order_by("pk"))
        if not projects:
            from openeip.web.recp.models import AssessmentOption

            options = AssessmentOption.objects.filter(assessment__company=found).exclude(
                results={}).order_by("pk")
            projects = [option_project(option) for option in options]
        if not projects:
            typer.echo(_("{company} has no finance project and no evaluated RECP option to "
                         "check.").format(company=company), err=True)
            raise typer.Exit(1)
        outcome = {"met": _("met"), "not_met": _("not met"), "unknown": _("unknown")}
        with translation.override(lang):
            for project in projects:
                label = "#{} {}".format(project.pk, project.title) if project.pk else \
                    project.title
                typer.echo(label)
                stand_in = getattr(project, "_option_list", None)
                for result in checks(project, options=stand_in)[0]:
                    typer.echo("  {}: {}".format(result.line.id, outcome[result.outcome]))
                    for rule in result.rules:
                        typer.echo("    - {} [{}]: {}".format(
                            rule.rule.id, outcome[rule.outcome], render(rule.reason)))


@finance_app.command("projects", help=_(
    "List the finance projects (tab-separated, header first): id, park, company, title, stage, "
    "line, investment (VND)."))
def projects_list(lang: Lang = "en") -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from django.utils import translation

        from openeip.web.finance.models import FinanceProject

        typer.echo(_tsv(["id", "park", "company", "title", "stage", "line", "investment_vnd"]))
        with translation.override(lang):
            for p in FinanceProject.objects.select_related("company__park").order_by("pk"):
                typer.echo(_tsv([p.pk, p.company.park.slug, p.company.code, p.title,
                                 p.stage, p.line_id, "{:.0f}".format(p.investment_vnd)]))


@finance_app.command("dossier", help=_(
    "Write a finance project's bankable dossier: a PDF, or a workbook when --out ends in "
    ".xlsx, in Vietnamese or English."))
def dossier(
    project: Annotated[int, typer.Option("--project", help=_(
        "The project's id, as `openeip finance projects` lists it."))],
    out: Annotated[Path, typer.Option("--out", help=_("The .pdf or .xlsx file to write."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        suffix = checked_out(out, (".pdf", ".xlsx"), _("name the file .pdf or .xlsx"))
        setup_django(migrate=True)
        from openeip.web.finance.models import FinanceProject
        from openeip.web.finance.reports.dossier import dossier_pdf, dossier_xlsx

        found = FinanceProject.objects.filter(pk=project).select_related("company__park").first()
        if found is None:
            typer.echo(_("There is no finance project {id}; `openeip finance projects` lists "
                         "them.").format(id=project), err=True)
            raise typer.Exit(1)
        try:
            content = (dossier_pdf if suffix == ".pdf" else dossier_xlsx)(found, lang)
        except DomainError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        _write(out, content)
        typer.echo(_("Wrote the dossier of project {id} to {path}.").format(id=found.pk,
                                                                           path=out))
