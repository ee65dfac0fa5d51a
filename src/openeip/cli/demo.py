"""The demo, synthetic data and the listings: ``openeip demo | parks | companies | generate``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from openeip.cli._app import app, setup_django
from openeip.core import formatting
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _


def _tsv(values: list[object]) -> str:
    """One tab-separated line; tabs and line breaks inside values become spaces."""
    return "\t".join(" ".join(str(value).split()) if value is not None else ""
                     for value in values)


@app.command(help=_("Set up the embedded database, load the demo park and serve the platform."))
def demo(
    no_serve: bool = typer.Option(False, "--no-serve",
                                  help=_("Prepare the database and exit without serving.")),
    port: int = typer.Option(8000, "--port", help=_("Port to serve on, at 127.0.0.1.")),
) -> None:
    setup_django(migrate=True)
    from django.core.management import call_command

    from openeip.core.synthetic import DEMO_PARK_SLUG
    from openeip.web.demo import load_demo
    from openeip.web.env import ConfigurationError
    from openeip.web.registry.models import Park
    from openeip.web.registry.services import summaries

    typer.echo(_("Loading the demo park '{slug}' …").format(slug=DEMO_PARK_SLUG))
    try:
        accounts = load_demo(sys.stdout)
    except ConfigurationError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    # the analyses that exist today: park totals and data completeness
    summaries.refresh_park(Park.objects.get(slug=DEMO_PARK_SLUG))
    typer.echo("")
    typer.echo(_("Demo accounts (username / password — role):"))
    for account in accounts:
        typer.echo("  {:<16} {:<20} {}".format(account.username, account.password, account.role))
    url = "http://127.0.0.1:{}/".format(port)
    if no_serve:
        typer.echo(_("The database is ready; serve it with `openeip demo` and open {url}")
                   .format(url=url))
        return
    typer.echo(_("Serving {url} — press Ctrl+C to stop.").format(url=url))
    call_command("runserver", "127.0.0.1:{}".format(port), use_reloader=False)


@app.command(help=_("List the parks: identifier, names, province, companies (tab-separated)."))
def parks() -> None:
    setup_django(migrate=True)
    from django.db.models import Count

    from openeip.web.registry.models import Park

    typer.echo(_tsv(["slug", "name_en", "name_vi", "province", "companies"]))
    for park in Park.objects.annotate(tenants=Count("companies")).order_by("slug"):
        typer.echo(_tsv([park.slug, park.name_en, park.name_vi, park.province, park.tenants]))


@app.command(help=_("List the companies: code, park, names, VSIC code (tab-separated)."))
def companies(
    park: str = typer.Option("", "--park", help=_("Only the companies of this park.")),
) -> None:
    setup_django(migrate=True)
    from openeip.web.registry.models import Company, Park

    if park and not Park.objects.filter(slug=park).exists():
        typer.echo(_("There is no park '{slug}'; `openeip parks` lists them.").format(slug=park),
                   err=True)
        raise typer.Exit(1)
    rows = Company.objects.select_related("park").order_by("park__slug", "code")
    if park:
        rows = rows.filter(park__slug=park)
    typer.echo(_tsv(["code", "park", "name_en", "name_vi", "vsic_code"]))
    for company in rows:
        typer.echo(_tsv([company.code, company.park.slug, company.name_en, company.name_vi,
                         company.vsic_code]))


@app.command(help=_("Write synthetic parks, one interchange file per park, into a directory."))
def generate(
    out: Annotated[Path, typer.Argument(help=_("Directory to write the files into."))],
    parks: int = typer.Option(..., "--parks", help=_("Number of parks.")),
    companies: int = typer.Option(..., "--companies", help=_("Companies, spread over the parks.")),
    months: int = typer.Option(..., "--months", help=_("Months of data from 2023-01.")),
    seed: int = typer.Option(2024, "--seed", help=_("The same seed gives the same data.")),
    fmt: str = typer.Option("csv", "--format", help=_("xlsx, csv or json.")),
) -> None:
    from openeip.core.intake import FORMATS, write_dataset
    from openeip.core.synthetic import generate as generate_parks

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(_("use one of: {formats}").format(formats=", ".join(FORMATS)),
                                 param_hint="--format")
    try:
        datasets = generate_parks(parks, companies, months, seed)
    except DomainError as error:
        raise typer.BadParameter(str(error), param_hint="--" + (error.field or "parks")) from None
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    total = 0
    typer.echo(_tsv(["file", "companies", "rows"]))
    for dataset in datasets:
        assert dataset.park is not None
        path = out / "{}.{}".format(dataset.park.slug, fmt)
        # written beside and renamed, so an interrupted run never leaves half a file behind
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as stream:
            write_dataset(dataset, stream, fmt)
        partial.replace(path)
        total += dataset.row_count()
        typer.echo(_tsv([path, len(dataset.companies), dataset.row_count()]))
    seconds = time.perf_counter() - started
    typer.echo(_("{rows} rows in {seconds} s ({rate} rows/s)").format(
        rows=formatting.fixed(total), seconds=formatting.fixed(seconds, 1),
        rate=formatting.fixed(total / seconds if seconds else 0)), err=True)
