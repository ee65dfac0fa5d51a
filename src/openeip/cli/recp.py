"""``openeip recp …``: resource efficiency and cleaner production (RECP) from the command line.

* ``evaluate`` — options CSV in, results CSV out; pure core (``openeip.core.finance``), no
  database. Columns: ``docs/recp-evaluate.md``.

Other RECP commands (the assessment report) join this sub-app below ``evaluate``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems, setup_django
from openeip.core.errors import DomainError, IntakeError, Problem
from openeip.core.finance import (
    MaccStep,
    OptionRow,
    evaluate,
    macc,
    read_options_csv,
    results_csv,
)
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language
from openeip.core.units import Quantity

recp_app = typer.Typer(
    help=_("Resource efficiency and cleaner production (RECP): option feasibility and reports."),
    no_args_is_help=True,
)
app.add_typer(recp_app, name="recp")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the messages and notes: vi or en."))]

_CASE_FIELD = re.compile(r"^cases\[(\d+)\]\.(\w+)$")
_MACC_COLUMNS = {"ghg_avoided": "ghg_avoided_tco2e", "name": "option_id"}


def _fail(problems: list[Problem]) -> NoReturn:
    print_problems(problems)
    raise typer.Exit(1)


@recp_app.command("evaluate", help=_(
    "Evaluate RECP options (payback, NPV, IRR, cost per MWh and per tCO2e) from a CSV file "
    "into a results CSV; with --baseline-tco2e also the marginal abatement cost curve."))
def evaluate_options(
    options: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help=_("The options CSV (columns: docs/recp-evaluate.md)."))],
    out: Annotated[Path, typer.Option("--out", help=_("The results CSV to write."))],
    baseline_tco2e: Annotated[float | None, typer.Option(
        "--baseline-tco2e", help=_("The company's yearly GHG emissions in tCO2e; adds the "
                                   "MACC columns (options applied in sequence)."))] = None,
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        checked_out(out, (".csv",), _("name the results file .csv"))
        try:
            rows = read_options_csv(options.read_bytes(), options.name)
        except IntakeError as error:
            _fail(error.problems)
        steps = _curve(rows, baseline_tco2e, options.name)
        results = [evaluate(row.case) for row in rows]
        text = results_csv(results, {row.case.name: row.label for row in rows}, steps)
        # written beside and renamed, so an interrupted run never leaves half a file
        partial = out.with_name(out.name + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(out)
        typer.echo(_("Evaluated {count} option(s); wrote {path}.").format(
            count=len(results), path=out))


def _curve(rows: list[OptionRow], baseline_tco2e: float | None,
           filename: str) -> list[MaccStep]:
    if baseline_tco2e is None:
        return []
    try:
        return macc([row.case for row in rows], Quantity(baseline_tco2e, "tCO2e"))
    except DomainError as error:
        match = _CASE_FIELD.match(error.field or "")
        if match is None:
            raise typer.BadParameter(str(error), param_hint="--baseline-tco2e") from None
        row = rows[int(match.group(1))].row
        _fail([Problem(filename, row, _MACC_COLUMNS.get(match.group(2)), str(error))])


ReportLang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the report: vi or en."))]


@recp_app.command("report", help=_(
    "Write a company's RECP assessment report as a PDF with charts, in Vietnamese or English: "
    "indicators, GHG, balances, cost of losses, ranked and costed options, MACC."))
def report(
    company: Annotated[str, typer.Option("--company", help=_(
        "The company: its number in OpenEIP (as in /companies/12/) or park/code, such as "
        "rach-may/DYE-01."))],
    out: Annotated[Path, typer.Option("--out", help=_("The PDF file to write."))],
    lang: ReportLang = "en",
    assessment: Annotated[int | None, typer.Option("--assessment", help=_(
        "Number of the assessment to report; the company's latest by default."))] = None,
) -> None:
    with language(checked_language(lang)):
        checked_out(out, (".pdf",), _("name the report file .pdf"))
        setup_django()
        from openeip.web.recp.reports.report import (
            ReportError,
            company_by_reference,
            recp_report_pdf,
            series_notices_of,
        )

        try:
            found = company_by_reference(company)
            pdf = recp_report_pdf(found, lang, assessment_id=assessment)
        except ReportError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        # written beside and renamed, so an interrupted run never leaves half a file
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(pdf)
        partial.replace(out)
        typer.echo(_("Wrote the RECP report of {company} to {path}.").format(
            company=found.code, path=out))
        for notice in series_notices_of(found, lang):
            typer.echo(_("Note: {notice}").format(notice=notice))
