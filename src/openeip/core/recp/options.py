"""The RECP option library and suggestions from a company's hotspots (issue 3 §4).

The library is data: ``openeip/data/recp_options.csv`` (at least 150 options in the eight
UNEP/UNIDO categories, bilingual, each citing where it comes from) and
``openeip/data/recp_causes.csv`` (the ONE list of causes of losses; the hotspot engine tags its
losses with the same codes — read them from :data:`CAUSES` or :func:`causes_for`).

Suggestion links a hotspot to options through the causes they share (cause → option, recp.md
§1.1 "cause diagnosis") and keeps the options that fit the company's sector. A shared cause links
only when the option saves the hotspot's resource, the cause's own resource, or ``any``: a
management cause (resource ``any``, such as ``no_metering``) thus links a loss of fabric to
material options, not to cleaning lamps, while a water cause links wastewater to water options.

Ranking follows the methodology's focus on the costliest losses (recp.md §1.1, phase II):

1. hotspots in order of their cost :math:`C_h`, largest first;
2. within a hotspot, options with a known typical saving :math:`S` first, largest first; then
   the others; among equals, options linked through a cause of a resource before those linked
   only through management causes, then by cost class, cheapest first (no, low, medium, high),
   then by option code;
3. each hotspot contributes at most ``per_hotspot`` options not already suggested for a costlier
   one, until ``limit`` is reached — so the list covers the main losses instead of filling up
   with the few options whose literature gives a number.

.. math:: S = C_h \\cdot \\frac{e_{low} + e_{high}}{2} \\cdot \\frac{1}{100}

computed only when the option's effect range saves the hotspot's own resource.

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
An option appears once, for the costliest hotspot that leads to it; the other hotspots that
lead to it are listed in ``other_hotspots``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol

from openeip.core import formatting
from openeip.core.catalogues import data_text
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


@lru_cache(maxsize=1)
def cause_catalogue() -> Mapping[str, Cause]:
    """The causes of losses from recp_causes.csv, checked, keyed by code (read once)."""
    return MappingProxyType(read_causes(data_text(_CAUSES_FILE), filename=_CAUSES_FILE))


def option_library() -> dict[str, OptionTemplate]:
    """The option templates from recp_options.csv, checked, keyed by code (the file is read once).

    A copy is returned so that a caller adding its own options cannot change the shared library.
    """
    return dict(_shared_library())


@lru_cache(maxsize=1)
def _shared_library() -> Mapping[str, OptionTemplate]:
    return MappingProxyType(
        read_options(data_text(_OPTIONS_FILE), cause_catalogue(), filename=_OPTIONS_FILE)
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
                # xgettext:no-python-format
                "Typical saving {low}–{high} % of this resource, about {saving} VND a year on "
                "this hotspot: typical, not a promise; confirm it by measurement."
            ).format(low=_plain(effect.low_pct), high=_plain(effect.high_pct),
                     saving=formatting.fixed(self.typical_saving_vnd))
        return text


def _plain(value: Decimal) -> str:
    return formatting.number(value)


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


def _matching_causes(option: OptionTemplate, hotspot: Hotspot,
                     causes: tuple[str, ...]) -> tuple[str, ...]:
    def links(code: str) -> bool:
        cause_resource = CAUSES[code].resource
        return code in option.causes and (
            option.resource in (hotspot.resource, ANY_RESOURCE)
            or (cause_resource != ANY_RESOURCE and option.resource == cause_resource)
        )

    return tuple(code for code in causes if links(code))


def _only_general(suggestion: Suggestion) -> bool:
    return all(CAUSES[code].resource == ANY_RESOURCE for code in suggestion.causes)


def _rank_within_hotspot(suggestion: Suggestion) -> tuple[int, Decimal, bool, int, str]:
    saving = suggestion.typical_saving_vnd
    return (
        0 if saving is not None else 1,
        -(saving or Decimal(0)),
        _only_general(suggestion),
        list(COST_CLASSES).index(suggestion.option.cost_class),
        suggestion.option.code,
    )


def suggest(hotspots: Iterable[Hotspot], sector_vsic: str, *, limit: int = 10,
            per_hotspot: int = 3,
            library: Mapping[str, OptionTemplate] | None = None) -> list[Suggestion]:
    """Options for a company of VSIC class ``sector_vsic`` from its ``hotspots``, ranked as the
    module docstring says: at most ``per_hotspot`` per hotspot and ``limit`` in all.
    ``library`` defaults to :func:`option_library` (pass one with a consultant's own options)."""
    if not (sector_vsic.isdigit() and len(sector_vsic) in (4, 5)):
        raise DomainError(_("The sector '{value}' is not a VSIC code of 4 or 5 digits.").format(
            value=sector_vsic), "sector_vsic")
    for name, value in (("limit", limit), ("per_hotspot", per_hotspot)):
        if value < 1:
            raise DomainError(_("The number of suggestions must be at least 1, not "
                                "{value}.").format(value=value), name)
    candidates = [
        option for option in (library if library is not None else _shared_library()).values()
        if option.applies_to(sector_vsic)
    ]
    groups: list[tuple[Decimal, list[Suggestion]]] = []
    leads: dict[str, list[str]] = {}
    for hotspot in hotspots:
        cost_vnd, causes = _vnd(hotspot), _check_causes(hotspot)
        group = []
        for option in candidates:
            matched = _matching_causes(option, hotspot, causes)
            if matched:
                leads.setdefault(option.code, []).append(hotspot.key)
                group.append(Suggestion(option, hotspot.key, matched, cost_vnd,
                                        _typical_saving(option, hotspot.resource, cost_vnd)))
        groups.append((cost_vnd, sorted(group, key=_rank_within_hotspot)))
    chosen: list[Suggestion] = []
    taken: set[str] = set()
    for _cost, group in sorted(groups, key=lambda g: -g[0]):  # stable: ties keep input order
        fresh = [s for s in group if s.option.code not in taken][:per_hotspot]
        chosen.extend(fresh)
        taken.update(s.option.code for s in fresh)
    return [
        replace(s, other_hotspots=tuple(k for k in leads[s.option.code] if k != s.hotspot))
        for s in chosen[:limit]
    ]
