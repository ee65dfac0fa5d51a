"""Write a validated Dataset into the database: all or nothing, idempotent, audited.

Natural keys: park by slug; company by (park, code); period by (year, month); product by
(company, period, name); flow by (company, period, direction, kind, description). Rows already
stored with the same values are left untouched, so importing a file twice changes nothing.
Rows in the database but not in the file are kept: an import never deletes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import OperationalError, transaction

from openeip.core.domain import ResourceFlow as ResourceFlowDomain
from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.intake import Dataset
from openeip.web.registry import adapters
from openeip.web.registry.models import (
    AuditEntry,
    Company,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.web.registry.services import audit, bulk, park_lock, summaries

Progress = Callable[[int, int], None]
BATCH = 5000


@dataclass
class ImportResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"created": dict(self.created), "updated": dict(self.updated),
                "unchanged": dict(self.unchanged)}

    def lines(self) -> list[str]:
        tables = ("parks", "companies", "products", "flows")
        return [
            "{:<10} {:>8} {:>8} {:>9}".format(name, self.created[name], self.updated[name],
                                              self.unchanged[name])
            for name in tables
        ]


def import_dataset(
    dataset: Dataset,
    park_slug: str,
    *,
    user: Any = None,
    via: str = "cli",
    allowed_company_codes: set[str] | None = None,
    progress: Progress | None = None,
    on_wait: park_lock.Waiting | None = None,
) -> ImportResult:
    """Store ``dataset`` in park ``park_slug``; raise IntakeError and write nothing on a problem.

    ``allowed_company_codes`` limits which companies the caller may change (None: all, and the
    park itself); the web layer computes it from :mod:`openeip.web.base.access`. Imports
    into one park run one at a time (:mod:`~openeip.web.registry.services.park_lock`);
    ``on_wait`` is called when this one has to wait for another.
    """
    _check_permissions(dataset, park_slug, allowed_company_codes)
    try:
        return _write(dataset, park_slug, user=user, via=via, progress=progress,
                      on_wait=on_wait)
    except OperationalError as error:
        if park_lock.is_busy_database(error):
            raise park_lock.busy_error(park_slug) from error
        raise


def _write(dataset: Dataset, park_slug: str, *, user: Any, via: str,
           progress: Progress | None, on_wait: park_lock.Waiting | None) -> ImportResult:
    result = ImportResult()
    with transaction.atomic():
        park = _upsert_park(dataset, park_slug, result, on_wait)
        companies = _upsert_companies(dataset, park, result)
        _check_company_codes(dataset, companies)
        periods = _periods(dataset)
        total = len(dataset.products) + len(dataset.flows)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if progress:
                progress(done, total)

        audit_entries: list[AuditEntry] = []
        _upsert_rows(
            model=Product, table="products", objects=dataset.products,
            key=lambda p: (companies[p.company_code].pk, periods[adapters.period_key(p.period)],
                           p.name),
            key_fields=("company_id", "period_id", "name"),
            values=adapters.product_fields, companies=companies, result=result, user=user,
            via=via, audit_entries=audit_entries, advance=advance,
        )
        _upsert_rows(
            model=ResourceFlow, table="flows", objects=dataset.flows,
            key=lambda f: (companies[f.company_code].pk, periods[adapters.period_key(f.period)],
                           f.direction.value, f.kind.value, f.description),
            key_fields=("company_id", "period_id", "direction", "kind", "description"),
            values=adapters.flow_fields, companies=companies, result=result, user=user,
            via=via, audit_entries=audit_entries, advance=advance,
        )
        audit_entries.extend(_import_entries(dataset, companies, result, user, via))
        AuditEntry.objects.bulk_create(audit_entries, batch_size=BATCH)
        if sum(result.created.values()) or sum(result.updated.values()):
            summaries.refresh_park(park)
    return result


def _check_permissions(dataset: Dataset, park_slug: str, allowed: set[str] | None) -> None:
    if allowed is None:
        return
    problems: list[Problem] = []
    if dataset.park is not None:
        sheet, column = dataset.place("park", "slug")
        problems.append(Problem(sheet, 2, column, _(
            "Only the park's managers may change the park itself; remove the sheet {sheet}.")
            .format(sheet=sheet)))
    tables: Iterable[tuple[str, list[Any], list[int]]] = (
        ("companies", [c.code for c in dataset.companies], dataset.company_rows),
        ("products", [p.company_code for p in dataset.products], dataset.product_rows),
        ("flows", [f.company_code for f in dataset.flows], dataset.flow_rows),
    )
    for table, codes, rows in tables:
        sheet, column = dataset.place(table, "code" if table == "companies" else "company_code")
        for code, row in zip(codes, rows, strict=False):
            if code not in allowed:
                problems.append(Problem(sheet, row, column, _(
                    "You may not change the data of company '{code}' in park '{park}'; "
                    "remove the row or ask the company for access.").format(
                        code=code, park=park_slug)))
    if problems:
        raise IntakeError(problems)


def _upsert_park(dataset: Dataset, park_slug: str, result: ImportResult,
                 on_wait: park_lock.Waiting | None) -> Park:
    park = park_lock.lock_park(park_slug, on_wait)
    sheet, column = dataset.place("park", "slug")
    if dataset.park is None:
        if park is None:
            raise IntakeError([Problem(sheet, None, column, _(
                "There is no park '{slug}'; add a Park sheet describing it, or import into an "
                "existing park.").format(slug=park_slug))])
        return park
    if dataset.park.slug != park_slug:
        raise IntakeError([Problem(sheet, 2, column, _(
            "The file describes park '{found}' but the import is into '{wanted}'; change the "
            "slug or choose the other park.").format(found=dataset.park.slug, wanted=park_slug))])
    fields = adapters.park_fields(dataset.park)
    if park is None:
        park, created = park_lock.create_park(park_slug, fields, on_wait)
        if created:
            result.created["parks"] += 1
            return park
    if any(getattr(park, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(park, name, value)
        park.save()
        result.updated["parks"] += 1
    else:
        result.unchanged["parks"] += 1
    return park


def _upsert_companies(dataset: Dataset, park: Park, result: ImportResult) -> dict[str, Company]:
    existing = {company.code: company for company in Company.objects.filter(park=park)}
    for company in dataset.companies:
        fields = adapters.company_fields(company)
        stored = existing.get(company.code)
        if stored is None:
            existing[company.code] = Company.objects.create(park=park, code=company.code,
                                                            **fields)
            result.created["companies"] += 1
        elif any(getattr(stored, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(stored, name, value)
            stored.save()
            result.updated["companies"] += 1
        else:
            result.unchanged["companies"] += 1
    return existing


def _check_company_codes(dataset: Dataset, companies: dict[str, Company]) -> None:
    companies_sheet = dataset.place("companies", "code")[0]
    problems = []
    for table, objects, rows in (("products", dataset.products, dataset.product_rows),
                                 ("flows", dataset.flows, dataset.flow_rows)):
        sheet, column = dataset.place(table, "company_code")
        problems += [
            Problem(sheet, row, column, _(
                "Unknown company '{code}'; add it to the sheet {sheet} first.").format(
                    code=code, sheet=companies_sheet))
            for code, row in zip((o.company_code for o in objects), rows, strict=False)
            if code not in companies]
    if problems:
        raise IntakeError(problems)


def _periods(dataset: Dataset) -> dict[tuple[int, int], int]:
    wanted = ({adapters.period_key(o.period) for o in dataset.products}
              | {adapters.period_key(o.period) for o in dataset.flows})
    found = {(p.year, p.month): p.pk for p in ReportingPeriod.objects.all()}
    for year, month in sorted(wanted - set(found)):
        # get_or_create: an import into another park may be creating the same period right now
        period, _created = ReportingPeriod.objects.get_or_create(year=year, month=month)
        found[(year, month)] = period.pk
    return found


def _upsert_rows(*, model: Any, table: str, objects: list[Any],
                 key: Callable[[Any], tuple[Any, ...]], key_fields: tuple[str, ...],
                 values: Callable[[Any], dict[str, Any]],
                 companies: dict[str, Company], result: ImportResult, user: Any, via: str,
                 audit_entries: list[AuditEntry], advance: Callable[[int], None]) -> None:
    if not objects:
        return
    company_ids = {companies[o.company_code].pk for o in objects}
    value_names = list(values(objects[0]))
    stored: dict[tuple[Any, ...], dict[str, Any]] = {
        tuple(row[name] for name in key_fields): row
        for row in model.objects.filter(company_id__in=company_ids).values(
            "id", *key_fields, *value_names).iterator(chunk_size=BATCH)
    }
    to_create: list[Any] = []
    to_update: list[bulk.Row] = []
    for index, obj in enumerate(objects, start=1):
        natural_key = key(obj)
        new_values = values(obj)
        before = stored.get(natural_key)
        if before is None:
            to_create.append(model(**dict(zip(key_fields, natural_key, strict=True)),
                                   **new_values))
        else:
            changes = audit.diff(before, new_values)
            if changes:
                to_update.append((before["id"], new_values))
                audit_entries.append(audit.entry(
                    user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=companies[obj.company_code], object_type=table[:-1],
                    object_key=_describe(obj), changes=changes))
            else:
                result.unchanged[table] += 1
        if index % BATCH == 0:
            advance(BATCH)
    model.objects.bulk_create(to_create, batch_size=BATCH)
    bulk.update_by_pk(model, value_names, to_update)
    result.created[table] += len(to_create)
    result.updated[table] += len(to_update)
    advance(len(objects) % BATCH)


def _describe(obj: Any) -> str:
    """How an audit entry names a product or flow: its natural key in words."""
    if isinstance(obj, ResourceFlowDomain):
        return "{} {} {} {} @ {}".format(obj.company_code, obj.direction.value, obj.kind.value,
                                         obj.description, obj.period.label())
    return "{} {} @ {}".format(obj.company_code, obj.name, obj.period.label())


def _import_entries(dataset: Dataset, companies: dict[str, Company], result: ImportResult,
                    user: Any, via: str) -> list[AuditEntry]:
    """One entry per company whose rows an import created: how many rows the file held."""
    per_company: Counter[str] = Counter(o.company_code for o in dataset.products)
    per_company.update(o.company_code for o in dataset.flows)
    if not (result.created["flows"] or result.created["products"]):
        return []
    return [
        audit.entry(user=user, via=via, action=AuditEntry.Action.IMPORT,
                    company=companies[code], object_type="import",
                    object_key=code, changes={"rows_in_file": [None, count]})
        for code, count in per_company.items()
    ]
