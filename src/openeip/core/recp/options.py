"""The RECP option library and suggestions from a company's hotspots (issue 3 §4).

The library is data: ``openeip/data/recp_options.csv`` (at least 150 options in the eight
UNEP/UNIDO categories, bilingual, each citing where it comes from) and
``openeip/data/recp_causes.csv`` (the ONE list of causes of losses; the hotspot engine tags its
losses with the same codes — read them from :data:`CAUSES` or :func:`causes_for`).

Suggestion links a hotspot to options through the causes they share (cause → option, recp.md
§1.1 "cause diagnosis") and keeps the options that fit the company's sector. Ranking, in order:

1. the typical saving on the hotspot, largest first, where the option's effect range is known and
   saves the hotspot's own resource:

   .. math:: S = C_h \\cdot \\frac{e_{low} + e_{high}}{2} \\cdot \\frac{1}{100}

2. options with no known effect after those, by the cost of their hotspot, largest first;
3. then the cost class, cheapest first (no, low, medium, high); then the option code.

=================  ========================================================  =============
symbol             meaning                                                   unit
=================  ========================================================  =============
:math:`S`          typical saving on the hotspot (``typical_saving_vnd``)    VND per year
:math:`C_h`        cost of the hotspot's losses (``Hotspot.cost_vnd``)       VND per year
:math:`e_{low}`    low end of the option's typical effect range              % of resource
:math:`e_{high}`   high end of the option's typical effect range             % of resource
=================  ========================================================  =============

:math:`S` is "typical", never a promise: the effect ranges are priors from the literature
(each with its source and verification in the data file), to be confirmed by measurement.
When several hotspots lead to one option, the option appears once, for the hotspot that ranks it
highest; the others are listed in ``other_hotspots``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Protocol

from openeip.core.errors import DomainError
from openeip.core.i18n import current_language
from openeip.core.i18n import gettext as _
from openeip.core.recp._option_files import (
    ANY_RESOURCE,
    CATEGORIES,
    COST_CLASSES,
    Cause,
    EffectRange,
    OptionTemplate,
    read_causes,
    read_options,
)

__all__ = [
    "CATEGORIES",
    "CAUSES",
    "COST_CLASSES",
    "Cause",
    "EffectRange",
    "Hotspot",
    "OptionTemplate",
    "Suggestion",
    "cause_catalogue",
    "causes_for",
    "option_library",
    "read_causes",
    "read_options",
    "suggest",
]

_CAUSES_FILE = "recp_causes.csv"
_OPTIONS_FILE = "recp_options.csv"


def _data_text(filename: str) -> str:
    return (resources.files("openeip.data") / filename).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def cause_catalogue() -> Mapping[str, Cause]:
    """The causes of losses from recp_causes.csv, checked, keyed by code (read once)."""
    return MappingProxyType(read_causes(_data_text(_CAUSES_FILE), filename=_CAUSES_FILE))


def option_library() -> dict[str, OptionTemplate]:
    """The option templates from recp_options.csv, checked, keyed by code (the file is read once).

    A copy is returned so that a caller adding its own options cannot change the shared library.
    """
    return dict(_shared_library())


@lru_cache(maxsize=1)
def _shared_library() -> Mapping[str, OptionTemplate]:
    return MappingProxyType(
        read_options(_data_text(_OPTIONS_FILE), cause_catalogue(), filename=_OPTIONS_FILE)
    )


#: the ONE list of causes of losses (code → :class:`Cause`), shared with the hotspot engine
CAUSES: Mapping[str, Cause] = cause_catalogue()


def causes_for(resource: str, *, include_general: bool = True) -> tuple[str, ...]:
    """The cause codes that can explain a loss of ``resource`` (a flow kind), in file order.

    With ``include_general`` the management causes that act on every resource (``any``) are
    included; the hotspot engine uses this to tag a loss it cannot diagnose more closely.
    """
    return tuple(
        code for code, cause in CAUSES.items()
        if cause.resource == resource or (include_general and cause.resource == ANY_RESOURCE)
    )


class Hotspot(Protocol):
    """What suggestion needs of a hotspot (a ranked loss of the hotspot engine)."""

    @property
    def key(self) -> str:
        """Identifies the hotspot to the user (a flow's name or code)."""

    @property
    def resource(self) -> str:
        """The flow kind lost (material, energy, water, waste, …)."""

    @property
    def cost_vnd(self) -> Decimal | float | int:
        """Cost of the losses per year, VND."""

    @property
    def causes(self) -> Sequence[str]:
        """Codes of :data:`CAUSES` that may explain the loss, most likely first."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An option suggested for a company, and why: the hotspot and causes that led to it."""

    option: OptionTemplate
    hotspot: str
    causes: tuple[str, ...]
    hotspot_cost_vnd: Decimal
    typical_saving_vnd: Decimal | None
    other_hotspots: tuple[str, ...] = ()

    def why(self) -> str:
        """One or two sentences in the current language: what led here and what is typical."""
        language = current_language()
        names = ", ".join(CAUSES[code].label.text(language) for code in self.causes)
        text = _("Suggested for the hotspot {hotspot} ({causes}).").format(
            hotspot=self.hotspot, causes=names)
        effect = self.option.effect
        if effect is not None and self.typical_saving_vnd is not None:
            text += " " + _(
                "Typical saving {low}–{high} % of this resource, about {saving} VND a year on "
                "this hotspot: typical, not a promise; confirm it by measurement."
            ).format(low=_plain(effect.low_pct), high=_plain(effect.high_pct),
                     saving="{:,.0f}".format(self.typical_saving_vnd))
        return text


def _plain(value: Decimal) -> str:
    return "{:f}".format(value.normalize())


def _vnd(hotspot: Hotspot) -> Decimal:
    raw = hotspot.cost_vnd
    value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    if not value.is_finite() or value < 0:
        raise DomainError(
            _("Hotspot {hotspot}: the cost of losses {value} VND must be a number of zero or "
              "more.").format(hotspot=hotspot.key, value=raw), "cost_vnd")
    return value


def _check_causes(hotspot: Hotspot) -> tuple[str, ...]:
    codes = tuple(hotspot.causes)
    for code in codes:
        if code not in CAUSES:
            raise DomainError(
                _("Hotspot {hotspot}: cause '{code}' is not in recp_causes.csv; use one of its "
                  "codes.").format(hotspot=hotspot.key, code=code), "causes")
    return codes


def _typical_saving(option: OptionTemplate, resource: str, cost_vnd: Decimal) -> Decimal | None:
    # A range saves the option's own resource; applied to another resource's loss it means nothing.
    if option.effect is None or option.resource != resource:
        return None
    return cost_vnd * option.effect.midpoint_pct / 100


def _rank(suggestion: Suggestion) -> tuple[int, Decimal, Decimal, int, str]:
    known = suggestion.typical_saving_vnd is not None
    return (
        0 if known else 1,
        -(suggestion.typical_saving_vnd or Decimal(0)),
        Decimal(0) if known else -suggestion.hotspot_cost_vnd,
        list(COST_CLASSES).index(suggestion.option.cost_class),
        suggestion.option.code,
    )


def suggest(hotspots: Iterable[Hotspot], sector_vsic: str, *, limit: int = 10,
            library: Mapping[str, OptionTemplate] | None = None) -> list[Suggestion]:
    """Options for a company of VSIC class ``sector_vsic`` from its ``hotspots``, ranked as the
    module docstring says; at most ``limit``. ``library`` defaults to :func:`option_library`
    (pass one with a consultant's own options added)."""
    if not (sector_vsic.isdigit() and len(sector_vsic) in (4, 5)):
        raise DomainError(_("The sector '{value}' is not a VSIC code of 4 or 5 digits.").format(
            value=sector_vsic), "sector_vsic")
    if limit < 1:
        raise DomainError(_("The number of suggestions must be at least 1, not {value}.").format(
            value=limit), "limit")
    candidates = [
        option for option in (library if library is not None else _shared_library()).values()
        if option.applies_to(sector_vsic)
    ]
    best: dict[str, Suggestion] = {}
    leads: dict[str, list[str]] = {}
    for hotspot in hotspots:
        cost_vnd, causes = _vnd(hotspot), _check_causes(hotspot)
        for option in candidates:
            matched = tuple(code for code in causes if code in option.causes)
            if not matched:
                continue
            leads.setdefault(option.code, []).append(hotspot.key)
            found = Suggestion(option, hotspot.key, matched, cost_vnd,
                               _typical_saving(option, hotspot.resource, cost_vnd))
            current = best.get(option.code)
            if current is None or _rank(found) < _rank(current):
                best[option.code] = found
    ranked = sorted(best.values(), key=_rank)[:limit]
    return [
        Suggestion(s.option, s.hotspot, s.causes, s.hotspot_cost_vnd, s.typical_saving_vnd,
                   tuple(key for key in leads[s.option.code] if key != s.hotspot))
        for s in ranked
    ]
