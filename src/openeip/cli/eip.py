"""``openeip eip …``: the EIP assessment from the command line (docs/eip-cli.md).

* ``editions`` — the criteria editions: shipped and imported, tab-separated, header first;
* ``assess`` — assess a park under an edition and write its certification dossier (PDF or, with
  an ``.xlsx`` --out, the workbook);
* ``annual-report`` — the park's annual report of a year (Circular 05/2025 forms A.5 and B5 as far
  as known), PDF or XLSX;
* ``import-edition`` — add an edition from a YAML or XLSX file (never over a shipped one).

The commands run with the database owner's rights, like ``openeip export``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems, setup_django
from openeip.core import formatting
from openeip.core.errors import DomainError, IntakeError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language

eip_app = typer.Typer(
    help=_("Eco-industrial park (EIP) assessment: criteria editions, dossiers, annual reports."),
    no_args_is_help=True,
)
app.add_typer(eip_app, name="eip")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the report and messages: vi or en."))]
ParkSlug = Annotated[str, typer.Option("--park", help=_(
    "The park's identifier, as `openeip parks` lists it."))]
Out = Annotated[Path, typer.Option("--out", help=_(
    "The file to write: .pdf for the report, .xlsx for the workbook."))]
SUFFIXES = (".pdf", ".xlsx")


def _tsv(values: list[Any]) -> str:
    """One tab-separated line; tabs and line breaks inside values become spaces."""
    return "\t".join(" ".join(str(value).split()) if value is not None else ""
                     for value in values)


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(1)


def _checked_out(out: Path) -> str:
    return checked_out(out, SUFFIXES, _("name the file .pdf or .xlsx"))[1:]


def _write(out: Path, content: bytes) -> None:
    # written beside and renamed, so an interrupted run never leaves half a file
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(content)
    partial.replace(out)


def _park(slug: str) -> Any:
    from openeip.web.registry.models import Park

    park = Park.objects.filter(slug=slug).first()
    if park is None:
        raise _fail(_("There is no park '{slug}'; `openeip parks` lists them.").format(slug=slug))
    return park


@eip_app.command("editions", help=_(
    "List the EIP criteria editions (tab-separated, header first): id, title, issuer, "
    "published, status, criteria."))
def editions(lang: Lang = "en") -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from openeip.web.eip.services.editions import all_editions

        typer.echo(_tsv(["id", "title", "issuer", "published", "status", "criteria"]))
        for edition in all_editions():
            title = edition.title_vi if lang == "vi" and edition.title_vi else edition.title_en
            typer.echo(_tsv([edition.id, title, edition.issuer, edition.published.isoformat(),
                             edition.status, len(edition.criteria)]))


@eip_app.command("assess", help=_(
    "Assess a park under an edition and write its EIP certification dossier: a PDF, or a "
    "workbook when --out ends in .xlsx."))
def assess(
    park: ParkSlug,
    edition: Annotated[str, typer.Option("--edition", help=_(
        "The edition's id, as `openeip eip editions` lists it."))],
    out: Out,
    lang: Lang = "en",
    as_of: Annotated[str | None, typer.Option("--as-of", help=_(
        "The assessment date, YYYY-MM-DD; today by default."))] = None,
    target_year: Annotated[int | None, typer.Option("--target-year", help=_(
        "Also show the values the park intends to reach by this year."))] = None,
    save: Annotated[bool, typer.Option("--save", help=_(
        "Add the assessment to the park's history."))] = False,
    year: Annotated[int | None, typer.Option("--year", help=_(
        "The reporting year whose data are assessed; by default the latest year whose "
        "coverage (share of firms and of months reporting) passes the thresholds of "
        "data/eip/reporting_coverage.csv."))] = None,
) -> None:
    with language(checked_language(lang)):
        fmt = _checked_out(out)
        date = _date(as_of)
        setup_django(migrate=True)
        from django.utils import translation

        from openeip.web.eip.reports.dossier import dossier_pdf
        from openeip.web.eip.reports.workbook import dossier_xlsx
        from openeip.web.eip.services.dossier import build_dossier

        found = _park(park)
        with translation.override(lang):
            try:
                content = build_dossier(found, edition, lang, as_of=date,
                                        target_year=target_year, save=save, year=year)
            except DomainError as error:
                raise _fail(str(error)) from None
        _write(out, (dossier_pdf if fmt == "pdf" else dossier_xlsx)(content, lang))
        overall = content.result.overall.compliance_pct
        typer.echo(_("Wrote the EIP dossier of {park} under {edition} to {path}: {met} of "
                     "{applicable} applicable criteria met ({pct}).").format(
            park=found.slug, edition=edition, path=out, met=content.result.overall.met,
            applicable=content.result.overall.applicable,
            pct=formatting.percent(overall)))
        if content.reporting is not None:
            typer.echo(content.reporting.describe())


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(_("give the date as YYYY-MM-DD"), param_hint="--as-of") from None
    if date > dt.date.today():
        raise typer.BadParameter(_("the date is in the future"), param_hint="--as-of")
    return date


@eip_app.command("annual-report", help=_(
    "Write a park's annual EIP report of a year (Circular 05/2025 forms A.5 and B5 as far as "
    "known): a PDF, or a workbook when --out ends in .xlsx."))
def annual_report(
    park: ParkSlug,
    year: Annotated[int, typer.Option("--year", help=_("The reporting year."))],
    out: Out,
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        fmt = _checked_out(out)
        if year > dt.date.today().year:
            raise typer.BadParameter(_("the year has not begun yet"), param_hint="--year")
        setup_django(migrate=True)
        from django.utils import translation

        from openeip.web.eip.reports.annual import annual_pdf, annual_xlsx
        from openeip.web.eip.services.dossier import build_annual

        found = _park(park)
        with translation.override(lang):
            content = build_annual(found, year, lang)
        _write(out, (annual_pdf if fmt == "pdf" else annual_xlsx)(content, lang))
        typer.echo(_("Wrote the {year} EIP annual report of {park} to {path}.").format(
            year=year, park=found.slug, path=out))


@eip_app.command("import-edition", help=_(
    "Add an EIP criteria edition from a YAML or XLSX file (schema: docs/eip-editions.md); a "
    "shipped edition is never replaced. Nothing is saved when the file has a problem."))
def import_edition(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=_(
        "The edition file, .yaml or .xlsx."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from openeip.web.eip.services.editions import import_edition as store

        try:
            stored = store(file.read_bytes(), file.name)
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        except DomainError as error:
            raise _fail(str(error)) from None
        typer.echo(_("Imported edition {id} from {file}.").format(id=stored.edition_id,
                                                                  file=file.name))
