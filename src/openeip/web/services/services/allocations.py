"""Sharing an asset's cost among its connected tenants, stored with everything needed to check it.

The park's manager states the cost of each coalition that matters as COALITIONS.csv (members by
company code; the same format as ``openeip services allocate``); the three methods of
:mod:`openeip.core.services.allocation` are computed and stored side by side, each tenant's share
under each method as an :class:`AllocationShare`, and the method the park applies is named.
A tenant's report shows the others anonymised (P1, P2 …) with the coalition costs, so that the
tenant can recompute its share by hand or with the CLI from the CSV it can download.
"""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import IntakeError, Problem
from openeip.core.services.allocation import (
    Allocation,
    Method,
    blocking_coalitions,
    compare,
    rounded_to_whole_vnd,
)
from openeip.core.services.coalitions_file import read_coalitions_csv
from openeip.core.services.connection import SharedVsIndividual, shared_vs_individual
from openeip.core.services.games import CoalitionTable
from openeip.core.symbiosis.geo import haversine_km
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.services import audit
from openeip.web.services.models import (
    AllocationShare,
    AssetConnection,
    CostAllocation,
    SharedAsset,
)

FILENAME = "COALITIONS.csv"


def _first_row_of(csv_text: str, name: str) -> int | None:
    for number, line in enumerate(csv.reader(io.StringIO(csv_text)), start=1):
        if number > 1 and line and name in [part.strip() for part in line[0].split("+")]:
            return number
    return None


def read_for_asset(asset: SharedAsset, csv_text: str) -> tuple[CoalitionTable, dict[str, Company]]:
    """The game of ``csv_text`` for ``asset``: members must be connected tenants (by code).
    Loads not given in the file are the connections' metered loads, when all are known."""
    stated = read_coalitions_csv(csv_text.encode("utf-8"), FILENAME)
    connections = {c.company.code: c for c in
                   AssetConnection.objects.filter(asset=asset).select_related("company")}
    problems = [Problem(FILENAME, _first_row_of(csv_text, code), "members", _(
        "'{code}' is not a tenant connected to {asset}; connect it first or correct the "
        "code.").format(code=code, asset=asset.name))
        for code in stated.table.participants if code not in connections]
    if problems:
        raise IntakeError(problems)
    table = stated.table
    if not stated.has_loads:
        loads = {code: connections[code].load for code in table.participants}
        if all(value is not None for value in loads.values()) and sum(
                value or 0.0 for value in loads.values()) > 0:
            table = CoalitionTable(table.costs, {k: float(v or 0.0) for k, v in loads.items()})
    return table, {code: connections[code].company for code in table.participants}


def _with_loads(csv_text: str, loads: Any) -> str:
    """The CSV as stored: with a load column on the single-tenant rows when the loads came from
    the connections (so that a tenant's copy reproduces the load method too)."""
    rows = [line for line in csv.reader(io.StringIO(csv_text.strip())) if any(
        cell.strip() for cell in line)]
    header = [cell.strip() for cell in rows[0]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if loads is None or "load" in header:
        writer.writerows(rows)
        return out.getvalue()
    at = header.index("members")
    writer.writerow([*rows[0], "load"])
    for line in rows[1:]:
        members = [part.strip() for part in line[at].split("+")]
        value = loads.get(members[0]) if len(members) == 1 else None
        writer.writerow([*line, "" if value is None else repr(float(value))])
    return out.getvalue()


def _result(game: CoalitionTable, allocation: Allocation) -> dict[str, Any]:
    return {
        "exact": allocation.exact, "samples": allocation.samples,
        "terms": dict(allocation.terms), "notes": list(allocation.notes),
        "blocking": [{"members": b.members, "cost_vnd": b.cost_vnd, "charged_vnd": b.charged_vnd}
                     for b in blocking_coalitions(game, allocation)],
    }


def allocate_asset(asset: SharedAsset, *, year: int, csv_text: str, method: str, user: Any,
                   note: str = "", via: str = "web") -> CostAllocation:
    """Compute and store the three allocations; raise IntakeError for a bad file."""
    if method not in {m.value for m in Method}:
        raise IntakeError([Problem(FILENAME, None, None, _("Choose load, scrb or shapley."))])
    game, companies = read_for_asset(asset, csv_text)
    if method == Method.LOAD and game.loads() is None:
        raise IntakeError([Problem(FILENAME, 1, "load", _(
            "The load method needs every tenant's metered load: add a load column or record "
            "the loads of the connections."))])
    allocations = compare(game)
    with transaction.atomic():
        row = CostAllocation.objects.create(
            asset=asset, year=year, method=method, note=note[:300], created_by=user,
            total_cost_vnd=Decimal(str(round(allocations[0].total_vnd, 2))),
            coalitions_csv=_with_loads(csv_text, game.loads()),
            results={a.method.value: _result(game, a) for a in allocations})
        shares = []
        for allocation in allocations:
            rounded = rounded_to_whole_vnd(
                allocation, 0 if float(allocation.total_vnd).is_integer() else 2)
            for share in rounded.shares:
                exact = allocation.share_of(share.participant)
                shares.append(AllocationShare(
                    allocation=row, company=companies[share.participant],
                    method=allocation.method.value,
                    allocated_vnd=Decimal(str(share.allocated_vnd)),
                    stand_alone_vnd=Decimal(str(round(share.stand_alone_vnd, 2))),
                    standard_error_vnd=share.standard_error_vnd,
                    terms={**dict(exact.terms), "exact_vnd": exact.allocated_vnd}))
        AllocationShare.objects.bulk_create(shares)
        audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE, company=None,
                    object_type="cost_allocation",
                    object_key="{} {} #{}".format(asset.park.slug, asset.code, row.pk),
                    changes={"year": [None, year], "method": [None, method],
                             "total_cost_vnd": [None, str(row.total_cost_vnd)]}).save()
    return row


def participant_labels(allocation: CostAllocation, company: Company | None) -> dict[str, str]:
    """Company code → label shown: the tenant's own code, 'P1', 'P2' … for the others (in code
    order); every code when ``company`` is None (the manager's view)."""
    codes = sorted(set(allocation.shares.values_list("company__code", flat=True)))
    labels: dict[str, str] = {}
    others = 0
    for code in codes:
        if company is None or code == company.code:
            labels[code] = code
        else:
            others += 1
            labels[code] = "P{}".format(others)
    return labels


def relabelled_csv(allocation: CostAllocation, labels: dict[str, str]) -> str:
    """The stated coalitions with members renamed by ``labels`` (for the tenant's check)."""
    rows = list(csv.reader(io.StringIO(allocation.coalitions_csv)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    members_at = [cell.strip() for cell in rows[0]].index("members")
    for line in rows[1:]:
        if not any(cell.strip() for cell in line):
            continue
        line = list(line)
        line[members_at] = "+".join(labels.get(part.strip(), part.strip())
                                    for part in line[members_at].split("+"))
        writer.writerow(line)
    return out.getvalue()


def coalition_rows(allocation: CostAllocation, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The stated coalitions as rows {members, cost_vnd, load} with the labels shown."""
    reader = csv.DictReader(io.StringIO(relabelled_csv(allocation, labels)))
    rows = []
    for line in reader:
        members = (line.get("members") or "").split("+")
        rows.append({"members": " + ".join(members), "size": len(members),
                     "cost_vnd": float(line.get("cost_vnd") or 0),
                     "load": line.get("load") or ""})
    rows.sort(key=lambda r: (r["size"], r["members"]))
    return rows


def shared_or_alone(allocation: CostAllocation, company: Company,
                    method: str | None = None) -> SharedVsIndividual:
    """The tenant's share under the applied method against serving itself, with its connection
    costed by the network optimiser's pipe model (distance from the company to the asset)."""
    share = allocation.shares.get(company=company, method=method or allocation.method)
    asset = allocation.asset
    connection = AssetConnection.objects.filter(asset=asset, company=company).first()
    straight = None
    if None not in (asset.latitude, asset.longitude, company.latitude, company.longitude):
        straight = haversine_km(float(company.latitude or 0), float(company.longitude or 0),
                                float(asset.latitude or 0), float(asset.longitude or 0))
    quantity = (connection.quantity_per_year if connection and
                connection.quantity_per_year is not None else 0.0)
    return shared_vs_individual(asset.asset_type, individual_vnd=float(share.stand_alone_vnd),
                                allocated_vnd=float(share.allocated_vnd), straight_km=straight,
                                quantity_per_year=quantity)


def explanation(allocation: CostAllocation, company: Company) -> dict[str, Any]:
    """Each method's equation with this tenant's numbers, for the report."""
    shares = {s.method: s for s in allocation.shares.filter(company=company)}
    total = float(allocation.total_cost_vnd)
    out: dict[str, Any] = {}
    load = shares.get("load")
    if load is not None:
        terms = load.terms
        out["load"] = {"load": terms.get("load"),
                       "total_load": allocation.results.get("load", {}).get("terms", {}).get(
                           "total_load"), "total": total, "value": terms.get("exact_vnd")}
    scrb = shares.get("scrb")
    if scrb is not None:
        terms = scrb.terms
        out["scrb"] = {
            "separable": terms.get("separable_cost_vnd"),
            "without_you": total - float(terms.get("separable_cost_vnd") or 0.0),
            "alone": float(scrb.stand_alone_vnd),
            "remaining": terms.get("remaining_benefit_vnd"),
            "remaining_total": allocation.results["scrb"]["terms"].get(
                "remaining_benefit_total_vnd"),
            "joint": allocation.results["scrb"]["terms"].get("non_separable_cost_vnd"),
            "fraction": terms.get("joint_cost_fraction"),
            "joint_share": terms.get("joint_cost_share_vnd"),
            "total": total, "value": terms.get("exact_vnd"),
            "equal_split": "equal_split_of_joint_cost" in allocation.results["scrb"]["notes"]}
    shapley = shares.get("shapley")
    if shapley is not None:
        terms = shapley.terms
        out["shapley"] = {"alone": terms.get("marginal_cost_alone_vnd"),
                          "last": terms.get("marginal_cost_last_vnd"),
                          "value": terms.get("exact_vnd"),
                          "exact": allocation.results["shapley"]["exact"],
                          "samples": allocation.results["shapley"]["samples"],
                          "error": shapley.standard_error_vnd}
    out["sum_check"] = math.isclose(
        sum(float(v) for v in allocation.shares.filter(method=allocation.method)
            .values_list("allocated_vnd", flat=True)), total, abs_tol=0.01)
    return out
