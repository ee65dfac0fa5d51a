"""An option sheet: what the option is, why, what it typically does (and where that comes from),
what went in, what the evaluation gave, where it stands in the workflow and what was measured.

Numbers come from the option's stored ``results`` and ``measured_change`` (written by the
evaluation and verification services); nothing is computed here.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openeip.core.i18n import gettext_noop, message, render
from openeip.web.base.workflow import moves_for
from openeip.web.recp.models import AssessmentOption, OptionStatus
from openeip.web.recp.views import library

#: stored result figure -> unit, in the order the sheet lists them (labels: _figure_labels)
FIGURES = (
    ("annual_savings_vnd", "VND/year"),
    ("net_annual_benefit_vnd", "VND/year"),
    ("simple_payback_years", "years"),
    ("discounted_payback_years", "years"),
    ("npv_vnd", "VND"),
    ("irr", "%"),
    ("benefit_cost_ratio", ""),
    ("annual_life_cycle_savings_vnd", "VND/year"),
    ("levelised_cost_vnd_per_mwh", "VND/MWh"),
    ("abatement_cost_vnd_per_tco2e", "VND/tCO2e"),
)
#: stored environmental effect -> unit
EFFECTS = (
    ("energy_mwh", "MWh/year"),
    ("water_m3", "m³/year"),
    ("materials_t", "t/year"),
    ("waste_t", "t/year"),
    ("wastewater_m3", "m³/year"),
    ("ghg_tco2e", "tCO2e/year"),
)


def _figure_labels() -> dict[str, str]:
    return {
        "annual_savings_vnd": _("Annual savings"),
        "net_annual_benefit_vnd": _("Net annual benefit (savings − extra O&M)"),
        "simple_payback_years": _("Simple payback"),
        "discounted_payback_years": _("Discounted payback"),
        "npv_vnd": _("Net present value"),
        "irr": _("Internal rate of return"),
        "benefit_cost_ratio": _("Benefit–cost ratio"),
        "annual_life_cycle_savings_vnd": _("Annual life-cycle savings"),
        "levelised_cost_vnd_per_mwh": _("Levelised cost of saved energy"),
        "abatement_cost_vnd_per_tco2e": _("GHG abatement cost"),
        "energy_mwh": _("Energy"), "water_m3": _("Water"), "materials_t": _("Materials"),
        "waste_t": _("Waste"), "wastewater_m3": _("Wastewater"),
        "ghg_tco2e": _("Greenhouse gases"),
    }


def _unit_labels() -> dict[str, str]:
    return {"VND/year": _("VND/year"), "years": _("years"), "VND": "VND", "%": "%", "": "",
            "VND/MWh": "VND/MWh", "VND/tCO2e": "VND/tCO2e", "MWh/year": _("MWh/year"),
            "m³/year": _("m³/year"), "t/year": _("t/year"), "tCO2e/year": _("tCO2e/year")}


@dataclass
class Figure:
    key: str
    label: str
    value: float | None
    unit: str
    reason: str = ""  # why there is no value (no payback within the lifetime, no IRR …)


@dataclass
class OptionSheet:
    option: AssessmentOption
    title: str
    template: library.TemplateView | None
    category_label: str
    status_label: str
    next_statuses: list[tuple[str, str]]
    figures: list[Figure] = field(default_factory=list)
    effects: list[Figure] = field(default_factory=list)
    savings: list[dict[str, Any]] = field(default_factory=list)
    factor_versions: dict[str, str] = field(default_factory=dict)
    price_versions: dict[str, str] = field(default_factory=dict)
    measured: dict[str, Any] = field(default_factory=dict)

    @property
    def discount_rate_percent(self) -> float:
        return float(self.option.discount_rate) * 100

    @property
    def evaluated(self) -> bool:
        return bool(self.option.results)

    @property
    def verifiable(self) -> bool:
        return self.option.status in (OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED)


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _figures(results: dict[str, Any]) -> list[Figure]:
    labels, units = _figure_labels(), _unit_labels()
    stored = results.get("figures", {})
    reasons = results.get("reasons", {})
    figures = []
    for key, unit in FIGURES:
        value = _finite(stored.get(key))
        if key == "irr" and value is not None:
            value *= 100
        figures.append(Figure(key, labels[key], value, units[unit], render(reasons.get(key))))
    return figures


def _effects(results: dict[str, Any]) -> list[Figure]:
    labels, units = _figure_labels(), _unit_labels()
    stored = results.get("effects", {})
    return [Figure(key, labels[key], _finite(stored.get(key)), units[unit])
            for key, unit in EFFECTS if _finite(stored.get(key))]


def option_sheet(option: AssessmentOption, language: str, user: Any,
                 approvable: Collection[int] | None = None) -> OptionSheet:
    """The option as its card shows it; the buttons are the moves ``user`` may make
    (``approvable``: the options ``user`` may approve, when a page shows many)."""
    template = library.template(option.template_code, language)
    own_title = (option.title_vi if language == "vi" else option.title_en) or (
        option.title_en or option.title_vi)
    results = option.results or {}
    return OptionSheet(
        option=option,
        title=template.title if template else own_title,
        template=template,
        category_label=library.category_label(template.category if template
                                              else option.category),
        status_label=str(option.get_status_display()),
        next_statuses=[(status, str(OptionStatus(status).label))
                       for status in moves_for(option, user, approvable)],
        figures=_figures(results) if results else [],
        effects=_effects(results) if results else [],
        savings=[{**saving, "price": price_shown(saving.get("price") or {}),
                  "verification_label": library.verification_label(
                      str((saving.get("price") or {}).get("verification") or ""))}
                 for saving in results.get("savings", [])],
        factor_versions=dict(results.get("factor_versions", {})),
        price_versions=dict(results.get("price_versions", {})),
        measured=dict(option.measured_change or {}),
    )


def price_shown(price: dict[str, Any]) -> dict[str, Any]:
    """A stored price with its source in the reader's language. Options evaluated before the
    source was kept as a message id carry the English text of a recorded cost: it is worded
    again from the year."""
    source = price.get("source")
    if price.get("version") == "recorded" and isinstance(source, str):
        source = message(gettext_noop("cost recorded on the flow for {period}"),
                         period=str(price.get("year") or ""))
    return {**price, "source": render(source)}
