"""A park's EIP dossier and annual report, gathered from the stored data into the report objects.

:func:`build_dossier` assesses the park under an edition (``assess_park``; saved to the history
only when asked) and collects what the reports show beside the result: the computed indicators,
the plan's actions, the history, the comparison with the published UNIDO averages and the other
parks the user may see (anonymised), and the firms' eco-enterprise checks.
:func:`build_annual` does the same for the annual report of a year under the Decree 35 edition,
as of the year's last day (or today, for the current year). Access is the caller's business.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import formatting as core_formatting
from openeip.core.eip.benchmarks import unido_benchmarks
from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.indicators import unit_label
from openeip.core.eip.model import AssessmentResult
from openeip.core.eip.plan import PlannedAction, roadmap
from openeip.core.i18n import render
from openeip.web.base.labels import cost_class_label
from openeip.web.eip.models import ParkProfile, PlanAction
from openeip.web.eip.services.assessment import history, other_parks, run_assessment
from openeip.web.eip.services.content import (
    ActionLine,
    ComparisonRow,
    EipDossier,
    EnterpriseLine,
    HistoryRow,
    IndicatorLine,
    ParkFacts,
    RoadmapView,
    RoadmapYear,
)
from openeip.web.eip.services.editions import get_edition
from openeip.web.eip.services.enterprise import enterprise_checks, enterprise_lines
from openeip.web.eip.services.indicators import compute
from openeip.web.eip.services.plan import OWNER_LABELS, expected_date
from openeip.web.eip.services.supporting import support_notes
from openeip.web.registry.models import Company, Park

__all__ = ["ANNUAL_EDITION", "build_annual", "build_dossier", "park_facts"]

ANNUAL_EDITION = "vn-decree-35-2022"


def park_facts(park: Park, language: str) -> ParkFacts:
    return ParkFacts(
        name=(park.name_vi if language == "vi" and park.name_vi else park.name_en),
        slug=park.slug, province=park.province, operator=park.operator,
        area_ha=park.area_ha, firms=Company.objects.filter(park=park).count(),
        green_space_ha=park.green_space_ha, roads_ha=park.roads_ha,
        shared_infrastructure_ha=park.shared_infrastructure_ha)


def _indicator_lines(park: Park, year: int, language: str) -> tuple[IndicatorLine, ...]:
    _year, values = compute(park, year)
    catalogue = indicator_catalogue()
    lines = []
    for code, value in values.items():
        definition = catalogue.get(code)
        lines.append(IndicatorLine(
            code=code, label=definition.name(language) if definition else code,
            value=value.value, unit=unit_label(value.unit), detail=render(value.detail)))
    return tuple(lines)


def _plan_rows(park: Park, edition_id: str) -> list[PlanAction]:
    return list(PlanAction.objects.filter(park=park, edition_id=edition_id).exclude(
        status=PlanAction.Status.DROPPED).order_by("-score", "deadline", "id"))


def _actions(rows: list[PlanAction], start: dt.date, language: str) -> tuple[ActionLine, ...]:
    """The plan's actions; one without a deadline is expected ``start`` + its typical months
    (an estimate, marked as such) — the rule of the EIP roadmap page."""
    lines = []
    for row in rows:
        when, estimated = expected_date(row, start)
        lines.append(ActionLine(
            title=(row.title_vi if language == "vi" and row.title_vi else row.title_en),
            criteria=tuple(row.criterion_ids),
            owner=str(OWNER_LABELS.get(row.owner, row.owner)), status=row.get_status_display(),
            deadline=when, deadline_estimated=estimated,
            cost_class=cost_class_label(row.cost_class) if row.cost_class else "",
            months=row.months, score=Decimal(row.score), source=row.get_source_display()))
    return tuple(lines)


def _roadmap(park: Park, rows: list[PlanAction], result: AssessmentResult,
             start: dt.date) -> RoadmapView:
    """core.eip.plan.roadmap over the plan's actions (each closes the share of its criteria
    its score parts give, else all of them, by its deadline or estimated date)."""
    profile = ParkProfile.objects.filter(park=park).first()
    planned = []
    for row in rows:
        fractions = {item["id"]: Decimal(str(item["fraction"]))
                     for item in (row.parts or {}).get("criteria", []) if "fraction" in item}
        planned.append(PlannedAction(ref=str(row.pk), deadline=expected_date(row, start)[0],
                                     criteria=tuple(row.criterion_ids), fractions=fractions,
                                     status=row.status))
    plan = roadmap(planned, start, profile.established if profile else None,
                   bool(profile and profile.new_eip), result=result)
    return RoadmapView(
        years=tuple(RoadmapYear(year.year, year.met, year.applicable) for year in plan.years),
        all_met_year=plan.all_met_year, commitment_deadline=plan.deadline,
        misses_commitment=bool(plan.misses_deadline), not_planned=plan.not_planned)


def _history(park: Park, edition_id: str) -> tuple[HistoryRow, ...]:
    return tuple(HistoryRow(item["as_of"], item["overall_pct"], item["prerequisites_met"])
                 for item in history(park, edition_id))


def _unido_rows() -> list[ComparisonRow]:
    """The published UNIDO averages (``data/eip/benchmarks.csv``): all 50 parks per category,
    and the Vietnamese parks overall."""
    note = _("Assessed against the 2017 version of the framework (51 requirements); van Beers "
             "et al. 2020, Sustainability 12(24):10611. A reference point, not a threshold.")
    current = [b for b in unido_benchmarks() if b.metric == "current_compliance"]
    rows = []
    categories: dict[str, Decimal | None] = {b.category: b.value_pct for b in current
                  if b.country == "all" and b.category != "overall"}
    if categories:
        overall = next((b.value_pct for b in current
                        if b.country == "all" and b.category == "overall"), None)
        rows.append(ComparisonRow(_("UNIDO average, 50 parks in 8 countries"), overall,
                                  categories, note=note, verification="secondary"))
    for benchmark in current:
        if benchmark.country == "Viet Nam" and benchmark.category == "overall":
            rows.append(ComparisonRow(_("UNIDO average, parks in Viet Nam"),
                                      benchmark.value_pct, {}, note=note,
                                      verification=benchmark.verification))
    return rows


def _comparison(park: Park, edition_id: str, user: Any) -> tuple[ComparisonRow, ...]:
    """The UNIDO averages first (the radar chart draws them), then the other parks."""
    rows = _unido_rows()
    rows += [ComparisonRow(item["label"], item["overall_pct"], item["categories"],
                          note=_("latest assessment, as of {date}").format(
                              date=core_formatting.date(item["as_of"])))
            for item in (other_parks(park, edition_id, user) if user is not None else [])]
    return tuple(rows)


def _enterprises(park: Park, year: int, language: str) -> tuple[EnterpriseLine, ...]:
    employees = dict(Company.objects.filter(park=park).values_list("code", "employees"))
    return enterprise_lines(enterprise_checks(park, year, language), employees, language)


def build_dossier(park: Park, edition_id: str, language: str, *, user: Any = None,
                  as_of: dt.date | None = None, target_year: int | None = None,
                  save: bool = False, year: int | None = None) -> EipDossier:
    """Everything the dossier shows; DomainError for an unknown edition (from ``get_edition``).

    ``user``: whose view of the other parks is compared (None: no other parks); ``save``: add
    this assessment to the park's history; ``year``: the reporting year (default: the latest
    whose coverage passes, :mod:`openeip.web.eip.services.reporting`).
    """
    edition = get_edition(edition_id)
    as_of = as_of or timezone.localdate()
    run = run_assessment(park, edition.id, year=year, as_of=as_of, target_year=target_year,
                         user=user, save=save)
    result, reporting = run.result, run.reporting
    rows = _plan_rows(park, edition.id)
    return EipDossier(
        park=park_facts(park, language), edition=edition, result=result,
        target_year=target_year, indicators=_indicator_lines(park, reporting.year, language),
        actions=_actions(rows, as_of, language),
        roadmap=_roadmap(park, rows, result, as_of),
        comparison=_comparison(park, edition.id, user),
        enterprises=_enterprises(park, reporting.year, language),
        history=_history(park, edition.id), year=reporting.year, reporting=reporting,
        supporting=support_notes(edition, run.indicator_values, language))


def build_annual(park: Park, year: int, language: str, *, user: Any = None) -> EipDossier:
    """The annual report's content for ``year`` under the Decree 35 edition (never saved)."""
    today = timezone.localdate()
    as_of = min(dt.date(year, 12, 31), today)
    return build_dossier(park, ANNUAL_EDITION, language, user=user, as_of=as_of, year=year)
