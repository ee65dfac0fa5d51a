"""Create, change or delete single products and flows: one transaction, audited, totals fresh.

Every path that edits rows one at a time (the API, the admin, pages) writes through here, so each
change leaves an :class:`AuditEntry` with ``{field: [before, after]}`` and the park's totals
never lag behind its flows. Values arrive as core domain objects, already checked by core.

``save_flow(flow, company, user, via)`` with no ``instance`` works by natural key (company,
period, direction, kind, description): it updates the stored flow with that key or creates one.
With ``instance`` it changes that very row, natural key included, and refuses to take the key of
another row; an unsaved ``instance`` asks for a new row and is refused if the key is taken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.registry import adapters
from openeip.web.registry.models import (
    AuditEntry,
    Company,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.web.registry.services import audit, summaries

__all__ = ["delete_flow", "delete_flows", "delete_product", "delete_products", "period_row",
           "save_flow", "save_product"]


@dataclass(frozen=True)
class _Table:
    model: type[models.Model]
    object_type: str
    key_names: tuple[str, ...]
    #: stored values an audit entry compares, besides company and period
    audited: tuple[str, ...]
    # Only flows feed the park totals; products do not, so their writes skip the refresh.
    feeds_totals: bool


_FLOWS = _Table(
    ResourceFlow, "flow", ("direction", "kind", "description"),
    ("direction", "kind", "description", "classification_code", "hazardous", "quantity", "unit",
     "base_quantity", "base_unit", "cost_vnd", "fate", "source", "unit_operation"),
    True,
)
_PRODUCTS = _Table(Product, "product", ("name",), ("name", "quantity", "unit", "sales_value_vnd"),
                   False)


def period_row(period: domain.ReportingPeriod) -> ReportingPeriod:
    """The stored reporting period for ``period``, created on first use."""
    row, _created = ReportingPeriod.objects.get_or_create(year=period.year,
                                                         month=period.month or 0)
    return row


def save_flow(flow: domain.ResourceFlow, company: Company, user: Any, via: str, *,
              instance: ResourceFlow | None = None) -> tuple[ResourceFlow, bool]:
    """Store ``flow`` for ``company``; return the row and whether it was created."""
    values = {"direction": flow.direction.value, "kind": flow.kind.value,
              "description": flow.description, **adapters.flow_fields(flow)}
    row, created = _save(_FLOWS, flow.period, values, company, user, via, instance)
    return row, created  # type: ignore[return-value]


def save_product(product: domain.Product, company: Company, user: Any, via: str, *,
                 instance: Product | None = None) -> tuple[Product, bool]:
    """Store ``product`` for ``company``; return the row and whether it was created."""
    values = {"name": product.name, **adapters.product_fields(product)}
    row, created = _save(_PRODUCTS, product.period, values, company, user, via, instance)
    return row, created  # type: ignore[return-value]


def delete_flow(flow: ResourceFlow, user: Any, via: str) -> None:
    delete_flows([flow], user, via)


def delete_flows(flows: Iterable[ResourceFlow], user: Any, via: str) -> None:
    """Delete the flows, one audit entry each (with the old values), totals refreshed once."""
    _delete(_FLOWS, flows, user, via)


def delete_product(product: Product, user: Any, via: str) -> None:
    delete_products([product], user, via)


def delete_products(products: Iterable[Product], user: Any, via: str) -> None:
    _delete(_PRODUCTS, products, user, via)


def _save(table: _Table, period: domain.ReportingPeriod, values: dict[str, Any],
          company: Company, user: Any, via: str,
          instance: models.Model | None) -> tuple[models.Model, bool]:
    manager: Any = table.model._default_manager
    with transaction.atomic():
        period_model = period_row(period)
        key = {"company": company, "period": period_model,
               **{name: values[name] for name in table.key_names}}
        holders = manager.select_for_update().filter(**key)
        if instance is None:
            instance = holders.first()
        elif (holders if instance.pk is None else holders.exclude(pk=instance.pk)).exists():
            raise DomainError(_taken_message(table, company, period), table.key_names[-1])
        # Read the stored row afresh: the caller's object may already carry the new values.
        stored = _stored(table, instance.pk) if instance is not None and instance.pk else None
        before = _snapshot(stored) if stored is not None else {}
        after = {"company": company.code, "period": period.label(), **values}
        changes = audit.diff(before, after)
        row = instance if instance is not None else table.model()
        if stored is not None and not changes:
            return row, False
        for name, value in {"company": company, "period": period_model, **values}.items():
            setattr(row, name, value)
        row.save()
        action = AuditEntry.Action.UPDATE if stored is not None else AuditEntry.Action.CREATE
        audit.entry(user=user, via=via, action=action, company=company,
                    object_type=table.object_type, object_key=_describe(row),
                    changes=changes).save()
        if table.feeds_totals:
            touched: dict[Park, set[int]] = defaultdict(set)
            touched[company.park].add(period_model.pk)
            if stored is not None:
                touched[stored.company.park].add(stored.period_id)
            _refresh(touched)
    return row, stored is None


def _delete(table: _Table, rows: Iterable[models.Model], user: Any, via: str) -> None:
    manager: Any = table.model._default_manager
    with transaction.atomic():
        stored = list(manager.select_related("company__park", "period")
                      .select_for_update(of=("self",))
                      .filter(pk__in=[row.pk for row in rows]))
        touched: dict[Park, set[int]] = defaultdict(set)
        entries = []
        for row in stored:
            before = _snapshot(row)
            entries.append(audit.entry(
                user=user, via=via, action=AuditEntry.Action.DELETE, company=row.company,
                object_type=table.object_type, object_key=_describe(row),
                changes=audit.diff(before, dict.fromkeys(before))))
            touched[row.company.park].add(row.period_id)
        manager.filter(pk__in=[row.pk for row in stored]).delete()
        AuditEntry.objects.bulk_create(entries)
        if table.feeds_totals:
            _refresh(touched)


def _stored(table: _Table, pk: int) -> Any:
    manager: Any = table.model._default_manager
    return (manager.select_related("company__park", "period")
            .select_for_update(of=("self",)).filter(pk=pk).first())


def _snapshot(row: Any) -> dict[str, Any]:
    """The audited values of a stored row, in the same terms as the values being written."""
    table = _FLOWS if isinstance(row, ResourceFlow) else _PRODUCTS
    return {"company": row.company.code, "period": str(row.period),
            **{name: getattr(row, name) for name in table.audited}}


def _refresh(touched: dict[Park, set[int]]) -> None:
    for park, period_ids in touched.items():
        summaries.refresh_park(park, period_ids=sorted(period_ids))


def _describe(row: Any) -> str:
    """How an audit entry names the row: its natural key in words, as the importer does."""
    if isinstance(row, ResourceFlow):
        return "{} {} {} {} @ {}".format(row.company.code, row.direction, row.kind,
                                         row.description, row.period)
    return "{} {} @ {}".format(row.company.code, row.name, row.period)


def _taken_message(table: _Table, company: Company, period: domain.ReportingPeriod) -> str:
    if table is _FLOWS:
        return _("Company {code} already has a flow with this direction, kind and description "
                 "in {period}; change that flow instead or use another description.").format(
                     code=company.code, period=period.label())
    return _("Company {code} already has a product with this name in {period}; change that "
             "product instead or use another name.").format(code=company.code,
                                                           period=period.label())
