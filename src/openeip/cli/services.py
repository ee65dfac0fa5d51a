"""``openeip services …``: shared park services from the command line, without the database.

* ``allocate`` — COALITIONS.csv in, ALLOC.csv out (formats: ``docs/services.md``): share the
  grand coalition's cost among the participants by metered load, SCRB or the Shapley value
  (``openeip.core.services.allocation``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems
from openeip.core import formatting
from openeip.core.errors import DomainError, IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language

services_app = typer.Typer(
    help=_("Shared park services: share the cost of a shared facility among its tenants."),
    no_args_is_help=True,
)
app.add_typer(services_app, name="services")

_METHODS = ("shapley", "scrb", "load")


def _checked_method(value: str) -> str:
    if value not in _METHODS:
        raise typer.BadParameter(_("use shapley, scrb or load"), param_hint="--method")
    return value


@services_app.command("allocate", help=_(
    "Share the cost of the grand coalition of COALITIONS.csv (columns members, cost_vnd and, "
    "for the load method, load) among its participants and write ALLOC.csv (participant, "
    "method, allocated_vnd)."))
def allocate_costs(
    coalitions: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help=_("The coalitions CSV (docs/services.md)."))],
    out: Annotated[Path, typer.Option("--out", help=_("The allocation CSV to write."))],
    method: Annotated[str, typer.Option(
        "--method", help=_("shapley, scrb or load (proportional to metered load)."))
    ] = "shapley",
    samples: Annotated[int, typer.Option(
        "--samples", min=2, max=1_000_000,
        help=_("Random orders for the Shapley value beyond 15 participants."))] = 4000,
    seed: Annotated[int, typer.Option("--seed", help=_("Seed of the sampled Shapley value."))
                    ] = 0,
    lang: Annotated[str, typer.Option(
        "--lang", envvar="OPENEIP_LANG", help=_("Language of the messages: vi or en."))] = "en",
) -> None:
    with language(checked_language(lang)):
        checked_out(out, None)
        chosen = _checked_method(method)
        from openeip.core.services.allocation import (
            allocate,
            blocking_coalitions,
            rounded_to_whole_vnd,
        )
        from openeip.core.services.coalitions_file import (
            read_coalitions_csv,
            write_allocation_csv,
        )

        try:
            stated = read_coalitions_csv(coalitions.read_bytes(), coalitions.name)
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        if chosen == "load" and not stated.has_loads:
            print_problems([Problem(coalitions.name, 1, "load", _(
                "The load method needs a column 'load' with each participant's metered load on "
                "its own row."))])
            raise typer.Exit(1)
        try:
            allocation = allocate(stated.table, chosen, samples=samples, seed=seed)
        except DomainError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        total = allocation.total_vnd
        shown = rounded_to_whole_vnd(allocation, 0 if float(total).is_integer() else 2)
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(write_allocation_csv([shown]))
        partial.replace(out)
        typer.echo(_("{count} participant(s), {rows} coalition row(s): {method} shares "
                     "{total} VND; wrote {out}.").format(
            count=len(allocation.shares), rows=stated.rows, method=chosen,
            total=formatting.number(total), out=out))
        if not allocation.exact:
            worst = max(share.standard_error_vnd or 0.0 for share in allocation.shares)
            typer.echo(_("Shapley value estimated from {samples} random orders; largest "
                         "standard error {error} VND.").format(
                samples=allocation.samples, error=formatting.number(worst)))
        for blocking in blocking_coalitions(stated.table, allocation):
            typer.echo(_("Note: {members} are charged {charged} VND together but would pay "
                         "{cost} VND on their own.").format(
                members=blocking.members, charged=formatting.number(blocking.charged_vnd),
                cost=formatting.number(blocking.cost_vnd)))
