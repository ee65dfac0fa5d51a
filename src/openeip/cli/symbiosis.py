"""``openeip symbiosis …``: industrial symbiosis from the command line, without the database.

* ``match`` — STREAMS.csv in, MATCHES.csv out (formats: ``docs/symbiosis-match.md``): classify
  each description, find the candidate exchanges (``openeip.core.symbiosis.match``), value them
  and, with ``--optimise``, mark the optimal network (``openeip.core.symbiosis.optimise``).
"""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from openeip.cli._app import app, checked_language, checked_out, print_problems
from openeip.core import formatting
from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language
from openeip.core.symbiosis.model import Scope

if TYPE_CHECKING:
    from openeip.core.symbiosis.model import Stream
    from openeip.core.symbiosis.optimise import ConstraintReport
    from openeip.core.symbiosis.streams_file import StreamsFile

_LIMITS_SHOWN = 5

symbiosis_app = typer.Typer(
    help=_("Industrial symbiosis: match the supplies and demands of firms and pick the best "
           "exchange network."),
    no_args_is_help=True,
)
app.add_typer(symbiosis_app, name="symbiosis")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the messages and notes: vi or en."))]


def _fail(problems: list[Problem]) -> NoReturn:
    print_problems(problems)
    raise typer.Exit(1)


def _checked_scope(value: str) -> str:
    if value not in {scope.value for scope in Scope}:
        raise typer.BadParameter(_("use park, cross_park or region"), param_hint="--scope")
    return value


@symbiosis_app.command("match", help=_(
    "Match the supply and demand streams of a CSV file and write the ranked candidate "
    "exchanges, with their score, explanation and yearly benefit, to MATCHES.csv; with "
    "--optimise also mark the optimal exchange network."))
def match_streams(
    streams: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False,
        help=_("The streams CSV (columns: docs/symbiosis-match.md)."))],
    out: Annotated[Path, typer.Option("--out", help=_(
        "The matches file to write: .csv, or .parquet for large runs."))],
    top: Annotated[int, typer.Option(
        "--top", min=1, max=1000, help=_("How many candidates to keep per supply and per "
                                         "demand."))] = 10,
    optimise_network: Annotated[bool, typer.Option(
        "--optimise", help=_("Also solve the optimal exchange network (MILP) and mark it in "
                             "the column selected."))] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help=_("Leave out bad rows (they are listed) instead of stopping."))
    ] = False,
    scope: Annotated[str, typer.Option(
        "--scope", help=_("Where to look for partners: park (same park only), cross_park "
                          "(other parks only) or region (everything in reach)."))] = "region",
    hours_per_year: Annotated[float, typer.Option(
        "--hours-per-year", min=1.0, max=8784.0,
        help=_("Operating hours per year, for quantities given per hour."))] = 8760.0,
    days_per_year: Annotated[float, typer.Option(
        "--days-per-year", min=1.0, max=366.0,
        help=_("Operating days per year, for quantities given per day."))] = 365.0,
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        checked_out(out, (".csv", ".parquet"), _("name the matches file .csv or .parquet"))
        from openeip.core.allocator import keep_freed_memory, uncollected

        keep_freed_memory()        # the process ends with the run (core/allocator.py)
        chosen_scope = Scope(_checked_scope(scope))
        from openeip.core.forked import cores
        from openeip.core.symbiosis.streams_file import read_streams_csv

        try:
            with uncollected():
                streams_file = read_streams_csv(
                    streams.read_bytes(), streams.name, hours_per_year=hours_per_year,
                    days_per_year=days_per_year, skip_invalid=skip_invalid, workers=cores())
        except IntakeError as error:
            _fail(error.problems)
        for problem in streams_file.skipped:
            typer.echo(_("Left out: {problem}").format(problem=problem), err=True)
        for row in streams_file.unclassified():
            typer.echo(_("{file}, row {row}: no resource class was recognised in "
                         "'{description}'; it gets no matches. Describe the material, or fill "
                         "in the column resource_class.").format(
                             file=streams.name, row=row.row, description=row.stream.description),
                       err=True)
        if optimise_network:
            text, summary = _matches(streams_file, top, chosen_scope, optimise_network, lang)
            _write_text(text, out)
        else:
            summary = _write_matches(streams_file, top, chosen_scope, lang, out)
        typer.echo(summary)
        # the benefits value grid electricity with this year's grid factor: say which was used
        from openeip.core.symbiosis.factors import load_factors

        for notice in load_factors().notices:
            typer.echo(_("Note: {notice}").format(notice=notice.message()))


#: candidates from which the rows are rendered on every core: below, forking costs more than
#: it saves (CSV of survey files, 2 cores, 6 Dec 2026: 3k rows' candidates 0.36 → 0.44 s on two
#: workers, 10k rows' 72,529 candidates 0.80 → 0.63 s)
_PARALLEL_ROWS = 50_000


def _summary(streams: int, supplies: int, demands: int, candidates: int) -> str:
    return _("{streams} stream(s): {supplies} supplies, {demands} demands; wrote "
             "{candidates} candidate exchange(s).").format(
                 streams=streams, supplies=supplies, demands=demands, candidates=candidates)


def _write_matches(streams_file: StreamsFile, top: int, scope: Scope, lang: str,
                   out: Path) -> str:
    """Match in columns and write the rows chunk by chunk (no object per candidate); a file
    of many candidates is rendered on every core (forked workers, rows kept in order), as CSV
    or typed for Parquet."""
    from openeip.core.forked import cores
    from openeip.core.symbiosis.match import match_table
    from openeip.core.symbiosis.match_rows import match_arrow_chunks, match_csv_chunks
    from openeip.core.symbiosis.matches_file import MatchesWriter
    from openeip.core.symbiosis.streams_file import MATCH_COLUMNS

    supplies, demands = streams_file.supplies(), streams_file.demands()
    table = match_table(list(supplies.values()), list(demands.values()), top_k=top,
                        scope=scope, processes=cores())
    # written beside and renamed, so an interrupted run never leaves half a file
    workers = cores() if len(table) >= _PARALLEL_ROWS else 1
    with MatchesWriter(out, MATCH_COLUMNS) as writer:
        if out.suffix.lower() == ".csv":
            # the workers write their rows into the file themselves
            for rows in match_csv_chunks(table, lang, workers=workers, into=writer):
                writer.write_csv(rows)
        else:
            # the workers' Arrow files wait in a folder beside it (the same file system)
            with (tempfile.TemporaryDirectory(prefix=".openeip-rows-", dir=out.parent)
                  if workers > 1 else nullcontext(None)) as folder:
                for typed in match_arrow_chunks(table, lang, workers=workers,
                                                spool=Path(folder) if folder else None):
                    writer.write_arrow(typed)
    return _summary(len(streams_file.rows), len(supplies), len(demands), len(table))


def _write_text(text: str, out: Path) -> None:
    """MATCHES text (the CSV of the objects) to ``out``, as CSV or Parquet."""
    if out.suffix.lower() == ".csv":
        partial = out.with_name(out.name + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(out)
        return
    import csv
    import io

    from openeip.core.symbiosis.matches_file import MatchesWriter

    header, *rows = list(csv.reader(io.StringIO(text)))
    with MatchesWriter(out, tuple(header)) as writer:
        writer.write({name: [row[i] for row in rows] for i, name in enumerate(header)})


def _matches(streams_file: StreamsFile, top: int, scope: Scope, optimise_network: bool,
             lang: str) -> tuple[str, str]:
    """The MATCHES.csv text and a one-paragraph summary."""
    # imported here: numpy, HiGHS and the knowledge base load only when a match is asked for
    from openeip.core.symbiosis.run import match_and_optimise
    from openeip.core.symbiosis.streams_file import matches_csv

    supplies, demands = streams_file.supplies(), streams_file.demands()
    run = match_and_optimise(list(supplies.values()), list(demands.values()), top_k=top,
                             scope=scope, languages=(lang,), network=optimise_network)
    candidates = run.candidates[lang]
    streams = {row.stream.id: row.stream for row in streams_file.rows}
    summary = _summary(len(streams), len(supplies), len(demands), len(candidates))
    network = run.network
    if not optimise_network:
        return matches_csv(candidates, streams, language=lang), summary
    if network is None:
        typer.echo(run.network_problem, err=True)
        raise typer.Exit(1) from None
    selected = {(s.supply_id, s.demand_id, s.rule_code) for s in network.selected}
    binding = [c for c in network.constraints if c.binding]
    summary += " " + _(
        "Optimal network ({status}): {count} exchange(s), net benefit {net} VND/yr, "
        "{pipes} pipe(s) to build; {binding} stream limit(s) binding.").format(
            status=network.status, count=len(network.selected),
            net=formatting.fixed(network.objective_vnd),
            pipes=len(network.built_investments), binding=len(binding))
    return matches_csv(candidates, streams, selected, lang), "\n".join(
        [summary, *_most_valuable_limits(binding, streams)])


def _most_valuable_limits(binding: list[ConstraintReport],
                          streams: dict[str, Stream]) -> list[str]:
    """The binding limits whose one more unit is worth most, five at most, one line each."""
    lines = []
    for limit in sorted(binding, key=lambda c: -c.shadow_price_vnd_per_unit)[:_LIMITS_SHOWN]:
        if not limit.shadow_price_vnd_per_unit > 0:
            break
        stream = streams[limit.stream_id]
        text = (_("  supply {id} ({company}, {description}): all {available} {unit}/yr "
                  "used; one more {unit} would add {value} VND/yr")
                if limit.kind == "supply" else
                _("  demand {id} ({company}, {description}): all {available} {unit}/yr "
                  "covered; one more {unit} needed would add {value} VND/yr"))
        lines.append(text.format(
            id=stream.id, company=stream.company, description=stream.description,
            available=formatting.fixed(limit.available, 1), unit=stream.unit,
            value=formatting.fixed(limit.shadow_price_vnd_per_unit)))
    if lines:
        lines.insert(0, _("Binding limits worth most (value of one more unit):"))
    return lines
