"""The company's indicators as the dashboard shows them, read from ``company_recp``'s picture
(:class:`~openeip.web.recp.services.picture.RecpPicture`).

The service computed every figure (absolute, productivity, intensity per product dimension or
per VND of sales, per month and year, change against a baseline); this module only picks the
ones asked for, names them in the reader's language and scales money denominators: a figure
per VND is shown per million VND (MWh per million VND, not 0.000000002 MWh per VND).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.web.base.charts.chartjs import TrendChart, TrendSeries
from openeip.web.base.labels import month_label, unit_display
from openeip.web.recp.services.picture import RecpPicture

INDICATORS = ("energy", "materials", "water", "waste", "ghg", "wastewater")
INDICATOR_LABELS = {
    "energy": gettext_lazy("Energy"), "materials": gettext_lazy("Materials"),
    "water": gettext_lazy("Water"), "waste": gettext_lazy("Waste"),
    "ghg": gettext_lazy("Greenhouse gases"), "wastewater": gettext_lazy("Wastewater"),
}
FORMS = ("absolute", "intensity", "productivity")
#: a figure per VND is shown per million VND
MILLION = 1_000_000.0


def series_notices(picture: RecpPicture) -> list[str]:
    """The picture's notices of values of another year, worded in the reader's language."""
    return [notice.message() for notice in picture.series_notices()]


def indicator_label(code: str) -> str:
    return str(INDICATOR_LABELS.get(code, code))


def period_label(label: str) -> str:
    """'2024-03' → 'March 2024', '2024' → '2024', in the reader's language."""
    year, _sep, month = label.partition("-")
    return month_label(int(year), int(month or 0))


def is_month(label: str) -> bool:
    return "-" in label


def periods_of(picture: RecpPicture, granularity: str) -> list[str]:
    """The picture's periods of one granularity ('month' or 'year'), oldest first."""
    return [label for label in picture.indicators.periods
            if is_month(label) == (granularity == "month")]


def denominator_label(denominator: dict[str, Any]) -> str:
    """The output a ratio is taken on: 't of product (Dyed fabric)', 'million VND of sales'."""
    if denominator["key"] == "value":
        return _("million VND of sales")
    return _("{unit} of product ({products})").format(
        unit=unit_display(denominator["unit"]), products=", ".join(denominator["products"]))


def ratio_label(picture: RecpPicture, form: str, key: str | None) -> str:
    """'Intensity per t of product (Dyed fabric)', as the column heading says it."""
    for denominator in picture.indicators.denominators:
        if denominator["key"] == key:
            output = denominator_label(denominator)
            if form == "productivity":
                return _("Productivity: {output} per unit used").format(output=output)
            return _("Intensity: use per {output}").format(output=output)
    return ""


def _denominator_unit(picture: RecpPicture, key: str | None) -> str:
    for denominator in picture.indicators.denominators:
        if denominator["key"] == key:
            return "million VND" if key == "value" else unit_display(denominator["unit"])
    return ""


def display_scale(form: str, key: str | None) -> float:
    if key != "value":
        return 1.0
    return MILLION if form == "intensity" else 1 / MILLION


def form_unit(picture: RecpPicture, indicator: str, form: str, key: str | None) -> str:
    unit = unit_display(_UNITS[indicator])
    if form == "absolute":
        return unit
    per = _denominator_unit(picture, key)
    return "{}/{}".format(unit, per) if form == "intensity" else "{}/{}".format(per, unit)


_UNITS = {"energy": "MWh", "materials": "t", "water": "m³", "waste": "t", "ghg": "tCO2e",
          "wastewater": "m³"}


@dataclass
class Figure:
    value: float | None
    unit: str
    note: str = ""  # why there is no value (months missing, sales value missing …)


def _row_index(picture: RecpPicture) -> dict[tuple[str, str, str | None], dict[str, Any]]:
    return {(row["indicator"], row["period"], row["denominator"]): row
            for row in picture.indicators.rows}


def _note(amount: dict[str, Any] | None, language: str) -> str:
    if not amount or not amount.get("message"):
        return ""
    return str(amount["message"].get(language) or amount["message"].get("en") or "")


def figure(picture: RecpPicture, index: dict[Any, dict[str, Any]], indicator: str,
           period: str, form: str, key: str | None, language: str) -> Figure:
    """One figure of the picture, scaled for display, with the reason when it is missing."""
    denominators = picture.indicators.denominator_keys
    row = index.get((indicator, period, key if form != "absolute" else (
        denominators[0] if denominators else None)))
    unit = form_unit(picture, indicator, form, key)
    if row is None:
        return Figure(None, unit)
    if form == "absolute":
        amount = row["absolute"]
        return Figure(amount["value"] if amount else None, unit, _note(amount, language))
    stored = row[form]
    if stored is None:
        note = _note(row["absolute"], language) or _note(row["output"], language)
        return Figure(None, unit, note)
    return Figure(stored["value"] * display_scale(form, key), unit)


@dataclass
class IndicatorLine:
    code: str
    label: str
    absolute: Figure
    ratio: Figure | None  # intensity or productivity per the chosen denominator
    change_percent: float | None = None
    improved: bool | None = None


def latest_lines(picture: RecpPicture, period: str, form: str, key: str | None,
                 changes: list[dict[str, Any]], language: str) -> list[IndicatorLine]:
    """The six indicators in ``period``: absolute, the chosen ratio, change against baseline."""
    index = _row_index(picture)
    moved = {(c["indicator"], c["form"], c["denominator"]): c for c in changes
             if c["period"] == period}
    lines = []
    for code in INDICATORS:
        ratio = figure(picture, index, code, period, form, key, language) if (
            form != "absolute" and key) else None
        change = moved.get((code, form, key if form != "absolute" else None))
        lines.append(IndicatorLine(
            code, indicator_label(code),
            figure(picture, index, code, period, "absolute", None, language), ratio,
            change["percent"] if change else None, change["improved"] if change else None))
    return lines


def trend_charts(picture: RecpPicture, periods: list[str], form: str, key: str | None,
                 language: str) -> list[TrendChart]:
    """One line chart per indicator with data, over ``periods``, in the chosen form."""
    index = _row_index(picture)
    charts = []
    for number, code in enumerate(INDICATORS):
        values = [figure(picture, index, code, period, form, key, language).value
                  for period in periods]
        if all(value is None for value in values):
            continue
        unit = form_unit(picture, code, form, key)
        title = _("{indicator}, {unit}").format(indicator=indicator_label(code), unit=unit)
        charts.append(TrendChart(dom_id="trend-{}".format(number), title=title, unit=unit,
                                 periods=[period_label(p) for p in periods],
                                 series=[TrendSeries(indicator_label(code), values)]))
    return charts


@dataclass
class ChangeCell:
    value: float | None
    percent: float | None
    improved: bool | None


@dataclass
class ChangeTable:
    """Periods down, indicators across: each cell the period's value and its change in %."""

    title: str
    columns: list[str]  # '<indicator> (<unit>)'
    baseline: list[float | None]
    rows: list[tuple[str, list[ChangeCell]]]


def change_table(picture: RecpPicture, changes: list[dict[str, Any]], form: str,
                 key: str | None, title: str) -> ChangeTable | None:
    """Every period against the baseline for one form and denominator; None without changes."""
    wanted = key if form != "absolute" else None
    scale = display_scale(form, key)
    found = [c for c in changes if c["form"] == form and c["denominator"] == wanted]
    if not found:
        return None
    codes = [code for code in INDICATORS if any(c["indicator"] == code for c in found)]
    periods = list(dict.fromkeys(c["period"] for c in found))
    by_key = {(c["indicator"], c["period"]): c for c in found}
    baseline = []
    for code in codes:
        first = next(c for c in found if c["indicator"] == code)
        baseline.append(first["before"]["value"] * scale if first["before"] else None)
    rows = []
    for period in periods:
        cells = []
        for code in codes:
            change = by_key.get((code, period))
            after = change["after"] if change else None
            cells.append(ChangeCell(after["value"] * scale if after else None,
                                    change["percent"] if change else None,
                                    change["improved"] if change else None))
        rows.append((period_label(period), cells))
    columns = ["{} ({})".format(indicator_label(code), form_unit(picture, code, form, key))
               for code in codes]
    return ChangeTable(title, columns, baseline, rows)
