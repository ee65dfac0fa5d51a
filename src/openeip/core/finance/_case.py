"""An RECP option as a feasibility case: its money, its lifetime and its environmental effect.

Annual savings are either given in VND or computed from resource deltas and prices:

.. math::

    S = S_{given} + \\sum_i \\Delta q_i \\, p_i

=====================  =========================================================
symbol                 meaning
=====================  =========================================================
:math:`\\Delta q_i`     yearly reduction of resource :math:`i` (pint quantity;
                       negative = the option uses more of it, e.g. biomass in a
                       fuel switch)
:math:`p_i`            price of resource :math:`i` (pint quantity, VND per unit)
:math:`S_{given}`      savings given directly in VND (labour, extra revenue …)
=====================  =========================================================

Every rule is a small ``_check_*`` function raising :class:`DomainError` that names the field
and the value and says how to fix it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pint

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.units import BASE_UNITS, Quantity, dimension_of, unit_symbol, ureg

#: a discount or escalation rate above this (100 % a year) is taken for a typing mistake
MAX_RATE = 1.0

#: the environmental-effect fields, the dimension each must have and its unit
EFFECTS: dict[str, tuple[str, str]] = {
    "energy_saved": ("energy", "MWh"),
    "water_saved": ("volume", "m**3"),
    "waste_avoided": ("mass", "t"),
    "ghg_avoided": ("co2e", "tCO2e"),
}


def show(value: Any) -> str:
    """A quantity or number as messages print it: '120 MWh', '1833 VND/kWh', '-0.5'."""
    if isinstance(value, Quantity):
        return "{:g} {}".format(float(value.magnitude), unit_symbol(value.units))
    return "{:g}".format(float(value)) if isinstance(value, int | float | Decimal) else str(value)


@dataclass(frozen=True)
class Saving:
    """One resource an option saves: the yearly reduction, its price and, optionally, the yearly
    consumption it comes from (so a saving can be checked against it)."""

    resource: str
    quantity: Any  # pint quantity per year
    price: Any  # pint quantity in VND per unit; None when it is missing (an error)
    baseline: Any = None  # pint quantity per year, optional

    @classmethod
    def per_base_unit(cls, resource: str, quantity: Any, vnd_per_base_unit: float,
                      baseline: Any | None = None) -> Saving:
        """A saving priced in VND per base unit of its dimension (VND/MWh, VND/m³, VND/t), the
        form :func:`openeip.core.prices.price_of` returns."""
        dimension = dimension_of(quantity.units) if isinstance(quantity, Quantity) else None
        if dimension is None or dimension == "currency":
            raise DomainError(_(
                "The saving of {resource} must be a quantity with a unit, such as 120 MWh, not "
                "'{value}'.").format(resource=resource, value=show(quantity)), "quantity")
        price = Quantity(float(vnd_per_base_unit), ureg.VND / ureg.Unit(BASE_UNITS[dimension]))
        return cls(resource, quantity, price, baseline)

    def value_vnd(self) -> float:
        """Δq × p in VND (checked by :class:`OptionCase`)."""
        return float((self.quantity * self.price).to("VND").magnitude)


def _zero(unit: str) -> Any:
    return field(default_factory=lambda: Quantity(0.0, unit))


@dataclass(frozen=True)
class OptionCase:
    """The feasibility inputs of one option. Money in VND (floats; Decimal and int accepted),
    flows per year, rates as fractions (0.10 = 10 %).

    ``reduction_share`` marks an option whose GHG effect is a share of the company's emissions
    (0.2 = it removes 20 % of what is left); the MACC then scales it to what earlier options
    left over (see :mod:`openeip.core.finance._macc`). ``escalation_rate`` raises savings by
    that rate each year from year 1 (RETScreen's fuel-cost escalation); O&M stays constant.
    """

    name: str
    investment_vnd: float
    lifetime_years: int
    discount_rate: float
    savings: tuple[Saving, ...] = ()
    annual_savings_vnd: float = 0.0
    extra_om_vnd: float = 0.0
    residual_value_vnd: float = 0.0
    escalation_rate: float = 0.0
    energy_saved: Any = _zero("MWh")
    water_saved: Any = _zero("m**3")
    waste_avoided: Any = _zero("t")
    ghg_avoided: Any = _zero("tCO2e")
    reduction_share: float | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise DomainError(_("An option needs a name."), "name")
        for name in ("investment_vnd", "annual_savings_vnd", "extra_om_vnd",
                     "residual_value_vnd", "discount_rate", "escalation_rate"):
            object.__setattr__(self, name, _number(getattr(self, name), name))
        object.__setattr__(self, "savings", tuple(self.savings))
        _check_lifetime(self.lifetime_years)
        for name in ("investment_vnd", "annual_savings_vnd", "extra_om_vnd",
                     "residual_value_vnd"):
            _check_not_negative(getattr(self, name), name)
        _check_rate(self.discount_rate, "discount_rate")
        _check_rate(self.escalation_rate, "escalation_rate")
        for index, saving in enumerate(self.savings):
            _check_saving(saving, "savings[{}]".format(index))
        for name, (dimension, _unit) in EFFECTS.items():
            _check_effect(getattr(self, name), name, dimension)
        if self.reduction_share is not None:
            object.__setattr__(self, "reduction_share",
                               _number(self.reduction_share, "reduction_share"))
            _check_share(self.reduction_share)

    @property
    def first_year_savings_vnd(self) -> float:
        """:math:`S`: the given savings plus every priced resource saving, in VND per year."""
        return self.annual_savings_vnd + math.fsum(s.value_vnd() for s in self.savings)

    def with_savings_factor(self, factor: float) -> OptionCase:
        """The same option with every price (and the savings given in VND) times ``factor``."""
        scaled = tuple(Saving(s.resource, s.quantity, s.price * factor, s.baseline)
                       for s in self.savings)
        return replace(self, savings=scaled, annual_savings_vnd=self.annual_savings_vnd * factor)


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise DomainError(_("{field} must be a number, not '{value}'.").format(
            field=name, value=value), name)
    number = float(value)
    if not math.isfinite(number):
        raise DomainError(_("{field} must be a finite number, not '{value}'.").format(
            field=name, value=value), name)
    return number


def _check_lifetime(years: Any) -> None:
    whole = isinstance(years, int) and not isinstance(years, bool)
    if not whole:
        raise DomainError(_(
            "The lifetime must be a whole number of years, not '{value}'.").format(value=years),
            "lifetime_years")
    if years < 1:
        raise DomainError(_(
            "The lifetime of {value} years is impossible; give the years the option keeps "
            "saving (1 or more).").format(value=years), "lifetime_years")


def _check_not_negative(value: float, name: str) -> None:
    if value < 0:
        hints = {
            "investment_vnd": _("a grant larger than the cost is not an investment; give 0"),
            "annual_savings_vnd": _("extra costs belong in extra_om_vnd"),
            "extra_om_vnd": _("O&M savings belong in the annual savings"),
            "residual_value_vnd": _("give 0 when the equipment is worth nothing at the end"),
        }
        raise DomainError(_("{field} cannot be negative ({value}): {hint}.").format(
            field=name, value=show(value), hint=hints[name]), name)


def _check_rate(rate: float, name: str) -> None:
    if rate <= -1:
        raise DomainError(_(
            "{field} = {value} is -100 % or less, which makes money worthless; give a rate such "
            "as 0.10 for 10 %.").format(field=name, value=show(rate)), name)
    if rate > MAX_RATE:
        raise DomainError(_(
            "{field} = {value} means more than 100 % a year; rates are fractions: write 0.10 "
            "for 10 %.").format(field=name, value=show(rate)), name)


def _check_share(share: float) -> None:
    if not 0 < share <= 1:
        raise DomainError(_(
            "reduction_share = {value} is not a share; give a fraction above 0 and at most 1 "
            "(0.2 for 20 %).").format(value=show(share)), "reduction_share")


def _check_effect(value: Any, name: str, dimension: str) -> None:
    if not isinstance(value, Quantity) or dimension_of(value.units) != dimension:
        raise DomainError(_(
            "{field} = '{value}' must be a quantity in {unit}.").format(
                field=name, value=show(value), unit=unit_symbol(ureg.Unit(EFFECTS[name][1]))),
            name)
    if not math.isfinite(float(value.magnitude)):
        raise DomainError(_("{field} must be a finite number, not '{value}'.").format(
            field=name, value=show(value)), name)


def _check_saving(saving: Saving, where: str) -> None:
    resource = saving.resource
    quantity = saving.quantity
    dimension = dimension_of(quantity.units) if isinstance(quantity, Quantity) else None
    if dimension is None or dimension == "currency" or not math.isfinite(
            float(quantity.magnitude)):
        raise DomainError(_(
            "The saving of {resource} must be a quantity with a unit, such as 120 MWh, not "
            "'{value}'.").format(resource=resource, value=show(quantity)), where + ".quantity")
    _check_price(saving, where)
    if saving.baseline is not None:
        _check_baseline(saving, where)


def _check_price(saving: Saving, where: str) -> None:
    price = saving.price
    example = "VND/{}".format(unit_symbol(saving.quantity.units))
    if price is None:
        raise DomainError(_(
            "The price of {resource} is missing; give it in {example}.").format(
                resource=saving.resource, example=example), where + ".price")
    if not isinstance(price, Quantity):
        raise DomainError(_(
            "The price of {resource} ('{value}') needs its unit; give it in {example}.").format(
                resource=saving.resource, value=show(price), example=example), where + ".price")
    try:
        (saving.quantity * price).to("VND")
    except pint.DimensionalityError:
        raise DomainError(_(
            "The price of {resource} is in {unit}, which does not fit a saving in {saved}; give "
            "it in {example}.").format(resource=saving.resource, unit=unit_symbol(price.units),
                                       saved=unit_symbol(saving.quantity.units),
                                       example=example), where + ".price") from None
    magnitude = float(price.magnitude)
    if not math.isfinite(magnitude) or magnitude < 0:
        raise DomainError(_(
            "The price of {resource} ({value}) must be zero or more; a resource the option uses "
            "more of is a negative saving, not a negative price.").format(
                resource=saving.resource, value=show(price)), where + ".price")


def _check_baseline(saving: Saving, where: str) -> None:
    baseline = saving.baseline
    fits = isinstance(baseline, Quantity) and (
        dimension_of(baseline.units) == dimension_of(saving.quantity.units))
    if not fits:
        raise DomainError(_(
            "The baseline consumption of {resource} ('{value}') must be in a unit like the "
            "saving's ({unit}).").format(resource=saving.resource, value=show(baseline),
                                         unit=unit_symbol(saving.quantity.units)),
            where + ".baseline")
    consumed = float(baseline.to(saving.quantity.units).magnitude)
    if consumed < 0:
        raise DomainError(_(
            "The baseline consumption of {resource} cannot be negative ({value}).").format(
                resource=saving.resource, value=show(baseline)), where + ".baseline")
    if float(saving.quantity.magnitude) > consumed:
        raise DomainError(_(
            "The saving of {saved} of {resource} is larger than the {baseline} consumed in the "
            "baseline; a saving cannot exceed the consumption it comes from.").format(
                saved=show(saving.quantity), resource=saving.resource, baseline=show(baseline)),
            where + ".quantity")
