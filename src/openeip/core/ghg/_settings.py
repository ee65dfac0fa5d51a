"""Which GWP set and which factor year a result uses: settings of the platform and of a park.

Every GHG figure names its GWP set; nothing in the code picks one. The platform sets a default
(the web reads ``OPENEIP_GWP_SET``, the CLI ``--gwp``); a park may choose its own, which wins
for that park's results. The same holds for the *factor year*: the year whose factors value a
yearly figure that has no data year of its own (symbiosis benefits of an exchange to come). Left
unset, it is the current calendar year; either way the series policy
(:mod:`openeip.core.catalogues.series`) decides the value used and says so in a notice when the
series has no value for that year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from openeip.core.errors import DomainError
from openeip.core.ghg._factors import GwpSet
from openeip.core.i18n import gettext as _

__all__ = ["FactorSettings"]

#: the years a factor year may name (the factor tables start in the 2010s)
_YEARS = range(2000, 2101)


@dataclass(frozen=True, slots=True)
class FactorSettings:
    """The GWP set and the factor year in force (see the module docstring)."""

    gwp: GwpSet
    #: the year whose factors value yearly figures without a data year; None = this year
    year: int | None = None

    def __post_init__(self) -> None:
        if self.year is not None and self.year not in _YEARS:
            raise DomainError(_("The factor year {year} is not a year between {first} and "
                                "{last}.").format(year=self.year, first=_YEARS[0],
                                                  last=_YEARS[-1]), "factor_year")

    @classmethod
    def of(cls, gwp: GwpSet | str, year: int | None = None) -> FactorSettings:
        """Settings from text as a settings file writes them ('AR5', 2025)."""
        return cls(GwpSet.named(gwp), year)

    def for_park(self, gwp: GwpSet | str = "", year: int | None = None) -> FactorSettings:
        """These settings with a park's own choices (empty / None: the platform's)."""
        return FactorSettings(GwpSet.named(gwp) if gwp else self.gwp,
                              self.year if year is None else year)

    def factor_year(self, today: datetime.date | None = None) -> int:
        """The factor year: the one set, else the year of ``today`` (the current date)."""
        if self.year is not None:
            return self.year
        return (today or datetime.date.today()).year
