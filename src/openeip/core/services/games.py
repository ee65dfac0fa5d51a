"""Cost games of a shared facility: what each coalition of tenants would pay to be served together.

A *cost game* gives, for every coalition S ⊆ N of participants, the cost c(S) of serving the
members of S together (VND per year, or VND for an investment); c(∅) = 0. Two kinds:

* :class:`CoalitionTable` — the costs of the coalitions that matter, as stated by an engineer
  (every single tenant and the grand coalition N are required). A coalition whose cost is not
  stated costs the cheapest way of serving its members with coalitions that are stated (at
  worst each member alone), because it could always do that::

      c(S) = min over partitions {T₁ … T_k} of S into stated coalitions of Σ_j c(T_j)

* :class:`PooledLoad` — a cost function of pooled load: c(S) = f(Σ_{i∈S} w_i) where w_i is
  tenant i's metered load (e.g. flow × COD, kg COD/day) and f the cost of a plant that treats
  that load (e.g. :func:`power_law_cost`, the "six-tenths rule" of plant capital cost).

Coalitions are handled as bit masks: participant k (in the game's order) is bit 1 << k.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _

__all__ = ["CoalitionTable", "CostGame", "PooledLoad", "coalition_label", "members_of",
           "power_law_cost"]

#: more participants than this cannot be listed coalition by coalition (2^n rows)
MAX_PARTICIPANTS = 62


class CostGame(Protocol):
    """What the allocation methods need of a game."""

    @property
    def participants(self) -> tuple[str, ...]: ...

    def cost(self, mask: int) -> float:
        """c(S) of the coalition whose bit mask is ``mask`` (0 → 0)."""
        ...

    def stated(self) -> Mapping[int, float]:
        """The coalitions whose cost was given (mask → cost); for the stability check."""
        ...

    def loads(self) -> Mapping[str, float] | None:
        """Each participant's metered load, when the game knows it."""
        ...


def members_of(mask: int, participants: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for k, name in enumerate(participants) if mask >> k & 1)


def coalition_label(mask: int, participants: tuple[str, ...]) -> str:
    """'A+B+C': the members joined by '+', as in COALITIONS.csv."""
    return "+".join(members_of(mask, participants))


def _checked_cost(value: float, where: str) -> float:
    if not math.isfinite(value) or value < 0:
        raise DomainError(_(
            "The cost of {coalition} must be a number of VND of at least 0, not {value}."
        ).format(coalition=where, value=value), "cost_vnd")
    return float(value)


@dataclass(frozen=True)
class CoalitionTable:
    """Stated costs of coalitions; see the module docstring for the ones not stated.

    ``costs`` maps each coalition (an iterable of participant names) to its cost. Every
    participant must have its own row (its stand-alone cost) and the grand coalition must be
    stated; ``participant_loads`` optionally gives each participant's metered load for the
    load-proportional method.
    """

    costs: Mapping[frozenset[str], float]
    participant_loads: Mapping[str, float] | None = None
    _participants: tuple[str, ...] = field(init=False, repr=False)
    _masks: dict[int, float] = field(init=False, repr=False)
    _by_lowest: dict[int, list[tuple[int, float]]] = field(init=False, repr=False)
    _cover: dict[int, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: list[str] = sorted({name for members in self.costs for name in members})
        if not names:
            raise DomainError(_("No coalition was given."), "members")
        if len(names) > MAX_PARTICIPANTS:
            raise DomainError(_("At most {count} participants can share one facility.").format(
                count=MAX_PARTICIPANTS), "members")
        singles = {next(iter(members)) for members in self.costs if len(members) == 1}
        missing = [name for name in names if name not in singles]
        if missing:
            raise DomainError(_(
                "Give the stand-alone cost of {names}: every participant needs a row of its "
                "own.").format(names=", ".join(missing)), "members")
        if frozenset(names) not in self.costs:
            raise DomainError(_(
                "Give the cost of the grand coalition {coalition}: it is the cost to share."
            ).format(coalition="+".join(names)), "members")
        index = {name: k for k, name in enumerate(names)}
        masks: dict[int, float] = {}
        for members, value in self.costs.items():
            if not members:
                raise DomainError(_("A coalition has no members."), "members")
            mask = sum(1 << index[name] for name in members)
            masks[mask] = _checked_cost(value, "+".join(sorted(members)))
        by_lowest: dict[int, list[tuple[int, float]]] = {}
        for mask, value in masks.items():
            for k in range(len(names)):
                if mask >> k & 1:
                    by_lowest.setdefault(k, []).append((mask, value))
        if self.participant_loads is not None:
            _check_loads(self.participant_loads, names)
        object.__setattr__(self, "_participants", tuple(names))
        object.__setattr__(self, "_masks", masks)
        object.__setattr__(self, "_by_lowest", by_lowest)
        object.__setattr__(self, "_cover", {0: 0.0})

    @property
    def participants(self) -> tuple[str, ...]:
        return self._participants

    def cost(self, mask: int) -> float:
        stated = self._masks.get(mask)
        return stated if stated is not None else self._cheapest_cover(mask)

    def stated(self) -> Mapping[int, float]:
        return dict(self._masks)

    def loads(self) -> Mapping[str, float] | None:
        return self.participant_loads

    def _cheapest_cover(self, mask: int) -> float:
        """min Σ c(T_j) over partitions of ``mask`` into stated coalitions (memoised)."""
        known = self._cover.get(mask)
        if known is not None:
            return known
        lowest = (mask & -mask).bit_length() - 1
        best = math.inf
        for block, value in self._by_lowest.get(lowest, ()):
            if block & ~mask == 0:
                best = min(best, value + self._cheapest_cover(mask ^ block))
        self._cover[mask] = best
        return best


def _check_loads(loads: Mapping[str, float], names: Iterable[str]) -> None:
    for name in names:
        value = loads.get(name)
        if value is None:
            raise DomainError(_("The load of {name} is missing.").format(name=name), "load")
        if not math.isfinite(value) or value < 0:
            raise DomainError(_(
                "The load of {name} must be a number of at least 0, not {value}.").format(
                name=name, value=value), "load")
    if sum(loads[name] for name in names) <= 0:
        raise DomainError(_("The loads add up to 0: nothing to share in proportion."), "load")


@dataclass(frozen=True)
class PooledLoad:
    """c(S) = f(Σ_{i∈S} w_i): a plant sized for the pooled load of its members."""

    participant_loads: Mapping[str, float]
    cost_of_load: Callable[[float], float]
    _participants: tuple[str, ...] = field(init=False, repr=False)
    _weights: tuple[float, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names = tuple(sorted(self.participant_loads))
        if not names:
            raise DomainError(_("No participant was given."), "load")
        _check_loads(self.participant_loads, names)
        object.__setattr__(self, "_participants", names)
        object.__setattr__(self, "_weights",
                           tuple(float(self.participant_loads[n]) for n in names))

    @property
    def participants(self) -> tuple[str, ...]:
        return self._participants

    def cost(self, mask: int) -> float:
        if mask == 0:
            return 0.0
        load = math.fsum(w for k, w in enumerate(self._weights) if mask >> k & 1)
        return _checked_cost(self.cost_of_load(load), coalition_label(mask, self._participants))

    def stated(self) -> Mapping[int, float]:
        n = len(self._participants)
        singles = {1 << k: self.cost(1 << k) for k in range(n)}
        grand = (1 << n) - 1
        singles[grand] = self.cost(grand)
        return singles

    def loads(self) -> Mapping[str, float] | None:
        return self.participant_loads


def power_law_cost(reference_cost_vnd: float, reference_load: float,
                   exponent: float) -> Callable[[float], float]:
    """f(W) = C_ref · (W / W_ref)^b: the cost of a plant for load W scaled from a reference
    plant (C_ref for W_ref) with the economy-of-scale exponent b (0 < b ≤ 1; the engineering
    "six-tenths rule" takes b ≈ 0.6 — an assumption the caller states, not a fact of the plant).
    """
    if not (reference_cost_vnd >= 0 and reference_load > 0 and 0 < exponent <= 1):
        raise DomainError(_(
            "A power-law cost needs a reference cost ≥ 0, a reference load > 0 and an exponent "
            "in (0, 1]."), "cost_of_load")

    def cost(load: float) -> float:
        return 0.0 if load <= 0 else reference_cost_vnd * (load / reference_load) ** exponent

    return cost
