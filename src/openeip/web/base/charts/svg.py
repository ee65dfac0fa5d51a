"""Charts for printed reports, drawn server-side with matplotlib as SVG.

Every function takes plain, already translated labels and numbers and returns the SVG document
as text; the report embeds it as an image. Text is drawn as outlines (matplotlib's default
``svg.fonttype = 'path'``) in DejaVu Sans, which matplotlib ships, so Vietnamese diacritics look
the same on every machine. Figures are built with :class:`matplotlib.figure.Figure`, not pyplot,
so concurrent requests never share a global figure.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Formatter = Callable[[float], str]

# A palette readable in print and by people with the common colour-vision deficiencies
# (Okabe & Ito 2008).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
_WIDTH_IN = 6.7  # the text width of an A4 page with 2 cm margins


@lru_cache(maxsize=1)
def mpl() -> Any:
    """matplotlib with its figure, patches and ticker modules, imported when the first chart is
    drawn: every page and `openeip` command imports the reports that chart, and the import
    took 0.4 s of a command's start (7 Dec 2026)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server; must precede any other matplotlib import
    import matplotlib.figure
    import matplotlib.patches
    import matplotlib.ticker

    return matplotlib


def _ticks(number: Formatter) -> Any:
    return mpl().ticker.FuncFormatter(lambda value, _pos: number(value))


def _figure(height_in: float) -> Figure:
    figure = mpl().figure.Figure(figsize=(_WIDTH_IN, height_in), layout="constrained")
    figure.set_facecolor("white")
    return figure


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})  # no date: same input, same SVG
    return buffer.getvalue()


def _style(axes: object) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
    axes.tick_params(labelsize=8)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TrendPanel:
    """One small chart of a trend: an indicator's value per period, in one unit."""

    title: str
    unit: str
    periods: Sequence[str]
    values: Sequence[float | None]
    baseline: float | None = None  # drawn as a dashed line when given
    baseline_label: str = ""


def trend_chart(panels: Sequence[TrendPanel], number: Formatter, columns: int = 3) -> str:
    """Small multiples: one panel per indicator, each on its own axis and unit."""
    rows = max(1, math.ceil(len(panels) / columns))
    figure = _figure(1.9 * rows + 0.2)
    grid = figure.subplots(rows, columns, squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index >= len(panels):
            axes.set_visible(False)
            continue
        panel = panels[index]
        points = [(i, v) for i, v in enumerate(panel.values) if v is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=3,
                      color=PALETTE[index % len(PALETTE)], linewidth=1.4)
        if panel.baseline is not None:
            axes.axhline(panel.baseline, color="#666666", linestyle="--", linewidth=0.8,
                         label=panel.baseline_label or None)
        axes.set_title(panel.title, fontsize=9, loc="left")
        axes.set_ylabel(panel.unit, fontsize=7)
        axes.set_xticks(range(len(panel.periods)))
        axes.set_xticklabels(_thinned(panel.periods), rotation=90, fontsize=6)
        axes.yaxis.set_major_formatter(_ticks(number))
        axes.set_ylim(bottom=0)
        _style(axes)
    return _svg(figure)


def _thinned(labels: Sequence[str], most: int = 12) -> list[str]:
    """Every n-th label, so two years of months stay legible."""
    step = max(1, math.ceil(len(labels) / most))
    return [label if i % step == 0 else "" for i, label in enumerate(labels)]


def bar_chart(labels: Sequence[str], values: Sequence[float], axis_label: str,
              number: Formatter) -> str:
    """Horizontal bars, largest on top, each labelled with its value (hotspots by cost)."""
    height = 0.9 + 0.32 * max(1, len(labels))
    figure = _figure(height)
    axes = figure.subplots()
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, values, color=PALETTE[5], height=0.6)
    axes.set_yticks(positions)
    axes.set_yticklabels([_short(label) for label in labels], fontsize=8)
    axes.bar_label(bars, labels=[number(v) for v in values], fontsize=7, padding=3)
    axes.set_xlabel(axis_label, fontsize=8)
    axes.xaxis.set_major_formatter(_ticks(number))
    axes.margins(x=0.15)
    _style(axes)
    return _svg(figure)


def _short(label: str, most: int = 38) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"


@dataclass(frozen=True)
class FlowBand:
    """One flow in the flow chart: its label, its size in the chart's unit, and its group."""

    label: str
    value: float
    group: str


@dataclass(frozen=True)
class FlowPanel:
    """The flows of one unit (t, m³ or MWh): inputs into the company, outputs out of it."""

    unit: str
    inputs: Sequence[FlowBand]
    outputs: Sequence[FlowBand]


def flow_chart(panels: Sequence[FlowPanel], centre: str, number: Formatter,
               nothing: str = "—") -> str:
    """A Sankey-like picture of the flows, one row per unit: the inputs stacked on the left flow
    into the company in the middle and out to the outputs stacked on the right. Band heights are
    proportional to the flows within a row, so a shorter right side shows what the balance does
    not close."""
    figure = _figure(1.75 * max(1, len(panels)))
    rows = figure.subplots(max(1, len(panels)), 1, squeeze=False)[:, 0]
    colours: dict[str, str] = {}
    for panel in panels:
        for band in (*panel.inputs, *panel.outputs):
            colours.setdefault(band.group, PALETTE[len(colours) % len(PALETTE)])
    for axes, panel in zip(rows, panels, strict=False):
        axes.set_axis_off()
        inflow = sum(b.value for b in panel.inputs)
        outflow = sum(b.value for b in panel.outputs)
        total = max(inflow, outflow, 1e-12)
        _stack(axes, panel.inputs, total, 0.0, colours, number, panel.unit, left=True)
        _stack(axes, panel.outputs, total, 0.78, colours, number, panel.unit, left=False)
        axes.add_patch(mpl().patches.Rectangle((0.46, 0.0), 0.08, 1.0, facecolor="#4f5d6b"))
        for side, x, flow in (("left", 0.2, inflow), ("right", 0.8, outflow)):
            if flow <= 0:
                axes.text(x, 0.5, nothing, ha="right" if side == "left" else "left",
                          va="center", fontsize=6.5, color="#777777", style="italic")
        axes.text(0.5, 1.04, "{} ({})".format(_short(centre, 30), panel.unit), ha="center",
                  fontsize=8)
        axes.set_xlim(-0.55, 1.55)
        axes.set_ylim(-0.02, 1.15)
    return _svg(figure)


def _stack(axes: Any, bands: Sequence[FlowBand], total: float, x: float,
           colours: dict[str, str], number: Formatter, unit: str, left: bool) -> None:
    """The bands of one side, each with its ribbon to (or from) the company bar."""
    bottom = 0.0
    ribbon = (0.22, 0.46) if left else (0.54, 0.78)
    for band in bands:
        height = band.value / total
        colour = colours[band.group]
        axes.add_patch(mpl().patches.Rectangle((x, bottom), 0.22, height, facecolor=colour,
                                               linewidth=0.5, edgecolor="white"))
        axes.fill_between(ribbon, [bottom] * 2, [bottom + height] * 2, color=colour,
                          alpha=0.3, linewidth=0)
        if height > 0.06:
            text = "{} — {} {}".format(_short(band.label, 28), number(band.value), unit)
            axes.text(x - 0.02 if left else x + 0.24, bottom + height / 2, text,
                      ha="right" if left else "left", va="center", fontsize=6.5)
        bottom += height


@dataclass(frozen=True)
class MaccBar:
    """One option on the marginal abatement cost curve."""

    label: str
    abatement_tco2e: float
    cost_vnd_per_tco2e: float


def macc_chart(bars: Sequence[MaccBar], abatement_label: str, cost_label: str,
               number: Formatter) -> str:
    """The curve as drawn in the literature: options in the given order (cheapest first), each a
    bar as wide as its annual abatement and as high as its cost per tonne; below the axis the
    option saves money."""
    figure = _figure(3.4)
    axes = figure.subplots()
    left = 0.0
    for index, bar in enumerate(bars):
        colour = PALETTE[2] if bar.cost_vnd_per_tco2e < 0 else PALETTE[5]
        axes.add_patch(mpl().patches.Rectangle(
            (left, min(0.0, bar.cost_vnd_per_tco2e)), bar.abatement_tco2e,
            abs(bar.cost_vnd_per_tco2e), facecolor=colour, edgecolor="white", linewidth=0.8))
        axes.text(left + bar.abatement_tco2e / 2, bar.cost_vnd_per_tco2e, str(index + 1),
                  ha="center", va="bottom" if bar.cost_vnd_per_tco2e >= 0 else "top",
                  fontsize=7)
        left += bar.abatement_tco2e
    costs = [bar.cost_vnd_per_tco2e for bar in bars] or [0.0]
    low, high = min(0.0, *costs), max(0.0, *costs)
    pad = (high - low) * 0.12 or 1.0
    axes.set_xlim(0, left or 1.0)
    axes.set_ylim(low - pad, high + pad)
    axes.axhline(0, color="black", linewidth=0.8)
    axes.set_xlabel(abatement_label, fontsize=8)
    axes.set_ylabel(cost_label, fontsize=8)
    axes.xaxis.set_major_formatter(_ticks(number))
    axes.yaxis.set_major_formatter(_ticks(number))
    _style(axes)
    return _svg(figure)
