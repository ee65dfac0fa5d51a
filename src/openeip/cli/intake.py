"""The interchange-format commands: ``openeip template | validate | import | export``.

``template`` and ``validate`` (without ``--park``) are pure core: file in, messages out, no
database. ``validate --park``, ``import`` and ``export`` open the database through Django.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Annotated

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems, setup_django
from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language
from openeip.core.intake import (
    FORMATS,
    Dataset,
    apply_suggestions,
    file_language,
    read_dataset,
    write_dataset,
    write_template,
)

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG",
    help=_("Language of the messages (and of the workbook's headers): vi or en."))]
ParkSlug = Annotated[str, typer.Option("--park", help=_("Identifier of the park, e.g. "
                                                         "song-than-2."))]


def _summary(dataset: Dataset) -> str:
    return _("park {park}, companies {companies}, products {products}, flows {flows}").format(
        park=1 if dataset.park else 0, companies=len(dataset.companies),
        products=len(dataset.products), flows=len(dataset.flows))


def _park_codes(slug: str) -> Collection[str]:
    """Codes of the companies already registered in park ``slug``; exit if there is none."""
    from django.db import DatabaseError

    from openeip.web.registry.models import Company, Park

    try:
        exists = Park.objects.filter(slug=slug).exists()
    except DatabaseError:
        typer.echo(_("The database is not set up yet; run `openeip manage migrate` or import a "
                     "file first."), err=True)
        raise typer.Exit(1) from None
    if not exists:
        typer.echo(_("There is no park '{slug}'; `openeip parks` lists them.").format(slug=slug),
                   err=True)
        raise typer.Exit(1)
    return set(Company.objects.filter(park__slug=slug).values_list("code", flat=True))


@app.command(help=_("Write the data-collection workbook (xlsx) with a guide and drop-down lists."))
def template(
    out: Annotated[Path, typer.Argument(help=_("The workbook to write, e.g. collect.xlsx."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        checked_out(out, (".xlsx",), _("the template is an Excel workbook; name it .xlsx"),
                    param_hint="OUT")
        with out.open("wb") as stream:
            write_template(stream, lang)
        typer.echo(_("Wrote the template {path}.").format(path=out))


@app.command(help=_("Check a file (xlsx, csv or json) and list every problem; writes nothing "
                    "unless --apply-suggestions is given."))
def validate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                         help=_("The file to check."))],
    park: Annotated[str, typer.Option(
        "--park", help=_("Count the companies already registered in this park as known."))] = "",
    lang: Lang = "",
    apply_suggestions_: Annotated[bool, typer.Option(
        "--apply-suggestions", help=_(
            "Write a corrected copy of the file with the suggested values (such as the fuel "
            "code a flow's description names) and check that copy; the file itself is left "
            "as it is."))] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help=_("Where --apply-suggestions writes the corrected copy (default: the "
                        "file's name with '-corrected')."))] = None,
) -> None:
    content = file.read_bytes()
    with language(checked_language(lang or file_language(content, file.name) or "en")):
        known: Collection[str] = ()
        if park:
            setup_django()
            known = _park_codes(park)
        try:
            dataset = read_dataset(content, file.name, known_companies=known)
        except IntakeError as error:
            if apply_suggestions_:
                _write_corrected_copy(file, content, error.problems, out, known)
                return
            print_problems(error.problems)
            _offer_suggestions(error.problems)
            raise typer.Exit(1) from None
        typer.echo(_("No problems ({summary}).").format(summary=_summary(dataset)))


def _offer_suggestions(problems: list[Problem]) -> None:
    count = sum(1 for problem in problems if problem.suggestion is not None)
    if count:
        typer.echo(_("{count} row(s) have a suggested value (see the problems above); run "
                     "again with --apply-suggestions to write a corrected copy with them.")
                   .format(count=count), err=True)


def _write_corrected_copy(file: Path, content: bytes, problems: list[Problem],
                          out: Path | None, known: Collection[str]) -> None:
    """Write ``file`` with the suggestions applied, then check the copy (exit 1 on problems)."""
    suggested = [problem for problem in problems if problem.suggestion is not None]
    if not suggested:
        print_problems(problems)
        typer.echo(_("No problem has a suggested value; nothing was written."), err=True)
        raise typer.Exit(1)
    target = out or file.with_name("{}-corrected{}".format(file.stem, file.suffix))
    corrected = apply_suggestions(content, file.name, suggested)
    target.write_bytes(corrected)
    for problem in suggested:
        assert problem.suggestion is not None
        typer.echo(_("{location}: {column} = {value} (word: '{word}')").format(
            location=problem.location(), column=problem.suggestion.column,
            value=problem.suggestion.value, word=problem.suggestion.word))
    typer.echo(_("Wrote {path} with {count} suggested value(s).").format(
        path=target, count=len(suggested)))
    try:
        dataset = read_dataset(corrected, target.name, known_companies=known)
    except IntakeError as error:
        print_problems(error.problems)
        raise typer.Exit(1) from None
    typer.echo(_("No problems in the corrected copy ({summary}).").format(
        summary=_summary(dataset)))


@app.command("import", help=_("Import a file into a park: all or nothing; never deletes rows."))
def import_file(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                         help=_("The file to import."))],
    park: ParkSlug,
    lang: Lang = "",
) -> None:
    content = file.read_bytes()
    with language(checked_language(lang or file_language(content, file.name) or "en")):
        setup_django(migrate=True)
        from openeip.web.registry.models import Company
        from openeip.web.registry.services.importer import import_dataset

        known = set(Company.objects.filter(park__slug=park).values_list("code", flat=True))
        try:
            dataset = read_dataset(content, file.name, known_companies=known)
            result = import_dataset(dataset, park, via="cli", on_wait=lambda: typer.echo(_(
                "Another import into park '{park}' is running; waiting for it to finish…"
            ).format(park=park), err=True))
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        typer.echo("{:<10} {:>8} {:>8} {:>9}".format(
            _("table"), _("created"), _("updated"), _("unchanged")))
        for line in result.lines():
            typer.echo(line)


@app.command(help=_("Export a park's data to a file; the format follows the extension."))
def export(
    out: Annotated[Path, typer.Argument(help=_("The file to write: .xlsx, .csv or .json."))],
    park: ParkSlug,
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        fmt = checked_out(out, tuple("." + f for f in FORMATS),
                          _("name the file .xlsx, .csv or .json"), param_hint="OUT")[1:]
        setup_django(migrate=True)
        from openeip.web.registry.models import Park
        from openeip.web.registry.services.exporter import dataset_for_park

        stored = Park.objects.filter(slug=park).first()
        if stored is None:
            typer.echo(_("There is no park '{slug}'; `openeip parks` lists them.").format(
                slug=park), err=True)
            raise typer.Exit(1)
        dataset = dataset_for_park(stored)
        # written beside and renamed, so an interrupted export never leaves half a file
        partial = out.with_name(out.name + ".part")
        with partial.open("wb") as stream:
            write_dataset(dataset, stream, fmt, language=lang)
        partial.replace(out)
        typer.echo(_("Wrote {path} ({summary}).").format(summary=_summary(dataset), path=out))
