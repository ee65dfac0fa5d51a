"""``openeip monitor …``: meters, readings, baselines and savings on the database (docs/monitor.md).

* ``meters METERS.csv --park SLUG`` — columns ``meter,company,name,resource,unit,register``;
* ``import READINGS.csv`` — ``meter,start,end,value`` (interval) or ``meter,timestamp,value``
  (cumulative); all or nothing, idempotent, every bad row reported by row and column;
* ``baseline`` — the model over every combination of the drivers (``--json`` for machines);
* ``savings`` — predicted, actual, savings and their fractional uncertainty;
* ``degree-days`` — a day's heating or cooling degree days from a temperature meter, stored as
  the readings of a degree-days meter (a driver).

The commands run with the database owner's rights, like ``openeip import``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer

from openeip.cli._app import app, checked_language, print_problems, setup_django
from openeip.core import formatting
from openeip.core.errors import DomainError, IntakeError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language

monitor_app = typer.Typer(
    help=_("Monitoring and verification: meters, readings, baselines and verified savings."),
    no_args_is_help=True,
)
app.add_typer(monitor_app, name="monitor")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", help=_("Language of the messages: vi or en."))]
ParkOption = Annotated[str, typer.Option("--park", help=_(
    "The park's identifier, as `openeip parks` lists it; needed when several parks have a "
    "meter of that ID."))]
MeterOption = Annotated[str, typer.Option("--meter", help=_("The meter's ID."))]
Drivers = Annotated[list[str] | None, typer.Option("--driver", help=_(
    "A driver's meter ID (production, degree days …); repeat for several."))]
Interval = Annotated[str, typer.Option("--interval", help=_("month, day or hour."))]
Json = Annotated[bool, typer.Option("--json", help=_("Print the result as JSON."))]


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(1)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(_("write the date as 2025-01-31"), param_hint=option) from None


def _interval(text: str) -> str:
    if text not in ("month", "day", "hour"):
        raise typer.BadParameter(_("use month, day or hour"), param_hint="--interval")
    return text


def _meter(code: str, park: str) -> Any:
    from openeip.web.monitor.models import Meter

    rows = list(Meter.objects.filter(code=code, **({"park__slug": park} if park else {}))
                .select_related("park"))
    if not rows:
        raise _fail(_("There is no meter '{code}'{where}; `openeip monitor meters` adds "
                      "meters.").format(code=code, where=_(" in park '{park}'").format(
                          park=park) if park else ""))
    if len(rows) > 1:
        raise _fail(_("Parks {parks} each have a meter '{code}': give --park.").format(
            parks=", ".join(m.park.slug for m in rows), code=code))
    return rows[0]


def _number(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return formatting.fixed(value, digits)


def _json(data: Any) -> None:
    def clean(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    typer.echo(json.dumps(clean(data), ensure_ascii=False, indent=2))


@monitor_app.command("meters", help=_(
    "Add or update a park's meters from a CSV or XLSX file with the columns "
    "meter,company,name,resource,unit,register (optional: flow_kind, flow, time_zone, "
    "rollover). All or nothing; the same file twice changes nothing."))
def meters(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=_("METERS file."))],
    park: Annotated[str, typer.Option("--park", help=_(
        "The park's identifier, as `openeip parks` lists it."))],
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from openeip.web.monitor.services.meters import import_meters
        from openeip.web.registry.models import Park

        stored = Park.objects.filter(slug=park).first()
        if stored is None:
            raise _fail(_("There is no park '{slug}'; `openeip parks` lists them.").format(
                slug=park))
        try:
            counts = import_meters(file.read_bytes(), file.name, stored, via="cli")
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        typer.echo(_("meters: {created} created, {updated} updated, {unchanged} unchanged")
                   .format(**counts))


@monitor_app.command("import", help=_(
    "Import readings from a CSV or XLSX file: meter,start,end,value for interval meters, "
    "meter,timestamp,value for cumulative registers (optional unit). Times without an offset "
    "are the meter's local time (Asia/Ho_Chi_Minh unless set). All or nothing; importing the "
    "same rows again changes nothing."))
def import_readings(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                         help=_("READINGS file."))],
    park: ParkOption = "",
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from openeip.web.monitor.models import Meter
        from openeip.web.monitor.services.readings import import_file

        rows = Meter.objects.all()
        if park:
            rows = rows.filter(park__slug=park)
        try:
            result = import_file(file.read_bytes(), file.name, rows.select_related("park"),
                                 via="cli")
        except IntakeError as error:
            print_problems(error.problems)
            raise typer.Exit(1) from None
        typer.echo(_("{rows} row(s): {inserted} new, {updated} corrected, {unchanged} "
                     "unchanged; meters: {meters}").format(
                         rows=result.rows, inserted=result.inserted, updated=result.updated,
                         unchanged=result.unchanged, meters=", ".join(result.meters) or "–"))


def _drivers(codes: list[str] | None, park: str) -> list[Any]:
    return [_meter(code, park) for code in (codes or [])]


@monitor_app.command("baseline", help=_(
    "Fit the meter's baseline on the period: OLS over every combination of the drivers, with "
    "and without intercept; prints the chosen model, its R², CV(RMSE), NMBE and whether it "
    "meets ASHRAE Guideline 14."))
def baseline(
    meter: MeterOption,
    date_from: Annotated[str, typer.Option("--from", help=_("First day, 2024-01-01."))],
    date_to: Annotated[str, typer.Option("--to", help=_("Last day, 2024-12-31."))],
    driver: Drivers = None,
    interval: Interval = "month",
    change_point: Annotated[str, typer.Option("--change-point", help=_(
        "A temperature driver's meter ID: also try the change-point models over it (3PH, 3PC, "
        "4P, 5P; ASHRAE Guideline 14), chosen by the same acceptance rules."))] = "",
    as_json: Json = False,
    park: ParkOption = "",
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        setup_django(migrate=True)
        from openeip.web.monitor.services.analysis import fit_baseline

        stored = _meter(meter, park)
        try:
            fit = fit_baseline(stored, _date(date_from, "--from"), _date(date_to, "--to"),
                               _drivers(driver, park or stored.park.slug), _interval(interval),
                               _meter(change_point, park or stored.park.slug)
                               if change_point else None)
        except DomainError as error:
            raise _fail(str(error)) from None
        if as_json:
            _json(fit.as_dict())
            return
        model = fit.selection.chosen
        typer.echo(_("model: {label}").format(label=model.label()))
        typer.echo("{:<16}\t{:>14}\t{:>8}".format(_("term"), _("coefficient"), "t"))
        for key, value in model.coefficients.items():
            typer.echo("{:<16}\t{:>14}\t{:>8}".format(key, _number(value, 4),
                                                       _number(model.t_stats[key], 2)))
        typer.echo("R²\t{}".format(_number(model.r2, 4)))
        typer.echo("CV(RMSE)\t{} %".format(_number(model.cv_rmse_pct)))
        typer.echo("NMBE\t{} %".format(_number(model.nmbe_pct)))
        for side, point in model.balance_points.items():
            typer.echo(_("balance point ({side})\t{value}").format(
                side=_("heating") if side == "heating" else _("cooling"),
                value=_number(point, 2)))
        typer.echo("n\t{}\np\t{}".format(model.n, model.p))
        typer.echo(_("accepted\t{answer}").format(answer=_("yes") if model.accepted
                                                  else _("no")))
        typer.echo(fit.selection.explanation)


@monitor_app.command("savings", help=_(
    "Savings of the reporting period against the baseline fitted on the baseline period: "
    "predicted, actual, savings (= Σ predicted − actual), savings in percent and the "
    "fractional savings uncertainty (ASHRAE Guideline 14)."))
def savings(
    meter: MeterOption,
    baseline_from: Annotated[str, typer.Option("--baseline-from", help=_("First baseline day."))],
    baseline_to: Annotated[str, typer.Option("--baseline-to", help=_("Last baseline day."))],
    date_from: Annotated[str, typer.Option("--from", help=_("First reporting day."))],
    date_to: Annotated[str, typer.Option("--to", help=_("Last reporting day."))],
    driver: Drivers = None,
    interval: Interval = "month",
    confidence: Annotated[float, typer.Option("--confidence", help=_(
        "Confidence level of the uncertainty, in percent (68 unless given)."))] = 68.0,
    as_json: Json = False,
    park: ParkOption = "",
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        if not 0 < confidence < 100:
            raise typer.BadParameter(_("give a percentage between 0 and 100"),
                                     param_hint="--confidence")
        setup_django(migrate=True)
        from openeip.web.monitor.services.analysis import verify_savings

        stored = _meter(meter, park)
        try:
            result = verify_savings(
                stored, (_date(baseline_from, "--baseline-from"),
                         _date(baseline_to, "--baseline-to")),
                (_date(date_from, "--from"), _date(date_to, "--to")),
                _drivers(driver, park or stored.park.slug), _interval(interval),
                confidence / 100)
        except DomainError as error:
            raise _fail(str(error)) from None
        if as_json:
            _json(result.as_dict())
            return
        s = result.savings
        unit = stored.unit
        typer.echo(_("model: {label}{note}").format(
            label=result.fit.selection.chosen.label(),
            note="" if result.fit.selection.chosen.accepted else _(" (NOT accepted)")))
        typer.echo(_("predicted\t{value} {unit}").format(value=_number(s.predicted), unit=unit))
        typer.echo(_("actual\t{value} {unit}").format(value=_number(s.actual), unit=unit))
        typer.echo(_("savings\t{value} {unit}").format(value=_number(s.savings), unit=unit))
        typer.echo(_("savings\t{value} %").format(value=_number(s.savings_pct)))
        typer.echo(_("uncertainty\t±{value} % of the savings at {level} % confidence").format(
            value=_number(s.fsu_pct), level=_number(s.confidence * 100, 0)))


@monitor_app.command("degree-days", help=_(
    "Heating or cooling degree days of each day from a temperature meter's readings (their "
    "time-weighted daily mean against a base temperature), stored as the daily readings of a "
    "degree-days meter so that a baseline can use it as a driver. A day without enough "
    "readings is left as a gap."))
def degree_days(
    temperature: Annotated[str, typer.Option("--temperature", help=_(
        "The temperature meter's ID."))],
    meter: MeterOption,
    date_from: Annotated[str, typer.Option("--from", help=_("First day, 2024-01-01."))],
    date_to: Annotated[str, typer.Option("--to", help=_("Last day, 2024-12-31."))],
    kind: Annotated[str, typer.Option("--kind", help=_("heating or cooling."))] = "cooling",
    base: Annotated[str, typer.Option("--base", help=_(
        "A base temperature of data/monitor/degree_days.csv (ashrae_65f unless given)."))
    ] = "ashrae_65f",
    base_temperature: Annotated[float | None, typer.Option("--base-temperature", help=_(
        "A base temperature of your own, in °C (instead of --base)."))] = None,
    park: ParkOption = "",
    lang: Lang = "en",
) -> None:
    with language(checked_language(lang)):
        if kind not in ("heating", "cooling"):
            raise typer.BadParameter(_("use heating or cooling"), param_hint="--kind")
        setup_django(migrate=True)
        from openeip.web.monitor.services.degree_days import compute_degree_days

        target = _meter(meter, park)
        source = _meter(temperature, park or target.park.slug)
        try:
            result = compute_degree_days(source, target, _date(date_from, "--from"),
                                         _date(date_to, "--to"), kind, base, base_temperature,
                                         via="cli")
        except DomainError as error:
            raise _fail(str(error)) from None
        typer.echo(_("{days} day(s): {inserted} new, {updated} corrected, {unchanged} "
                     "unchanged; base {base} °C ({source})").format(
                         days=result.days, inserted=result.inserted, updated=result.updated,
                         unchanged=result.unchanged, base=_number(result.base_c, 1),
                         source=result.base_source))
        if result.gaps:
            typer.echo(_("{count} day(s) without enough temperature readings, left as gaps: "
                         "{days}").format(count=len(result.gaps), days=", ".join(
                             d.isoformat() for d in result.gaps[:10]) + (
                                 " …" if len(result.gaps) > 10 else "")))
