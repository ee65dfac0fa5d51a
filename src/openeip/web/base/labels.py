"""Catalogue labels and unit symbols as pages show them, in the active Django language."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import get_language

from openeip.core import catalogues


def current_language() -> str:
    """'vi' or 'en': the catalogues carry these two."""
    return "vi" if (get_language() or "en").split("-")[0] == "vi" else "en"


def kind_label(code: str) -> str:
    info = catalogues.flow_kinds().get(code)
    return info.label.text(current_language()) if info else code


def fate_label(code: str) -> str:
    label = catalogues.fates().get(code)
    return label.text(current_language()) if label else code


def source_label(code: str) -> str:
    label = catalogues.sources().get(code)
    return label.text(current_language()) if label else code


def ownership_label(code: str) -> str:
    label = catalogues.ownerships().get(code)
    return label.text(current_language()) if label else code


def sector_label(vsic_code: str, stored_name: str) -> str:
    """The VSIC 2018 name in the current language, or the name stored with the company."""
    sector = catalogues.vsic_sectors().get(vsic_code)
    return sector.label.text(current_language()) if sector else stored_name


_M3 = re.compile(r"\bm3\b")


def unit_display(stored: str) -> str:
    """'m**3' as stored in base units, or 'm3' as the symbiosis classes write it → 'm³'."""
    return _M3.sub("m³", stored.replace("**3", "³").replace("**2", "²"))


def month_label(year: int, month: int) -> str:
    """A reporting period as this language writes it: 'January 2024', 'Tháng 1 2024'; '2024'
    for a whole year (month 0)."""
    return date_format(datetime.date(year, month or 1, 1), "YEAR_MONTH_FORMAT" if month else "Y")


def lazy_choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    """Model choices whose labels follow the active language (the catalogues carry en and vi)."""
    text: Callable[[Any], str] = lazy(lambda label: label.text(current_language()), str)
    return [(code, text(label)) for code, label in labels.items()]


def cost_class_label(code: str) -> str:
    """An investment class ('no', 'low', 'medium', 'high') in words; '–' for none."""
    from openeip.core.recp import COST_CLASSES

    label = COST_CLASSES.get(code)
    return label.text(current_language()) if label else (code or "–")


def table_label(name: str) -> str:
    """A versioned data table (what a result records it used) by its name in words."""
    from django.utils.translation import gettext as _

    labels = {"gwp": _("GWP values"), "gwp_set": _("GWP set"),
              "fuel_factors": _("fuel emission factors"),
              "grid_factors": _("grid emission factors"),
              "electricity_tariffs": _("electricity tariffs"),
              "tou_windows": _("time-of-use hours"), "water_tariffs": _("water tariffs"),
              "benefit_factors": _("benefit factors"), "transport_costs": _("transport costs"),
              "network_assumptions": _("network assumptions"),
              "asset_types": _("shared-service asset types")}
    return labels.get(name, name)


def version_label(version: str) -> str:
    """A recorded table version (:class:`~openeip.core.catalogues.versioned.VersionTag`:
    "benefit_factors 2026.1", "grid_factors 2026.1 (2024)") in words: the table's name, its
    edition and the year of the value used; as stored when the table is not one
    :func:`table_label` knows."""
    from django.utils.translation import gettext as _

    from openeip.core.catalogues.versioned import VersionTag

    tag = VersionTag.read(version)
    if tag is None or table_label(tag.table) == tag.table:
        return version
    text = _("{table}, edition {edition}").format(table=table_label(tag.table),
                                                   edition=tag.edition)
    return text + (" " + _("(value of {year})").format(year=tag.year) if tag.year else "")


def audit_label(code: str) -> str:
    """A code of the audit trail (the channel, the kind of object, a changed field) in words."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    labels = {"web": _("web page"), "api": _("API"), "cli": _("command line"),
              "admin": _("administration"), "import": _("import"), "flow": _("resource flow"),
              "flows": _("resource flow"), "product": _("product"), "company": _("company"),
              "recp_option": _("RECP option"), "symbiosis_stream": _("symbiosis stream"),
              "symbiosis_opportunity": _("symbiosis opportunity"),
              "rows_in_file": _("rows in the file"),
              # monitoring (the monitor app's audit entries)
              "meter": _("meter"), "meter_readings": _("meter readings"),
              "meter_baseline": _("baseline"), "meter_adjustment": _("non-routine adjustment"),
              "meter_target": _("target"), "readings_added": _("readings added"),
              "readings_corrected": _("readings corrected"), "cv_rmse_pct": "CV(RMSE) %",
              "nmbe_pct": "NMBE %"}
    if code in labels:
        return labels[code]
    for model in ("registry.ResourceFlow", "registry.Product", "registry.Company",
                  "recp.AssessmentOption", "monitor.Meter", "monitor.NonRoutineAdjustment",
                  "monitor.Target"):
        try:
            return str(apps.get_model(model)._meta.get_field(code).verbose_name)
        except (LookupError, FieldDoesNotExist):
            continue
    return code


def classification_label(code: str) -> str:
    """A flow's classification: a fuel code ('fuel_oil') by the fuel's name; other codes (waste
    list codes such as '12 06 05') as written."""
    fuel = catalogues.fuels().get(code)
    return fuel.label.text(current_language()) if fuel else code
