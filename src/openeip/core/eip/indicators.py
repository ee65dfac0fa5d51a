"""Computed EIP indicators (catalogue: ``openeip/data/eip/indicators.csv``).

The web layer gathers one :class:`IndicatorInputs` per park and year from platform data; this
module turns it into one :class:`IndicatorValue` per catalogue code. Every input is optional: an
unknown input is ``None``, and an indicator whose numerator or denominator is unknown, or whose
denominator is 0, has the value ``None`` (never 0 by default) with a detail saying why.

Shares (percent, rounded half-up to 0.01):

.. math:: s = 100 \\cdot \\frac{n}{d}

==============================  =====================================  =====================
code                            n                                      d
==============================  =====================================  =====================
``recp_firms_share``            firms with ≥ 1 implemented/verified    firms
                                RECP option
``recp_awareness_share``        firms with any RECP assessment         firms
``symbiosis_firms_share``       firms in ≥ 1 operating exchange        firms
``firms_reporting_share``       firms that reported flows for the year firms
``training_firms_share``        firms with ≥ 1 person who attended a   firms
                                training session in the year
``grievances_in_time_share``    grievances resolved in the year before grievances resolved in
                                their deadline                         the year
``wastewater_reused_share``     wastewater reused on site or recycled  industrial wastewater
                                (m³)                                   (m³)
``renewable_energy_share``      renewable final energy (MWh)           final energy (MWh)
``waste_recycled_share``        solid waste recycled (t)               solid waste (t)
``waste_landfilled_share``      solid waste landfilled (t)             solid waste (t)
``green_space_share``           green space (ha)                       park area (ha)
``green_roads_infra_share``     green + roads + shared infrastructure  park area (ha)
                                (ha)
==============================  =====================================  =====================

Intensities (rounded half-up to 0.001): ``energy_intensity_per_ha`` = energy MWh / area ha,
``water_intensity_per_ha`` = water m³ / area ha, ``ghg_intensity_per_ha`` = t CO2e / area ha,
``ghg_intensity_per_value`` = t CO2e / sales in billion VND — all for the year assessed.
``symbiosis_links`` is the count of operating exchanges; ``people_trained_women`` and
``people_trained_men`` count the distinct people who attended a training session in the year
(people who gave another or no gender are in neither count); ``grievances_received`` counts the
grievances received in the year and ``dialogue_meetings`` the community dialogue meetings held in
the year.

The social inputs (training, grievances, dialogue: :data:`RECORD_INPUTS`) come from records kept
on the platform. ``None`` there means *no record of that year* — which is not the same as
nothing happening — and the detail of an indicator that cannot be computed for that reason says
so with the year ("no records on the platform for 2026"), never a silent 0.

A numerator larger than its denominator, or a negative input, is an error in the gathered data
and raises :class:`DomainError` naming the input.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.errors import DomainError
from openeip.core.i18n import Message, gettext_noop, message
from openeip.core.i18n import gettext as _

__all__ = ["INPUT_NAMES", "RECORD_INPUTS", "IndicatorInputs", "IndicatorValue",
           "compute_indicators", "unit_label", "unit_message"]

SHARE_PLACES = Decimal("0.01")
INTENSITY_PLACES = Decimal("0.001")
Number = int | Decimal


@dataclass(frozen=True, slots=True)
class IndicatorInputs:
    """What the platform knows about one park in one year; ``None`` = not known."""

    year: int
    firms: int | None = None                         # firms operating in the park
    firms_with_recp_implemented: int | None = None   # ≥ 1 RECP option implemented or verified
    firms_with_recp_assessment: int | None = None    # any RECP assessment
    firms_in_exchanges: int | None = None            # in ≥ 1 operating symbiosis exchange
    operating_exchanges: int | None = None
    firms_reporting: int | None = None               # reported resource flows for the year
    wastewater_m3: Decimal | None = None             # industrial wastewater, all fates
    wastewater_reused_m3: Decimal | None = None      # fate reused_on_site or recycled
    energy_mwh: Decimal | None = None                # final energy
    renewable_energy_mwh: Decimal | None = None
    water_m3: Decimal | None = None                  # water withdrawn / bought
    waste_t: Decimal | None = None                   # solid waste, all fates
    waste_recycled_t: Decimal | None = None
    waste_landfilled_t: Decimal | None = None
    area_ha: Decimal | None = None                   # the park's total area
    green_ha: Decimal | None = None
    roads_ha: Decimal | None = None
    shared_infra_ha: Decimal | None = None
    ghg_t: Decimal | None = None                     # t CO2e, scopes 1 and 2
    sales_bn_vnd: Decimal | None = None              # firms' sales, billion VND
    # the social pillar (gathered by the community and training apps, issue 15)
    firms_trained: int | None = None                 # ≥ 1 person attended a training session
    people_trained_women: int | None = None          # attendees of the year (distinct people)
    people_trained_men: int | None = None
    grievances_closed: int | None = None             # grievances resolved in the year
    grievances_closed_in_time: int | None = None     # … before their deadline
    grievances_received: int | None = None           # grievances received in the year
    dialogue_meetings: int | None = None             # community dialogue meetings held


#: the inputs as readers read them (the details name them; the field names are for code)
INPUT_NAMES: dict[str, str] = {
    "firms": gettext_noop("firms in the park"),
    "firms_with_recp_implemented": gettext_noop("firms with an RECP option implemented"),
    "firms_with_recp_assessment": gettext_noop("firms with an RECP assessment"),
    "firms_in_exchanges": gettext_noop("firms in an operating exchange"),
    "operating_exchanges": gettext_noop("operating symbiosis exchanges"),
    "firms_reporting": gettext_noop("firms that reported data"),
    "wastewater_m3": gettext_noop("industrial wastewater (m³)"),
    "wastewater_reused_m3": gettext_noop("wastewater reused or recycled (m³)"),
    "energy_mwh": gettext_noop("final energy (MWh)"),
    "renewable_energy_mwh": gettext_noop("renewable energy (MWh)"),
    "water_m3": gettext_noop("water withdrawn (m³)"),
    "waste_t": gettext_noop("solid waste (t)"),
    "waste_recycled_t": gettext_noop("solid waste recycled (t)"),
    "waste_landfilled_t": gettext_noop("solid waste landfilled (t)"),
    "area_ha": gettext_noop("park area (ha)"),
    "green_ha": gettext_noop("green space (ha)"),
    "roads_ha": gettext_noop("roads (ha)"),
    "shared_infra_ha": gettext_noop("shared infrastructure (ha)"),
    "green_ha + roads_ha + shared_infra_ha": gettext_noop(
        "green space, roads and shared infrastructure (ha)"),
    "ghg_t": gettext_noop("greenhouse gas, scopes 1 and 2 (t CO2e)"),
    "sales_bn_vnd": gettext_noop("sales (billion VND)"),
    "firms_trained": gettext_noop("firms with staff trained"),
    "people_trained_women": gettext_noop("women trained"),
    "people_trained_men": gettext_noop("men trained"),
    "grievances_closed": gettext_noop("grievances resolved"),
    "grievances_closed_in_time": gettext_noop("grievances resolved in time"),
    "grievances_received": gettext_noop("grievances received"),
    "dialogue_meetings": gettext_noop("community dialogue meetings"),
}

#: inputs counted from records kept on the platform (training, grievances, dialogue): None
#: means the platform holds no record for the year, and the detail says so
RECORD_INPUTS = frozenset({"firms_trained", "people_trained_women", "people_trained_men",
                           "grievances_closed", "grievances_closed_in_time",
                           "grievances_received", "dialogue_meetings"})

#: indicator units as readers read them; a count is just a number
_UNITS: dict[str, str] = {
    "count": "", "links": "", "exchanges": "", "people": "",
    "MWh/ha/yr": gettext_noop("MWh/ha/yr"), "m3/ha/yr": gettext_noop("m³/ha/yr"),
    "t CO2e/ha/yr": gettext_noop("t CO2e/ha/yr"),
    "t CO2e/bn VND": gettext_noop("t CO2e/billion VND"),
}


def unit_label(unit: str) -> str:
    """An indicator or criterion unit in the current language ('' for a plain count)."""
    label = _UNITS.get(unit, unit)
    return _(label) if label else ""


def unit_message(unit: str) -> Message:
    """:func:`unit_label` kept as a message id, for texts that are stored."""
    return message(_UNITS.get(unit, unit))


def _names(*names: str) -> Message:
    """Input names joined, each worded in the reader's language at display."""
    return message(", ".join("{{n{}}}".format(i) for i in range(len(names))),
                   **{"n{}".format(i): message(INPUT_NAMES.get(name, name))
                      for i, name in enumerate(names)})


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    code: str
    value: Decimal | None                # None = cannot be computed (see detail)
    unit: str
    detail: Message                      # how it was computed, or why it could not be
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _check_inputs(inputs: IndicatorInputs) -> None:
    for field in fields(inputs):
        value = getattr(inputs, field.name)
        if field.name != "year" and value is not None and value < 0:
            raise DomainError(_("{name} cannot be negative ({value}).").format(
                name=_(INPUT_NAMES.get(field.name, field.name)), value=value), field.name)
    pairs = (("firms_with_recp_implemented", "firms"), ("firms_with_recp_assessment", "firms"),
             ("firms_in_exchanges", "firms"), ("firms_reporting", "firms"),
             ("wastewater_reused_m3", "wastewater_m3"), ("renewable_energy_mwh", "energy_mwh"),
             ("waste_recycled_t", "waste_t"), ("waste_landfilled_t", "waste_t"),
             ("green_ha", "area_ha"), ("firms_trained", "firms"),
             ("grievances_closed_in_time", "grievances_closed"))
    for part, whole in pairs:
        numerator, denominator = getattr(inputs, part), getattr(inputs, whole)
        if numerator is not None and denominator is not None and numerator > denominator:
            raise DomainError(_("{part} ({numerator}) is larger than {whole} "
                                "({denominator}).").format(
                                    part=_(INPUT_NAMES[part]), numerator=numerator,
                                    whole=_(INPUT_NAMES[whole]), denominator=denominator),
                              part)
    parts = (inputs.green_ha, inputs.roads_ha, inputs.shared_infra_ha)
    if inputs.area_ha is not None and None not in parts:
        total = sum((Decimal(p) for p in parts if p is not None), Decimal(0))
        if total > inputs.area_ha:
            raise DomainError(_("Green space, roads and shared infrastructure ({total} ha) are "
                                "larger than the park ({area} ha).").format(
                                    total=total, area=inputs.area_ha), "area_ha")


def _missing(missing: list[str], year: int | None) -> Message:
    """Why a value is not computed: inputs not known, or no record of the year (social)."""
    if year is not None and all(name in RECORD_INPUTS for name in missing):
        return message(gettext_noop("Not computed: no records on the platform for {year} "
                                    "({names})."), year=str(year), names=_names(*missing))
    return message(gettext_noop("Not computed: {names} not known."), names=_names(*missing))


def _ratio(code: str, numerator: Number | None, denominator: Number | None, names: tuple[str, str],
           scale: Decimal, places: Decimal, year: int | None = None) -> IndicatorValue:
    unit = indicator_catalogue()[code].unit
    missing = [name for name, value in zip(names, (numerator, denominator), strict=True)
               if value is None]
    if numerator is None or denominator is None:
        return IndicatorValue(code, None, unit, _missing(missing, year))
    top, bottom = Decimal(numerator), Decimal(denominator)
    if bottom == 0:
        return IndicatorValue(code, None, unit, message(
            gettext_noop("Not computed: {name} is 0."), name=_names(names[1])), top, bottom)
    value = (scale * top / bottom).quantize(places, rounding=ROUND_HALF_UP)
    detail = message(gettext_noop("{numerator} ({top_name}) / {denominator} ({bottom_name})"),
                     numerator=top, top_name=_names(names[0]), denominator=bottom,
                     bottom_name=_names(names[1]))
    return IndicatorValue(code, value, unit, detail, top, bottom)


def _share(code: str, numerator: Number | None, denominator: Number | None,
           names: tuple[str, str], year: int | None = None) -> IndicatorValue:
    return _ratio(code, numerator, denominator, names, Decimal(100), SHARE_PLACES, year)


def _intensity(code: str, numerator: Number | None, denominator: Number | None,
               names: tuple[str, str]) -> IndicatorValue:
    return _ratio(code, numerator, denominator, names, Decimal(1), INTENSITY_PLACES)


def _green_roads_infra(inputs: IndicatorInputs) -> IndicatorValue:
    parts = {"green_ha": inputs.green_ha, "roads_ha": inputs.roads_ha,
             "shared_infra_ha": inputs.shared_infra_ha}
    missing = [name for name, value in parts.items() if value is None]
    if missing:
        unit = indicator_catalogue()["green_roads_infra_share"].unit
        return IndicatorValue("green_roads_infra_share", None, unit, message(
            gettext_noop("Not computed: {names} not known."), names=_names(*missing)))
    total = sum((Decimal(v) for v in parts.values() if v is not None), Decimal(0))
    return _share("green_roads_infra_share", total, inputs.area_ha,
                  ("green_ha + roads_ha + shared_infra_ha", "area_ha"))


def _count(code: str, value: int | None, name: str, year: int | None = None) -> IndicatorValue:
    unit = indicator_catalogue()[code].unit
    if value is None:
        return IndicatorValue(code, None, unit, _missing([name], year))
    return IndicatorValue(code, Decimal(value), unit, message(
        gettext_noop("{value} ({name})"), value=value, name=_names(name)), Decimal(value))


def compute_indicators(inputs: IndicatorInputs) -> dict[str, IndicatorValue]:
    """Every catalogue indicator for ``inputs``, keyed by code, in the catalogue's order."""
    _check_inputs(inputs)
    i = inputs
    computed = [
        _share("recp_firms_share", i.firms_with_recp_implemented, i.firms,
               ("firms_with_recp_implemented", "firms")),
        _share("recp_awareness_share", i.firms_with_recp_assessment, i.firms,
               ("firms_with_recp_assessment", "firms")),
        _count("symbiosis_links", i.operating_exchanges, "operating_exchanges"),
        _share("symbiosis_firms_share", i.firms_in_exchanges, i.firms,
               ("firms_in_exchanges", "firms")),
        _share("wastewater_reused_share", i.wastewater_reused_m3, i.wastewater_m3,
               ("wastewater_reused_m3", "wastewater_m3")),
        _share("renewable_energy_share", i.renewable_energy_mwh, i.energy_mwh,
               ("renewable_energy_mwh", "energy_mwh")),
        _share("waste_recycled_share", i.waste_recycled_t, i.waste_t,
               ("waste_recycled_t", "waste_t")),
        _share("waste_landfilled_share", i.waste_landfilled_t, i.waste_t,
               ("waste_landfilled_t", "waste_t")),
        _share("green_space_share", i.green_ha, i.area_ha, ("green_ha", "area_ha")),
        _green_roads_infra(i),
        _intensity("energy_intensity_per_ha", i.energy_mwh, i.area_ha,
                   ("energy_mwh", "area_ha")),
        _intensity("water_intensity_per_ha", i.water_m3, i.area_ha, ("water_m3", "area_ha")),
        _intensity("ghg_intensity_per_ha", i.ghg_t, i.area_ha, ("ghg_t", "area_ha")),
        _intensity("ghg_intensity_per_value", i.ghg_t, i.sales_bn_vnd,
                   ("ghg_t", "sales_bn_vnd")),
        _share("firms_reporting_share", i.firms_reporting, i.firms, ("firms_reporting", "firms")),
        _share("training_firms_share", i.firms_trained, i.firms, ("firms_trained", "firms"),
               i.year),
        _count("people_trained_women", i.people_trained_women, "people_trained_women", i.year),
        _count("people_trained_men", i.people_trained_men, "people_trained_men", i.year),
        _share("grievances_in_time_share", i.grievances_closed_in_time, i.grievances_closed,
               ("grievances_closed_in_time", "grievances_closed"), i.year),
        _count("grievances_received", i.grievances_received, "grievances_received", i.year),
        _count("dialogue_meetings", i.dialogue_meetings, "dialogue_meetings", i.year),
    ]
    by_code = {value.code: value for value in computed}
    return {code: by_code[code] for code in indicator_catalogue()}
