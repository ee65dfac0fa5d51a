"""The price book: shipped defaults for one tariff decision, tailored to a company by overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from openeip.core.catalogues import flow_kinds, fuels
from openeip.core.catalogues.series import (
    SeriesNotice,
    SeriesOverride,
    nearest_year,
    override_notice,
    pick_override,
)
from openeip.core.errors import DomainError, UnitError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop, message
from openeip.core.prices._price import Price, weakest
from openeip.core.prices._tables import (
    TOU_PERIODS,
    TariffDecision,
    electricity_decisions,
    table_versions,
    tou_hours,
    voltage_levels,
    water_tariffs,
)
from openeip.core.units import dimension_of, parse_unit, unit_symbol

__all__ = ["DEFAULT_VOLTAGE_LEVEL", "PriceBook", "PriceOverride", "TouSplit",
           "default_price_book"]

#: ASSUMPTION until the company says otherwise: most park tenants are supplied at medium voltage
DEFAULT_VOLTAGE_LEVEL = "kv6_22"

#: dimensions a price of each resource may be given in
_PRICE_DIMENSIONS = {
    "electricity": ("energy",),
    "water": ("volume",),
    "wastewater": ("volume",),
    "fuel": ("mass", "volume", "energy"),
    "waste": ("mass", "volume"),
}


@dataclass(frozen=True, slots=True)
class TouSplit:
    """Shares of a company's electricity used in the peak, normal and off-peak periods."""

    peak: float
    normal: float
    off_peak: float
    source: str = ""
    assumption: bool = False

    def __post_init__(self) -> None:
        shares = (self.peak, self.normal, self.off_peak)
        if any(share < 0 for share in shares) or abs(sum(shares) - 1) > 1e-9:
            raise DomainError(
                _("The time-of-use shares (peak {peak}, normal {normal}, off-peak {off_peak}) "
                  "must not be negative and must add up to 1.").format(
                    peak=self.peak, normal=self.normal, off_peak=self.off_peak),
                "tou_split",
            )

    def share(self, period: str) -> float:
        return float(getattr(self, period))

    @classmethod
    def constant_load(cls) -> TouSplit:
        """ASSUMPTION: a load constant around the clock, so each share is the period's hours
        per week (EVN windows in tou_windows.csv): peak 30/168, normal 96/168, off-peak 42/168."""
        hours = tou_hours()
        return cls(hours["peak"] / 168, hours["normal"] / 168, hours["off_peak"] / 168,
                   source=_("the assumed split of a constant load (each period's share of "
                            "the week's hours)"),
                   assumption=True)


@dataclass(frozen=True, slots=True)
class PriceOverride:
    """A company's own price, as the web layer stores it: resource key, VND, unit, note.

    Resource keys: ``electricity``, ``water``, ``wastewater``, ``fuel:<fuel code>`` (or the bare
    fuel code), ``waste:hazardous``, ``waste:non_hazardous``, ``waste:<waste code>``, and
    ``<flow kind>:<flow description>`` for any one flow (such as ``material:Grey fabric``).
    """

    resource: str
    price_vnd: Decimal | float | int
    unit: str
    note: str = ""
    year: int | None = None


def _resource_key(text: str) -> str:
    key = text.strip()
    if key in fuels():
        return "fuel:" + key
    prefix, _sep, rest = key.partition(":")
    valid = (key in ("electricity", "water", "wastewater")
             or (prefix == "fuel" and rest in fuels())
             or (prefix in flow_kinds() and rest.strip()))
    if not valid:
        raise DomainError(
            _("'{key}' is no price key. Use electricity, water, wastewater, fuel:<fuel code> "
              "(such as fuel:diesel), waste:hazardous, waste:non_hazardous, waste:<waste code> "
              "or <kind>:<flow description> (such as material:Grey fabric).").format(key=text),
            "resource",
        )
    return key


def _dimensions_for(key: str) -> tuple[str, ...]:
    prefix = key.partition(":")[0]
    if prefix in _PRICE_DIMENSIONS:
        return _PRICE_DIMENSIONS[prefix]
    return flow_kinds()[prefix].dimensions


def _override_price(override: PriceOverride) -> Price:
    key = _resource_key(override.resource)
    unit_text = override.unit.strip()
    for prefix in ("VND/", "vnd/", "VNĐ/", "đ/"):
        unit_text = unit_text.removeprefix(prefix)
    try:
        unit = parse_unit(unit_text)
    except UnitError as error:
        raise DomainError(
            _("The price unit '{unit}' of {key} is not understood: {problem}").format(
                unit=override.unit, key=key, problem=error),
            "unit",
        ) from None
    allowed = _dimensions_for(key)
    if dimension_of(unit) not in allowed:
        raise DomainError(
            _("A price of {key} cannot be per {unit}; give it per unit of {allowed}.").format(
                key=key, unit=unit_symbol(unit), allowed=", ".join(allowed)),
            "unit",
        )
    value = float(override.price_vnd)
    if not value >= 0:
        raise DomainError(
            _("The price of {key} is {value} VND; a price cannot be negative.").format(
                key=key, value=override.price_vnd),
            "price",
        )
    return Price(resource=key, vnd_per_unit=value, unit=unit_symbol(unit),
                 source=override.note or _("entered for the company"), year=override.year,
                 verification="user", version="override")


@dataclass(frozen=True)
class PriceBook:
    """Prices for one company: the tariff decision in force, its voltage level and TOU split,
    the water tariff of its province, and its own overrides (which always win)."""

    decision: TariffDecision
    voltage_level: str
    tou_split: TouSplit
    province: str = ""
    overrides: Mapping[str, Price] = field(default_factory=dict)
    versions: Mapping[str, str] = field(default_factory=dict)
    #: values set for a year of a series (platform-wide or for ``park``), used before the
    #: shipped series; a company's own price still wins
    series_overrides: tuple[SeriesOverride, ...] = ()
    park: str = ""

    def tariff(self, period: str, voltage_level: str | None = None) -> Price:
        """The decision's manufacturing price for one TOU period (VND/kWh, excl. VAT)."""
        if period not in TOU_PERIODS:
            raise DomainError(
                _("Unknown time-of-use period '{period}'; use one of: {periods}.").format(
                    period=period, periods=", ".join(TOU_PERIODS)),
                "period",
            )
        return self.decision.prices[(voltage_level or self.voltage_level, period)]

    def _series_override(self, series: str, year: int | None, unit: str) -> Price | None:
        found = (pick_override(self.series_overrides, series, year, self.park)
                 if year is not None else None)
        if found is None or year is None:
            return None
        resource = "electricity" if series == "electricity_tariffs" else "water"
        return Price(resource=resource, vnd_per_unit=found.value, unit=unit,
                     source=found.source, year=found.year, verification="user",
                     version="override", note=found.note, notice=override_notice(found, year))

    def electricity(self, year: int | None = None) -> Price:
        """The company's override, else a value set for ``year`` (the data's year), else the
        tariff blended with the TOU split: p = s_peak·p_peak + s_normal·p_normal + s_off·p_off.

        When ``year`` is later than the latest decision known and the book holds that decision,
        the price carries a notice naming the decision's year (catalogues.series policy)."""
        if "electricity" in self.overrides:
            return self.overrides["electricity"]
        set_for_year = self._series_override("electricity_tariffs", year, "kWh")
        if set_for_year is not None:
            return set_for_year
        cells = tuple(self.tariff(period) for period in TOU_PERIODS)
        value = sum(self.tou_split.share(period) * cell.vnd_per_unit
                    for period, cell in zip(TOU_PERIODS, cells, strict=True))
        levels = [cell.verification for cell in cells]
        if self.tou_split.assumption:
            levels.append("assumption")
        return Price(
            resource="electricity", vnd_per_unit=value, unit="kWh",
            source=message(
                gettext_noop("EVN manufacturing tariff, Decision {decision}, {level}, blended "
                             "with {split}"), decision=self.decision.decision,
                level={"en": voltage_levels()[self.voltage_level].text("en"),
                       "vi": voltage_levels()[self.voltage_level].text("vi")},
                split=self.tou_split.source or message(gettext_noop("the company's split"))),
            year=self.decision.in_force_from.year, verification=weakest(levels),
            version=self.versions.get("electricity_tariffs", ""),
            note="peak {:.6g}, normal {:.6g}, off-peak {:.6g}".format(
                self.tou_split.peak, self.tou_split.normal, self.tou_split.off_peak),
            components=cells,
            notice=self._tariff_notice(year),
        )

    def _tariff_notice(self, year: int | None) -> SeriesNotice | None:
        latest = electricity_decisions()[-1]
        if year is None or self.decision is not latest:
            return None
        years = [item.in_force_from.year for item in electricity_decisions()]
        if year < years[0]:
            return None  # an older year is priced at the decision in force now, as documented
        return nearest_year(years, year, "electricity_tariffs")[1]

    def water(self, year: int | None = None) -> Price | None:
        """The company's water price, else a value set for ``year``, else its province's
        default tariff (with a notice when ``year`` is not the tariff's year), else None."""
        if "water" in self.overrides:
            return self.overrides["water"]
        set_for_year = self._series_override("water_tariffs", year, "m³")
        if set_for_year is not None:
            return set_for_year
        tariff = water_tariffs().get(self.province)
        if tariff is None or year is None or tariff.year is None:
            return tariff
        notice = nearest_year([tariff.year], year, "water_tariffs")[1]
        return tariff if notice is None else replace(tariff, notice=notice)

    def get(self, resource: str) -> Price | None:
        """The price of a resource key (``electricity``, ``water``, ``fuel:diesel``,
        ``waste:hazardous`` …): the company's, else the shipped default, else None."""
        key = _resource_key(resource)
        if key == "electricity":
            return self.electricity()
        if key == "water":
            return self.water()
        return self.overrides.get(key)

    def with_overrides(self, prices: Iterable[PriceOverride] = (), *,
                       voltage_level: str | None = None, tou_split: TouSplit | None = None,
                       province: str | None = None,
                       series_overrides: Iterable[SeriesOverride] | None = None,
                       park: str | None = None) -> PriceBook:
        """A copy tailored to one company; every override is checked (key, unit, sign)."""
        if voltage_level is not None and voltage_level not in voltage_levels():
            raise DomainError(
                _("Unknown voltage level '{value}'; use one of: {levels}.").format(
                    value=voltage_level, levels=", ".join(voltage_levels())),
                "voltage_level",
            )
        overrides = dict(self.overrides)
        for override in prices:
            price = _override_price(override)
            overrides[price.resource] = price
        return replace(
            self,
            voltage_level=voltage_level or self.voltage_level,
            tou_split=tou_split or self.tou_split,
            province=self.province if province is None else province.strip(),
            overrides=overrides,
            series_overrides=(self.series_overrides if series_overrides is None
                              else tuple(series_overrides)),
            park=self.park if park is None else park,
        )


def decision_in_force(as_of: date | None) -> TariffDecision:
    decisions = electricity_decisions()
    if as_of is None:
        return decisions[-1]
    in_force = [item for item in decisions if item.in_force_from <= as_of]
    if not in_force:
        raise DomainError(
            _("OpenEIP's electricity tariffs start on {first}; {day} is earlier. Enter the "
              "company's electricity price instead.").format(
                first=decisions[0].in_force_from.isoformat(), day=as_of.isoformat()),
            "as_of",
        )
    return in_force[-1]


def default_price_book(as_of: date | None = None) -> PriceBook:
    """The shipped prices: the tariff decision in force on ``as_of`` (the latest if None),
    voltage level 6–22 kV and a constant-load TOU split (both documented assumptions), no
    province (so no water default until one is set), no fuel prices and no waste fees."""
    return PriceBook(
        decision=decision_in_force(as_of),
        voltage_level=DEFAULT_VOLTAGE_LEVEL,
        tou_split=TouSplit.constant_load(),
        versions=table_versions(),
    )
