"""The EIP dossier's radar chart: compliance per category (0–100 %), as SVG.

Same conventions as :mod:`openeip.web.base.charts.svg`: translated labels in, SVG text out, a
:class:`~matplotlib.figure.Figure` per call (no pyplot state), DejaVu Sans outlines. A radar needs
at least three axes; with fewer categories the chart is drawn as horizontal bars instead.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openeip.web.base.charts.svg import PALETTE, mpl

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["RadarSeries", "radar_chart"]


@dataclass(frozen=True)
class RadarSeries:
    label: str
    values: Sequence[float | None]   # one per axis, percent; None is drawn as 0 and marked


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def radar_chart(axes_labels: Sequence[str], series: Sequence[RadarSeries]) -> str:
    """One polygon per series over the category axes, 0 at the centre and 100 % at the rim."""
    count = len(axes_labels)
    height = 3.6 if count >= 3 else 0.9 + 0.45 * count * max(1, len(series))
    figure: Figure = mpl().figure.Figure(figsize=(6.7, height), layout="constrained")
    figure.set_facecolor("white")
    if count < 3:
        return _bars(figure, axes_labels, series)
    angles = [2 * math.pi * i / count for i in range(count)]
    axes = figure.add_subplot(projection="polar")
    axes.set_theta_offset(math.pi / 2)  # type: ignore[attr-defined]  # a polar projection
    axes.set_theta_direction(-1)  # type: ignore[attr-defined]
    for index, line in enumerate(series):
        values = [value if value is not None else 0.0 for value in line.values]
        colour = PALETTE[index % len(PALETTE)]
        axes.plot([*angles, angles[0]], [*values, values[0]], color=colour, linewidth=1.5,
                  linestyle="-" if index == 0 else "--", label=line.label)
        if index == 0:
            axes.fill([*angles, angles[0]], [*values, values[0]], color=colour, alpha=0.15)
    axes.set_xticks(angles)
    axes.set_xticklabels([_wrapped(label) for label in axes_labels], fontsize=7.5)
    axes.set_ylim(0, 100)
    axes.set_yticks([25, 50, 75, 100])
    axes.set_yticklabels(["25", "50", "75", "100 %"], fontsize=6.5, color="#555555")
    axes.legend(loc="upper left", bbox_to_anchor=(1.08, 1.0), fontsize=7, frameon=False)
    return _svg(figure)


def _bars(figure: Figure, labels: Sequence[str], series: Sequence[RadarSeries]) -> str:
    axes = figure.subplots()
    height = 0.8 / max(1, len(series))
    for index, line in enumerate(series):
        positions = [i + index * height for i in range(len(labels))]
        axes.barh(positions, [v or 0.0 for v in line.values], height=height,
                  color=PALETTE[index % len(PALETTE)], label=line.label)
    axes.set_yticks([i + 0.4 - height / 2 for i in range(len(labels))])
    axes.set_yticklabels(list(labels), fontsize=8)
    axes.set_xlim(0, 100)
    axes.set_xlabel("%", fontsize=8)
    axes.tick_params(labelsize=8)
    axes.legend(fontsize=7, frameon=False, loc="lower right")
    return _svg(figure)


def _wrapped(label: str, width: int = 18) -> str:
    """A long category name on two lines so it stays inside the figure."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    split = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:split] + "\n" + label[split + 1:]
