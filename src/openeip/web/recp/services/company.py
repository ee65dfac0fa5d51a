"""A company's RECP picture from its stored data: what pages, the API and reports show.

``company_recp(company, gwp)`` returns a plain dict (JSON values only):

=================  ========================================================================
key                what it holds
=================  ========================================================================
company            id, code, vsic_code
year               the latest year with data: balances, losses, suggestions, Sankey and
                   peers are of this year; indicators and GHG cover every period
gwp_set            'AR5' or 'AR6' — always named where GHG figures are shown
indicators         :func:`openeip.core.recp.indicators.company_indicators`: periods,
                   denominators, rows (absolute, output, productivity, intensity), excluded
changes            against ``baseline`` when one is given (:func:`change_against`), else []
ghg                :func:`openeip.core.ghg.inventory`: totals by year and period, the year's
                   emissions by flow, flows not counted and why, factor versions
balances           {company: [mass, water, energy], unit_operations: {name: [...]}}
losses             :func:`openeip.core.recp.losses.cost_of_losses` of the year: hotspots
suggestions        :func:`openeip.core.recp.suggest` from those hotspots and the VSIC code
sankey             :func:`openeip.core.flows.sankey` of the year: nodes and links
peers              position among the same VSIC sector in the park and on the platform in
                   the latest whole year (else the latest month), aggregates only, withheld
                   below 5 peers (:mod:`openeip.core.recp.peers`)
factor_versions    GHG tables used; price_versions: price tables used
notices            a factor or price of another year than the data's was used, or a value
                   set for that year (:class:`openeip.core.catalogues.series.SeriesNotice`
                   as dicts; worded at display time)
computed_at        when the snapshot was computed (ISO 8601)
=================  ========================================================================

Everything but ``peers`` and ``changes`` is kept in :class:`IndicatorSnapshot` and computed
again only when its source key changes (see :mod:`openeip.web.recp.models.snapshots`).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from openeip.core import domain, ghg, prices, recp
from openeip.core import flows as balances
from openeip.core.catalogues.series import notices_from
from openeip.web.base.labels import unit_display
from openeip.web.recp.models import CompanyPrice, IndicatorSnapshot
from openeip.web.recp.services import data, jsonable, peers
from openeip.web.recp.services.evaluation import price_book_for
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.models.series import (
    factor_settings_for,
    grid_overrides_for,
    overrides_key,
)

__all__ = ["company_recp", "refresh_snapshot", "source_key"]

#: raised when the payload's form changes, so stored snapshots are computed again
PAYLOAD_FORMAT = "2"
SUGGESTIONS = 10
#: the audit trail's entries that change a company's flows or products (writer, importer, admin);
#: every other app's entries (options, exchanges, projects, meters, grievances …) do not
_DATA = ("flow", "product", "import")


def _tables() -> str:
    library = recp.option_library()
    return ",".join([*("{}={}".format(k, v) for k, v in sorted(ghg.table_versions().items())),
                     *("{}={}".format(k, v) for k, v in
                       sorted(prices.default_price_book().versions.items())),
                     "options={}".format(len(library))])


def source_key(company: Company) -> str:
    """What the snapshot depends on; a different key means the snapshot is stale."""
    # Every write of one of its flows or products leaves an audit entry naming the company
    # (writer, importer, admin), products included — which the park's data version does not
    # cover. A deleted company takes its snapshot with it.
    last = (AuditEntry.objects.filter(company=company, object_type__in=_DATA)
            .order_by("-id").values_list("id", flat=True).first())
    own = CompanyPrice.objects.filter(company=company).aggregate(n=Count("id"),
                                                                 at=Max("updated_at"))
    return "|".join(str(part) for part in (
        PAYLOAD_FORMAT, last, own["n"], own["at"] and own["at"].isoformat(), _tables(),
        overrides_key(company.park)))


def _year_flows(flows: list[domain.ResourceFlow], year: int | None) -> list[domain.ResourceFlow]:
    return [flow for flow in flows if flow.period.year == year]


def _balances(flows: list[domain.ResourceFlow], products: list[domain.Product]
              ) -> dict[str, Any]:
    kinds = list(balances.BalanceKind)
    result: dict[str, Any] = {
        "company": [jsonable.balance_json(balances.balance(flows, products, kind))
                    for kind in kinds] if flows else [],
        "unit_operations": {},
    }
    for operation in balances.unit_operations(flows):
        result["unit_operations"][operation] = [
            jsonable.balance_json(balances.balance(flows, products, kind,
                                                   unit_operation=operation))
            for kind in kinds]
    return result


def _losses(company: Company, flows: list[domain.ResourceFlow],
            products: list[domain.Product]) -> tuple[dict[str, Any], list[Any]]:
    book = price_book_for(company)
    notices: dict[Any, dict[str, Any]] = {}

    def unit_price(flow: domain.ResourceFlow) -> float | None:
        value, price = prices.price_of(flow, book)
        if price.notice is not None:
            notices[price.notice] = price.notice.as_dict()
        return value

    account = recp.cost_of_losses(flows, products, unit_price)
    suggestions = (recp.suggest(account.hotspots, company.vsic_code, limit=SUGGESTIONS)
                   if account.hotspots else [])
    return ({**jsonable.losses_json(account), "price_versions": dict(book.versions),
             "notices": list(notices.values())},
            [jsonable.suggestion_json(s) for s in suggestions])


def _sankey(company: Company, flows: list[domain.ResourceFlow],
            products: list[domain.Product]) -> dict[str, Any]:
    if not flows:
        return {"company_code": company.code, "nodes": [], "links": []}
    chart = balances.sankey(flows, products).as_dict()
    for link in chart["links"]:
        link["unit"] = unit_display(link["unit"])
    return chart


def _comparison_period(table: recp.IndicatorTable) -> domain.ReportingPeriod | None:
    """The period peers are compared on: the latest whole year (one with a value), else the
    latest month — so firms that report every month are compared over the same year."""
    years = [p for p in table.periods if p.month is None]
    for period in sorted(years, reverse=True):
        if any(table.absolute(indicator, period).base is not None
               for indicator in recp.Indicator):
            return period
    months = [p for p in table.periods if p.month is not None]
    return max(months) if months else None


def _figures(table: recp.IndicatorTable) -> dict[str, Any]:
    """Absolute values and intensities of the comparison period, the figures peers see."""
    period = _comparison_period(table)
    if period is None:
        return {}
    values: dict[str, Any] = {}
    for indicator in recp.Indicator:
        values["{}|absolute|".format(indicator.value)] = jsonable.quantity_json(
            table.absolute(indicator, period).quantity)
        for denominator in table.denominators:
            values["{}|intensity|{}".format(indicator.value, denominator.key)] = (
                jsonable.quantity_json(table.intensity(indicator, period, denominator.key)))
    return {"period": period.label(), "values": values}


def compute(company: Company, gwp: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The payload (without peers and changes) and the year's figures, from stored data."""
    flows = data.company_flows(company)
    products = data.company_products(company)
    year = max((flow.period.year for flow in flows), default=None)
    inventory = ghg.inventory(flows, gwp=gwp, grid_overrides=grid_overrides_for(company.park))
    table = recp.company_indicators(flows, products, inventory.total_by_period())
    year_flows = _year_flows(flows, year)
    year_products = [product for product in products if product.period.year == year]
    losses, suggestions = (_losses(company, year_flows, year_products) if year_flows
                           else ({"total_vnd": 0.0, "hotspots": [], "gaps": []}, []))
    payload = {
        "company": {"id": company.pk, "code": company.code, "vsic_code": company.vsic_code},
        "year": year,
        "gwp_set": inventory.gwp.value,
        "indicators": jsonable.indicators_json(table),
        "ghg": jsonable.ghg_json(inventory, year),
        "balances": _balances(year_flows, year_products),
        "losses": losses,
        "suggestions": suggestions,
        "sankey": _sankey(company, year_flows, year_products),
        "factor_versions": dict(inventory.factor_versions),
        "price_versions": losses.get("price_versions", {}),
        "notices": [n.as_dict() for n in notices_from(
            [n.as_dict() for n in inventory.notices] + losses.get("notices", []))],
    }
    return payload, _figures(table)


def refresh_snapshot(company: Company, gwp: str, key: str | None = None) -> IndicatorSnapshot:
    """The company's snapshot, computed again if its source key changed."""
    key = key or source_key(company)
    stored = IndicatorSnapshot.objects.filter(company=company, gwp_set=gwp).first()
    if stored is not None and stored.source_key == key:
        return stored
    payload, figures = compute(company, gwp)
    values = {"source_key": key, "year": payload["year"], "payload": payload,
              "figures": figures, "factor_versions": payload["factor_versions"]}
    try:
        with transaction.atomic():
            snapshot, _created = IndicatorSnapshot.objects.update_or_create(
                company=company, gwp_set=gwp, defaults=values)
    except IntegrityError:  # another request stored it at the same moment: theirs is as good
        snapshot = IndicatorSnapshot.objects.get(company=company, gwp_set=gwp)
    return snapshot


def company_recp(company: Company, gwp: str | None = None,
                 baseline: domain.ReportingPeriod | None = None) -> dict[str, Any]:
    """The company's RECP picture (module docstring); DomainError names what is wrong.

    ``gwp`` names the GWP set; empty or None: the one set for the company's park, else the
    platform's (:func:`~openeip.web.registry.models.series.factor_settings_for`)."""
    gwp = (ghg.GwpSet.named(gwp) if gwp else factor_settings_for(company.park).gwp).value
    snapshot = refresh_snapshot(company, gwp)
    result = dict(snapshot.payload)
    result["computed_at"] = snapshot.computed_at.isoformat()
    result["peers"] = peers.positions(company, snapshot, refresh_snapshot)
    result["changes"] = _changes(company, gwp, baseline) if baseline is not None else []
    return result


def _changes(company: Company, gwp: str, baseline: domain.ReportingPeriod) -> list[Any]:
    flows = data.company_flows(company)
    table = recp.company_indicators(flows, data.company_products(company),
                                   ghg.inventory(flows, gwp=gwp, grid_overrides=grid_overrides_for(
                                       company.park)).total_by_period())
    found = recp.change_against(table, baseline)
    return [{"indicator": c.indicator.value, "form": c.form, "denominator": c.denominator,
             "period": c.period.label(), "baseline": c.baseline.label(),
             "before": jsonable.quantity_json(c.before), "after": jsonable.quantity_json(c.after),
             "delta": jsonable.quantity_json(c.delta), "percent": c.percent,
             "improved": c.improved}
            for c in found]
