"""Core results as plain JSON values: the form snapshots store and the API and pages read.

Numbers stay numbers (in the unit named beside them); texts that depend on the language are
stored in both (``*_en``, ``*_vi``) or rebuilt at display from the codes kept here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from openeip.core import flows as balances
from openeip.core import ghg, prices, recp
from openeip.core.i18n import language, to_json
from openeip.core.units import unit_symbol
from openeip.web.base.labels import unit_display

__all__ = ["balance_json", "bilingual", "ghg_json", "indicators_json", "losses_json",
           "peer_json", "price_json", "quantity_json", "suggestion_json"]


def bilingual(text: Callable[[], str]) -> dict[str, str]:
    """A core text in English and Vietnamese: {'en': …, 'vi': …}."""
    result = {}
    for code in ("en", "vi"):
        with language(code):
            result[code] = text()
    return result


def quantity_json(value: Any) -> dict[str, Any] | None:
    """A pint quantity as {value, unit}; None stays None."""
    if value is None:
        return None
    return {"value": float(value.magnitude), "unit": unit_symbol(value.units)}


def price_json(price: prices.Price) -> dict[str, Any]:
    """A price with where it comes from: source, year, verification and table version."""
    return {"resource": price.resource, "vnd_per_unit": price.vnd_per_unit, "unit": price.unit,
            "source": to_json(price.source), "year": price.year, "verification": price.verification,
            "version": price.version, "note": price.note}


def _amount(amount: recp.Amount | None) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"value": amount.base, "unit": unit_display(amount.unit), "gap": amount.gap.value,
            "missing_months": list(amount.missing_months), "names": list(amount.names),
            "message": bilingual(amount.message) if amount.gap.value else None}


def indicators_json(table: recp.IndicatorTable) -> dict[str, Any]:
    return {
        "periods": [period.label() for period in table.periods],
        "denominators": [{"key": d.key, "unit": d.unit, "products": list(d.products)}
                         for d in table.denominators],
        "rows": [
            {"indicator": row.indicator.value, "period": row.period.label(),
             "absolute": _amount(row.absolute),
             "denominator": row.denominator.key if row.denominator else None,
             "output": _amount(row.output),
             "productivity": quantity_json(row.productivity),
             "intensity": quantity_json(row.intensity)}
            for row in table.rows()],
        "excluded": [{"indicator": e.indicator.value, "description": e.description,
                      "period": e.period.label(), "unit": e.unit} for e in table.excluded],
    }


def _totals(totals: ghg.GhgTotals) -> dict[str, float]:
    return {"scope1_tco2e": totals.scope1_tco2e, "scope2_tco2e": totals.scope2_tco2e,
            "biogenic_co2_tco2e": totals.biogenic_co2_tco2e, "total_tco2e": totals.total_tco2e}


def ghg_json(inventory: ghg.GhgInventory, year: int | None) -> dict[str, Any]:
    """Totals by year and period, the year's emissions by flow, what was not counted and why."""
    by_flow: dict[tuple[str, int], float] = {}
    for line in inventory.lines:
        if line.flow.period.year == year:
            key = (line.flow.description, line.scope)
            by_flow[key] = by_flow.get(key, 0.0) + line.co2e_tco2e
    return {
        "gwp_set": inventory.gwp.value,
        "factor_versions": dict(inventory.factor_versions),
        "by_year": {str(y): _totals(t) for y, t in inventory.by_year().items()},
        "by_period": {p.label(): _totals(t) for p, t in inventory.by_period().items()},
        "year_by_flow": [{"description": d, "scope": s, "tco2e": v}
                         for (d, s), v in sorted(by_flow.items(), key=lambda kv: -kv[1])],
        "not_counted": [{"description": n.flow.description, "period": n.flow.period.label(),
                         "reason_code": n.reason_code, "reason": bilingual(n.reason)}
                        for n in inventory.not_counted if n.flow.period.year == year],
    }


def _lines(lines: Iterable[balances.BalanceLine]) -> list[dict[str, Any]]:
    return [{"role": line.role, "description": line.description, "value": line.base_quantity,
             "unit": unit_display(line.base_unit), "unit_operation": line.unit_operation}
            for line in lines]


def balance_json(result: balances.Balance) -> dict[str, Any]:
    return {"kind": result.kind.value, "unit_operation": result.unit_operation,
            "unit": unit_display(result.base_unit), "inputs": _lines(result.inputs),
            "outputs": _lines(result.outputs), "excluded": _lines(result.excluded),
            "total_inputs": result.inputs_base, "total_outputs": result.outputs_base,
            "closure": result.inputs_base - result.outputs_base,
            "closure_percent": result.closure_percent,
            "threshold_percent": result.threshold_percent, "flagged": result.flagged,
            "outputs_unmetered": result.outputs_unmetered}


def losses_json(account: recp.LossAccount) -> dict[str, Any]:
    return {
        "total_vnd": account.total_vnd,
        "hotspots": [
            {"key": loss.key, "kind": loss.kind.value, "resource": loss.resource,
             "lost": loss.lost_base, "unit": unit_display(loss.base_unit),
             "purchase_vnd": loss.purchase_vnd, "disposal_vnd": loss.disposal_vnd,
             "cost_vnd": loss.cost_vnd, "unpriced": loss.unpriced_base,
             "causes": list(loss.causes), "unit_operations": list(loss.unit_operations),
             "share_percent": loss.share_percent}
            for loss in account.hotspots],
        "gaps": [{"period": gap.period.label(), "gap": gap.gap.value,
                  "message": bilingual(gap.message)} for gap in account.gaps()],
    }


def suggestion_json(suggestion: recp.Suggestion) -> dict[str, Any]:
    option = suggestion.option
    effect = option.effect
    return {
        "code": option.code, "category": option.category, "cost_class": option.cost_class,
        "title_en": option.title.en, "title_vi": option.title.vi, "resource": option.resource,
        "hotspot": suggestion.hotspot, "causes": list(suggestion.causes),
        "hotspot_cost_vnd": float(suggestion.hotspot_cost_vnd),
        "typical_saving_vnd": (None if suggestion.typical_saving_vnd is None
                               else float(suggestion.typical_saving_vnd)),
        "typical_effect": None if effect is None else {
            "low_pct": float(effect.low_pct), "high_pct": float(effect.high_pct),
            "source": effect.source, "verification": effect.verification},
        "other_hotspots": list(suggestion.other_hotspots),
        "why": bilingual(suggestion.why),
    }


def peer_json(position: recp.PeerPosition) -> dict[str, Any]:
    return {"peer_count": position.peer_count, "min_peers": position.min_peers,
            "percentile": position.percentile, "median": quantity_json(position.median),
            "lower_quartile": quantity_json(position.lower_quartile),
            "upper_quartile": quantity_json(position.upper_quartile),
            "withheld": position.withheld.value,
            "message": bilingual(position.message) if position.withheld.value else None}
